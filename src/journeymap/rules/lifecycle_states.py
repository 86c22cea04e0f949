"""A stage's `lifecycle` is one of its journey's lifecycle states.

The default states are prospect, new, satisfied, loyal and advocate; a journey may list its own.
"""

from collections.abc import Iterator

from journeymap.findings import Finding
from journeymap.loader.shape import suggest
from journeymap.loader.workspace import Workspace

ID = "JM112"
NAME = "unknown-lifecycle-state"
SEVERITY = "error"


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
