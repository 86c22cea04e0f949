"""The Check of plan-do-check-act: is a figure's miss real, has the process changed, did an
action work (docs/gaps.md, "Signal or noise"). Every rule here can be recomputed by hand:

- a period's figure gets its 95 % interval (the engine's, else Wilson's for a share with a
  sample); a miss whose interval holds the target is **within noise**, else **clear**;
- figures finer than the report period are rolled up into it (sample-weighted shares and
  means, summed counts; medians and percentiles never, from aggregates);
- the figures in period order make a process behaviour chart (XmR) whose signals (Wheeler's
  three rules) replace the old trend word: a miss with no signal is a process that routinely
  misses, one with a signal for the worse is a special cause.

Pure: statuses and actions hand in the figures; nothing here reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.periods import Period
from journeymap.stats import MIN_BASELINE, Limits, Signal, signals, wilson, xmr_limits
from journeymap.targets import Target, format_number

#: how figures of one standard combine into a longer period
SHARE, MEAN, SUM = "share", "mean", "sum"
#: months in a grain, for "2 of 3 months"
GRAIN_NAMES = {1: "months", 3: "quarters", 6: "halves", 12: "years"}


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a standard: a row of the actuals, or several rolled up into a period."""

    period: Period
    value: float
    sample: int | None = None
    low: float | None = None  # the engine's 95 % interval, when measured from events
    high: float | None = None
    beyond: float | None = None  # a quantile's % of events beyond the target's threshold
    parts: tuple[int, int] | None = None  # a roll-up: (periods present, periods it spans)
    grain: int | None = None  # a roll-up: months in each of its parts

    @property
    def rolled_up(self) -> str | None:
        """`from 2 of 3 months` (a partial period) or `from 3 months`, for a roll-up."""
        if self.parts is None or self.grain is None:
            return None
        present, spans = self.parts
        name = GRAIN_NAMES.get(self.grain, "periods")
        return f"from {present} {name}" if present == spans else \
            f"from {present} of {spans} {name}"


def combining(measure_statistic: str | None, stat: str | None, unit: str | None) -> str | None:
    """How a standard's figures combine (SHARE, MEAN, SUM), None when they cannot: a median
    or percentile, or a figure whose statistic nobody stated (not a share, no `measure:`)."""
    if measure_statistic in ("within", "share", "nps"):
        return SHARE
    if measure_statistic == "count":
        return SUM
    if measure_statistic in ("duration", "value"):
        return MEAN if stat == "mean" else None
    return SHARE if measure_statistic is None and unit == "%" else None


