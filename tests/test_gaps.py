"""`journeymap gaps`: each finding kind from a small workspace, each format, bad data files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from journeymap.data import DataFiles, read
from journeymap.gaps.analysis import analyse
from journeymap.gaps.communication import parse_promise
from journeymap.targets import Target
from journeymap.workspace import open_workspace
from tests.conftest import REPO, run_cli

LIBRARY = """\
teams:
  - {id: care, name: Customer Care}
personas:
  - id: shopper
    name: Shopper
    needs: [Get an answer fast]
    wants: [Feel valued]
    customers: 1000
    annual_value: 100
    expectations:
      - {metric: answer_seconds, target: "<= 10 s"}
      - {metric: delivery_days, target: "<= 2 d"}
standards:
  - id: answer-fast
    statement: Answer within 20 seconds
    dimension: responsiveness
    metric: answer_seconds
    target: "<= 20 s"
    source: ACD
    review: monthly
"""
JOURNEY = """\
id: shop
title: Shop
owner: care
personas: [shopper]
customers_per_year: 1000
stages:
  - id: buy
    title: Buy
    touchpoints:
      - id: call
        title: Call us
        channel: phone
        moment_of_truth: First call
        needs: [Get an answer fast]
        promise: We answer within 5 seconds
        standards:
          - use: answer-fast
      - id: pay
        title: Pay
        channel: web
        needs: [Pay safely]
      - id: form
        title: Form
        channel: web
        standards:
          - id: F1
            statement: Form works
            dimension: reliability
            metric: form_ok
            target: ">= 99 %"
            source: logs
            review: monthly
