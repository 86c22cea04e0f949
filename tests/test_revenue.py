"""Revenue at risk as the model in docs/gaps.md states it, checked on its worked example.

The example: a journey of N = 10,000 customers a year worth EUR 500 each. Touchpoint A (every
customer) misses ">= 80 %" with 74 % (p = 0.06) and "<= 60 min" with 90 min (p = 0.05);
touchpoint B (half the customers) misses "< 5 %" with 6.3 % (p = 0.013). Default settings.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

LIBRARY = """\
teams:
  - {id: care, name: Customer Care}
personas:
  - {id: customer, name: Customer, customers: 25000, annual_value: 500}
"""
JOURNEY = """\
id: j
title: Worked example
owner: care
personas: [customer]
customers_per_year: 10000
stages:
  - id: s
    title: S
    touchpoints:
      - id: a
        title: A
        channel: phone
        standards:
          - {id: ANS, statement: s, dimension: responsiveness, metric: answered,
             target: ">= 80 %", source: log}
          - {id: FIX, statement: s, dimension: reliability, metric: fix_minutes,
             target: "<= 60 min", source: log}
      - id: b
        title: B
        channel: web
        reach: 0.5
        standards:
          - {id: ERR, statement: s, dimension: reliability, metric: error_rate,
             target: "< 5 %", source: log}
          - {id: NPS, statement: s, dimension: assurance, metric: nps,
             target: ">= 30 pts", source: survey, outcome: true}
