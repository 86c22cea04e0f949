"""Output formats for findings: one module per format, chosen by name.

A reporter turns a `Report` (findings, summary, source texts) into a string; printing and
exit codes stay in the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from journeymap.findings import Finding, Summary


@dataclass
class Report:
    findings: list[Finding]
    summary: Summary
    sources: dict[str, str] = field(default_factory=dict)  # file name -> text, for snippets
    color: bool = False
    quiet: bool = False


def _text(report: Report) -> str:
    from journeymap.reporters.text import render

    return render(report)


def _json(report: Report) -> str:
    from journeymap.reporters.json_report import render

    return render(report)


def _github(report: Report) -> str:
    from journeymap.reporters.github import render

    return render(report)


def _sarif(report: Report) -> str:
    from journeymap.reporters.sarif import render

    return render(report)


def _junit(report: Report) -> str:
    from journeymap.reporters.junit import render

    return render(report)


REPORTER_BY_NAME: dict[str, Callable[[Report], str]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "sarif": _sarif,
    "junit": _junit,
}
