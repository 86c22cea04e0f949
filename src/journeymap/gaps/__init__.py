"""Gap reports: where standards are missing, missed, or out of step with what customers
expect and what we promise them (the five gaps of the SERVQUAL model).

- analysis.py: `analyse`, the GapContext and the tuple of analyses (one module per gap);
- report.py: the findings and tables;
- formats.py: the output formats.

The registries the CLI reads at start-up live here, so that reading them imports nothing
else: the gaps, what `--fail-on` takes, and the formats by name.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from journeymap.gaps.report import GapReport

GAPS = {
    1: "knowledge",
    2: "standards",
    3: "delivery",
    4: "communication",
    5: "perception",
}
#: the report's sections: the five gaps, then what is not a gap: the outcome measures (how
#: customers responded, reported beside the gaps) and the standards without a figure
SECTIONS = (*GAPS.values(), "outcomes", "measurement")
#: what --fail-on takes: a section's name, a missed moment of truth, a period with no
#: actuals, a missed moment of truth no open action addresses, an overdue action
FAIL_ON = (*SECTIONS, "missed-mot", "no-data", "unplanned-miss", "overdue")
#: format name -> its writer `(report, colour) -> text or lines` in journeymap.gaps.formats,
#: imported only when used; the CLI's choices come from here. A new format is a function and
#: one line.
FORMATS = {
    "text": "to_text",
    "markdown": "to_markdown",
    "json": "to_json",
    "csv": "to_csv",
    "html": "to_html",
}


def render_lines(fmt: str, report: GapReport, color: bool = False) -> Iterable[str]:
    """The report in whole lines as they are made where its format is made so (JSON), else
    as one text: a large report is then written to its file as it is made."""
    text = getattr(import_module("journeymap.gaps.formats"), FORMATS[fmt])(report, color)
    return [text] if isinstance(text, str) else text
