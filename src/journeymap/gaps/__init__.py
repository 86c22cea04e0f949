"""Gap reports: where standards are missing, missed, or out of step with what customers
expect and what we promise them (the five gaps of the SERVQUAL model).

`analyse` reads the actuals and surveys, then asks one module per gap for its findings.
"""

from __future__ import annotations

from pathlib import Path

from journeymap.diagrams.status import Statuses
from journeymap.errors import ContentError, UsageError
from journeymap.findings import Finding
from journeymap.gaps import communication, delivery, knowledge, perception, revenue, standards_gap
from journeymap.gaps.periods import Period, parse_period
from journeymap.gaps.readers import Actual, SurveyRow, csv_files, read_actuals, read_surveys
from journeymap.gaps.report import GapReport, StandardStatus
from journeymap.loader import Workspace
from journeymap.resolve import AppliedStandard, applied_standards, touchpoint_owner

FAIL_ON = ("knowledge", "standards", "delivery", "communication", "perception", "missed-mot")


def _default(ws: Workspace, given: list[Path] | None, setting: list[str]) -> list[Path]:
    if given is not None:
        return given
    return [ws.root / p for p in setting if (ws.root / p).exists()]


def data_files(ws: Workspace, actuals_paths: list[Path] | None,
               survey_paths: list[Path] | None) -> list[Path]:
    """Every actuals and survey file a report reads (outputs must not overwrite them)."""
    return csv_files([*_default(ws, actuals_paths, ws.settings.actuals),
                      *_default(ws, survey_paths, ws.settings.surveys)])


def read_data(ws: Workspace, actuals_paths: list[Path] | None,
              survey_paths: list[Path] | None) -> tuple[list[Actual], list[SurveyRow]]:
    """Actuals and survey rows (default folders from the settings); ContentError if any is bad."""
    findings: list[Finding] = []
    sources: dict[str, str] = {}
    max_bytes = ws.settings.limits.max_csv_bytes
    actuals = read_actuals(_default(ws, actuals_paths, ws.settings.actuals),
                           applied_standards(ws), findings, sources, max_bytes)
    touchpoints = {e.item.id: {tp.id for *_, tp in e.item.touchpoints()} for e in ws.journeys}
    survey = read_surveys(_default(ws, survey_paths, ws.settings.surveys), touchpoints,
                          tuple(ws.settings.survey_scale), findings, sources, max_bytes)
    if findings:
        raise ContentError(f"the data files have {len(findings)} error(s); nothing was written",
                           sorted(findings), sources)
    return actuals, survey


def _period(text: str | None, actuals: list[Actual]) -> Period | None:
    if text is None:
        return max((a.period for a in actuals), default=None)
    try:
        return parse_period(text)
    except ValueError as exc:
        raise UsageError(f"--period: {exc}") from None


def standard_statuses(ws: Workspace, paths: list[Path] | None,
                      period: str | None = None) -> dict[str, StandardStatus]:
    """Each applied standard's status in the period (default: the latest), by full id."""
    actuals, _ = read_data(ws, paths, [])
    statuses, _ = delivery.evaluate(applied_standards(ws), actuals, _period(period, actuals))
    return {s.standard: s for s in statuses}


def delivery_statuses(ws: Workspace, paths: list[Path] | None,
                      period: str | None = None) -> Statuses:
    """met / missed / no data of every applied standard, for colouring diagrams."""
    return Statuses.of(standard_statuses(ws, paths, period))


def analyse(ws: Workspace, actuals_paths: list[Path] | None = None,
            survey_paths: list[Path] | None = None, period: str | None = None) -> GapReport:
    standards: list[AppliedStandard] = applied_standards(ws)
    actuals, survey = read_data(ws, actuals_paths, survey_paths)
    report_period = _period(period, actuals)
    statuses, delivered = delivery.evaluate(standards, actuals, report_period)
    owners = {f"{e.item.id}/{tp.id}": touchpoint_owner(e.item, stage, tp)
              for e in ws.journeys for _si, stage, _ti, tp in e.item.touchpoints()}
    moments = {f"{e.item.id}/{tp.id}" for e in ws.journeys
               for *_, tp in e.item.touchpoints() if tp.is_moment_of_truth}
    dimensions = perception.dimension_gaps(survey)
    found = [
        *standards_gap.findings(ws),
        *delivered,
        *communication.findings(standards, {s.standard: s for s in statuses}),
        *perception.findings(dimensions, owners, moments),
        *knowledge.findings(ws, standards, survey, owners),
    ]
    found, revenue_section = revenue.apply(ws, found)
    return GapReport(
        period=report_period.text if report_period else None,
        currency=ws.settings.currency,
        findings=sorted(found, key=lambda f: f.rank_key()),
        statuses=statuses,
        dimensions=dimensions,
        revenue=revenue_section,
    )


def failing(report: GapReport, kinds: list[str]) -> list[str]:
    """The --fail-on kinds present in the report."""
    unknown = [k for k in kinds if k not in FAIL_ON]
    if unknown:
        raise UsageError(f"--fail-on {unknown[0]!r}: use one of {', '.join(FAIL_ON)}")
    counts = report.counts()
    present = [k for k in kinds if k != "missed-mot" and counts[k]]
    if "missed-mot" in kinds and report.missed_moments:
        present.append("missed-mot")
    return present
