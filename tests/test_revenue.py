"""Revenue at risk as the model in docs/gaps.md states it, checked on its worked example.

The example: a journey of N = 10,000 customers a year worth EUR 500 each. Touchpoint A (every
customer) misses ">= 80 %" with 74 % (p = 0.06) and "<= 60 min" with 90 min (p = 0.05);
touchpoint B (half the customers) misses "< 5 %" with 6.3 % (p = 0.013). Default settings.
"""

from __future__ import annotations

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


def test_without_customer_figures_it_says_not_computed(worked: Path) -> None:
    (worked / "standards" / "lib.yaml").write_text(LIBRARY.replace(
        ", customers: 25000, annual_value: 500", ""))
    (worked / "journeys" / "j.yaml").write_text(JOURNEY.replace(
        "customers_per_year: 10000\n", ""))
    data = report(worked)
    [journey] = data["revenue"]["journeys"]
    assert journey["at_risk"] is None and journey["not_computed"] == "no customer figures"
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
