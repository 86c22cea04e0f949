"""The default states are prospect, new, satisfied, loyal and advocate; a journey may list
its own."""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.hints import did_you_mean as suggest
from journeymap.workspace import Workspace

CODE = codes.UNKNOWN_LIFECYCLE_STATE
ID = CODE.code


def check(ws: Workspace) -> Iterator[Finding]:
    for entry in ws.journeys:
        states = entry.item.lifecycle
        for index, stage in enumerate(entry.item.stages):
            if stage.lifecycle is not None and stage.lifecycle not in states:
                hint = suggest(stage.lifecycle, states) or f"; use one of {', '.join(states)}"
                yield entry.finding(
                    ID,
                    f"stage {stage.id!r}: unknown lifecycle state {stage.lifecycle!r}{hint}",
                    "stages", index, "lifecycle",
                )
