"""Applied standards: each standard at each touchpoint, with `use:` merged with the library.

A standard is known everywhere as `journey-id/touchpoint-id/standard-id` (for `use:` the
library id is the standard id). Rules, gap reports, diagrams and the handbook all read
standards through here, so a local override means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from journeymap.loader.workspace import Entry, Workspace, iter_touchpoints
from journeymap.model import Journey, LibraryStandard, Stage, StandardUse, Touchpoint
from journeymap.targets import Target

_OVERRIDABLE = ("statement", "target", "source", "review", "owner")


def touchpoint_owner(journey: Journey, stage: Stage, touchpoint: Touchpoint) -> str | None:
    """The touchpoint's own owner, else its stage's, else its journey's."""
    return touchpoint.owner or stage.owner or journey.owner


@dataclass(frozen=True)
class AppliedStandard:
    journey: Entry[Journey]
    stage: Stage
    touchpoint: Touchpoint
    path: tuple[Any, ...]  # of the standard item in its journey file
    id: str
    statement: str | None
    dimension: str | None
    metric: str | None
    target: Target | None
    source: str | None
    review: str | None
    owner: str | None  # the standard's own owner or the touchpoint's
    use: str | None  # the library id, for `use:`
    library: LibraryStandard | None  # the library standard, when `use:` resolves
    overrides: tuple[str, ...]  # keys the touchpoint overrides

    @cached_property
    def fqid(self) -> str:
        return f"{self.journey.item.id}/{self.touchpoint.id}/{self.id}"

    def finding(self, code: str, message: str, *sub: Any, at_key: bool = False) -> Any:
        return self.journey.source.finding(code, message, (*self.path, *sub), at_key=at_key)


def applied_standards(ws: Workspace) -> list[AppliedStandard]:
    """Every standard at every touchpoint, resolved once per workspace and cached on it.

    An unknown `use:` gives the bare use with no library values (rule JM102 reports it).
    """
    if ws.applied is None:
        ws.applied = list(_resolve_all(ws))
    return ws.applied


def _resolve_all(ws: Workspace) -> Iterator[AppliedStandard]:
    for entry, stage, tp, tp_path in iter_touchpoints(ws):
        owner = touchpoint_owner(entry.item, stage, tp)
        for index, item in enumerate(tp.standards):
            path = (*tp_path, "standards", index)
            if isinstance(item, StandardUse):
                base = ws.library_standard(item.use)
                overrides = tuple(k for k in _OVERRIDABLE if getattr(item, k) is not None)
                pick = {
                    k: getattr(item, k) if getattr(item, k) is not None
                    else getattr(base, k, None)
                    for k in _OVERRIDABLE
                }
                yield AppliedStandard(
                    entry, stage, tp, path, item.use,
                    pick["statement"], getattr(base, "dimension", None),
                    getattr(base, "metric", None), pick["target"], pick["source"],
                    pick["review"], pick["owner"] or owner, item.use, base, overrides,
                )
            else:
                yield AppliedStandard(
                    entry, stage, tp, path, item.id, item.statement, item.dimension,
                    item.metric, item.target, item.source, item.review,
                    item.owner or owner, None, None, (),
                )
