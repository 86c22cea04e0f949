"""The gap analysis: `analyse` reads the actuals and surveys, computes the statuses once,
and asks each analysis in ANALYSES for its findings from one GapContext; revenue at risk is
then priced on them.
A new analysis is a module with `findings(ctx)` and one line in ANALYSES.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from journeymap.errors import UsageError
from journeymap.findings import Finding
from journeymap.gaps import (
    FAIL_ON,
    communication,
    delivery,
    expectations,
    knowledge,
    perception,
    revenue,
    standards_gap,
)
from journeymap.gaps.context import GapContext
from journeymap.gaps.report import GapFinding, GapReport
from journeymap.readers import csv_files, read_actuals, read_surveys
from journeymap.statuses import default_paths, evaluate, raise_findings, report_period
from journeymap.workspace import Workspace

#: the analyses, in report order; each module has `findings(ctx) -> Iterable[GapFinding]`
ANALYSES = (knowledge, expectations, standards_gap, delivery, communication, perception)


def data_files(ws: Workspace, actuals_paths: list[Path] | None,
               survey_paths: list[Path] | None) -> list[Path]:
    """Every actuals and survey file a report reads (outputs must not overwrite them)."""
    return csv_files([*default_paths(ws, actuals_paths, ws.settings.actuals),
                      *default_paths(ws, survey_paths, ws.settings.surveys)])


def analyse(ws: Workspace, actuals_paths: list[Path] | None = None,
            survey_paths: list[Path] | None = None, period: str | None = None) -> GapReport:
    findings: list[Finding] = []
    sources: dict[str, str] = {}
    actuals = read_actuals(ws, default_paths(ws, actuals_paths, ws.settings.actuals),
                           findings, sources)
    survey = read_surveys(ws, default_paths(ws, survey_paths, ws.settings.surveys),
                          findings, sources)
    raise_findings(findings, sources)
    statuses = evaluate(ws.applied, actuals, report_period(period, actuals))
    wave, previous_wave = perception.waves(survey, statuses.period)
    ctx = GapContext(ws, statuses, wave, perception.dimension_gaps(wave, previous_wave))
    found = [_named(ws, finding) for analysis in ANALYSES for finding in analysis.findings(ctx)]
    found, revenue_section = revenue.apply(ws, statuses, found)
    return GapReport(
        period=statuses.period.text if statuses.period else None,
        currency=ws.settings.currency,
        findings=sorted(found, key=lambda f: f.rank_key()),
        statuses=list(statuses),
        dimensions=ctx.dimensions,
        revenue=revenue_section,
        moment_count=sum(p.touchpoint.is_moment_of_truth for p in ws.touchpoints),
        unassessed=knowledge.unassessed(ws),
    )


def _named(ws: Workspace, finding: GapFinding) -> GapFinding:
    """The finding with its team's name beside the id."""
    team = ws.team(finding.team)
    return replace(finding, team_name=team.name) if team else finding


def failing(report: GapReport, kinds: list[str]) -> list[str]:
    """The --fail-on kinds present in the report."""
    unknown = [k for k in kinds if k not in FAIL_ON]
    if unknown:
        raise UsageError(f"--fail-on {unknown[0]!r}: use one of {', '.join(FAIL_ON)}")
    counts = report.counts()
    present = [k for k in kinds if counts.get(k)]
    if "missed-mot" in kinds and report.missed_moments:
        present.append("missed-mot")
    if "no-data" in kinds and report.unmeasured_period:
        present.append("no-data")
    return present
