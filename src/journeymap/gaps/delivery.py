"""Gap 3, delivery: each applied standard against its actuals for the report period.

A standard is met or missed (by how much, as a value and a share of the target), or has no
data for the period. It is stale when its last figure is older than its review cadence
(monthly, quarterly, yearly) allows. The trend compares the last figures up to the period:
improving or worsening when they moved by more than 1% of the target, else flat.
"""

from __future__ import annotations

from collections import defaultdict

from journeymap.gaps.periods import CADENCE_MONTHS, Period, months_between
from journeymap.gaps.readers import Actual
from journeymap.gaps.report import GapFinding, StandardStatus
from journeymap.resolve import AppliedStandard
from journeymap.targets import format_number

TREND_WINDOW = 3
FLAT_SHARE = 0.01


def trend(standard: AppliedStandard, values: list[float]) -> str | None:
    if len(values) < 2 or standard.target is None:
        return None
    first, last = values[-TREND_WINDOW:][0], values[-1]
    scale = abs(standard.target.value) or 1.0
    if abs(last - first) <= FLAT_SHARE * scale:
        return "flat"
    better = last < first if standard.target.lower_is_better else last > first
    return "improving" if better else "worsening"


def evaluate(standards: list[AppliedStandard], actuals: list[Actual],
             period: Period | None) -> tuple[list[StandardStatus], list[GapFinding]]:
    by_standard: dict[str, list[Actual]] = defaultdict(list)
    for actual in actuals:
        if period is None or actual.period <= period:
            by_standard[actual.standard.fqid].append(actual)
    statuses: list[StandardStatus] = []
    found: list[GapFinding] = []
    for standard in standards:
        history = sorted(by_standard.get(standard.fqid, []), key=lambda a: a.period)
        last = history[-1] if history else None  # with a last figure, `period` is set
        current = last if last and last.period == period else None
        cadence = CADENCE_MONTHS.get(standard.review or "")
        stale = bool(last and not current and cadence
                     and months_between(last.period, period) >= cadence)
        direction = trend(standard, [a.value for a in history])
        base = {"standard": standard.fqid, "team": standard.owner,
                    "moment_of_truth": standard.touchpoint.is_moment_of_truth}
        journey, tp = standard.journey.item.id, standard.touchpoint.id
        if current is None or standard.target is None:
            status = "no data"
            if standard.target is not None:
                when = f" since {last.period.text}" if last else " ever"
                found.append(GapFinding(
                    "stale" if stale else "no-data", journey, tp,
                    f"{standard.id}: no figure for {period.text if period else 'any period'}"
                    f"{when}" + (f" (reviewed {standard.review})" if stale else ""),
                    target=str(standard.target), **base))
        else:
            met = standard.target.is_met(current.value)
            status = "met" if met else "missed"
            if not met:
                miss = abs(current.value - standard.target.value)
                share = miss / abs(standard.target.value) if standard.target.value else None
                unit = f" {standard.target.unit}" if standard.target.unit else ""
                trend_text = f", {direction}" if direction else ""
                found.append(GapFinding(
                    "missed", journey, tp,
                    f"{standard.id}: {format_number(round(current.value, 2))}{unit} against "
                    f"{standard.target} in {current.period.text}{trend_text}",
                    actual=current.value, target=str(standard.target), miss=miss,
                    miss_share=share, trend=direction, **base))
        statuses.append(StandardStatus(
            standard.fqid, journey, tp, standard.owner, standard.metric,
            str(standard.target) if standard.target else None, status,
            current.value if current else (last.value if last else None),
            (current or last).period.text if (current or last) else None,
            direction, stale, tuple((a.period.text, a.value) for a in history)))
    return statuses, found
