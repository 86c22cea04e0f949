"""The complaints register: every complaint from every channel, logged and analysed to find
the real problem behind it.

- register.py: reading complaints/*.csv as a stream, tallied by quarter;
- report.py: the clock against the policy, closed channels, the Pareto of causes;
- formats.py: the output formats.

The formats by name live here, so that the CLI's choices import nothing else.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeymap.complaints.report import ComplaintsReport

FORMATS = {"text": "to_text", "markdown": "to_markdown", "json": "to_json", "csv": "to_csv",
           "html": "to_html"}


def render(fmt: str, report: ComplaintsReport) -> str:
    return getattr(import_module("journeymap.complaints.formats"), FORMATS[fmt])(report)