"""
ACTUALS = """\
standard,period,value
shop/call/answer-fast,2026-Q1,18
shop/call/answer-fast,2026-Q2,25
F1,2026-Q1,99.5
"""
SURVEY = """\
touchpoint,dimension,expectation,perception,respondents
shop/call,responsiveness,6.5,4.5,100
shop/call,responsiveness,6.0,5.0,300
shop/call,empathy,6.2,6.4,50
"""


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    for folder, name, text in [("journeys", "shop.yaml", JOURNEY),
                               ("standards", "lib.yaml", LIBRARY),
                               ("actuals", "a.csv", ACTUALS), ("surveys", "s.csv", SURVEY)]:
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(text)
    return tmp_path


def report_for(root: Path):
    ws = open_workspace(root)
    return analyse(ws, read(ws, DataFiles.of(ws)))


def kinds(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in report.findings:
        out.setdefault(f.kind, []).append(f)
    return out


def test_delivery_missed_with_size_signal_and_revenue(shop: Path) -> None:
    report = report_for(shop)
    [missed] = kinds(report)["missed"]
    assert (missed.standard, missed.actual, missed.miss) == ("shop/call/answer-fast", 25, 5)
    assert missed.miss_share == pytest.approx(0.25)
    assert missed.signal == "too few periods: 2 of 6" and missed.moment_of_truth
    assert missed.certainty is None  # no sample, so no interval: judged on the figure
    # 1000 customers x 5% with a problem (not a % target: problem_share) x 0.52064 lost x 100
    assert missed.revenue_at_risk == pytest.approx(1000 * 0.05 * 0.52064 * 100, abs=0.01)
    assert report.findings[0] is missed  # missed moments of truth rank first
    assert report.period == "2026-Q2"


def test_stale_and_no_data(shop: Path) -> None:
    found = kinds(report_for(shop))
    [stale] = found["stale"]
    assert stale.standard == "shop/form/F1" and "since 2026-Q1" in stale.message


def test_met_when_within_target(shop: Path) -> None:
    (shop / "actuals" / "a.csv").write_text(ACTUALS + "shop/call/answer-fast,2026-Q3,12\n")
    report = report_for(shop)
    status = {s.standard: s for s in report.statuses}["shop/call/answer-fast"]
    assert (status.status, status.signal) == ("met", "too few periods: 3 of 6")
    assert "missed" not in kinds(report)


def test_standards_gap_by_wording(shop: Path) -> None:
    """Plain-text needs are matched by wording, and the findings say so."""
    found = kinds(report_for(shop))
    assert sorted((f.touchpoint or "", f.message) for f in found["need-not-covered"]) == [
        ("", "persona 'Shopper': 'Feel valued' is not named at any touchpoint with a "
               "standard in its journeys (shop) (a plain-text need, matched by wording: give "
               "it an id and link it with `covers:`)"),
        ("pay", "'Pay safely' is named here but no standard is here (a plain-text need, "
                "matched by wording: give it an id and link it with `covers:`)"),
    ]  # 'Get an answer fast' is named at the call, which has a standard


def test_moment_without_standard_when_the_rule_is_relaxed(shop: Path) -> None:
    (shop / "journeymap.toml").write_text('[rules]\nJM105 = "warning"\n')
    path = shop / "journeys" / "shop.yaml"
    path.write_text(path.read_text().replace("        needs: [Pay safely]",
                                             "        moment_of_truth: true"))
    assert kinds(report_for(shop))["moment-without-standard"][0].touchpoint == "pay"


def test_communication_gap(shop: Path) -> None:
    found = kinds(report_for(shop))
    [stricter] = found["promise-stricter-than-standard"]
    assert stricter.message == (
        "we promise 'We answer within 5 seconds' (<= 5 s) but answer-fast \"Answer within 20 "
        "seconds\" only requires <= 20 s (the promise names no standard: compared with "
        "answer-fast at the same touchpoint by wording)")
    [undelivered] = found["promise-not-delivered"]
    assert "delivered 25 s in 2026-Q2" in undelivered.message


@pytest.mark.parametrize(("promise", "target"), [
    ("Your install date is confirmed instantly", Target("<=", 1, "min")),
    ("Faults fixed within one working day", Target("<=", 1, "d")),
    ("We reply in under 2 hours", Target("<=", 2, "h")),
    ("A call back in less than 30 minutes", Target("<=", 30, "min")),
    ("Results within two weeks", Target("<=", 2, "wk")),
    ("Available 99.9% of the time", Target(">=", 99.9, "%")),
    ("We will find a time that works for you", None),
    ("Your router arrives two days before the install", None),
])
def test_promise_parsing(promise: str, target: Target | None) -> None:
    assert parse_promise(promise) == target


def test_perception_gap_is_weighted_by_respondents(shop: Path) -> None:
    report = report_for(shop)
    call = next(d for d in report.dimensions
            if d.touchpoint == "shop/call" and d.dimension == "responsiveness")
    assert (call.expectation, call.perception, call.respondents) == (6.12, 4.88, 400)
    assert call.gap == pytest.approx(-1.25)
    [below] = kinds(report)["perception-below-expectation"]
    assert below.touchpoint == "call" and "responsiveness" in below.message
    overall = [d for d in report.dimensions if d.touchpoint is None]
    assert [d.dimension for d in overall] == ["responsiveness", "empathy"]  # worst first


def test_expectations_against_standards_are_gap_2(shop: Path) -> None:
    """Customers' stated expectations are known to management: a standard that ignores them
    is gap 2 (standards); without `assumed_expectation` gap 1 is not assessed, and says so."""
    report = report_for(shop)
    found = kinds(report)
    [looser] = found["standard-looser-than-expectation"]
    assert looser.gap == "standards" and looser.message == (
        "answer-fast \"Answer within 20 seconds\" allows <= 20 s; 'Shopper' customers expect "
        "answer_seconds <= 10 s")
    [unmeasured] = found["expectation-not-addressed"]
    assert unmeasured.gap == "standards" and "delivery_days" in unmeasured.message
    [dimension] = found["survey-dimension-not-addressed"]
    assert dimension.gap == "standards" and "empathy" in dimension.message
    assert report.counts()["knowledge"] == 0
    assert report.unassessed == ["'Shopper' customers expect answer_seconds <= 10 s"]


def test_knowledge_gap_compares_what_we_assumed(shop: Path) -> None:
    """Gap 1: what we believed customers expect (`assumed_expectation`) against what they
    say; it replaces the gap-2 finding for the same standard, as its cause."""
    library = shop / "standards" / "lib.yaml"
    library.write_text(library.read_text().replace(
        '    target: "<= 20 s"\n', '    target: "<= 20 s"\n    assumed_expectation: "<= 30 s"\n'))
    report = report_for(shop)
    [misjudged] = kinds(report)["expectation-misjudged"]
    assert (misjudged.gap, misjudged.standard, misjudged.message) == (
        "knowledge", "shop/call/answer-fast",
        "we assumed customers expect <= 30 s when we set answer-fast \"Answer within 20 "
        "seconds\"; 'Shopper' customers expect answer_seconds <= 10 s")
    assert "standard-looser-than-expectation" not in kinds(report)
    assert report.unassessed == []


def test_formats(shop: Path) -> None:
    text = run_cli("gaps", "--color", "never", cwd=shop)
    assert text.code == 0 and "Missed moments of truth: 1 of 1." in text.out
    md = run_cli("gaps", "-f", "markdown", cwd=shop).out
    assert md.startswith("## journeymap gap report") and "<details><summary>Gap 3" in md
    assert "| Where | Team | Finding | At risk |" in md
    document = json.loads(run_cli("gaps", "-f", "json", cwd=shop).out)
    assert document["version"] == 2 and document["summary"]["missed_moments_of_truth"] == 1
    assert document["findings"][0]["kind"] == "missed"
    assert document["missed_moments_of_truth"] == [
        {"journey": "shop", "touchpoint": "call", "team": "care",
         "standards": ["shop/call/answer-fast"]}]
    rows = list(csv.DictReader(io.StringIO(run_cli("gaps", "-f", "csv", cwd=shop).out)))
    assert len(rows) == len(document["findings"]) and rows[0]["gap"] == "delivery"
    html = run_cli("gaps", "-f", "html", cwd=shop).out
    assert html.startswith("<!DOCTYPE html>") and "Missed moments of truth" in html


def test_records_json_layout() -> None:
    """One record a line, commas between records only, lists empty or given as generators,
    a record that is null or not finite: the same text whole or a line at a time."""
    from journeymap.textsafe import json_lines, records_json

    document = {"version": 1, "none": [], "records": (r for r in ({"a": 1}, {"b": [2, 3]})),
                "odd": [None, {"x": float("nan")}], "last": {"k": "v"}}
    lines = list(json_lines(dict(document, records=[{"a": 1}, {"b": [2, 3]}])))
    assert all(line.endswith("\n") for line in lines)  # whole lines: each made inert alone
    assert "".join(lines) == records_json(document) == (
        '{\n  "version": 1,\n  "none": [],\n  "records": [\n    {"a": 1},\n    {"b": [2, 3]}\n'
        '  ],\n  "odd": [\n    null,\n    {"x": null}\n  ],\n  "last": {"k": "v"}\n}\n')


def test_output_is_deterministic(shop: Path) -> None:
    for fmt in ("text", "markdown", "json", "csv", "html"):
        first = run_cli("gaps", "-f", fmt, "--color", "never", cwd=shop).out
        assert first == run_cli("gaps", "-f", fmt, "--color", "never", cwd=shop).out


def test_fail_on(shop: Path) -> None:
    assert run_cli("gaps", "--fail-on", "missed-mot", cwd=shop).code == 1
    assert run_cli("gaps", "--fail-on", "delivery,knowledge", cwd=shop).code == 1
    (shop / "actuals" / "a.csv").write_text(ACTUALS + "shop/call/answer-fast,2026-Q3,12\n")
    assert run_cli("gaps", "--fail-on", "missed-mot", cwd=shop).code == 0
    misuse = run_cli("gaps", "--fail-on", "everything", cwd=shop)
    assert misuse.code == 2 and "use one of" in misuse.err


def test_period_option(shop: Path) -> None:
    document = json.loads(run_cli("gaps", "-f", "json", "--period", "2026-Q1", cwd=shop).out)
    assert document["period"] == "2026-Q1" and document["summary"]["missed"] == 0
    assert run_cli("gaps", "--period", "Q1-2026", cwd=shop).code == 2


@pytest.mark.parametrize(("content", "line", "column", "message"), [
    ("standard,period,value\nshop/call/answr-fast,2026-Q2,3\n", 2, 1,
     "unknown standard 'shop/call/answr-fast'; did you mean 'shop/call/answer-fast'"),
    ("standard,period,value\nanswer-fast,2026-Q2,abc\n", 2, 21, "value 'abc' is not a number"),
    ("standard,period,value,unit\nanswer-fast,2026-Q2,3,%\n", 2, 23,
     "unit '%' does not convert to the target's unit s"),
    ("standard,period,value\nanswer-fast,2026-Q2,3\nanswer-fast,2026-Q2,4\n", 3, 1,
     "a second row for shop/call/answer-fast in 2026-Q2"),
    ("standard,value\nanswer-fast,3\n", 1, 1, "missing column(s) period"),
    ("", 0, 0, "file is empty"),
    ("standard,period,value\nanswer-fast,June,3\n", 2, 13, "period 'June' is not"),
    ("standard,period,value,sample\nanswer-fast,2026-Q3,3,0\n", 2, 23,
     "sample must be a whole number of at least 1"),
    ("standard,period,value,sample\nanswer-fast,2026-Q3,3,-40\n", 2, 23,
     "sample must be a whole number of at least 1"),
    ("standard,period,value\nF1,2026-Q2,104\n", 2, 12,
     "value 104 % is not a share between 0 and 100 %"),
    ("standard,period,value\nanswer-fast,2026-Q3,-3\n", 2, 21, "value -3 s is a negative time"),
])
def test_bad_actuals(shop: Path, content: str, line: int, column: int, message: str) -> None:
    (shop / "actuals" / "bad.csv").write_text(content)
    (shop / "build").mkdir()
    result = run_cli("gaps", "-o", "build/report.md", "-f", "markdown", cwd=shop)
    assert result.code == 1, result.text
    location = f"actuals/bad.csv:{line}:{column}" if line else "actuals/bad.csv"
    assert f"{location}: JM20" in result.err and message in result.err, result.err
    assert not (shop / "build" / "report.md").exists()


def test_an_invalid_workspace_outranks_bad_data_and_a_bad_period_is_misuse(shop: Path) -> None:
    """A period that is not one is misuse of the command line (exit 2), said before anything
    is read; an invalid workspace outranks whatever else is wrong (bad actuals, an unknown
    --fail-on) and nothing is written."""
    (shop / "build").mkdir()
    valid = run_cli("gaps", "-f", "json", "-o", "build/report.json", cwd=shop)
    assert (valid.code, valid.err) == (0, "")
    assert json.loads((shop / "build" / "report.json").read_text())["summary"]["missed"] == 1
    assert run_cli("gaps", "--period", "Q1-2026", cwd=shop).code == 2

    (shop / "build" / "report.json").unlink()
    (shop / "actuals" / "bad.csv").write_text("standard,period,value\nanswer-fast,June,3\n")
    (shop / "journeys" / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    bad_period = run_cli("gaps", "--period", "Q1-2026", cwd=shop)
    assert bad_period.code == 2 and "Invalid value for '--period': period 'Q1-2026'" in \
        bad_period.err
    for extra in ([], ["--fail-on", "everything"]):
        result = run_cli("gaps", "-f", "json", "-o", "build/report.json", *extra, cwd=shop)
        assert result.code == 1, result.text
        assert result.err.startswith("journeys/broken.yaml:2:8: JM001 error"), result.err
        assert result.err.endswith("journeymap: the workspace has 1 error(s); nothing was "
                                   "written\n"), result.err
        assert "actuals" not in result.err and "period" not in result.err
        assert not (shop / "build" / "report.json").exists() and result.out == ""


def test_ambiguous_short_id_lists_candidates(shop: Path) -> None:
    path = shop / "journeys" / "shop.yaml"
    path.write_text(path.read_text().replace("    standards:\n          - id: F1",
                                             "    standards:\n          - use: answer-fast\n"
                                             "          - id: F1"))
    (shop / "actuals" / "a.csv").write_text("standard,period,value\nanswer-fast,2026-Q2,3\n")
    result = run_cli("gaps", cwd=shop)
    assert result.code == 1
    assert ("standard 'answer-fast' is ambiguous: use the full id, one of "
            "shop/call/answer-fast, shop/form/answer-fast") in result.err


def test_excel_export_is_read(shop: Path) -> None:
    """UTF-8 BOM, CRLF, ';' and a decimal comma, as Excel saves CSV in many locales."""
    text = "standard;period;value;sample\r\nanswer-fast;2026-Q3;12,5;1.200\r\n"
    (shop / "actuals" / "excel.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    report = report_for(shop)
    status = {s.standard: s for s in report.statuses}["shop/call/answer-fast"]
    assert (status.period, status.actual, status.status) == ("2026-Q3", 12.5, "met")


def test_non_utf8_csv_says_how_to_fix(shop: Path) -> None:
    (shop / "actuals" / "cp1252.csv").write_bytes(b"standard,period,value\nsch\xf6n,2026-Q2,1\n")
    result = run_cli("gaps", cwd=shop)
    assert result.code == 1 and "CSV UTF-8" in result.err


def test_survey_score_outside_scale(shop: Path) -> None:
    (shop / "surveys" / "s.csv").write_text(SURVEY + "shop/call,empathy,9,5,10\n")
    result = run_cli("gaps", cwd=shop)
    assert result.code == 1
    assert "surveys/s.csv:5:19: JM206" in result.err
    assert "expectation 9 is outside the survey scale 1..7" in result.err


def test_unit_column_converts(shop: Path) -> None:
    (shop / "actuals" / "a.csv").write_text(
        "standard,period,value,unit\nanswer-fast,2026-Q2,0.25,min\n")
    status = {s.standard: s for s in report_for(shop).statuses}["shop/call/answer-fast"]
    assert (status.actual, status.status) == (15, "met")


def test_example_workspace_tells_a_story() -> None:
    result = run_cli("gaps", "-f", "json", cwd=REPO)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["period"] == "2026-Q3"
    assert all(document["summary"]["findings_by_gap"][g] for g in
               ("knowledge", "standards", "delivery", "communication", "perception"))
    first = document["findings"][0]
    assert first["kind"] == "missed" and first["moment_of_truth"]


def test_no_data_for_a_standard_never_measured(shop: Path) -> None:
    path = shop / "journeys" / "shop.yaml"
    path.write_text(path.read_text().replace("        needs: [Pay safely]\n", """\
        needs: [Pay safely]
        standards:
          - {id: P1, statement: Paid, metric: pay_ok, target: ">= 99 %", source: psp}
