"""A touchpoint nobody owns is a standard nobody answers for; the owner is who a complaint about
it goes to, and who reviews its standards in the plan-do-check-act cycle.
"""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.workspace import Workspace

CODE = codes.MISSING_OWNER
ID = CODE.code


def check(ws: Workspace) -> Iterator[Finding]:
    for placed in ws.touchpoints:
        if not placed.owner:
            yield placed.finding(
                ID,
                f"touchpoint {placed.touchpoint.id!r} has no owner: set `owner:` on it, its "
                "stage or the journey",
            )
