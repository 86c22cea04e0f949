"""Complaint touchpoints, across the workspace, cover every channel of the complaint policy.

A customer must be able to complain through every channel the policy lists; a channel with no
`kind: complaint` touchpoint in any journey is a door with no one behind it.
"""

from collections.abc import Iterator

from journeymap.findings import Finding
from journeymap.loader.workspace import Workspace, iter_touchpoints

ID = "JM109"
NAME = "complaint-channel-uncovered"
SEVERITY = "warning"


def check(ws: Workspace) -> Iterator[Finding]:
    policy = ws.complaint_policy
    if policy is None:
        return
    covered = {tp.channel for _e, _s, tp, _p in iter_touchpoints(ws) if tp.kind == "complaint"}
    for index, channel in enumerate(policy.item.channels):
        if channel not in covered:
            yield policy.finding(
                ID,
                f"complaint channel {channel!r} has no `kind: complaint` touchpoint in any "
                "journey",
                "channels",
                index,
            )
