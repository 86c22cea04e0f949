"""Journeys across the workspace; stages and touchpoints within a journey (touchpoint ids are
what `depends_on` and actuals name); standards within a touchpoint; teams, personas and library
standards and improvement actions across all library files. There is one complaint policy.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from journeymap import codes
from journeymap.findings import Finding
from journeymap.workspace import Workspace

CODE = codes.DUPLICATE_ID
ID = CODE.code

#: (id, where) pairs; `where` is only called for a duplicate, to build its Finding.
Place = Callable[[str], Finding]


def _duplicates(kind: str, items: Iterable[tuple[str, Place]]) -> Iterator[Finding]:
    first: dict[str, Place] = {}
    for item_id, place in items:
        if item_id not in first:
            first[item_id] = place
            continue
        other = first[item_id]("").location
        yield place(f"duplicate {kind} id {item_id!r} (first at {other})")


def _at(source: Any, path: tuple[Any, ...]) -> Place:
    return lambda message: source.finding(ID, message, (*path, "id"))


def check(ws: Workspace) -> Iterator[Finding]:
    yield from _duplicates("journey", ((e.item.id, _at(e.source, e.path)) for e in ws.journeys))
    for entry in ws.journeys:
        source = entry.source
        yield from _duplicates(
            "stage",
            ((s.id, _at(source, ("stages", i))) for i, s in enumerate(entry.item.stages)),
        )
        yield from _duplicates(
            "touchpoint",
            (
                (tp.id, _at(source, ("stages", si, "touchpoints", ti)))
                for si, _stage, ti, tp in entry.item.touchpoints()
            ),
        )
    previous, group = None, []
    for applied in [*ws.applied, None]:  # grouped by touchpoint, in order
        key = (id(applied.journey), applied.touchpoint.id) if applied else None
        if key != previous:
            yield from _duplicates(
                "standard", ((a.id, _at(a.journey.source, a.path)) for a in group)
            )
            previous, group = key, []
        if applied:
            group.append(applied)
    for kind in ("teams", "personas", "standards", "actions", "calendars"):
        yield from _duplicates(
            kind.rstrip("s"), ((e.item.id, _at(e.source, e.path)) for e in getattr(ws, kind))
        )
    yield from _need_ids(ws)
    for extra in ws.complaints[1:]:
        first = ws.complaints[0].finding(ID, "").location
        yield extra.finding(ID, f"a second complaint policy (first at {first}): keep one")


def _need_ids(ws: Workspace) -> Iterator[Finding]:
    """A need id names one need across the workspace, so that `covers:` is unambiguous; a
    touchpoint may repeat a persona's need (same id, same text), not reuse its id."""
    first: dict[str, tuple[str, Place]] = {}
    for place, sub, need in ws.identified_needs:
        def here(message: str, place: Any = place, sub: tuple = sub) -> Finding:
            return place.finding(ID, message, *sub, "id")

        text, other = first.setdefault(need.id, (need.text, here))
        if text != need.text:
            yield here(f"need id {need.id!r} is already used for {text!r} "
                       f"(at {other('').location}): one id, one need")
