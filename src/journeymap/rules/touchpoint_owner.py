"""Every touchpoint has an owner: its own `owner`, else its stage's, else its journey's.

A touchpoint nobody owns is a standard nobody answers for; the owner is who a complaint about
it goes to, and who reviews its standards in the plan-do-check-act cycle.
"""

from collections.abc import Iterator

from journeymap.findings import Finding
from journeymap.loader.workspace import Workspace, iter_touchpoints
from journeymap.resolve import touchpoint_owner

ID = "JM104"
NAME = "missing-owner"
SEVERITY = "error"


def check(ws: Workspace) -> Iterator[Finding]:
    for entry, stage, tp, path in iter_touchpoints(ws):
        if not touchpoint_owner(entry.item, stage, tp):
            yield entry.source.finding(
                ID,
                f"touchpoint {tp.id!r} has no owner: set `owner:` on it, its stage or the journey",
                path,
            )
