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
from dataclasses import dataclass, field

from journeymap.config import ComplaintModel
from journeymap.periods import Period
from journeymap.readers import CustomerCounts
from journeymap.statuses import StandardStatus, Statuses
from journeymap.workspace import PlacedTouchpoint, Workspace

FORMULA = (
    "revenue at risk = N × (1 − Π(1 − reach × P)) × L × V per journey; "
    "P = 1 − Π(1 − p) per touchpoint; p = points short of a % target / 100, or problem_share "
    "for another missed standard; L = c·(r·max(0, b − Lr) + (1 − r)·max(0, b − Lu)) "
    "+ (1 − c)·max(0, b − Ls); a complaint touchpoint adds N × reach × P × max(0, Lr − Lu) "
    "× V (a complaint handled badly instead of well); a stage of customers already leaving "
    "(the journey's last declared lifecycle state) adds N × reach × P × L × W with the "
    "journey's win_back_value W, and is not costed without it"
)


def loss_per_customer(model: ComplaintModel) -> float:
    """L: the share of customers with a problem who are lost, against those with none."""
    b = model.baseline_loyalty
    complainers = (model.resolved_share * max(0.0, b - model.loyalty_resolved)
                   + (1 - model.resolved_share) * max(0.0, b - model.loyalty_unresolved))
    return (model.complain_share * complainers
            + (1 - model.complain_share) * max(0.0, b - model.loyalty_silent))


#: where an input comes from, strongest first: an amount is as assumed as its weakest input
BASES = ("measured", "declared", "assumed")
#: closed complaints the register must hold in the 12 months up to the report period before
#: its resolved share replaces the default (one resolved complaint would make it 100 %)
MIN_CLOSED = 30
#: TARP's loyalty figures for problems with large losses, shown beside the total as its range
LARGE_LOSS = {"loyalty_resolved": 0.54, "loyalty_unresolved": 0.19, "loyalty_silent": 0.09}


def weakest(*bases: str) -> str:
    return max(bases, key=BASES.index)


def problem_share(status: StandardStatus, model: ComplaintModel, share_basis: str = "assumed"
                  ) -> tuple[float | None, str, str]:
    """(p, how it was found, its basis), or (None, why it is not costed, "")."""
    standard = status.applied
    if standard is None or standard.target is None:
        return None, "no target", ""
    if standard.outcome:
        return None, "an outcome measure: its loss is measured already", ""
    if status.status == "no data" or status.actual is None:
        return None, "no figure for the period", ""
    if status.status == "met":
        return 0.0, "met", "measured"
    if status.within_noise:
        return None, (f"missed within noise: its {status.interval_text} holds the target, "
                      "so the miss is not shown to be real"), ""
    target = standard.target
    q = standard.measure.quantile if standard.measure else None
    if q is not None and status.beyond is not None and target.op in ("<=", "<", ">=", ">"):
        # events beyond the threshold, less what the target tolerates: 10 % for a p90
        tolerated = 100 * (1 - q if target.op in ("<=", "<") else q)
        excess = max(0.0, status.beyond - tolerated)
        threshold = " ".join(filter(None, [f"{target.value:g}", target.unit]))
        return excess / 100, (f"{status.beyond:.4g} % of events beyond {threshold}, "
                              f"{tolerated:.4g} % tolerated"), "measured"
    if target.unit == "%" and target.op in (">=", ">", "<=", "<"):
        short = target.value - status.actual if target.op in (">=", ">") \
            else status.actual - target.value
        return max(0.0, short) / 100, f"{max(0.0, short):.4g} points short of {target}", \
            "measured"
    return model.problem_share, f"missed (problem_share {model.problem_share:g}, " \
        f"{share_basis})", share_basis


@dataclass(frozen=True)
class JourneyValue:
    customers: float | None  # N
    source: str  # where N comes from
    basis: str  # measured | declared ("" without N)
    value: float | None  # V, per customer and year
    reach: dict[str, float] = field(default_factory=dict)  # measured, by touchpoint id


def journey_value(ws: Workspace, journey_id: str, counted: CustomerCounts | None = None,
                  until: Period | None = None) -> JourneyValue:
    """N and V of a journey: N measured from events (a whole year of customers), else its
    `customers_per_year`; never the personas' customers, which assume every customer takes
    every journey every year."""
    journey = ws.journey(journey_id)
    personas = [p for p in (ws.persona(i) for i in (journey.personas if journey else [])) if p]
    valued = [(p.customers, p.annual_value) for p in personas
              if p.customers and p.annual_value is not None]
    value = (sum(n * v for n, v in valued) / sum(n for n, _ in valued) if valued else None)
    year = counted.year(journey_id, until) if counted else None
    if year is not None:
        total, reach, period = year
        return JourneyValue(total, f"measured: distinct customers in {period} "
                            f"({', '.join(counted.files) if counted else ''})", "measured",
                            value, reach)
    if journey is not None and journey.customers_per_year is not None:
        return JourneyValue(journey.customers_per_year, "customers_per_year", "declared", value)
    return JourneyValue(None, "no customer count", "", value)


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


