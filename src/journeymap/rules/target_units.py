"""An unknown unit is almost always a typo, and a typo'd unit never converts, so the standard
could never be compared with its actuals. Declare your own units (`units = ["calls"]`).
"""

from collections.abc import Iterator
from typing import Any

from journeymap import codes
from journeymap.findings import Finding
from journeymap.hints import did_you_mean as suggest
from journeymap.targets import BUILTIN_UNITS, UNIT_ALIASES
from journeymap.workspace import Workspace

CODE = codes.UNKNOWN_UNIT
ID = CODE.code


def _targets(ws: Workspace) -> Iterator[tuple[Any, tuple[Any, ...], Any]]:
    """(place, path, target) for every target in the workspace."""
    for placed in ws.touchpoints:
        for index, item in enumerate(placed.touchpoint.standards):
            for key in ("target", "assumed_expectation"):
                yield (placed.journey.source, (*placed.path, "standards", index, key),
                       getattr(item, key))
    for entry in ws.standards:
        for key in ("target", "assumed_expectation"):
            yield entry.source, (*entry.path, key), getattr(entry.item, key)
    for entry in ws.personas:
        for index, expectation in enumerate(entry.item.expectations):
            yield entry.source, (*entry.path, "expectations", index, "target"), expectation.target
    for entry in ws.complaints:
        for key in ("acknowledge", "resolve"):
            yield entry.source, (*entry.path, key), getattr(entry.item, key)


def check(ws: Workspace) -> Iterator[Finding]:
    known = {*BUILTIN_UNITS, *ws.settings.units}
    for source, path, target in _targets(ws):
        if target is not None and target.unit is not None and target.unit not in known:
            hint = suggest(target.unit, [*known, *UNIT_ALIASES]) or \
                "; declare your own units in settings: units = [...]"
            yield source.finding(ID, f"unknown unit {target.unit!r} in target '{target}'{hint}",
                                 path)
