"""A customer must be able to complain through every channel the policy lists; a channel with no
`kind: complaint` touchpoint in any journey is a door with no one behind it.
"""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.workspace import Workspace

CODE = codes.COMPLAINT_CHANNEL_UNCOVERED
ID = CODE.code
#: coverage across journeys: meaningless while a file is missing (it may hold the touchpoint)
NEEDS_EVERY_FILE = True


def check(ws: Workspace) -> Iterator[Finding]:
    policy = ws.complaint_policy
    if policy is None:
        return
    covered = {p.touchpoint.channel for p in ws.touchpoints if p.touchpoint.kind == "complaint"}
    for index, channel in enumerate(policy.item.channels):
        if channel not in covered:
            yield policy.finding(
                ID,
                f"complaint channel {channel!r} has no `kind: complaint` touchpoint in any "
                "journey",
                "channels",
                index,
            )
