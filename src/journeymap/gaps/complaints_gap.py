"""What the complaints register says to the gap report.

- A touchpoint customers complain about while every one of its measured standards was met:
  the standards measure something other than what customers experience there (gap 2).
- The share of closed complaints resolved to the customer's satisfaction, over the 12 months
  up to the report period, replaces the revenue model's `resolved_share` default when the
  register holds enough of them (gaps.revenue.resolved_input).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from journeymap.complaints.register import Register
from journeymap.gaps.report import GapFinding
from journeymap.gaps.revenue import MeasuredResolved
from journeymap.periods import Period, parse_period
from journeymap.statuses import Statuses
from journeymap.workspace import Workspace

#: fewer complaints than this at a touchpoint are not read as a pattern
MIN_COMPLAINTS = 5


@dataclass(frozen=True)
class Heard:
    """The register's complaints in the report period."""

    touchpoints: Counter[str] = field(default_factory=Counter)
    #: the resolved share of the 12 months up to the report period, when any closed
    resolved: MeasuredResolved | None = None

    @classmethod
    def of(cls, register: Register, period: Period | None) -> Heard:
        if period is None:
            return cls()
        touchpoints: Counter[str] = Counter()
        outcomes: Counter[str] = Counter()
        for quarter, tally in register.sorted_quarters():
            received = parse_period(quarter)
            if period.holds(received):
                touchpoints.update(tally.touchpoints)
            if period.end - 12 < received.end <= period.end:
                outcomes.update(tally.outcomes)
        closed = outcomes["resolved"] + outcomes["unresolved"]
        resolved = None
        if closed:
            resolved = MeasuredResolved(
                outcomes["resolved"] / closed, closed,
                f"measured: {outcomes['resolved']:,} of {closed:,} complaints received in the "
                f"12 months to {period.text} and closed were resolved "
                f"({', '.join(register.files)})")
        return cls(touchpoints, resolved)


def findings(ws: Workspace, statuses: Statuses, heard: Heard) -> Iterator[GapFinding]:
    for placed in ws.touchpoints:
        count = heard.touchpoints.get(placed.key, 0)
        if count < MIN_COMPLAINTS:
            continue
        counts = statuses.counts(placed)
        if counts["met"] and not counts["missed"]:
            period = statuses.period.text if statuses.period else ""
            yield GapFinding(
                "complaints-despite-standards-met", placed.journey.item.id,
                placed.touchpoint.id,
                f"{count} complaints in {period} name this touchpoint while "
                + ("its one measured standard was met: does it" if counts["met"] == 1 else
                   f"all {counts['met']} of its measured standards were met: do they")
                + " measure what customers complain about?",
                team=placed.owner, moment_of_truth=placed.touchpoint.is_moment_of_truth)
