"""Output formats for findings: one module per format, chosen by name.

A reporter turns a `Report` (findings, summary, source texts) into a string; printing and
exit codes stay in the CLI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from journeymap.findings import Finding, Summary


@dataclass
class Report:
    findings: list[Finding]
    summary: Summary
    sources: Mapping[str, str] = field(default_factory=dict)  # file name -> text, for snippets
    color: bool = False
    quiet: bool = False
    #: the workspace root and the folder file names are relative to (SARIF's URIs are
    #: relative to the root whatever the current folder)
    root: Path | None = None
    base: Path | None = None


#: format name -> module with `render(report) -> str`, imported only when used; the CLI's
#: choices come from here. A new format is a module and one line.
REPORTERS = {
    "text": "journeymap.reporters.text",
    "json": "journeymap.reporters.json_report",
    "github": "journeymap.reporters.github",
    "sarif": "journeymap.reporters.sarif",
    "junit": "journeymap.reporters.junit",
}


def render(fmt: str, report: Report) -> str:
    return import_module(REPORTERS[fmt]).render(report)
