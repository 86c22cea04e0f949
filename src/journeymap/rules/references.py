"""While a file of the workspace fails to load, the message names it where it could define the
missing name (a broken journey can hold touchpoints, not teams).
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from journeymap import codes
from journeymap.findings import Finding
from journeymap.hints import did_you_mean as suggest
from journeymap.workspace import Workspace

CODE = codes.UNKNOWN_REFERENCE
ID = CODE.code


def _unknown(kind: str, value: str, known: Iterable[str], lead: str = "",
             broken: tuple[str, ...] = (), plural: str = "") -> str:
    known = sorted(known)
    hint = suggest(value, known)
    if not hint:
        listing = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
        none = f"; there are no {plural or kind + 's'} in the workspace"
        hint = f"; known: {listing}" if known else none
    return f"{lead or f'unknown {kind} {value!r}'}{hint}{not_loaded(broken)}"


def unloaded(ws: Workspace, keys: Iterable[str] = ("teams", "personas", "standards", "stages")
             ) -> dict[str, tuple[str, ...]]:
    """Files that failed to load, by the top-level key they hold: only a broken file with
    `teams:` can define a team, only one with `stages:` (a journey) a touchpoint."""
    failed = {f.file for f in ws.findings if f.code in codes.LOADING}
    return {key: tuple(sorted(s.name for s in ws.files if s.name in failed and
                              re.search(rf"^{key}\s*:", s.text, re.MULTILINE)))
            for key in keys}


def not_loaded(broken: tuple[str, ...]) -> str:
    """What an "unknown" message adds while a file that could define the name fails to load."""
    return f" ({', '.join(broken)} did not load and may define it)" if broken else ""


def because(finding: Finding, broken: tuple[str, ...]) -> Finding:
    """The finding, listed after the files whose failure to load may have caused it."""
    return replace(finding, causes=broken) if broken else finding


def check(ws: Workspace) -> Iterator[Finding]:
    files = unloaded(ws)
    broken_teams, broken_journeys = files["teams"], files["stages"]
    teams = {e.item.id for e in ws.teams}
    personas = {e.item.id for e in ws.personas}
    library = {e.item.id for e in ws.standards}
    touchpoints = ws.touchpoint_ids

    def team(place: Any, value: str | None, *sub: Any) -> Iterator[Finding]:
        if value and value not in teams:
            message = _unknown("team", value, teams, broken=broken_teams)
            yield because(place.finding(ID, message, *sub), broken_teams)

    def covers(place: Any, needs: list[str]) -> Iterator[Finding]:
        for index, need in enumerate(needs):
            if need not in ws.need_ids:
                message = _unknown("need id", need, ws.need_ids,
                                   lead=f"no need or want has the id {need!r}")
                yield place.finding(ID, f"covers: {message}", "covers", index)

    for entry in ws.journeys:
        journey = entry.item
        yield from team(entry, journey.owner, "owner")
        for index, persona in enumerate(journey.personas):
            if persona not in personas:
                broken = files["personas"]
                message = _unknown("persona", persona, personas, broken=broken)
                yield because(entry.finding(ID, message, "personas", index), broken)
        for si, stage in enumerate(journey.stages):
            yield from team(entry, stage.owner, "stages", si, "owner")
        for si, _stage, ti, tp in journey.touchpoints():
            at = ("stages", si, "touchpoints", ti)
            yield from team(entry, tp.owner, *at, "owner")
            for di, ref in enumerate(tp.depends_on):
                other, _, tp_id = ref.rpartition("/")
                other = other or journey.id
                if other not in touchpoints:
                    message = _unknown("journey", other, touchpoints, broken=broken_journeys)
                elif tp_id not in touchpoints[other]:
                    lead = f"journey {other!r} has no touchpoint {tp_id!r}"
                    message = _unknown("touchpoint", tp_id, touchpoints[other], lead,
                                       broken_journeys)
                else:
                    continue
                finding = entry.finding(ID, f"depends_on: {message}", *at, "depends_on", di)
                yield because(finding, broken_journeys)
    for applied in ws.applied:
        if applied.use is not None and applied.library is None:
            broken = files["standards"]
            message = _unknown("library standard", applied.use, library, broken=broken)
            yield because(applied.finding(ID, message, "use"), broken)
        own = applied.touchpoint.standards[applied.path[-1]]
        yield from team(applied, own.owner, "owner")
        yield from covers(applied, own.covers)
    for placed in ws.touchpoints:
        promise = placed.touchpoint.promise
        if promise is not None and not isinstance(promise, str) and \
                ws.promised_standard(placed) is None:
            message = _unknown("standard", promise.standard, _as_named_from(ws, placed),
                               lead=f"promise: no standard {promise.standard!r} "
                               f"(an id at this touchpoint, touchpoint/id, or the full id)")
            yield placed.finding(ID, message, "promise", "standard")
    for entry in ws.standards:
        yield from team(entry, entry.item.owner, "owner")
        yield from covers(entry, entry.item.covers)
    for entry in ws.complaints:
        yield from team(entry, entry.item.owner, "owner")
    for entry in ws.actions:
        yield from team(entry, entry.item.owner, "owner")
        for index, ref in enumerate(entry.item.addresses):
            if ws.standard(ref) is None and ws.touchpoint(ref) is None:
                broken = broken_journeys
                message = _unknown("standard or touchpoint", ref, ws.addressable, broken=broken,
                                   plural="standards or touchpoints")
                yield because(entry.finding(ID, f"addresses: {message}", "addresses", index),
                               broken)


def _as_named_from(ws: Workspace, placed: Any) -> list[str]:
    """Every standard as a promise at `placed` would name it: the bare id at the touchpoint,
    `touchpoint/id` in its journey, the full id elsewhere."""
    names = []
    for applied in ws.applied:
        if applied.touchpoint is placed.touchpoint:
            names.append(applied.id)
        elif applied.journey is placed.journey:
            names.append(f"{applied.touchpoint.id}/{applied.id}")
        else:
            names.append(applied.fqid)
    return names
