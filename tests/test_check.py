"""The Check of plan-do-check-act (docs/gaps.md, "Signal or noise"), on the worked examples of
the contract: each period's figure with its 95 % interval and whether a miss is within noise,
monthly figures rolled up into the quarter, the process behaviour chart's verdict in place of a
trend, and the verdict on an improvement action against limits frozen before it. Run through
the CLI and read back from JSON and text, as a user reads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap import check
from journeymap.periods import parse_period
from journeymap.targets import parse_target
from tests.conftest import run_cli

LIBRARY = """\
teams:
  - {id: care, name: Customer Care}
personas:
  - {id: customer, name: Customer, customers: 25000, annual_value: 500}
sources:
  - id: calls
    path: events/calls.csv
    time: offered_at
    columns: {offered_at: timestamp, answered_at: timestamp, queue: text}
"""
JOURNEY = """\
id: j
title: Check
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
        moment_of_truth: the call that decides whether the customer stays
        standards:
          - {id: ANS, statement: s, dimension: responsiveness, metric: answered,
             target: ">= 80 %", source: log}
          - {id: ABANDON, statement: s, dimension: responsiveness, metric: abandoned,
             target: "< 5 %", source: log}
          - id: WAIT
            statement: s
            dimension: responsiveness
            metric: median_wait
            target: "<= 60 s"
            measure:
              source: calls
              duration: {from: offered_at, to: answered_at, stat: median}
          - id: CALLS
            statement: s
            dimension: tangibles
            metric: calls
            target: "<= 20000"
            measure: {source: calls, count: {}}
"""
ACTION = """\
actions:
  - id: ACT-1
    title: Call-back instead of queueing
    owner: care
    addresses: [j/a/ABANDON]
    status: do
    opened: 2026-07-01
    due: 2026-12-31
