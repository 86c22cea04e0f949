"""`emotion` is the expected feeling from 1 (very unhappy) to 5 (delighted)."""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.workspace import Workspace

CODE = codes.EMOTION_RANGE
ID = CODE.code


def check(ws: Workspace) -> Iterator[Finding]:
    for placed in ws.touchpoints:
        emotion = placed.touchpoint.emotion
        if emotion is not None and not 1 <= emotion <= 5:
            yield placed.finding(
                ID, f"emotion {emotion} is out of range: use 1 (very unhappy) to 5 (delighted)",
                "emotion")