"""
ACTUALS = """\
standard,period,value
j/a/ANS,2026-Q3,74
j/a/FIX,2026-Q3,90
j/b/ERR,2026-Q3,6.3
j/b/NPS,2026-Q3,12
"""


@pytest.fixture
def worked(tmp_path: Path) -> Path:
    for name, text in {"journeys/j.yaml": JOURNEY, "standards/lib.yaml": LIBRARY,
                       "actuals/q3.csv": ACTUALS}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def report(folder: Path) -> dict:
    result = run_cli("gaps", "-f", "json", cwd=folder)
    assert result.code == 0, result.text
    return json.loads(result.out)


def test_the_worked_example(worked: Path) -> None:
    revenue = report(worked)["revenue"]
    assert revenue["inputs"]["loss_per_customer_with_a_problem"] == pytest.approx(0.52064)
    [journey] = revenue["journeys"]
    assert (journey["customers"], journey["customers_from"]) == (10000, "customers_per_year")
    assert journey["annual_value"] == 500
    assert journey["share_with_a_problem"] == pytest.approx(0.1128045)
    assert journey["customers_with_a_problem"] == pytest.approx(1128.05, abs=0.01)
    assert journey["customers_lost"] == pytest.approx(587.31, abs=0.01)
    assert journey["at_risk"] == pytest.approx(293652.67, abs=0.01)
    rows = {t["touchpoint"]: t for t in journey["touchpoints"]}
    assert rows["a"]["P"] == pytest.approx(0.107)
    assert rows["b"]["P"] == pytest.approx(0.013)
    assert rows["a"]["at_risk"] == pytest.approx(276835.56, abs=0.01)
    assert rows["b"]["at_risk"] == pytest.approx(16817.11, abs=0.01)
    assert rows["a"]["at_risk"] + rows["b"]["at_risk"] == pytest.approx(journey["at_risk"],
                                                                         abs=1e-9)
    assert revenue["total"] == journey["at_risk"]
    assert revenue["not_costed"] == [
        {"standard": "j/b/NPS", "why": "an outcome measure: its loss is measured already"}]


def test_a_touchpoints_figure_is_shown_once(worked: Path) -> None:
    findings = report(worked)["findings"]
    priced = [(f["touchpoint"], f["revenue_at_risk"]) for f in findings if f["revenue_at_risk"]]
    assert sorted(priced) == [("a", 276835.56), ("b", 16817.11)]


def test_without_a_customer_count_it_says_not_computed(worked: Path) -> None:
    """The personas' 25,000 customers are not a guess at the journey's: no fallback."""
    (worked / "journeys" / "j.yaml").write_text(JOURNEY.replace(
        "customers_per_year: 10000\n", ""))
    data = report(worked)
    [journey] = data["revenue"]["journeys"]
    assert journey["at_risk"] is None
    assert journey["not_computed"] == "no customer count (customers_per_year, or measured)"
    assert data["revenue"]["total"] is None and data["summary"]["revenue_at_risk"] is None
    text = run_cli("gaps", "--color", "never", cwd=worked).out
    assert "Revenue at risk: not computed" in text and "EUR 0" not in text


def test_shares_outside_0_1_are_refused_at_their_line(worked: Path) -> None:
    (worked / "journeymap.toml").write_text("[complaint_model]\nbaseline_loyalty = 1.2\n")
    result = run_cli("gaps", cwd=worked)
    assert result.code == 2
    assert "journeymap.toml:2: complaint_model.baseline_loyalty: input should be less than " \
           "or equal to 1" in result.err


def test_moments_are_counted_not_standards(worked: Path) -> None:
    (worked / "journeys" / "j.yaml").write_text(JOURNEY.replace(
        "        channel: phone\n", "        channel: phone\n        moment_of_truth: true\n"))
    data = report(worked)
    assert data["summary"]["moments_of_truth"] == 1
    assert data["summary"]["missed_moments_of_truth"] == 1  # two missed standards, one moment


def test_a_period_without_actuals_warns_and_can_fail(worked: Path) -> None:
    result = run_cli("gaps", "--period", "2026-Q1", "--color", "never", cwd=worked)
    assert result.code == 0
    assert "warning: no actuals for 2026-Q1" in result.err
    assert result.out.splitlines()[1].startswith("Warning: no actuals for 2026-Q1")
    failing = run_cli("gaps", "--period", "2026-Q1", "--fail-on", "no-data", cwd=worked)
    assert failing.code == 1 and "failing on no-data" in failing.err
    assert run_cli("gaps", "--fail-on", "no-data", cwd=worked).code == 0


def test_csv_figures_are_clean(worked: Path) -> None:
    (worked / "actuals" / "q3.csv").write_text(ACTUALS.replace("j/b/ERR,2026-Q3,6.3",
                                                               "j/b/ERR,2026-Q3,8.6"))
    rows = run_cli("gaps", "-f", "csv", cwd=worked).out.splitlines()
    err = next(r for r in rows if ",j/b/ERR," in r)
    assert ",8.6,< 5 %,3.6,0.72," in err  # not 3.5999999999999996


# --- v2: inputs a finance director can trace (revenue.md, the amendment) ---------------------

def loss(c: float = 0.04, r: float = 0.6, b: float = 0.9, lr: float = 0.7, lu: float = 0.46,
         ls: float = 0.37) -> float:
    return c * (r * max(0, b - lr) + (1 - r) * max(0, b - lu)) + (1 - c) * max(0, b - ls)


def test_each_amount_says_its_basis_and_the_large_loss_total(worked: Path) -> None:
    """A's reach is not given (1.0, assumed); B's is declared; N is declared; the points short
    are measured. An amount is as assumed as its weakest input."""
    revenue = report(worked)["revenue"]
    [journey] = revenue["journeys"]
    assert [(t["touchpoint"], t["reach_basis"], t["basis"]) for t in journey["touchpoints"]] \
        == [("a", "assumed", "assumed"), ("b", "declared", "declared")]
    assert revenue["basis"] == {"measured": 0, "declared": 16817.11, "assumed": 276835.56}
    assert revenue["assumed_reach"] == {"touchpoints": 1, "at_risk": 276835.56}
    large = 10000 * 0.1128045 * loss(lr=0.54, lu=0.19, ls=0.09) * 500
    assert revenue["total_large_loss"] == pytest.approx(large, abs=0.01)
    assert [s["basis"] for s in journey["touchpoints"][0]["standards"]] == ["measured",
                                                                          "assumed"]


def test_a_complaint_touchpoint_costs_a_complaint_handled_badly(worked: Path) -> None:
    (worked / "journeys" / "j.yaml").write_text(JOURNEY.replace(
        "        channel: web\n", "        channel: web\n        kind: complaint\n"))
    [journey] = report(worked)["revenue"]["journeys"]
    a, b = journey["touchpoints"]
    assert b["complaint"] and b["at_risk"] == pytest.approx(
        10000 * 0.5 * 0.013 * (0.70 - 0.46) * 500, abs=0.01)  # EUR 7,800
    assert a["at_risk"] == pytest.approx(10000 * 0.107 * loss() * 500, abs=0.01)
    assert journey["at_risk"] == pytest.approx(a["at_risk"] + b["at_risk"], abs=0.01)


LEAVING = JOURNEY.replace("customers_per_year: 10000\n", "customers_per_year: 10000\n"
                          "lifecycle: [loyal, leaving]\n").replace(
    "      - id: b\n", "  - id: gone\n    title: Gone\n    lifecycle: leaving\n"
    "    touchpoints:\n      - id: b\n")


def test_a_leaving_stage_is_not_costed_without_a_win_back_value(worked: Path) -> None:
    """B's stage is the journey's last declared lifecycle state: its customers have already
    given notice, so the general loss model does not apply to them."""
    (worked / "journeys" / "j.yaml").write_text(LEAVING)
    revenue = report(worked)["revenue"]
    [journey] = revenue["journeys"]
    assert [t["touchpoint"] for t in journey["touchpoints"]] == ["a"]
    assert journey["at_risk"] == pytest.approx(10000 * 0.107 * loss() * 500, abs=0.01)
    assert revenue["not_costed"] == [
        {"standard": "j/b/ERR", "why": "customers already leaving: its stage is the journey's "
         "last lifecycle state, costed only with the journey's win_back_value"},
        {"standard": "j/b/NPS", "why": "an outcome measure: its loss is measured already"}]


def test_a_leaving_stage_is_costed_at_its_win_back_value(worked: Path) -> None:
    (worked / "journeys" / "j.yaml").write_text(LEAVING.replace(
        "customers_per_year: 10000\n", "customers_per_year: 10000\nwin_back_value: 120\n"))
    [journey] = report(worked)["revenue"]["journeys"]
    a, b = journey["touchpoints"]
    assert b["leaving"] and b["basis"] == "declared"
    assert b["at_risk"] == pytest.approx(10000 * 0.5 * 0.013 * loss() * 120, abs=0.01)
    assert a["at_risk"] == pytest.approx(10000 * 0.107 * loss() * 500, abs=0.01)
    assert journey["at_risk"] == pytest.approx(a["at_risk"] + b["at_risk"], abs=0.01)


def test_a_beyond_share_outside_0_to_100_is_refused_at_its_cell(worked: Path) -> None:
    (worked / "actuals" / "q3.csv").write_text(ACTUALS.replace(
        "standard,period,value", "standard,period,value,beyond").replace(
            "j/a/FIX,2026-Q3,90", "j/a/FIX,2026-Q3,90,120"))
    result = run_cli("gaps", cwd=worked)
    assert result.code == 1
    assert ("actuals/q3.csv:3:20: JM203 error: beyond 120 is not a share between 0 and 100 %"
            in result.err), result.err


def test_the_default_lifecycle_has_no_leaving_stage(worked: Path) -> None:
    """Its last state, advocate, holds a business's best customers, not its leavers."""
    (worked / "journeys" / "j.yaml").write_text(LEAVING.replace(
        "lifecycle: [loyal, leaving]\n", "").replace("lifecycle: leaving", "lifecycle: advocate"))
    [journey] = report(worked)["revenue"]["journeys"]
    assert [t["touchpoint"] for t in journey["touchpoints"]] == ["a", "b"]


