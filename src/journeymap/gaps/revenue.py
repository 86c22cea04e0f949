"""Revenue at risk: the customers that missed standards may cost, priced at their value.

The market-damage model of TARP / John Goodman ("Strategic Customer Service"), as
docs/gaps.md states it so that finance can recompute every figure from the printed inputs:

- each standard in the report period has a problem share p: a rate standard (`%`) the points
  it is short of its target, any other standard `problem_share` when missed; a standard with
  no figure, or an outcome measure (`outcome: true`), is not costed, and the report says why;
- a touchpoint's problem share P = 1 − Π(1 − p) over its standards;
- a journey's customers with a problem: N × (1 − Π(1 − reach × P)) over its touchpoints, so
  each customer counts once however many touchpoints fail them;
- each customer with a problem is lost with the drop in loyalty against customers who had
  none: L = c·(r·max(0, b − Lr) + (1 − r)·max(0, b − Lu)) + (1 − c)·max(0, b − Ls);
- revenue at risk R = N × (1 − Π(1 − reach × P)) × L × V, split over the touchpoints in
  proportion to reach × P, so the rows add up to the journey's figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from journeymap.config import ComplaintModel
from journeymap.statuses import StandardStatus, Statuses
from journeymap.workspace import Workspace

FORMULA = (
    "revenue at risk = N × (1 − Π(1 − reach × P)) × L × V per journey; "
    "P = 1 − Π(1 − p) per touchpoint; p = points short of a % target / 100, or problem_share "
    "for another missed standard; L = c·(r·max(0, b − Lr) + (1 − r)·max(0, b − Lu)) "
    "+ (1 − c)·max(0, b − Ls)"
)


def loss_per_customer(model: ComplaintModel) -> float:
    """L: the share of customers with a problem who are lost, against those with none."""
    b = model.baseline_loyalty
    complainers = (model.resolved_share * max(0.0, b - model.loyalty_resolved)
                   + (1 - model.resolved_share) * max(0.0, b - model.loyalty_unresolved))
    return (model.complain_share * complainers
            + (1 - model.complain_share) * max(0.0, b - model.loyalty_silent))


def problem_share(status: StandardStatus, model: ComplaintModel) -> tuple[float | None, str]:
    """(p, how it was found), or (None, why it is not costed)."""
    standard = status.applied
    if standard is None or standard.target is None:
        return None, "no target"
    if standard.outcome:
        return None, "an outcome measure: its loss is measured already"
    if status.status == "no data" or status.actual is None:
        return None, "no figure for the period"
    if status.status == "met":
        return 0.0, "met"
    if status.within_noise:
        return None, (f"missed within noise: its {status.interval_text} holds the target, "
                      "so the miss is not shown to be real")
    target = standard.target
    if target.unit == "%" and target.op in (">=", ">", "<=", "<"):
        short = target.value - status.actual if target.op in (">=", ">") \
            else status.actual - target.value
        return max(0.0, short) / 100, f"{max(0.0, short):.4g} points short of {target}"
    return model.problem_share, f"missed (problem_share {model.problem_share:g})"


@dataclass(frozen=True)
class JourneyValue:
    customers: float | None  # N
    source: str  # where N comes from
    value: float | None  # V, per customer and year


def journey_value(ws: Workspace, journey_id: str) -> JourneyValue:
    journey = ws.journey(journey_id)
    personas = [p for p in (ws.persona(i) for i in (journey.personas if journey else [])) if p]
    counted = [p for p in personas if p.customers]
    valued = [p for p in counted if p.annual_value is not None]
    value = (sum(p.customers * p.annual_value for p in valued) / sum(p.customers for p in valued)
             if valued else None)
    if journey is not None and journey.customers_per_year is not None:
        return JourneyValue(journey.customers_per_year, "customers_per_year", value)
    if counted:
        return JourneyValue(sum(p.customers for p in counted),
                            "the personas' customers: assumes each takes the journey every year",
                            value)
    return JourneyValue(None, "no customer figures", value)


def split_cents(total: int, weights: list[float]) -> list[int]:
    """`total` cents split in proportion to `weights`, rounded so the parts add up exactly
    (largest remainders get the odd cents; ties go to the first)."""
    if not weights or not sum(weights):
        return [0] * len(weights)
    exact = [total * w / sum(weights) for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[:total - sum(parts)]:
        parts[i] += 1
    return parts


def at_risk(ws: Workspace, statuses: Statuses, resolved: tuple[float, str] | None = None
            ) -> tuple[dict[str, float], dict]:
    """Each touchpoint's share of revenue at risk (by `journey/touchpoint`; a report shows it
    on the touchpoint's first missed standard, never twice), and the report's revenue section
    with every input.

    `resolved` is the resolved share measured in the complaints register, with where it
    comes from: it replaces the setting's assumption."""
    model = ws.settings.complaint_model
    resolved_from = "assumption (setting complaint_model.resolved_share)"
    if resolved is not None:
        model = model.model_copy(update={"resolved_share": round(resolved[0], 6)})
        resolved_from = resolved[1]
    loss = loss_per_customer(model)
    touchpoints: dict[str, dict] = {}
    not_costed = []
    for status in statuses:
        p, how = problem_share(status, model)
        key = f"{status.journey}/{status.touchpoint}"
        if p is None:
            not_costed.append({"standard": status.standard, "why": how})
            continue
        placed = ws.touchpoint(key)
        row = touchpoints.setdefault(key, {
            "journey": status.journey, "touchpoint": status.touchpoint,
            "reach": placed.touchpoint.reach if placed else 1.0, "standards": []})
        row["standards"].append({"standard": status.standard, "p": round(p, 9), "how": how})
    journeys = []
    shares: dict[str, float] = {}
    by_journey: dict[str, list[dict]] = {}
    for row in touchpoints.values():  # one pass: a filter per journey was quadratic
        by_journey.setdefault(row["journey"], []).append(row)
    for entry in ws.journeys:
        journey_id = entry.item.id
        rows = by_journey.get(journey_id, [])
        for row in rows:
            row["P"] = 1 - math.prod(1 - s["p"] for s in row["standards"])
        weights = [row["reach"] * row["P"] for row in rows]
        with_problem = 1 - math.prod(1 - w for w in weights)
        figures = journey_value(ws, journey_id)
        record: dict = {"journey": journey_id, "customers": figures.customers,
                        "customers_from": figures.source, "annual_value": figures.value,
                        "share_with_a_problem": round(with_problem, 9)}
        if figures.customers is None or figures.value is None:
            record["at_risk"] = None
            record["not_computed"] = ("no customer figures" if figures.customers is None
                                      else "no customer value (annual_value)")
        else:
            lost = figures.customers * with_problem * loss
            total = lost * figures.value
            record.update(customers_with_a_problem=round(figures.customers * with_problem, 2),
                          customers_lost=round(lost, 2), at_risk=round(total, 2))
            cents = split_cents(round(total * 100), weights)
            for row, amount in zip(rows, cents, strict=True):
                row["at_risk"] = amount / 100
                shares[f"{journey_id}/{row['touchpoint']}"] = amount / 100
        record["touchpoints"] = [
            {"touchpoint": r["touchpoint"], "reach": r["reach"], "P": round(r["P"], 9),
             "at_risk": r.get("at_risk"), "standards": r["standards"]}
            for r in rows if r["P"] > 0]
        journeys.append(record)
    computed = [j["at_risk"] for j in journeys if j["at_risk"] is not None]
    section = {
        "formula": FORMULA,
        "inputs": {**model.model_dump(), "resolved_share_from": resolved_from,
                   "loss_per_customer_with_a_problem": round(loss, 9)},
        "journeys": journeys,
        "not_costed": not_costed,
        "total": round(sum(computed), 2) if computed else None,
        "note": "a customer who takes two journeys may count in both",
    }
    return shares, section
