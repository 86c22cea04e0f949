"""A moment of truth is where the customer decides whether we are as good as our word; if nothing
says what "good" means there, nobody can tell whether we won or lost it.
"""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.workspace import Workspace

CODE = codes.MOMENT_WITHOUT_STANDARD
ID = CODE.code


def check(ws: Workspace) -> Iterator[Finding]:
    for placed in ws.touchpoints:
        tp = placed.touchpoint
        if tp.is_moment_of_truth and not tp.standards:
            yield placed.finding(
                ID,
                f"moment of truth {tp.id!r} has no standard: add one under `standards:`",
                "moment_of_truth",
                at_key=True,
            )
