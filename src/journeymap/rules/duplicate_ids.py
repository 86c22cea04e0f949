"""Ids are unique where they are looked up.

Journeys across the workspace; stages and touchpoints within a journey (touchpoint ids are
what `depends_on` and actuals name); standards within a touchpoint; teams, personas and library
standards across all library files. There is one complaint policy.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from journeymap.findings import Finding
from journeymap.loader.workspace import Workspace
from journeymap.resolve import applied_standards

ID = "JM101"
NAME = "duplicate-id"
SEVERITY = "error"


def _duplicates(kind: str, items: Iterable[tuple[str, Any]]) -> Iterator[Finding]:
    """items: (id, place) where place has .finding(code, message, *sub, at_key)."""
    first: dict[str, Any] = {}
    for item_id, place in items:
        if item_id not in first:
            first[item_id] = place
            continue
        other = first[item_id].finding(ID, "", "id")
        yield place.finding(
            ID, f"duplicate {kind} id {item_id!r} (first at {other.location})", "id"
        )


class _At:
    """A place inside a file, for ids that are not Entry objects (stages, touchpoints)."""

    def __init__(self, source: Any, path: tuple[Any, ...]) -> None:
        self.source, self.path = source, path

    def finding(self, code: str, message: str, *sub: Any, at_key: bool = False) -> Finding:
        return self.source.finding(code, message, (*self.path, *sub), at_key=at_key)


def check(ws: Workspace) -> Iterator[Finding]:
    yield from _duplicates("journey", ((e.item.id, e) for e in ws.journeys))
    for entry in ws.journeys:
        yield from _duplicates(
            "stage",
            ((s.id, _At(entry.source, ("stages", i))) for i, s in enumerate(entry.item.stages)),
        )
        yield from _duplicates(
            "touchpoint",
            (
                (tp.id, _At(entry.source, ("stages", si, "touchpoints", ti)))
                for si, _stage, ti, tp in entry.item.touchpoints()
            ),
        )
    by_touchpoint: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for applied in applied_standards(ws):
        by_touchpoint[(id(applied.journey), applied.touchpoint.id)].append(applied)
    for group in by_touchpoint.values():
        for dup in _duplicates("standard", ((a.id, a) for a in group)):
            yield dup
    for kind in ("teams", "personas", "standards"):
        yield from _duplicates(kind.rstrip("s"), ((e.item.id, e) for e in getattr(ws, kind)))
    for extra in ws.complaints[1:]:
        yield extra.finding(
            ID,
            "a second complaint policy (first at "
            f"{ws.complaints[0].finding(ID, '').location}): keep one",
        )