def test_measured_customers_and_reach_win(worked: Path) -> None:
    """A whole year of customers from `journeymap measure` ending by the report period."""
    rows = [f"j,,2025-{m:02d},700,70" for m in range(1, 13)]
    rows += ["j,,2025,8000,900", "j,a,2025,6000,800", "j,b,2025,2000,100",
             "j,,2026,8100,800"]  # 2026 is not over by 2026-Q3: not used
    (worked / "customers").mkdir()
    (worked / "customers" / "measured.csv").write_text(
        "journey,touchpoint,period,customers,with_problem\n" + "\n".join(rows) + "\n")
    [journey] = report(worked)["revenue"]["journeys"]
    assert journey["customers"] == 8000
    assert journey["customers_from"] == ("measured: distinct customers in 2025 "
                                         "(customers/measured.csv)")
    assert [(t["reach"], t["reach_basis"], t["basis"]) for t in journey["touchpoints"]] == [
        (0.75, "measured", "assumed"), (0.25, "measured", "measured")]  # a: problem_share
    (worked / "customers" / "measured.csv").write_text(
        "journey,touchpoint,period,customers,with_problem\nj,x,2025,10,1\n")
    result = run_cli("gaps", cwd=worked)
    assert result.code == 1
    assert ("customers/measured.csv:2:3: JM202 error: unknown touchpoint 'x' in journey j"
            in result.err)


