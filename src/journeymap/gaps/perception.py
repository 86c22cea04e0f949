"""Gap 5, perceived service: perception minus expectation from the survey, weighted by
respondents, per touchpoint and SERVQUAL dimension, and per dimension across touchpoints
(ranked, worst first). A negative gap means customers perceived less than they expected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from journeymap.gaps.context import GapContext
from journeymap.gaps.report import DimensionGap, GapFinding
from journeymap.periods import Period
from journeymap.readers import SurveyRow


def _weighted(rows: list[SurveyRow], dimension: str, touchpoint: str | None) -> DimensionGap:
    total = sum(r.respondents for r in rows)
    expectation = sum(r.expectation * r.respondents for r in rows) / total
    perception = sum(r.perception * r.respondents for r in rows) / total
    wave = rows[0].wave.text if rows[0].wave else None
    return DimensionGap(dimension, touchpoint, round(expectation, 2), round(perception, 2),
                        round(perception - expectation, 2), total, wave)


def waves(rows: list[SurveyRow], period: Period | None
          ) -> tuple[list[SurveyRow], list[SurveyRow]]:
    """(rows of the wave for the report period, rows of the wave before it).

    The wave is the latest one at or before the report period; waves are never pooled. A
    survey without a `period` column is one wave.
    """
    found = sorted({row.wave for row in rows if row.wave is not None})
    if not found:
        return rows, []
    eligible = [w for w in found if period is None or w <= period]
    if not eligible:
        return [], []
    previous = eligible[-2] if len(eligible) > 1 else None
    return ([r for r in rows if r.wave == eligible[-1]],
            [r for r in rows if previous is not None and r.wave == previous])


def dimension_gaps(rows: Iterable[SurveyRow],
                   previous: Iterable[SurveyRow] = ()) -> list[DimensionGap]:
    """The gaps of one wave, each with its change since the previous wave where it has one."""
    current = _gaps(rows)
    before = {(g.dimension, g.touchpoint): g.gap for g in _gaps(previous)}
    return [replace(g, change=round(g.gap - before[(g.dimension, g.touchpoint)], 2))
            if (g.dimension, g.touchpoint) in before else g for g in current]


def _gaps(rows: Iterable[SurveyRow]) -> list[DimensionGap]:
    by_touchpoint: dict[tuple[str, str], list[SurveyRow]] = defaultdict(list)
    by_dimension: dict[str, list[SurveyRow]] = defaultdict(list)
    for row in rows:
        by_touchpoint[(f"{row.journey}/{row.touchpoint}", row.dimension)].append(row)
        by_dimension[row.dimension].append(row)
    overall = sorted((_weighted(r, d, None) for d, r in by_dimension.items()),
                     key=lambda g: (g.gap, g.dimension))
    per_touchpoint = sorted((_weighted(r, d, tp) for (tp, d), r in by_touchpoint.items()),
                            key=lambda g: (g.gap, g.touchpoint or "", g.dimension))
    return overall + per_touchpoint


def by_touchpoint(rows: Iterable[SurveyRow]) -> dict[str, DimensionGap]:
    """Each touchpoint's perception and expectation over all its dimensions, weighted by
    respondents (the journey map shows it beside the expected feeling)."""
    grouped: dict[str, list[SurveyRow]] = defaultdict(list)
    for row in rows:
        grouped[f"{row.journey}/{row.touchpoint}"].append(row)
    return {tp: _weighted(found, "all dimensions", tp) for tp, found in grouped.items()}


def perceived(surveys: list[SurveyRow], period: Period | None) -> dict[str, DimensionGap]:
    """The survey's wave for `period` (the latest by default), by touchpoint."""
    wave, _ = waves(surveys, period)
    return by_touchpoint(wave)


def findings(ctx: GapContext) -> list[GapFinding]:
    found = []
    for gap in ctx.dimensions:
        if gap.touchpoint is None or gap.gap >= 0:
            continue
        journey, _, tp = gap.touchpoint.partition("/")
        placed = ctx.ws.touchpoint(gap.touchpoint)
        found.append(GapFinding(
            "perception-below-expectation", journey, tp,
            f"{gap.dimension}: perceived {gap.perception:g} against an expected "
            f"{gap.expectation:g} ({gap.gap:+.2f}, {gap.respondents} respondents)",
            team=ctx.ws.owner(gap.touchpoint),
            moment_of_truth=bool(placed and placed.touchpoint.is_moment_of_truth),
            miss=-gap.gap, miss_share=-gap.gap / gap.expectation if gap.expectation else None))
    return found
