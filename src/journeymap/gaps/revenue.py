"""Revenue at risk: what missed standards may cost in customers who leave.

For each touchpoint with a missed standard, for each persona taking the journey:

    at risk = customers x annual value x problem share x loss rate
    loss rate = complain share x (1 - loyalty of complainers)
              + (1 - complain share) x (1 - loyalty of silent customers)
    loyalty of complainers = resolved share x loyalty if resolved
                           + (1 - resolved share) x loyalty if unresolved

A journey's total is the sum over its touchpoints, capped at its customers' whole annual
value. The defaults are the complaint-behaviour figures from the TARP studies as cited in
Goodman, Strategic Customer Service (2009); docs/gaps.md gives them and how to override them
in the settings ([complaint_model]).
"""

from __future__ import annotations

from dataclasses import replace

from journeymap.config import ComplaintModel
from journeymap.gaps.report import GapFinding
from journeymap.workspace import Workspace

FORMULA = (
    "at risk = customers × annual value × problem share × loss rate; "
    "loss rate = complain share × (1 − loyalty of complainers) "
    "+ (1 − complain share) × (1 − loyalty of silent customers); "
    "loyalty of complainers = resolved share × loyalty if resolved "
    "+ (1 − resolved share) × loyalty if unresolved"
)


def loss_rate(model: ComplaintModel) -> float:
    complainers = (model.resolved_share * model.loyalty_resolved
                   + (1 - model.resolved_share) * model.loyalty_unresolved)
    return (model.complain_share * (1 - complainers)
            + (1 - model.complain_share) * (1 - model.loyalty_silent))


def journey_value(ws: Workspace, journey_id: str) -> tuple[float, int]:
    """(annual value of the journey's customers, number of customers) from its personas."""
    journey = ws.journey(journey_id)
    value, customers = 0.0, 0
    for persona_id in journey.personas if journey else []:
        persona = ws.persona(persona_id)
        if persona and persona.customers and persona.annual_value:
            value += persona.customers * persona.annual_value
            customers += persona.customers
    return value, customers


def apply(ws: Workspace, findings: list[GapFinding]) -> tuple[list[GapFinding], dict]:
    """Findings with revenue at risk on missed standards, and the report's revenue section."""
    model = ws.settings.complaint_model
    rate = loss_rate(model)
    values = {e.item.id: journey_value(ws, e.item.id) for e in ws.journeys}
    per_touchpoint = {  # in findings order, so every sum below is deterministic
        (f.journey, f.touchpoint): round(values[f.journey][0] * model.problem_share * rate, 2)
        for f in findings if f.kind == "missed"
    }
    out, counted = [], set()
    for finding in findings:
        key = (finding.journey, finding.touchpoint)
        if finding.kind == "missed" and key in per_touchpoint and key not in counted:
            counted.add(key)  # a touchpoint's customers are at risk once, not per standard
            finding = replace(finding, revenue_at_risk=per_touchpoint[key])
        out.append(finding)
    totals: dict[str, float] = {}
    for (journey, _), amount in per_touchpoint.items():
        totals[journey] = totals.get(journey, 0.0) + amount
    journeys = {}
    for journey_id, (value, customers) in values.items():
        total = totals.get(journey_id, 0.0)
        journeys[journey_id] = {"customers": customers, "annual_value": round(value, 2),
                                "at_risk": round(min(total, value), 2)}
    section = {
        "formula": FORMULA,
        "inputs": {**model.model_dump(), "loss_rate": round(rate, 4)},
        "journeys": journeys,
        "total": round(sum(j["at_risk"] for j in journeys.values()), 2),
    }
    return out, section