@dataclass(frozen=True)
class MeasuredResolved:
    """The complaints register's resolved share over the 12 months up to the report period."""

    share: float
    closed: int
    source: str


def resolved_input(model: ComplaintModel, measured: MeasuredResolved | None
                   ) -> tuple[ComplaintModel, str, str]:
    """(the model with r, where r comes from, its basis): an explicit setting wins; else the
    register's share from MIN_CLOSED closed complaints; else the default, assumed."""
    if "resolved_share" in model.model_fields_set:
        return model, (f"declared: setting complaint_model.resolved_share "
                       f"{model.resolved_share:g}"), "declared"
    if measured is not None and measured.closed >= MIN_CLOSED:
        return (model.model_copy(update={"resolved_share": round(measured.share, 6)}),
                measured.source, "measured")
    fewer = (f" (the register holds {measured.closed} closed complaints in the 12 months, "
             f"fewer than {MIN_CLOSED})" if measured is not None else "")
    return model, f"assumed: the default {model.resolved_share:g}{fewer}", "assumed"


def _reach(placed: PlacedTouchpoint, figures: JourneyValue) -> tuple[float, str]:
    """A touchpoint's reach and its basis: measured, declared (`reach`), or 1.0 assumed."""
    touchpoint = placed.touchpoint
    if touchpoint.id in figures.reach:
        return figures.reach[touchpoint.id], "measured"
    if "reach" in touchpoint.model_fields_set:
        return touchpoint.reach, "declared"
    return 1.0, "assumed"


def at_risk(ws: Workspace, statuses: Statuses, resolved: MeasuredResolved | None = None,
            counted: CustomerCounts | None = None) -> dict:
    """The report's revenue section: every input, each journey and its touchpoint rows (a
    report shows a row's amount on the touchpoint's first costed miss, never twice), the
    basis of every amount, and the total under the large-loss preset."""
    settings_model = ws.settings.complaint_model
    model, resolved_from, resolved_basis = resolved_input(settings_model, resolved)
    large = model.model_copy(update=LARGE_LOSS)
    share_basis = "declared" if "problem_share" in settings_model.model_fields_set \
        else "assumed"
    touchpoints: dict[str, dict] = {}
    not_costed = []
    for status in statuses:
        p, how, basis = problem_share(status, model, share_basis)
        key = f"{status.journey}/{status.touchpoint}"
        if p is not None and _leaving_uncosted(ws, key):
            p, how = None, ("customers already leaving: its stage is the journey's last "
                            "lifecycle state, costed only with the journey's win_back_value")
        if p is None:
            not_costed.append({"standard": status.standard, "why": how})
            continue
        row = touchpoints.setdefault(key, {"journey": status.journey,
                                           "touchpoint": status.touchpoint, "standards": []})
        row["standards"].append({"standard": status.standard, "p": round(p, 9), "how": how,
                                 "basis": basis})
    by_journey: dict[str, list[dict]] = {}
    for row in touchpoints.values():  # one pass: a filter per journey was quadratic
        by_journey.setdefault(row["journey"], []).append(row)
    period = statuses.period.text if statuses.period else "any period"
    with_figures = {s.journey for s in statuses if s.status != "no data"}
    journeys = [_journey(ws, entry.item.id, by_journey.get(entry.item.id, []), (model, large),
                         journey_value(ws, entry.item.id, counted, statuses.period),
                         None if entry.item.id in with_figures else f"no figures for {period}")
                for entry in ws.journeys]
    computed = [j for j in journeys if j["at_risk"] is not None]
    parts = {basis: round(sum(j["basis"][basis] for j in computed), 2) for basis in BASES}
    assumed_reach = [t for j in computed for t in j["touchpoints"]
                     if t["reach_basis"] == "assumed" and t.get("at_risk")]
    section = {
        "formula": FORMULA,
        "inputs": {**model.model_dump(), "resolved_share_from": resolved_from,
                   "resolved_share_basis": resolved_basis,
                   "problem_share_basis": share_basis,
                   "loss_per_customer_with_a_problem": round(loss_per_customer(model), 9),
                   "loss_per_complaint_handled_badly": round(_complaint_loss(model), 9)},
        "journeys": journeys,
        "not_costed": not_costed,
        "total": round(sum(j["at_risk"] for j in computed), 2) if computed else None,
        "basis": parts if computed else None,
        "total_large_loss": round(sum(j["at_risk_large_loss"] for j in computed), 2)
        if computed else None,
        "assumed_reach": {"touchpoints": len(assumed_reach),
                          "at_risk": round(sum(t["at_risk"] for t in assumed_reach), 2)},
        "not_computed": None if computed else _why_none(journeys, period),
        "note": "a customer who takes two journeys may count in both",
    }
    return section


