"""What the complaints register says to the gap report.

- A touchpoint customers complain about while every one of its measured standards was met:
  the standards measure something other than what customers experience there (gap 2).
- The share of closed complaints resolved to the customer's satisfaction, measured in the
  report period, replaces the revenue model's `resolved_share` assumption.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from journeymap.complaints.register import Register
from journeymap.gaps.report import GapFinding
from journeymap.periods import Period, parse_period
from journeymap.statuses import Statuses
from journeymap.workspace import Workspace

#: fewer complaints than this at a touchpoint are not read as a pattern
MIN_COMPLAINTS = 5


@dataclass(frozen=True)
class Heard:
    """The register's complaints in the report period."""

    touchpoints: Counter[str] = field(default_factory=Counter)
    #: (measured resolved share, where it comes from), when the period has closed complaints
    resolved: tuple[float, str] | None = None

    @classmethod
    def of(cls, register: Register, period: Period | None) -> Heard:
        if period is None:
            return cls()
        touchpoints: Counter[str] = Counter()
        outcomes: Counter[str] = Counter()
        for quarter, tally in register.sorted_quarters():
            if period.holds(parse_period(quarter)):
                touchpoints.update(tally.touchpoints)
                outcomes.update(tally.outcomes)
        closed = outcomes["resolved"] + outcomes["unresolved"]
        resolved = None
        if closed:
            resolved = (outcomes["resolved"] / closed,
                        f"measured: {outcomes['resolved']:,} of {closed:,} complaints closed "
                        f"in {period.text} were resolved ({', '.join(register.files)})")
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
