""""Friendly service" is a slogan; "answer 80% of calls within 20 seconds, from the telephony
report" is a standard. Library standards are checked where they are defined, and again
where they are applied (a `use:` may override the target or source).
"""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.workspace import Workspace, unmeasured

CODE = codes.UNMEASURABLE_STANDARD
ID = CODE.code


def _message(standard_id: str, missing: list[str]) -> str:
    return f"standard {standard_id!r} has no {' or '.join(missing)}: " \
        "a standard needs a metric, a measurable target and a source for the actual figure"


def check(ws: Workspace) -> Iterator[Finding]:
    for entry in ws.standards:
        missing = unmeasured(entry.item)
        if missing:
            yield entry.finding(ID, _message(entry.item.id, missing), "id")
    for applied in ws.applied:
        if applied.use is not None:
            continue  # inherits from the library: checked there (or JM102 if unknown)
        missing = unmeasured(applied)
        if missing:
            yield applied.finding(ID, _message(applied.id, missing), "id")
