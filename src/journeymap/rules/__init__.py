"""Semantic rules: an explicit registry, one module per rule.

Each rule module has `ID` (a stable code), `NAME`, `SEVERITY` (the default), a docstring that is
its documentation, and `check(workspace)` yielding Findings. Loading problems have codes too
(JM001-JM010) so that `--select`, `--ignore` and the settings treat every problem alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from types import ModuleType
from typing import Protocol

from journeymap.findings import Finding
from journeymap.loader.workspace import Workspace, paused_gc
from journeymap.rules import (
    complaint_coverage,
    dependency_cycles,
    duplicate_ids,
    emotion_range,
    empty_stages,
    lifecycle_states,
    measurable_standards,
    moment_standards,
    references,
    standard_channels,
    target_units,
    touchpoint_owner,
)


class Rule(Protocol):
    ID: str
    NAME: str
    SEVERITY: str

    def check(self, ws: Workspace) -> Iterable[Finding]: ...


#: code -> (name, summary) of the problems the loader reports; always errors by default.
LOADER_CODES = {
    "JM001": ("yaml-syntax", "The file is not valid YAML (including tabs used for indentation)."),
    "JM002": ("duplicate-key", "A mapping has the same key twice; YAML would keep only one."),
    "JM003": ("unsafe-tag", "An object or custom tag (`!!python/...`, `!foo`): plain data only."),
    "JM004": ("limit-exceeded", "File size, nesting depth or alias expansion is over its limit."),
    "JM005": ("encoding", "The file is not UTF-8 (a BOM is fine)."),
    "JM006": ("not-a-workspace-file", "Empty, unreadable, or neither a journey nor a library."),
    "JM010": ("schema", "A key, type or value does not fit the format (see docs/format.md)."),
}

#: code -> (name, summary) of problems in the actuals and survey CSVs (`journeymap gaps`).
DATA_CODES = {
    "JM201": ("csv-format", "Not UTF-8, empty, unreadable, or missing required columns."),
    "JM202": ("unknown-standard", "An unknown or ambiguous standard or touchpoint id."),
    "JM203": ("bad-value", "A value, period, dimension or count that is not valid."),
    "JM204": ("unit-mismatch", "A unit that does not convert to the target's unit."),
    "JM205": ("duplicate-row", "Two rows for the same standard and period."),
    "JM206": ("score-out-of-scale", "A survey score outside the survey's scale."),
}

_MODULES: tuple[ModuleType, ...] = (
    duplicate_ids,
    references,
    dependency_cycles,
    touchpoint_owner,
    moment_standards,
    measurable_standards,
    standard_channels,
    emotion_range,
    complaint_coverage,
    empty_stages,
    target_units,
    lifecycle_states,
)
RULES: dict[str, Rule] = {module.ID: module for module in _MODULES}  # type: ignore[misc]
ALL_CODES: dict[str, str] = {
    **dict.fromkeys(LOADER_CODES, "error"),
    **{code: rule.SEVERITY for code, rule in RULES.items()},
}


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def check_workspace(
    ws: Workspace, select: list[str] | None = None, ignore: list[str] | None = None
) -> list[Finding]:
    """All findings of loading and of every rule, with severities from settings, sorted.

    `select`/`ignore` take codes or prefixes (`JM1` is every semantic rule).
    """
    levels = {**ALL_CODES, **ws.settings.rules}

    def active(code: str) -> bool:
        return levels[code] != "off" and (not select or _matches(code, select)) and \
            not (ignore and _matches(code, ignore))

    findings: list[Finding] = [f for f in ws.findings if active(f.code)]
    with paused_gc():
        for code, rule in RULES.items():
            if active(code):
                findings.extend(rule.check(ws))
    if ws.scope is not None:
        findings = [f for f in findings if f.file in ws.scope]
    return sorted({_with_level(f, levels[f.code]) for f in findings})


def _with_level(finding: Finding, level: str) -> Finding:
    if finding.severity == level:
        return finding
    return replace(finding, severity=level)  # type: ignore[arg-type]


def describe() -> Iterator[tuple[str, str, str, str]]:
    """(code, name, default severity, summary) of every code, for `journeymap rules`."""
    for code, (name, summary) in LOADER_CODES.items():
        yield code, name, "error", summary
    for code, rule in RULES.items():
        doc = (rule.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        yield code, rule.NAME, rule.SEVERITY, doc
    for code, (name, summary) in DATA_CODES.items():
        yield code, name, "error", summary