def roll_up(rows: list[Figure], period: Period, how: str | None) -> tuple[Figure | None, str]:
    """The figure of `period` from the finer `rows` it holds (all one grain), or None and why
    not: "no data for 2026-Q3: its months' medians cannot be combined; ..."."""
    grain = rows[0].period.months
    name = GRAIN_NAMES.get(grain, "periods")
    way_out = f"measure it from events or give a row for {period.text}"
    if how is None:
        return None, (f"no data for {period.text}: its {name}' figures cannot be combined "
                      f"(a median, a percentile, or a statistic the standard does not state); "
                      f"{way_out}")
    if how != SUM and any(r.sample is None for r in rows):
        return None, (f"no data for {period.text}: a row of its {name} has no sample to weigh "
                      f"it by; {way_out}")
    parts = (len(rows), period.months // grain)
    if how == SUM:
        return Figure(period, sum(r.value for r in rows), parts=parts, grain=grain), ""
    n = sum(r.sample or 0 for r in rows)
    value = sum(r.value * (r.sample or 0) for r in rows) / n
    return Figure(period, value, n, parts=parts, grain=grain), ""


def interval(figure: Figure, how: str | None, unit: str | None
             ) -> tuple[tuple[float, float] | None, str]:
    """The figure's 95 % interval, or None and why there is none."""
    if figure.low is not None and figure.high is not None:
        return (figure.low, figure.high), ""
    if figure.sample is None:
        return None, "no interval: no sample"
    if how == SHARE and unit == "%":
        hits = round(figure.value / 100 * figure.sample)
        return wilson(hits, figure.sample), ""
    return None, "no interval: the actuals give no spread"


def certainty(target: Target, bounds: tuple[float, float] | None) -> str | None:
    """`within noise` when the interval holds the target, `clear` when it does not."""
    if bounds is None:
        return None
    return "within noise" if bounds[0] <= target.value <= bounds[1] else "clear"


@dataclass(frozen=True)
class Chart:
    """A process behaviour chart (XmR) of a standard's figures, and what it says."""

    periods: tuple[str, ...]
    values: tuple[float, ...]
    limits: Limits | None
    signal: Signal | None  # the latest, if any
    better: bool | None  # the signal's direction against the target
    verdict: str  # "signal: better (rule 1, 2026-08)", "no signal: ...", "too few periods: .."
    since: int | None = None  # where the run of signals the verdict names starts

    @property
    def signal_periods(self) -> tuple[str, ...]:
        """The periods of the signal the verdict names (rung on a chart): from the first of
        its unbroken run to the latest."""
        if self.signal is None or self.since is None:
            return ()
        return self.periods[self.since:self.signal.index + 1]


def _better(signal: Signal, target: Target) -> bool:
    return signal.above != target.lower_is_better


def _where(signal: Signal, periods: tuple[str, ...]) -> str:
    """`rule 1, 2026-08`, or `rule 3 since 2026-02`: the run of eight that rule 3 needs."""
    if signal.rule == 3:
        return f"rule 3 since {periods[max(0, signal.index - 7)]}"
    return f"rule {signal.rule}, {periods[signal.index]}"


def _latest(found: list[Signal]) -> Signal | None:
    """The latest signal, the lowest rule of those at its value."""
    return min(found, key=lambda s: (-s.index, s.rule)) if found else None


def chart(history: tuple[tuple[str, float], ...], target: Target | None,
          unit: str | None) -> Chart:
    """The chart of every figure up to the report period (its own baseline)."""
    periods = tuple(p for p, _ in history)
    values = tuple(v for _, v in history)
    limits = xmr_limits(list(values))
    if limits is None or target is None:
        return Chart(periods, values, None, None, None,
                     f"too few periods: {len(values)} of {MIN_BASELINE}" if target else "")
    found = signals(limits, list(values))
    signal = _latest(found)
    if signal is None:
        suffix = f" {unit}" if unit else ""
        kind = ", provisional" if limits.provisional else ""
        return Chart(periods, values, limits, None, None,
                     f"no signal: within natural variation (limits "
                     f"{format_number(round(limits.lower, 2))}–"
                     f"{format_number(round(limits.upper, 2))}{suffix}{kind})")
    better = _better(signal, target)
    run = _run_start(found, signal)
    where = _where(run, periods)
    if run.rule != 3 and run.index != signal.index:
        where = f"rule {run.rule} since {periods[run.index]}"
    return Chart(periods, values, limits, signal, better,
                 f"signal: {'better' if better else 'worse'} ({where})",
                 max(0, run.index - 7) if run.rule == 3 else run.index)


def _run_start(found: list[Signal], latest: Signal) -> Signal:
    """The first signal of the unbroken run of signalling values that ends at `latest`, in
    its direction: three months below the limit read "since" the first of them."""
    at = {s.index: s for s in sorted(found, key=lambda s: -s.rule) if s.above == latest.above}
    first = latest
    while first.index - 1 in at:
        first = at[first.index - 1]
    return first


def reading(status: str, chart: Chart | None, target: Target | None,
            unit: str | None) -> str | None:
    """What a miss asks for: with no signal, a process centred short of the target misses
    routinely (change the process) and one centred on it varied as it always does; after a
    signal for the worse, a special cause is there to be found."""
    if status != "missed" or chart is None or chart.limits is None or target is None:
        return None
    if chart.signal is not None:
        return None if chart.better else \
            "special cause: the process changed for the worse; find the cause"
    centre = f"{format_number(round(chart.limits.centre, 2))}{f' {unit}' if unit else ''}"
    if target.is_met(chart.limits.centre):
        return (f"ordinary variation: the process centres on {centre}, which meets "
                f"{target}; nothing to find")
    return f"routine: the process centres on {centre}, short of {target}; change the process"


@dataclass(frozen=True)
class Judged:
    """A standard's figures judged against limits frozen before an action (check.md, 4)."""

    verdict: str  # worked | improved, not yet met | no signal yet | worse | cannot judge
    evidence: str


def judge_action(history: list[tuple[Period, float]], opened_month: int,
                 target: Target, label: str) -> Judged:
    """The verdict on one standard an action addresses: the figures before the month it was
    opened are the baseline; those from then on are judged against its limits."""
    before = [v for p, v in history if p.end < opened_month]
    after = [(p, v) for p, v in history if p.end >= opened_month]
    limits = xmr_limits(before)
    missing = [f"{len(before)} of {MIN_BASELINE} periods before it opened"] \
        if limits is None else []
    missing += [] if after else ["no figure since it opened"]
    if limits is None or not after:
        return Judged("cannot judge", f"{label}: {' and '.join(missing)}")
    periods = tuple(p.text for p, _ in after)
    values = [v for _, v in after]
    found = signals(limits, values)
    bounds = (f"limits {format_number(round(limits.lower, 2))}–"
              f"{format_number(round(limits.upper, 2))} from {len(before)} periods before")
    unsettled = _latest(signals(limits, before))
    if unsettled is not None:  # Wheeler: limits from an unstable baseline judge loosely
        bounds += (f" (which already signal {'better' if _better(unsettled, target) else 'worse'}"
                   f", rule {unsettled.rule})")
    latest = f"{format_number(round(values[-1], 2))} in {periods[-1]}"
    if not found:
        return Judged("no signal yet", f"{label}: {latest}, inside the {bounds}")
    signal = _latest(found)
    assert signal is not None
    better = _better(signal, target)
    first = min((s for s in found if _better(s, target) == better),
                key=lambda s: (s.index, s.rule))
    if not better:
        return Judged("worse", f"{label}: signal for the worse ({_where(first, periods)}) "
                      f"against the {bounds}")
    met = target.is_met(values[-1])
    verdict = "worked" if met else "improved, not yet met"
    return Judged(verdict, f"{label}: signal for the better ({_where(first, periods)}) against "
                  f"the {bounds}; {latest} {'meets' if met else 'misses'} {target}")
