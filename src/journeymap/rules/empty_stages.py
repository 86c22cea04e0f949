"""A stage has touchpoints: an empty stage is a gap in the map (or a leftover)."""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.workspace import Workspace

CODE = codes.EMPTY_STAGE
ID = CODE.code


def check(ws: Workspace) -> Iterator[Finding]:
    for entry in ws.journeys:
        for index, stage in enumerate(entry.item.stages):
            if not stage.touchpoints:
                yield entry.finding(ID, f"stage {stage.id!r} has no touchpoints", "stages", index)