def _why_none(journeys: list[dict], period: str) -> str:
    """Why no journey's revenue at risk could be computed, said once for the total."""
    reasons = sorted({j["not_computed"] for j in journeys if j.get("not_computed")})
    return "; ".join(reasons) if reasons else f"no figures for {period}"


def _leaving_uncosted(ws: Workspace, key: str) -> bool:
    """Whether the touchpoint's customers are already leaving, and its journey puts no
    value on winning them back."""
    placed = ws.touchpoint(key)
    journey = placed.journey.item if placed else None
    return bool(placed and journey and journey.leaving(placed.stage)
                and journey.win_back_value is None)


def _complaint_loss(model: ComplaintModel) -> float:
    """A complaint touchpoint's loss per affected customer: a complaint handled badly instead
    of well, max(0, L_r − L_u)."""
    return max(0.0, model.loyalty_resolved - model.loyalty_unresolved)


def _journey(ws: Workspace, journey_id: str, rows: list[dict],
             models: tuple[ComplaintModel, ComplaintModel], figures: JourneyValue,
             unmeasured: str | None) -> dict:
    """One journey's record: N, V, the customers with a problem, the amount at risk (under
    the model, and under the large-loss preset) and its touchpoint rows (each with its reach,
    P, amount and basis)."""
    model, large = models
    record: dict = {"journey": journey_id, "customers": figures.customers,
                    "customers_from": figures.source, "annual_value": figures.value,
                    "at_risk": None, "touchpoints": []}
    if unmeasured:
        record["not_computed"] = unmeasured
    for row in rows:
        placed = ws.touchpoint(f"{journey_id}/{row['touchpoint']}")
        row["reach"], row["reach_basis"] = _reach(placed, figures) if placed else (1.0, "assumed")
        row["complaint"] = bool(placed and placed.touchpoint.kind == "complaint")
        row["leaving"] = bool(placed and placed.journey.item.leaving(placed.stage))
        row["P"] = 1 - math.prod(1 - s["p"] for s in row["standards"])
        row["basis"] = weakest(figures.basis or "assumed", row["reach_basis"],
                               *(["declared"] if row["leaving"] else []),  # W
                               *(s["basis"] for s in row["standards"] if s["p"] > 0))
    general = [r for r in rows if not r["complaint"] and not r["leaving"]]
    weights = [r["reach"] * r["P"] for r in general]
    with_problem = 1 - math.prod(1 - w for w in weights)
    record["share_with_a_problem"] = round(with_problem, 9)
    if "not_computed" not in record:
        if figures.customers is None:
            record["not_computed"] = "no customer count (customers_per_year, or measured)"
        elif figures.value is None:
            record["not_computed"] = "no customer value (annual_value)"
    if "not_computed" in record:
        record["touchpoints"] = _rows(rows)
        return record
    n, v = figures.customers, figures.value
    assert n is not None and v is not None
    lost = n * with_problem * loss_per_customer(model)
    cents = split_cents(round(lost * v * 100), weights)
    for row, amount in zip(general, cents, strict=True):
        row["at_risk"] = amount / 100
    # apart from the journey's union: a complaint touchpoint's customers already had a
    # problem, and a leaving stage's are valued at what winning one back is worth
    apart = [r for r in rows if r["complaint"] or r["leaving"]]
    journey = ws.journey(journey_id)
    win_back = (journey.win_back_value if journey else None) or 0.0

    def cost(row: dict, m: ComplaintModel) -> float:
        if row["complaint"]:
            return float(n * row["reach"] * row["P"] * _complaint_loss(m) * v)
        return float(n * row["reach"] * row["P"] * loss_per_customer(m) * win_back)

    for row in apart:
        row["at_risk"] = round(cost(row, model), 2)
    total = sum(r.get("at_risk", 0) for r in rows)
    large_total = n * with_problem * loss_per_customer(large) * v \
        + sum(cost(r, large) for r in apart)
    record.update(customers_with_a_problem=round(n * with_problem, 2),
                  customers_lost=round(lost, 2), at_risk=round(total, 2),
                  at_risk_large_loss=round(large_total, 2),
                  basis={b: round(sum(r.get("at_risk", 0) for r in rows if r["basis"] == b), 2)
                         for b in BASES},
                  touchpoints=_rows(rows))
    return record


def _rows(rows: list[dict]) -> list[dict]:
    return [{"touchpoint": r["touchpoint"], "reach": r["reach"],
             "reach_basis": r["reach_basis"], "complaint": r["complaint"],
             "leaving": r["leaving"],
             "P": round(r["P"], 9), "at_risk": r.get("at_risk"), "basis": r["basis"],
             "standards": r["standards"]} for r in rows if r["P"] > 0]
