"""Semantic rules: an explicit registry, one module per rule.

Each rule module has `CODE` (its entry in journeymap.codes: code, name, default severity,
summary), a docstring that says more, and `check(workspace)` yielding Findings. Loading and
data problems have codes too, so `--select`, `--ignore` and the settings treat every problem
alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from types import ModuleType
from typing import Protocol

from journeymap import codes
from journeymap.codes import Code
from journeymap.findings import Finding
from journeymap.memory import paused_gc
from journeymap.rules import (
    action_plans,
    complaint_coverage,
    dependency_cycles,
    duplicate_ids,
    emotion_range,
    empty_stages,
    lifecycle_states,
    measurable_standards,
    measure_definitions,
    moment_standards,
    references,
    standard_channels,
    target_units,
    touchpoint_owner,
)
from journeymap.workspace import Workspace


class Rule(Protocol):
    CODE: Code

    def check(self, ws: Workspace) -> Iterable[Finding]: ...


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
    action_plans,
    measure_definitions,
)
RULES: dict[str, Rule] = {module.CODE.code: module for module in _MODULES}  # type: ignore[misc]


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def check_workspace(
    ws: Workspace, select: list[str] | None = None, ignore: list[str] | None = None
) -> list[Finding]:
    """All findings of loading and of every rule, with severities from settings, sorted.

    `select`/`ignore` take codes or prefixes (`JM1` is every semantic rule).
    """
    levels = {**{code.code: code.severity for code in codes.ALL.values()}, **ws.settings.rules}

    def active(code: str) -> bool:
        return levels[code] != "off" and (not select or _matches(code, select)) and \
            not (ignore and _matches(code, ignore))

    findings: list[Finding] = [f for f in ws.findings if active(f.code)]
    loaded = {source.name for source in ws.files}
    incomplete = any(f.file in loaded for f in ws.findings if f.code in codes.LOADING)
    with paused_gc():
        for code, rule in RULES.items():
            if active(code) and not (incomplete and getattr(rule, "NEEDS_EVERY_FILE", False)):
                findings.extend(rule.check(ws))
    if ws.scope is not None:
        findings = [f for f in findings if f.file in ws.scope]
    findings = _root_causes_first({_with_level(f, levels[f.code]) for f in findings})
    return findings


def _root_causes_first(findings: Iterable[Finding]) -> list[Finding]:
    """One mistake reads as one error: a file that did not load comes first, and references
    that may point into it are folded into its finding as a count, not listed one by one."""
    causes = {f.file: f for f in sorted(findings) if f.code in codes.LOADING}
    folded: dict[str, int] = {}
    kept = []
    for finding in findings:
        reported = [name for name in finding.causes if name in causes]
        if reported:
            for name in reported:
                folded[name] = folded.get(name, 0) + 1
        else:
            kept.append(finding)
    for name, count in folded.items():
        cause = causes[name]
        kept.remove(cause)
        kept.append(replace(cause, message=f"{cause.message} ({count} reference"
                            f"{'s' * (count != 1)} to names it may define could not be "
                            "checked until it loads)"))
    return sorted(kept, key=lambda f: (f.code not in codes.LOADING, f))


def _with_level(finding: Finding, level: str) -> Finding:
    if finding.severity == level:
        return finding
    return replace(finding, severity=level)  # type: ignore[arg-type]