"""))
    [no_data] = kinds(report_for(shop))["no-data"]
    assert no_data.standard == "shop/pay/P1" and "no figure for 2026-Q2 ever" in no_data.message


def test_unmeasurable_standard_and_missing_owner_when_rules_are_relaxed(shop: Path) -> None:
    (shop / "journeymap.toml").write_text('[rules]\nJM104 = "off"\nJM106 = "warning"\n')
    path = shop / "journeys" / "shop.yaml"
    text = path.read_text().replace("owner: care\n", "", 1).replace(
        "        needs: [Pay safely]\n",
        "        needs: [Pay safely]\n        standards:\n          - {id: P1, statement: Pay}\n")
    path.write_text(text)
    found = kinds(report_for(shop))
    [unmeasurable] = found["unmeasurable-standard"]
    assert unmeasurable.standard == "shop/pay/P1"
    assert "has no metric or target or source" in unmeasurable.message
    assert {f.touchpoint for f in found["touchpoint-without-owner"]} == {"call", "pay", "form"}


WAVES = """\
period,touchpoint,dimension,expectation,perception,respondents
2026-Q1,shop/call,responsiveness,6.0,5.5,100
2026-Q2,shop/call,responsiveness,6.0,4.0,100
2026-Q4,shop/call,responsiveness,6.0,6.0,100
"""


def test_survey_waves_are_never_pooled(shop: Path) -> None:
    """The wave of the report period (2026-Q2) is used, with its change since the last one;
    a later wave is ignored."""
    (shop / "surveys" / "s.csv").write_text(WAVES)
    report = report_for(shop)
    overall = [d for d in report.dimensions if d.touchpoint is None]
    assert [(d.dimension, d.wave, d.gap, d.change, d.respondents) for d in overall] == [
        ("responsiveness", "2026-Q2", -2.0, -1.5, 100)]
    text = run_cli("gaps", "--color", "never", cwd=shop).out
    assert "survey wave 2026-Q2" in text and "change since the last wave" in text


def test_files_with_and_without_waves_are_refused(shop: Path) -> None:
    (shop / "surveys" / "waves.csv").write_text(WAVES)
    result = run_cli("gaps", cwd=shop)
    assert result.code == 1
    assert "surveys/s.csv:1:1: JM201" in result.err and "no `period` column" in result.err


def test_the_text_report_reads_at_80_columns() -> None:
    """Every line fits, and no journey, touchpoint or team name is cut mid-word."""
    from journeymap.gaps.formats import to_text

    report = report_for(REPO)
    text = to_text(report, width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    for finding in report.findings:
        for name in (finding.journey, finding.touchpoint, finding.team_name):
            if name:
                assert name in text, name


LINKED_LIBRARY = """\
teams:
  - {id: care, name: Customer Care}
  - {id: money, name: Payments}
