"""journeymap as a library: what the commands compute, as Python data.

A notebook, a dashboard job or another tool can load a workspace, check it, read each
standard's status in a period and take the gap report as data, with the same results as the
command line (which is a thin layer over these calls):

    import journeymap

    ws = journeymap.load_workspace("path/to/workspace")
    problems = journeymap.validate(ws)               # validate's findings
    for status in journeymap.standard_statuses(ws, period="2026-Q3"):
        print(status.standard, status.status, status.actual, status.interval_text)
    report = journeymap.gap_report(ws)               # `journeymap gaps -f json`, as a dict

Errors are exceptions: `journeymap.errors.ContentError` (invalid content, with its findings)
and `journeymap.errors.UsageError` (a path or a period that cannot be used).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from journeymap.data import DataFiles, read
from journeymap.errors import ContentError
from journeymap.findings import Finding
from journeymap.periods import parse_period
from journeymap.statuses import Statuses
from journeymap.workspace import Workspace, open_workspace

__all__ = ["gap_report", "load_workspace", "standard_statuses", "validate"]


def load_workspace(path: str | Path = ".", *, tracked_only: bool = False) -> Workspace:
    """The workspace at `path` (its journeymap.toml, or journeys/ and standards/ side by
    side; a repository's one workspace in a sub-folder is found from its top), loaded and
    resolved, whether or not it is valid: `validate` says what is wrong with it. With
    `tracked_only`, the files git does not track are left out."""
    return open_workspace(Path(path), tracked_only=tracked_only)


def validate(ws: Workspace) -> list[Finding]:
    """Every finding `journeymap validate` reports on the workspace, sorted by file and
    position, with the severities its settings give."""
    from journeymap.rules import check_workspace

    return check_workspace(ws)


def _valid(ws: Workspace) -> Workspace:
    errors = [f for f in validate(ws) if f.severity == "error"]
    if errors:
        raise ContentError(f"the workspace has {len(errors)} error(s)", errors, ws.texts)
    return ws


def standard_statuses(ws: Workspace, period: str | None = None,
             actuals: list[str | Path] | None = None) -> Statuses:
    """Each applied standard's status (met, missed, no data) in `period` (such as 2026-Q3;
    by default the quarter of the latest figure), with its figure, 95 % interval, process
    behaviour chart and verdict, from `actuals` (by default the settings' folders)."""
    files = DataFiles.of(_valid(ws), [Path(a) for a in actuals] if actuals is not None
                         else None).only("actuals")
    data = read(ws, files, parse_period(period) if period else None)
    return data.statuses(ws) or Statuses(data.period, ())


def gap_report(ws: Workspace, period: str | None = None, as_of: date | None = None) -> dict:
    """The gap report as `journeymap gaps -f json` writes it (the schema of docs/gaps.md),
    from the settings' actuals, surveys, complaints and customer counts."""
    from journeymap.gaps import render_lines
    from journeymap.gaps.analysis import analyse

    data = read(_valid(ws), DataFiles.of(ws), parse_period(period) if period else None,
                as_of)
    document: dict = json.loads("".join(render_lines("json", analyse(ws, data))))
    return document