"""
BASELINE = ("2026-01", 8.1), ("2026-02", 7.6), ("2026-03", 8.4), ("2026-04", 7.9), \
    ("2026-05", 8.3), ("2026-06", 7.7)


def workspace(root: Path, actuals: str, action: bool = False) -> Path:
    files = {"journeys/j.yaml": JOURNEY, "standards/lib.yaml": LIBRARY,
             "actuals/a.csv": "standard,period,value,unit,sample\n" + actuals}
    if action:
        files["actions/2026.yaml"] = ACTION
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def gaps(root: Path, *args: str) -> dict:
    result = run_cli("gaps", "-f", "json", "--as-of", "2026-10-01", *args, cwd=root)
    assert result.code == 0, result.text
    return json.loads(result.out)


def standard(document: dict, fqid: str) -> dict:
    return next(s for s in document["standards"] if s["standard"] == fqid)


# --- 1. the interval of a period's figure -------------------------------------------------

@pytest.mark.parametrize(("value", "n", "low", "high", "status", "certainty"), [
    ("80.0", 20, 58.40, 91.93, "met", "within noise"),
    ("75.0", 20, 53.13, 88.81, "missed", "within noise"),
    ("79.0", 200, 72.84, 84.07, "missed", "within noise"),
    ("79.0", 2000, 77.16, 80.73, "missed", "within noise"),
    ("74.0", 4820, 72.75, 75.22, "missed", "clear"),
])
def test_the_interval_table(tmp_path: Path, value: str, n: int, low: float, high: float,
                            status: str, certainty: str) -> None:
    root = workspace(tmp_path, f"j/a/ANS,2026-Q3,{value},,{n}\n")
    document = gaps(root)
    ans = standard(document, "j/a/ANS")
    assert (ans["status"], ans["certainty"]) == (status, certainty)
    assert (round(ans["low"], 2), round(ans["high"], 2)) == (low, high)
    assert ans["interval"] == f"95 % interval {low:g}–{high:g} %"
    not_costed = {n["standard"]: n["why"] for n in document["revenue"]["not_costed"]}
    [journey] = document["revenue"]["journeys"]
    if status == "met":
        assert journey["touchpoints"] == []
    elif certainty == "within noise":
        assert not_costed["j/a/ANS"] == (f"missed within noise: its 95 % interval {low:g}–"
                                          f"{high:g} % holds the target, so the miss is not "
                                          "shown to be real")
        assert journey["touchpoints"] == [] and journey["at_risk"] == 0
    else:
        [touchpoint] = journey["touchpoints"]
        assert touchpoint["standards"] == [
            {"standard": "j/a/ANS", "p": 0.06, "how": "6 points short of >= 80 %",
             "basis": "measured"}]
        assert "j/a/ANS" not in not_costed


def test_a_miss_within_noise_is_said_ranked_last_and_not_failed_on(tmp_path: Path) -> None:
    root = workspace(tmp_path, "j/a/ANS,2026-Q3,79.0,,200\nj/a/ABANDON,2026-Q3,6.3,,4000\n")
    findings = [f for f in gaps(root)["findings"] if f["kind"] == "missed"]
    assert findings[1]["message"] == ('ANS "s": 79 % against >= 80 % in 2026-Q3, within noise '
                                      "(on 200; 95 % interval 72.84–84.07 %); too few periods: "
                                      "1 of 6")
    assert [(f["standard"], f["certainty"]) for f in findings] == [
        ("j/a/ABANDON", "clear"), ("j/a/ANS", "within noise")]
    noise_only = workspace(tmp_path, "j/a/ANS,2026-Q3,79.0,,200\n")
    assert run_cli("gaps", "--fail-on", "missed-mot,unplanned-miss",
                   cwd=noise_only).code == 0
    counted = run_cli("gaps", "--fail-on", "missed-mot", "--count-noise", cwd=noise_only)
    assert counted.code == 1 and "failing on missed-mot" in counted.err


def test_a_row_without_a_sample_or_spread_has_no_interval(tmp_path: Path) -> None:
    root = workspace(tmp_path, "j/a/ANS,2026-Q3,79\nj/a/WAIT,2026-Q3,75,s,900\n")
    document = gaps(root)
    assert standard(document, "j/a/ANS")["interval"] == "no interval: no sample"
    assert standard(document, "j/a/WAIT")["interval"] == ("no interval: the actuals give no "
                                                          "spread")
    assert standard(document, "j/a/ANS")["certainty"] is None


def test_the_engines_interval_is_used_as_written(tmp_path: Path) -> None:
    """`journeymap measure` writes low and high: a t or order-statistic interval, not Wilson."""
    root = workspace(tmp_path, "")
    (root / "actuals" / "a.csv").write_text("standard,period,value,unit,sample,low,high\n"
                                            "j/a/WAIT,2026-Q3,1.1,min,900,0.95,1.3\n")
    wait = standard(gaps(root), "j/a/WAIT")
    assert (wait["status"], wait["certainty"]) == ("missed", "within noise")
    assert (round(wait["low"], 6), round(wait["high"], 6)) == (57, 78)  # in the target's s


def test_half_an_interval_is_an_error_at_its_cell(tmp_path: Path) -> None:
    root = workspace(tmp_path, "")
    (root / "actuals" / "a.csv").write_text("standard,period,value,sample,low,high\n"
                                            "j/a/ANS,2026-Q3,79,200,70,\n")
    result = run_cli("gaps", cwd=root)
    assert result.code == 1
    assert "a.csv:2:24: JM203 error: low without high: an interval needs both" in result.err


# --- 2. rolling periods up ------------------------------------------------------------------

MONTHS = ("j/a/ANS,2026-07,72.0,,1510\nj/a/ANS,2026-08,76.5,,1620\n"
          "j/a/ANS,2026-09,74.1,,1690\n")


def test_months_roll_up_into_the_quarter_weighted_by_their_samples(tmp_path: Path) -> None:
    ans = standard(gaps(workspace(tmp_path, MONTHS)), "j/a/ANS")
    assert (round(ans["actual"], 4), ans["sample"], ans["period"]) == (74.2488, 4820, "2026-Q3")
    assert (ans["status"], ans["certainty"], ans["rolled_up"]) == ("missed", "clear",
                                                                   "from 3 months")


def test_a_partial_quarter_says_so_and_its_own_row_wins(tmp_path: Path) -> None:
    partial = standard(gaps(workspace(tmp_path, MONTHS.rsplit("j/a/ANS,2026-09", 1)[0])),
                       "j/a/ANS")
    assert (partial["period"], partial["rolled_up"], partial["sample"]) == (
        "2026-Q3", "from 2 of 3 months", 3130)
    own = standard(gaps(workspace(tmp_path, MONTHS + "j/a/ANS,2026-Q3,81,,4800\n")),
                   "j/a/ANS")
    assert (own["actual"], own["rolled_up"], own["status"]) == (81, None, "met")


def test_counts_are_summed_and_medians_are_never_combined(tmp_path: Path) -> None:
    root = workspace(tmp_path, "j/a/CALLS,2026-07,6000,,\nj/a/CALLS,2026-08,7000,,\n"
                     "j/a/CALLS,2026-09,8000,,\nj/a/WAIT,2026-07,40,s,900\n"
                     "j/a/WAIT,2026-08,50,s,900\nj/a/WAIT,2026-09,45,s,900\n")
    document = gaps(root)
    calls = standard(document, "j/a/CALLS")
    assert (calls["actual"], calls["status"], calls["rolled_up"]) == (21000, "missed",
                                                                     "from 3 months")
    assert standard(document, "j/a/WAIT")["status"] == "no data"
    [wait] = [f for f in document["findings"] if f["standard"] == "j/a/WAIT"]
    assert wait["message"] == (
        'WAIT "s": no data for 2026-Q3: its months\' figures cannot be combined (a median, a '
        "percentile, or a statistic the standard does not state); measure it from events or "
        "give a row for 2026-Q3")


def test_a_month_without_a_sample_stops_the_roll_up(tmp_path: Path) -> None:
    root = workspace(tmp_path, "j/a/ANS,2026-07,72.0,,1510\nj/a/ANS,2026-08,76.5,,\n")
    [finding] = [f for f in gaps(root)["findings"] if f["standard"] == "j/a/ANS"]
    assert finding["kind"] == "no-data"
    assert "a row of its months has no sample to weigh it by" in finding["message"]


# --- 3. the process behaviour chart --------------------------------------------------------

def rows(series: tuple[tuple[str, float], ...], fqid: str = "j/a/ABANDON") -> str:
    return "".join(f"{fqid},{period},{value},,1000\n" for period, value in series)


SHIFT = ("2026-07", 7.2), ("2026-08", 11.0), ("2026-09", 11.4), ("2026-10", 11.2)


def test_the_chart_replaces_the_trend(tmp_path: Path) -> None:
    steady = standard(gaps(workspace(tmp_path, rows((*BASELINE, ("2026-07", 7.4))))),
                      "j/a/ABANDON")
    assert steady["signal"] == ("no signal: within natural variation (limits 6.54–9.29 %, "
                                "provisional)")
    assert steady["reading"] == ("routine: the process centres on 7.91 %, short of < 5 %; "
                                 "change the process")
    assert steady["limits"]["provisional"] and steady["limits"]["signal_periods"] == []
    shifted = standard(gaps(workspace(tmp_path, rows(BASELINE + SHIFT))), "j/a/ABANDON")
    assert (shifted["period"], shifted["rolled_up"]) == ("2026-Q4", "from 1 of 3 months")
    assert shifted["signal"] == "signal: worse (rule 1 since 2026-09)"
    assert shifted["reading"] == ("special cause: the process changed for the worse; find the "
                                  "cause")
    assert shifted["limits"]["signal_periods"] == ["2026-09", "2026-10"]
    drifting = standard(gaps(workspace(tmp_path, rows(
        (*BASELINE, ("2026-07", 9.6), ("2026-08", 9.9), ("2026-09", 9.8))))), "j/a/ABANDON")
    assert drifting["signal"] == "signal: worse (rule 2, 2026-09)"
    few = standard(gaps(workspace(tmp_path, rows(BASELINE[:4]))), "j/a/ABANDON")
    assert few["signal"] == "too few periods: 4 of 6" and few["limits"] is None


def test_the_html_chart_draws_the_limits_and_rings_the_signals(tmp_path: Path) -> None:
    root = workspace(tmp_path, rows(BASELINE + SHIFT))
    html = run_cli("gaps", "-f", "html", "--as-of", "2026-11-01", cwd=root).out
    chart = html[html.index('<svg class="trend"'):]
    chart = chart[:chart.index("</svg>")]
    assert chart.count('class="limit"') == 2 and chart.count('class="centre"') == 1
    assert chart.count('class="signal"') == 2
    assert "signal: worse (rule 1 since 2026-09)" in chart  # in its title, for a reader


# --- 4. did the action work? ----------------------------------------------------------------

@pytest.mark.parametrize(("after", "verdict", "evidence"), [
    ((7.2, 6.1, 5.8), "improved, not yet met",
     "ABANDON: signal for the better (rule 1, 2026-08) against the limits 6.51–9.49 from 6 "
     "periods before; 5.8 in 2026-09 misses < 5 %"),
    ((7.4, 7.9, 7.3), "no signal yet",
     "ABANDON: 7.3 in 2026-09, inside the limits 6.51–9.49 from 6 periods before"),
    ((6.2, 4.9, 4.6), "worked",
     "ABANDON: signal for the better (rule 1, 2026-07) against the limits 6.51–9.49 from 6 "
     "periods before; 4.6 in 2026-09 meets < 5 %"),
    ((8.0, 9.7, 9.9), "worse",
     "ABANDON: signal for the worse (rule 1, 2026-08) against the limits 6.51–9.49 from 6 "
     "periods before"),
])
def test_the_action_worked_example(tmp_path: Path, after: tuple[float, ...], verdict: str,
                                   evidence: str) -> None:
    months = tuple(zip(("2026-07", "2026-08", "2026-09"), after, strict=True))
    document = gaps(workspace(tmp_path, rows(BASELINE + months), action=True))
    [action] = document["actions"]
    assert action["verdict"] == verdict
    assert action["evidence"] == f"opened 2026-07-01; {evidence}"
    findings = {f["kind"] for f in document["findings"]}
    assert ("action-not-working" in findings) == (verdict == "worse")


@pytest.mark.parametrize(("series", "evidence"), [
    ((*BASELINE[2:], ("2026-07", 5.0)), "ABANDON: 4 of 6 periods before it opened"),
    (BASELINE, "ABANDON: no figure since it opened"),
])
def test_an_action_that_cannot_be_judged_says_why(tmp_path: Path, series: tuple,
                                                   evidence: str) -> None:
    [action] = gaps(workspace(tmp_path, rows(series), action=True))["actions"]
    assert (action["verdict"], action["evidence"]) == ("cannot judge",
                                                       f"opened 2026-07-01; {evidence}")


def test_an_action_is_not_credited_for_a_standard_met_before_it(tmp_path: Path) -> None:
    met = (*tuple((p, v - 4) for p, v in BASELINE), ("2026-07", 3.9), ("2026-08", 4.2))
    [action] = gaps(workspace(tmp_path, rows(met), action=True))["actions"]
    assert action["verdict"] == "no signal yet"


def test_judge_action_directly_on_the_worked_example() -> None:
    """The same verdict from the library, without a workspace."""
    history = [(parse_period(p), v) for p, v in
               (*BASELINE, ("2026-07", 7.2), ("2026-08", 6.1), ("2026-09", 5.8))]
    judged = check.judge_action(history, parse_period("2026-07").end, parse_target("< 5 %"),
                                "ABANDON")
    assert judged.verdict == "improved, not yet met"