def test_without_a_currency_no_currency_is_shown(worked: Path) -> None:
    text = run_cli("gaps", "--color", "never", cwd=worked).out
    assert "EUR" not in text and "no currency set (`currency` in journeymap.toml)" in text
    (worked / "journeymap.toml").write_text('currency = "DKK"\n')
    assert "DKK 293,653 a year" in run_cli("gaps", "--color", "never", cwd=worked).out


def test_a_period_without_figures_is_not_computed_never_zero(worked: Path) -> None:
    result = run_cli("gaps", "-f", "json", "--period", "2026-Q4", cwd=worked)
    revenue = json.loads(result.out)["revenue"]
    assert revenue["total"] is None and revenue["not_computed"] == "no figures for 2026-Q4"
    text = run_cli("gaps", "--period", "2026-Q4", "--color", "never", cwd=worked).out
    assert "Revenue at risk: not computed (no figures for 2026-Q4)" in text
    assert " 0 a year" not in text


def test_every_format_says_what_is_not_costed_and_the_basis(worked: Path) -> None:
    """Text, Markdown, HTML, CSV and JSON say the same: each standard not costed with why,
    each part of the total with its basis."""
    (worked / "actuals" / "q3.csv").write_text(
        ACTUALS.replace("standard,period,value", "standard,period,value,unit,sample")
        .replace("j/a/ANS,2026-Q3,74", "j/a/ANS,2026-Q3,79,,200"))
    outputs = {fmt: run_cli("gaps", "-f", fmt, cwd=worked).out
               for fmt in ("text", "markdown", "html", "csv", "json")}
    revenue = json.loads(outputs["json"])["revenue"]
    assert [n["standard"] for n in revenue["not_costed"]] == ["j/a/ANS", "j/b/NPS"]
    assert "\\x" not in outputs["text"]  # one line each, no escaped line break
    flat = {fmt: " ".join(out.replace("&#39;", "'").replace("&amp;", "&").replace("│", " ")
                          .replace("\\", "").split()) for fmt, out in outputs.items()}
    for entry in revenue["not_costed"]:
        for fmt in ("text", "markdown", "html"):
            assert f"{entry['standard']}: {entry['why']}" in flat[fmt], (fmt, entry)
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert {r["standard"]: r["not_costed"] for r in rows if r["not_costed"]} == {
        n["standard"]: n["why"] for n in revenue["not_costed"]}
    for basis, amount in revenue["basis"].items():
        for fmt in ("text", "markdown", "html"):
            assert f"{amount:,.0f} {basis}" in flat[fmt], (fmt, basis)
