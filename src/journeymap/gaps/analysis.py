"""The gap analysis: `analyse` takes what a run read (journeymap.data), computes the statuses
once, and asks each analysis in ANALYSES for its findings from one GapContext; revenue at risk
is then priced on them.
A new analysis is a module with `findings(ctx)` and one line in ANALYSES.
"""

from __future__ import annotations

from journeymap.actions import ActionReview, by_standard, review_actions
from journeymap.data import RunData
from journeymap.errors import UsageError
from journeymap.gaps import (
    FAIL_ON,
    communication,
    complaints_gap,
    delivery,
    expectations,
    knowledge,
    perception,
    revenue,
    standards_gap,
)
from journeymap.gaps.context import GapContext
from journeymap.gaps.report import GapFinding, GapReport
from journeymap.memory import paused_gc
from journeymap.statuses import evaluate, period_text
from journeymap.workspace import Workspace

#: the analyses, in report order; each module has `findings(ctx) -> Iterable[GapFinding]`
ANALYSES = (knowledge, expectations, standards_gap, delivery, communication, perception)


def analyse(ws: Workspace, data: RunData) -> GapReport:
    """The gap report of what a run read (journeymap.data): its report period, open actions
    judged on its day, the register's measured resolved share and the measured customers in
    the revenue model."""
    with paused_gc():  # many small acyclic records (journeymap.memory)
        return _analyse(ws, data)


def _analyse(ws: Workspace, data: RunData) -> GapReport:
    statuses = evaluate(ws.applied, data.actuals, data.period)
    heard = complaints_gap.Heard.of(data.register, statuses.period) if data.register \
        else complaints_gap.Heard()
    wave, previous_wave = perception.waves(data.surveys, statuses.period)
    ctx = GapContext(ws, statuses, wave, perception.dimension_gaps(wave, previous_wave))
    found = [finding for analysis in ANALYSES for finding in analysis.findings(ctx)]
    found += complaints_gap.findings(ws, statuses, heard)
    reviews = review_actions(ws, statuses, data.as_of)
    revenue_section = revenue.at_risk(ws, statuses, heard.resolved, data.customers)
    found = _completed(ws, [*found, *_action_findings(reviews)], reviews, revenue_section)
    return GapReport(
        period=period_text(statuses),
        currency=ws.settings.currency or "",
        findings=sorted(found, key=lambda f: f.rank_key()),
        statuses=list(statuses),
        dimensions=ctx.dimensions,
        revenue=revenue_section,
        moment_count=sum(p.touchpoint.is_moment_of_truth for p in ws.touchpoints),
        unassessed=knowledge.unassessed(ws),
        actions=reviews,
        as_of=str(data.as_of),
    )


def _completed(ws: Workspace, found: list[GapFinding], reviews: list[ActionReview],
               revenue_section: dict) -> list[GapFinding]:
    """Each finding with its team's name beside the id; each miss with the ids of the open
    actions addressing it (none: no action), and a touchpoint's first costed miss (not one
    within noise) with its share of revenue at risk (shown once, never repeated)."""
    index = by_standard(reviews)
    priced: set[str] = set()
    rows = {f"{j['journey']}/{t['touchpoint']}": t for j in revenue_section["journeys"]
            for t in j["touchpoints"] if t.get("at_risk")}
    why_not = {n["standard"]: n["why"] for n in revenue_section["not_costed"]}
    for finding in found:
        team = ws.team(finding.team)
        if team:
            finding.team_name = team.name
        if finding.kind in ("missed", "outcome-missed"):
            finding.actions = tuple(r.action.id for r in index.get(finding.standard or "", [])
                                    if r.action.is_open)
            key = f"{finding.journey}/{finding.touchpoint}"
            finding.not_costed = why_not.get(finding.standard or "")
            if key in rows and key not in priced and finding.not_costed is None:
                priced.add(key)
                finding.revenue_at_risk = rows[key]["at_risk"]
                finding.revenue_basis = rows[key]["basis"]
    return found


def _action_findings(reviews: list[ActionReview]) -> list[GapFinding]:
    """An overdue action, and one that made things worse or fell short of what it was
    expected to bring by its period, are delivery findings."""
    found = []
    for review in reviews:
        if review.verdict == "overdue":
            kind = "action-overdue"
        elif review.not_working:
            kind = "action-not-working"
        else:
            continue
        first = review.standards[0] if review.standards else None
        found.append(GapFinding(
            kind, first.journey.item.id if first else "-",
            first.touchpoint.id if first else None,
            f"{review.summary()}: {review.evidence}",
            standard=first.fqid if first else None, team=review.action.owner,
            moment_of_truth=bool(first and first.touchpoint.is_moment_of_truth)))
    return found


def failing(report: GapReport, kinds: list[str], count_noise: bool = False) -> list[str]:
    """The --fail-on kinds present in the report; a miss within noise counts only with
    `count_noise` (--count-noise)."""
    unknown = [k for k in kinds if k not in FAIL_ON]
    if unknown:
        raise UsageError(f"--fail-on {unknown[0]!r}: use one of {', '.join(FAIL_ON)}")
    counted = [f for f in report.findings if count_noise or not f.within_noise]
    gaps = {f.gap for f in counted}
    present = [k for k in kinds if k in gaps]
    moments = [f for f in counted if f.kind == "missed" and f.moment_of_truth]
    if "missed-mot" in kinds and moments:
        present.append("missed-mot")
    if "no-data" in kinds and report.unmeasured_period:
        present.append("no-data")
    if "unplanned-miss" in kinds and any(f.unplanned for f in moments):
        present.append("unplanned-miss")
    if "overdue" in kinds and any(r.verdict == "overdue" for r in report.actions):
        present.append("overdue")
    return present
