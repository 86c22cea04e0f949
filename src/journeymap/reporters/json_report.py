"""Versioned JSON: {"version": 1, "diagnostics": [...], "summary": {...}}."""

from __future__ import annotations

import json

from journeymap.reporters import Report

VERSION = 1


def render(report: Report) -> str:
    document = {
        "version": VERSION,
        "diagnostics": [
            {
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "severity": f.severity,
                "message": f.message,
                "path": f.path,
            }
            for f in report.findings
        ],
        "summary": {
            "files": report.summary.files,
            "errors": report.summary.errors,
            "warnings": report.summary.warnings,
            "ignored": report.summary.ignored,
            "baselined": report.summary.baselined,
            "fixed": report.summary.fixed,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
