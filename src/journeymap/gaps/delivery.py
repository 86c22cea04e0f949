"""Gap 3, delivery: each applied standard against its actuals for the report period.

A standard is met or missed (by how much, as a value and a share of the target), or has no
data for the period, or is stale (journeymap.statuses computes all of it); this module turns
the misses and the missing figures into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.gaps.context import GapContext
from journeymap.gaps.report import GapFinding
from journeymap.gaps.wording import standard_label
from journeymap.targets import format_number


def findings(ctx: GapContext) -> Iterator[GapFinding]:
    period = ctx.statuses.period
    for status in ctx.statuses:
        standard = status.applied
        if standard is None or standard.target is None or status.status == "met":
            continue
        # the full id and the target as text, made once for the status
        base = {"standard": status.standard, "team": standard.owner,
                "moment_of_truth": standard.touchpoint.is_moment_of_truth}
        if status.status == "no data":
            when = f" since {status.period}" if status.period else " ever"
            yield GapFinding(
                "stale" if status.stale else "no-data", status.journey, status.touchpoint,
                f"{standard_label(standard)}: no figure for "
                f"{period.text if period else 'any period'}{when}"
                + (f" (reviewed {standard.review})" if status.stale else ""),
                target=status.target, **base)
            continue
        actual = status.actual if status.actual is not None else 0.0
        miss = abs(actual - standard.target.value)
        share = miss / abs(standard.target.value) if standard.target.value else None
        unit = f" {standard.target.unit}" if standard.target.unit else ""
        trend_text = f", {status.trend}" if status.trend else ""
        yield GapFinding(
            "missed", status.journey, status.touchpoint,
            f"{standard_label(standard)}: {format_number(round(actual, 2))}{unit} against "
            f"{status.target} in {status.period}{trend_text}",
            actual=actual, target=status.target, miss=miss,
            miss_share=share, trend=status.trend, **base)
