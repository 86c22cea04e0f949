"""The status of every applied standard in a period: met, missed or no data, with its value,
its target, its 95 % interval and whether the miss is within noise, whether its figure is
stale, and its process behaviour chart. Computed here, once, and read by the gap report, the
diagrams (card borders), the handbook (badges and shares met) and serve.

A standard is stale when its last figure is older than its review cadence (monthly,
quarterly, yearly) allows. A period without a row of its own is rolled up from the finer rows
it holds (journeymap.check); the chart runs over the finest grain given.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from journeymap import check
from journeymap.check import Chart, Figure, combining
from journeymap.periods import (
    CADENCE_MONTHS,
    Period,
    months_between,
    parse_period,
    quarter_of,
)
from journeymap.readers import Actual
from journeymap.targets import format_number
from journeymap.workspace import AppliedStandard, PlacedTouchpoint

STATUSES = ("met", "missed", "no data")


# made for every standard of every report: slots, and not frozen (a frozen init costs
# five times as much); never changed once made
@dataclass(slots=True)
class StandardStatus:
    """One applied standard in the report period."""

    standard: str  # full id
    journey: str
    touchpoint: str
    team: str | None
    metric: str | None
    target: str | None
    status: str  # met | missed | no data
    actual: float | None  # this period's figure, else the last one before it
    period: str | None  # of the actual shown
    signal: str | None  # the chart's verdict: "signal: worse (rule 1, 2026-08)", ...
    stale: bool
    history: tuple[tuple[str, float], ...] = ()  # the finest grain given, in period order
    sample: int | None = None
    low: float | None = None  # this period's 95 % interval
    high: float | None = None
    certainty: str | None = None  # within noise | clear (None: no interval)
    no_interval: str | None = None  # why there is no interval
    rolled_up: str | None = None  # "2 of 3 months": this period's figure is a roll-up
    beyond: float | None = None  # a quantile's % of events beyond the target's threshold
    no_data_why: str | None = None  # a period whose finer rows cannot be combined
    reading: str | None = None  # a miss: routine (change the process) or special cause
    chart: Chart | None = field(default=None, compare=False, repr=False)
    applied: AppliedStandard | None = field(default=None, compare=False, repr=False)

    @property
    def within_noise(self) -> bool:
        return self.certainty == "within noise"

    @property
    def interval_text(self) -> str | None:
        """`95 % interval 72.8–84.1 %`, or why there is none."""
        if self.low is None or self.high is None:
            return self.no_interval
        unit = self.applied.target.unit if self.applied and self.applied.target else None
        return (f"95 % interval {format_number(round(self.low, 2))}–"
                f"{format_number(round(self.high, 2))}{f' {unit}' if unit else ''}")


@dataclass
class Statuses:
    """Every applied standard's status in `period` (None: no actuals at all), in file order."""

    period: Period | None
    items: tuple[StandardStatus, ...]

    @cached_property
    def by_standard(self) -> dict[str, StandardStatus]:
        return {s.standard: s for s in self.items}

    def __iter__(self) -> Iterator[StandardStatus]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @cached_property
    def _by_touchpoint(self) -> dict[str, list[StandardStatus]]:
        grouped: dict[str, list[StandardStatus]] = defaultdict(list)
        for status in self.items:
            grouped[f"{status.journey}/{status.touchpoint}"].append(status)
        return grouped

    def counts(self, placed: PlacedTouchpoint) -> dict[str, int]:
        """met / missed / no data of a touchpoint's standards (a diagram card's summary), and
        how many of the misses are within noise."""
        counts = dict.fromkeys((*STATUSES, "within noise"), 0)
        for status in self._by_touchpoint.get(placed.key, []):
            counts[status.status] += 1
            counts["within noise"] += status.status == "missed" and status.within_noise
        return counts


def period_text(statuses: Statuses | None) -> str | None:
    """The period the statuses show, as written (None: no actuals, or no figures in them)."""
    return statuses.period.text if statuses is not None and statuses.period else None


