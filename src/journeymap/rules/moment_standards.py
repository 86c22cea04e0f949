"""A moment of truth has at least one standard.

A moment of truth is where the customer decides whether we are as good as our word; if nothing
says what "good" means there, nobody can tell whether we won or lost it.
"""

from collections.abc import Iterator

from journeymap.findings import Finding
from journeymap.loader.workspace import Workspace, iter_touchpoints

ID = "JM105"
NAME = "moment-without-standard"
SEVERITY = "error"


def check(ws: Workspace) -> Iterator[Finding]:
    for entry, _stage, tp, path in iter_touchpoints(ws):
        if tp.is_moment_of_truth and not tp.standards:
            yield entry.source.finding(
                ID,
                f"moment of truth {tp.id!r} has no standard: add one under `standards:`",
                (*path, "moment_of_truth"),
                at_key=True,
            )
