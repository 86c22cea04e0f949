"""`emotion` is the expected feeling from 1 (very unhappy) to 5 (delighted)."""

from collections.abc import Iterator

from journeymap.findings import Finding
from journeymap.loader.workspace import Workspace, iter_touchpoints

ID = "JM108"
NAME = "emotion-range"
SEVERITY = "error"


def check(ws: Workspace) -> Iterator[Finding]:
    for entry, _stage, tp, path in iter_touchpoints(ws):
        if tp.emotion is not None and not 1 <= tp.emotion <= 5:
            yield entry.source.finding(
                ID,
                f"emotion {tp.emotion} is out of range: use 1 (very unhappy) to 5 (delighted)",
                (*path, "emotion"),
            )