personas:
  - id: claimant
    name: Claimant
    needs:
      - {id: paid-fast, text: "Paid within a working day, not a week"}
      - {id: kept-posted, text: "Kept posted, without chasing"}
    customers: 1000
    annual_value: 100
"""
LINKED_JOURNEY = """\
id: claim
title: Claim
owner: care
personas: [claimant]
stages:
  - id: settle
    title: Settle
    touchpoints:
      - id: offer
        title: Settlement offer
        channel: email
        needs:
          - {id: paid-fast, text: "Paid within a working day, not a week"}
        promise:
          text: We will pay within 2 working days of you accepting
          standard: payment/PAY-01
        standards:
          - id: SET-01
            statement: Make the offer within 10 days
            dimension: responsiveness
            metric: offer_days
            target: "<= 10 d"
            source: claims system
      - id: payment
        title: Payment
        channel: self-service
        owner: money
        standards:
          - id: PAY-01
            statement: Pay within 5 days of acceptance
            dimension: reliability
            metric: settlement_days
            target: "<= 5 d"
            source: payments system
            covers: [paid-fast]
"""


@pytest.fixture
def claim(tmp_path: Path) -> Path:
    for folder, name, text in [("journeys", "claim.yaml", LINKED_JOURNEY),
                               ("standards", "lib.yaml", LINKED_LIBRARY),
                               ("actuals", "a.csv", "standard,period,value\nPAY-01,2026-Q3,3\n"
                                                    "SET-01,2026-Q3,8\n")]:
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(text)
    return tmp_path


def test_links_by_id_give_exactly_the_real_gaps(claim: Path) -> None:
    """The promise names PAY-01 at another touchpoint: compared with it (2 days promised, 5
    allowed, 3 delivered), never with SET-01 beside it; `covers:` links the need to PAY-01,
    whatever the words; the persona's other need has no link and is the one gap 2 finding."""
    assert run_cli("validate", cwd=claim).code == 0
    found = sorted((f.kind, f.touchpoint or "", f.standard or "", f.team_name or "")
                   for f in report_for(claim).findings)
    assert found == [
        ("need-not-covered", "", "", ""),
        ("promise-not-delivered", "offer", "claim/payment/PAY-01", "Payments"),
        ("promise-stricter-than-standard", "offer", "claim/payment/PAY-01", "Payments"),
    ]
    [need] = kinds(report_for(claim))["need-not-covered"]
    assert "'Kept posted, without chasing' (kept-posted)" in need.message
    assert "wording" not in need.message


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("covers: [paid-fast]", "covers: [paid-fst]",
     "journeys/claim.yaml:35:22: JM102 error: covers: no need or want has the id 'paid-fst'; "
     "did you mean 'paid-fast'?"),
    ("standard: payment/PAY-01", "standard: payment/PAY-1",
     "journeys/claim.yaml:16:21: JM102 error: promise: no standard 'payment/PAY-1' (an id at "
     "this touchpoint, touchpoint/id, or the full id); did you mean 'payment/PAY-01'?"),
    ('- {id: paid-fast, text: "Paid within a working day, not a week"}',
     '- {id: paid-fast, text: "Paid the same day"}',
     "journeys/claim.yaml:13:18: JM101 error: need id 'paid-fast' is already used for 'Paid "
     "within a working day, not a week' (at standards/lib.yaml:8:14): one id, one need"),
])
def test_dangling_links_are_errors(claim: Path, old: str, new: str, expected: str) -> None:
    journey = claim / "journeys" / "claim.yaml"
    assert old in journey.read_text()
    journey.write_text(journey.read_text().replace(old, new))
    result = run_cli("validate", "-f", "text", "--color", "never", cwd=claim)
    assert result.code == 1
    assert [line for line in result.out.splitlines() if " JM" in line] == [expected]


def test_the_text_report_follows_columns_when_piped(shop: Path) -> None:
    import os
    import subprocess
    import sys

    for columns in ("80", "100"):
        done = subprocess.run([sys.executable, "-m", "journeymap", "gaps", "--color", "never"],
                              cwd=shop, capture_output=True, text=True, timeout=60,
                              env={**os.environ, "COLUMNS": columns})
        assert done.returncode == 0, done.stderr
        assert max(len(line) for line in done.stdout.splitlines()) == int(columns)
