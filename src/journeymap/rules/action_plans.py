"""An action due before it was opened, or expecting '<= 30 s' of a standard measured in %,
can never be checked: the plan-do-check-act loop would report on it wrongly, so it is an error.
"""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.workspace import Workspace

CODE = codes.ACTION_PLAN
ID = CODE.code


def check(ws: Workspace) -> Iterator[Finding]:
    for entry in ws.actions:
        action = entry.item
        for key in ("due", "closed"):
            day = getattr(action, key)
            if day is not None and day < action.opened:
                yield entry.finding(ID, f"{key} {day} is before the action was opened "
                                    f"({action.opened})", key)
        if action.expect is None:
            continue
        for standard in ws.addressed(action):
            target = standard.target
            if target is not None and action.expect.in_unit(target.unit) is None:
                yield entry.finding(
                    ID, f"expect '{action.expect}' is not in the unit of {standard.fqid}'s "
                    f"target '{target}'", "expect")