def evaluate(standards: list[AppliedStandard], actuals: list[Actual],
             period: Period | None) -> Statuses:
    # keyed by the standard itself, not its full id: that is a new string at each use
    by_standard: dict[int, list[Actual]] = defaultdict(list)
    for actual in actuals:
        if period is None or actual.period.end <= period.end:
            by_standard[id(actual.standard)].append(actual)
    return Statuses(period, tuple(_status(standard, by_standard.get(id(standard), []), period)
                                  for standard in standards))


def _how(standard: AppliedStandard) -> str | None:
    """How the standard's figures combine into a longer period (check.combining)."""
    measure = standard.measure
    spec = getattr(measure, measure.statistic, None) if measure and measure.statistic else None
    return combining(measure.statistic if measure else None, getattr(spec, "stat", None),
                     standard.target.unit if standard.target else None)


def _status(standard: AppliedStandard, rows: list[Actual], period: Period | None
            ) -> StandardStatus:
    rows = sorted(rows, key=lambda a: (a.period.end, a.period.months))
    target = standard.target
    unit = target.unit if target else None
    how = _how(standard)
    current, why = _current(rows, period, how)
    last = rows[-1] if rows else None  # with a last figure, `period` is set
    cadence = CADENCE_MONTHS.get(standard.review or "")
    stale = bool(last and current is None and cadence and period
                 and months_between(last.period, period) >= cadence)
    finest = min((a.period.months for a in rows), default=0)
    history = tuple((a.period.text, a.value) for a in rows if a.period.months == finest)
    chart = check.chart(history, target, unit) if rows else None
    if current is None or target is None:
        status = "no data"
        shown = Figure(last.period, last.value) if last else None
        bounds, no_interval = None, None
    else:
        status = "met" if target.is_met(current.value) else "missed"
        shown = current
        bounds, no_interval = check.interval(current, how, unit)
    return StandardStatus(
        standard.fqid, standard.journey.item.id, standard.touchpoint.id, standard.owner,
        standard.metric, str(target) if target else None, status,
        shown.value if shown else None, shown.period.text if shown else None,
        chart.verdict or None if chart else None, stale, history,
        sample=current.sample if current else None,
        low=bounds[0] if bounds else None, high=bounds[1] if bounds else None,
        certainty=check.certainty(target, bounds) if target and current else None,
        no_interval=no_interval, rolled_up=current.rolled_up if current else None,
        beyond=current.beyond if current else None,
        no_data_why=why or None, reading=check.reading(status, chart, target, unit), chart=chart,
        applied=standard)


def _current(rows: list[Actual], period: Period | None, how: str | None
             ) -> tuple[Figure | None, str]:
    """The figure for `period`: its own row, else a roll-up of the finer rows it holds."""
    if period is None:
        return None, ""
    held = []
    for row in rows:
        if row.period == period:
            return Figure(row.period, row.value, row.sample, row.low, row.high,
                          row.beyond), ""
        if row.period.months < period.months and period.holds(row.period):
            held.append(row)
    if not held:
        return None, ""
    finest = min(r.period.months for r in held)
    return check.roll_up([Figure(r.period, r.value, r.sample) for r in held
                          if r.period.months == finest], period, how)


def report_period(asked: Period | None, actuals: list[Actual]) -> Period | None:
    """The period asked for, else the quarter of the latest figure of a month or a quarter
    (a year's or half's own period only when there are none): monthly rows report their
    quarter, rolled up, with a quarter still under way labelled "from 2 of 3 months"; the
    year a measured file also holds, still under way, is not taken for the latest."""
    if asked is not None:
        return asked
    periods = [a.period for a in actuals]
    short = [p for p in periods if p.months <= 3] or periods
    latest = max(short, default=None, key=lambda p: (p.end, p.months))
    if latest is None or latest.months >= 3:
        return latest
    year, month = divmod(latest.end - 1, 12)
    return parse_period(quarter_of(year, month + 1))
