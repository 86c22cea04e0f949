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
    #: the top of the git repository holding the workspace: CI systems (GitHub annotations,
    #: SARIF, GitLab's JUnit) name files from there, wherever journeymap ran
    repository: Path | None = None
    strict: bool = False  # warnings fail the run, so they fail in JUnit too
    docs_url: str | None = None  # the documentation site: SARIF links each rule's page

    def ci_path(self, finding: Finding) -> str:
        """The finding's file relative to the repository top (else the workspace root), in
        `/` form; its own name when it lies outside, or when neither is known."""
        top = self.repository or self.root
        if top is None or self.base is None:
            return finding.file
        return finding.named_from(self.base, top)

    def fails(self, finding: Finding) -> bool:
        return finding.severity == "error" or self.strict

#: format name -> module with `render(report) -> str`, imported only when used; the CLI's
#: choices come from here. A new format is a module and one line.
REPORTERS = {
    "text": "journeymap.reporters.text",
    "json": "journeymap.reporters.json_report",
    "github": "journeymap.reporters.github",
    "sarif": "journeymap.reporters.sarif",
    "junit": "journeymap.reporters.junit",
    "gitlab": "journeymap.reporters.gitlab",
}


def render(fmt: str, report: Report) -> str:
    return import_module(REPORTERS[fmt]).render(report)
