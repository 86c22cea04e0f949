"""Gap 3, delivery: each applied standard against its actuals for the report period.

A standard is met or missed (by how much, as a value and a share of the target), or has no
data for the period, or is stale (journeymap.statuses computes all of it, with the interval and
the chart of journeymap.check); this module turns the misses and the missing figures into
findings. A miss says whether it is within noise or clear, and what the chart says. An
outcome measure (NPS, satisfaction) that missed is reported as an outcome, and a standard with
no figure as a measurement finding: neither is a gap in delivery.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.gaps.context import GapContext
from journeymap.gaps.report import GapFinding
from journeymap.gaps.wording import standard_label
from journeymap.statuses import StandardStatus
from journeymap.targets import format_number


def findings(ctx: GapContext) -> Iterator[GapFinding]:
    period = ctx.statuses.period
    for status in ctx.statuses:
        standard = status.applied
        if standard is None or standard.target is None or status.status == "met":
            continue
        moment = standard.touchpoint.is_moment_of_truth
        if status.status == "no data":
            when = f" since {status.period}" if status.period else " ever"
            why = status.no_data_why or (f"no figure for {period.text if period else 'any period'}"
                                         f"{when}")
            yield GapFinding(
                "stale" if status.stale else "no-data", status.journey, status.touchpoint,
                f"{standard_label(standard)}: {why}"
                + (f" (reviewed {standard.review})" if status.stale else ""),
                standard=status.standard, team=standard.owner, moment_of_truth=moment,
                target=status.target)
            continue
        actual = status.actual if status.actual is not None else 0.0
        miss = abs(actual - standard.target.value)
        share = miss / abs(standard.target.value) if standard.target.value else None
        unit = f" {standard.target.unit}" if standard.target.unit else ""
        yield GapFinding(
            "outcome-missed" if standard.outcome else "missed", status.journey,
            status.touchpoint,
            f"{standard_label(standard)}: {format_number(round(actual, 2))}{unit} against "
            f"{status.target} in {status.period}{_evidence(status)}",
            actual=actual, target=status.target, miss=miss, miss_share=share,
            signal=status.signal, sample=status.sample, low=status.low, high=status.high,
            certainty=status.certainty, standard=status.standard, team=standard.owner,
            moment_of_truth=moment)


def _evidence(status: StandardStatus) -> str:
    """`, within noise (on 200, 95 % interval 72.84–84.07 %); no signal: ...`."""
    told = [f"on {status.sample:,}"] if status.sample else []
    told += [t for t in (status.rolled_up, status.interval_text) if t]
    said = f", {status.certainty}" if status.certainty else ""
    said += f" ({'; '.join(told)})" if told else ""
    return said + (f"; {status.signal}" if status.signal else "")
