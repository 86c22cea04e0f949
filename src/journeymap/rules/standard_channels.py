"""A library standard may list `channels:` (an "answer within 20 seconds" standard is for the
phone). Applying it at a touchpoint on another channel usually means the wrong standard was
picked; define a local standard instead.
"""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.workspace import Workspace

CODE = codes.STANDARD_CHANNEL_MISMATCH
ID = CODE.code


def check(ws: Workspace) -> Iterator[Finding]:
    for applied in ws.applied:
        channels = applied.library.channels if applied.library else None
        if channels and applied.touchpoint.channel not in channels:
            yield applied.finding(
                ID,
                f"library standard {applied.id!r} is for {', '.join(channels)}, but touchpoint "
                f"{applied.touchpoint.id!r} is on {applied.touchpoint.channel}",
                "use",
            )
