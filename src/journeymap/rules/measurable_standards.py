"""A standard is measurable: it has a metric, a target, and a source for the actual figure.

"Friendly service" is a slogan; "answer 80% of calls within 20 seconds, from the telephony
report" is a standard. Library standards are checked where they are defined, and again
where they are applied (a `use:` may override the target or source).
"""

from collections.abc import Iterator
from typing import Any

from journeymap.findings import Finding
from journeymap.loader.workspace import Workspace
from journeymap.resolve import applied_standards

ID = "JM106"
NAME = "unmeasurable-standard"
SEVERITY = "error"


def _missing(standard: Any) -> list[str]:
    return [
        what
        for what, value in (
            ("a metric", standard.metric),
            ("a target", standard.target),
            ("a source", standard.source),
        )
        if value is None
    ]


def _message(standard_id: str, missing: list[str]) -> str:
    return f"standard {standard_id!r} has no {' or '.join(m[2:] for m in missing)}: " \
        "a standard needs a metric, a measurable target and a source for the actual figure"


def check(ws: Workspace) -> Iterator[Finding]:
    for entry in ws.standards:
        missing = _missing(entry.item)
        if missing:
            yield entry.finding(ID, _message(entry.item.id, missing), "id")
    for applied in applied_standards(ws):
        if applied.use is not None:
            continue  # inherits from the library: checked there (or JM102 if unknown)
        missing = _missing(applied)
        if missing:
            yield applied.finding(ID, _message(applied.id, missing), "id")
