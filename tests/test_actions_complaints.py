"""Closing the loop: improvement actions (plan-do-check-act) and the complaints register.

Bad actions and bad register rows are pinned as exact finding sets (file, line, column, code),
so a spurious extra finding fails; the example workspace's story (the action that worked, the
one that did not, the overdue one, the closed complaint channel) is checked end to end.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

AS_OF = "2026-11-24"
JOURNEY = """\
id: shop
title: Shop
owner: care
stages:
  - id: buy
    title: Buy
    touchpoints:
      - id: call
        title: Call us
        channel: phone
        moment_of_truth: true
        standards:
          - id: answer-fast
            metric: answer_rate
            target: ">= 80 %"
            source: telephony
  - id: complain
    title: Complain
    touchpoints:
      - {id: complain-phone, title: Complain by phone, channel: phone, kind: complaint}
      - {id: complain-email, title: Complain by email, channel: email, kind: complaint}
      - {id: complain-mail, title: Complain by letter, channel: mail, kind: complaint}
"""
LIBRARY = """\
teams:
  - id: care
    name: Customer Care
complaints:
  channels: [phone, email, mail]
  acknowledge: "<= 1 d"
  resolve: "<= 14 d"
"""


def make_workspace(root: Path, actions: str = "", actuals: str = "") -> Path:
    for folder in ("journeys", "standards", "actions", "actuals", "complaints"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "journeys" / "shop.yaml").write_text(JOURNEY)
    (root / "standards" / "library.yaml").write_text(LIBRARY)
    if actions:
        (root / "actions" / "plan.yaml").write_text(actions)
    if actuals:
        (root / "actuals" / "figures.csv").write_text(actuals)
    return root


def findings(result) -> set[tuple[str, int, int, str]]:
    return {(d["file"], d["line"], d["column"], d["code"])
            for d in json.loads(result.out)["diagnostics"]}


# --- actions: bad input ----------------------------------------------------------------------

BAD_ACTIONS = """\
actions:
  - id: ACT-1
    title: Hire
    owner: care
    addresses: [shop/call/answer-fats]
    status: do
    opened: 2026-07-01
    due: 2026-06-30
  - id: ACT-1
    title: Again
    owner: car
    addresses: [shop/call]
    status: doing
    opened: 2026-02-30
  - id: ACT-2
    title: Wrong unit
    owner: care
    addresses: [shop/call/answer-fast]
    status: plan
    opened: 2026-01-05
    expect: "<= 30 s"
    by: 2026-Q5
"""


def test_actions_that_do_not_fit_the_format(tmp_path: Path) -> None:
    """Shape: an unknown status, an impossible date, a period that is none."""
    result = run_cli("validate", "-f", "json", cwd=make_workspace(tmp_path, BAD_ACTIONS))
    assert result.code == 1
    assert findings(result) == {
        ("actions/plan.yaml", 13, 13, "JM010"),  # status doing
        ("actions/plan.yaml", 14, 13, "JM010"),  # 2026-02-30
        ("actions/plan.yaml", 22, 9, "JM010"),   # 2026-Q5
    }, result.out
    messages = " | ".join(d["message"] for d in json.loads(result.out)["diagnostics"])
    assert "'doing' is not one of plan, do, check, act, done, dropped; did you mean" in messages
    assert "'2026-02-30' is not a date in the calendar" in messages
    assert "period '2026-Q5' is not YYYY-Qn" in messages


def test_actions_whose_plan_does_not_hold(tmp_path: Path) -> None:
    """Meaning: a misspelled standard, due before opened, a duplicate id, an unknown owner,
    an expected result in another unit than the standard's."""
    actions = BAD_ACTIONS.replace("status: doing", "status: do") \
        .replace("2026-02-30", "2026-02-28").replace("2026-Q5", "2026-Q4")
    result = run_cli("validate", "-f", "json", cwd=make_workspace(tmp_path, actions))
    assert result.code == 1
    assert findings(result) == {
        ("actions/plan.yaml", 5, 17, "JM102"),   # answer-fats
        ("actions/plan.yaml", 8, 10, "JM113"),   # due before opened
        ("actions/plan.yaml", 9, 9, "JM101"),    # ACT-1 twice
        ("actions/plan.yaml", 11, 12, "JM102"),  # owner car
        ("actions/plan.yaml", 21, 13, "JM113"),  # <= 30 s of a % standard
    }, result.out
    messages = " | ".join(d["message"] for d in json.loads(result.out)["diagnostics"])
    assert "did you mean 'shop/call/answer-fast'?" in messages
    assert "did you mean 'care'?" in messages
    assert "due 2026-06-30 is before the action was opened (2026-07-01)" in messages


# --- actions: the check of plan-do-check-act ---------------------------------------------------

FIGURES = """\
standard,period,value
shop/call/answer-fast,2026-Q1,70
shop/call/answer-fast,2026-Q2,76
shop/call/answer-fast,2026-Q3,74
"""


def plan(status: str, extra: str = "") -> str:
    return f"""\
actions:
  - id: ACT-1
    title: Hire
    owner: care
    addresses: [shop/call/answer-fast]
    status: {status}
    opened: 2026-01-05
{extra}"""


@pytest.mark.parametrize(("status", "extra", "verdict", "expected"), [
    ("do", "    due: 2026-09-30\n", "overdue", None),
    # three quarters: too few for limits, so the figures cannot credit or blame it
    ("do", "    due: 2026-12-31\n", "cannot judge", None),
    ("done", "    closed: 2026-03-31\n", "cannot judge", None),
    ("done", "    closed: 2026-03-31\n    expect: '>= 72 %'\n", "cannot judge", "reached"),
    ("done", "    closed: 2026-03-31\n    expect: '>= 80 %'\n    by: 2026-Q3\n", "cannot judge",
     "not reached"),
    ("done", "    closed: 2026-03-31\n    expect: '>= 80 %'\n    by: 2026-Q4\n", "cannot judge",
     None),  # its period has not come
    ("dropped", "    closed: 2026-02-01\n", "dropped", None),
])
def test_each_action_gets_its_verdict(tmp_path: Path, status: str, extra: str,
                                      verdict: str, expected: str | None) -> None:
    root = make_workspace(tmp_path, plan(status, extra), FIGURES)
    result = run_cli("gaps", "-f", "json", "--as-of", AS_OF, cwd=root)
    document = json.loads(result.out)
    assert [(a["verdict"], a["expected"]) for a in document["actions"]] == [(verdict, expected)]
    kinds = sorted(f["kind"] for f in document["findings"])
    assert kinds == (["action-overdue", "missed"] if verdict == "overdue" else
                     ["action-not-working", "missed"] if expected == "not reached" else
                     ["missed"])
    miss = next(f for f in document["findings"] if f["kind"] == "missed")
    assert miss["actions"] == (["ACT-1"] if status == "do" else [])


def test_fail_on_unplanned_miss_and_overdue(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, "", FIGURES)
    unplanned = run_cli("gaps", "--fail-on", "unplanned-miss", "--as-of", AS_OF, cwd=root)
    assert unplanned.code == 1 and "failing on unplanned-miss" in unplanned.err
    assert "no action" in unplanned.out
    (root / "actions" / "plan.yaml").write_text(plan("do", "    due: 2026-12-31\n"))
    planned = run_cli("gaps", "--fail-on", "unplanned-miss,overdue", "--as-of", AS_OF,
                      cwd=root)
    assert planned.code == 0, planned.text
    late = run_cli("gaps", "--fail-on", "overdue", "--as-of", "2027-01-04", cwd=root)
    assert late.code == 1 and "failing on overdue" in late.err
    bad = run_cli("gaps", "--as-of", "2027-13-01", cwd=root)
    assert bad.code == 2 and ("Invalid value for '--as-of': '2027-13-01' is not a date written "
                              "YYYY-MM-DD") in bad.err


def test_the_example_closes_the_loop() -> None:
    document = json.loads(run_cli("gaps", "-f", "json", "--as-of", AS_OF, cwd=REPO).out)
    verdicts = {a["id"]: a["verdict"] for a in document["actions"]}
    # every verdict of the Check at least once (docs/gaps.md)
    assert verdicts == {"ACT-101": "worked", "ACT-102": "improved, not yet met",
                        "ACT-103": "overdue", "ACT-104": "worse", "ACT-105": "cannot judge",
                        "ACT-106": "cannot judge", "ACT-107": "dropped",
                        "ACT-108": "no signal yet"}
    assert {a["id"] for a in document["actions"] if a["expected"] == "not reached"} == {
        "ACT-102"}
    misses = [f for f in document["findings"] if f["kind"] == "missed"]
    assert all(isinstance(f["actions"], list) for f in misses)
    assert {f["standard"].rsplit("/", 1)[-1]: f["actions"] for f in misses
            if f["actions"]} == {"BILL-01": ["ACT-104"], "BILL-02": ["ACT-104"],
                                 "answer-within-20s": ["ACT-103"], "FIX-01": ["ACT-105"],
                                 "complaint-resolved": ["ACT-106"]}
    series = next(s for s in document["standards"] if s["standard"].endswith("/ORD-01"))
    assert len(series["history"]) == 21 and series["history"][0]["period"] == "2025-01"
    assert series["actions"] == ["ACT-101"]
    text = run_cli("gaps", "--as-of", AS_OF, "--color", "never", cwd=REPO).out
    assert "no action" in text and "chart " in text and "Improvement actions on" in text


# --- the complaints register ---------------------------------------------------------------

HEADER = "id,received,channel,touchpoint,reason,acknowledged,resolved,outcome,product\n"
GOOD = [
    "C-1,2026-07-01T09:00,phone,shop/call,long wait,2026-07-01T10:00,2026-07-03T09:00,"
    "resolved,fibre",
    "C-2,2026-07-02,email,,billing,2026-07-04T09:00,2026-07-30T09:00,unresolved,fibre",
    "C-3,2026-08-01T12:00,phone,shop/call,long wait,2026-08-01T12:30,,open,copper",
    "C-4,2026-04-02T12:00,mail,,billing,2026-04-03T12:00,2026-04-05T12:00,resolved,copper",
]


def register(root: Path, rows: list[str], name: str = "register.csv",
             header: str = HEADER) -> Path:
    path = root / "complaints" / name
    path.write_text(header + "".join(row + "\n" for row in rows))
    return path


def test_the_register_report(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    register(root, GOOD)
    result = run_cli("complaints", "-f", "json", "--by", "product", "--as-of", AS_OF, cwd=root)
    assert result.code == 0, result.text
    document = json.loads(result.out)
    q2, q3 = document["quarters"]
    assert (q2["period"], q2["complaints"], q2["closed_channels"]) == ("2026-Q2", 1,
                                                                       ["phone", "email"])
    assert (q3["period"], q3["complaints"], q3["closed_channels"]) == ("2026-Q3", 3, ["mail"])
    assert q3["channels"] == {"phone": 2, "email": 1, "mail": 0}
    # acknowledged after 1 h, 57 h and 0.5 h: in days against "<= 1 d"
    assert q3["acknowledge"]["within"] == pytest.approx(2 / 3)
    assert q3["acknowledge"]["median"] == pytest.approx(1 / 24)
    assert q3["acknowledge"]["p90"] == pytest.approx(57 / 24)  # C-2: from midnight
    assert q3["resolve"]["count"] == 2 and q3["resolve"]["without"] == 1
    assert q3["resolved_share"] == pytest.approx(0.5)
    assert [(r["key"], r["count"], r["vital"]) for r in q3["reasons"]] == [
        ("long wait", 2, True), ("billing", 1, True)]  # 67 % before it: still vital
    assert [(r["key"], r["count"]) for r in q3["by"]] == [("fibre", 2), ("copper", 1)]
    assert q3["oldest_open"] == [{"id": "C-3", "received": "2026-08-01T12:00",
                                  "channel": "phone", "touchpoint": "shop/call",
                                  "age_days": 114}]
    assert document["findings"] == [
        "2026-Q2: no complaint came in by phone, a channel of the complaint policy: is that "
        "door open (staffed, published, working)?",
        "2026-Q2: no complaint came in by email, a channel of the complaint policy: is that "
        "door open (staffed, published, working)?",
        "2026-Q3: no complaint came in by mail, a channel of the complaint policy: is that "
        "door open (staffed, published, working)?"]
    for fmt in ("text", "markdown", "csv", "html"):
        again = run_cli("complaints", "-f", fmt, "--as-of", AS_OF, cwd=root)
        assert again.code == 0 and "2026-Q3" in again.out, again.text


BAD_ROWS = [
    "C-1,2026-07-01T09:00,phone,shop/call,long wait,,,open,x",
    "C-2,yesterday,phone,,long wait,,,open,x",                              # received
    "C-3,2026-07-02T10:00,phone,,x,2026-07-02T11:00,2026-07-01T10:00,resolved,x",  # resolved
    "C-4,2026-07-02T10:00,fax,,x,,,open,x",                                  # channel
    "C-5,2026-07-02T10:00,phone,shop/cal,x,,,open,x",                        # touchpoint
    "C-1,2026-07-03T10:00,phone,,x,,,open,x",                                # duplicate id
    "C-6,2026-07-03T10:00,phone,,x,,,closed,x",                              # outcome
]


def test_bad_register_rows_are_named_at_their_cells(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    register(root, BAD_ROWS)
    (root / "complaints" / "empty.csv").write_text("")
    (root / "complaints" / "excel.csv").write_bytes(
        (HEADER + "C-9,2026-07-01,phone,,Gebühr,,,open,x\n").encode("cp1252"))
    result = run_cli("complaints", "-o", "out.txt", cwd=root)
    assert result.code == 1
    assert not (root / "out.txt").exists()
    located = sorted(line.split(" error:")[0] for line in result.err.splitlines()
                     if " error: " in line)
    assert located == sorted([
        "complaints/empty.csv: JM201", "complaints/excel.csv:2:1: JM201",
        "complaints/register.csv:3:5: JM203", "complaints/register.csv:4:48: JM203",
        "complaints/register.csv:5:22: JM203", "complaints/register.csv:6:28: JM202",
        "complaints/register.csv:7:1: JM205", "complaints/register.csv:8:33: JM203"]), \
        result.err
    assert "did you mean 'shop/call'?" in result.err
    assert "is before the complaint was received" in result.err
    assert "Save As > 'CSV UTF-8" in result.err
    assert "(first at complaints/register.csv:2)" in result.err


# The same four complaints as GOOD, written as people and exports write them: spaces around
# cells, capitals, times with offsets (the same moments in UTC), an outcome left to be inferred.
MESSY = [
    " C-1 ,2026-07-01T09:00, Phone ,shop/call , long wait ,2026-07-01T10:00 ,2026-07-03T09:00,"
    "Resolved,fibre ",
    "C-2,2026-07-02T02:00+02:00,EMAIL,,billing,2026-07-04T09:00,2026-07-30T09:00,unresolved,fibre",
    "C-3,2026-08-01T12:00,phone,shop/call,long wait,2026-08-01T12:30,,open,copper",
    "C-4,2026-04-02T12:00Z,mail,,billing,2026-04-03T14:00+02:00,2026-04-05T12:00,,copper",
]


def test_cells_as_exports_write_them_read_like_clean_ones(tmp_path: Path) -> None:
    """The row loop takes clean rows on a fast path and any other through the careful one:
    both must count a complaint the same way."""
    reports = []
    for rows in (GOOD, MESSY):
        root = make_workspace(tmp_path / str(len(reports)))
        register(root, rows)
        result = run_cli("complaints", "-f", "json", "--by", "product", "--as-of", AS_OF,
                         cwd=root)
        assert result.code == 0, result.text
        reports.append(json.loads(result.out))
    assert reports[1] == reports[0]


def test_a_repeated_id_names_where_it_first_appeared_in_another_file(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    register(root, GOOD, "a.csv")
    register(root, ["C-5,2026-07-05T09:00,phone,,x,,,open,x", GOOD[2]], "b.csv")
    result = run_cli("complaints", cwd=root)
    assert result.code == 1
    assert [line for line in result.err.splitlines() if " error: " in line] == [
        "complaints/b.csv:3:1: JM205 error: complaint id 'C-3' appears twice (first at "
        "complaints/a.csv:4)"], result.err


def test_the_resolved_share_an_explicit_setting_then_30_closed_then_the_default(
        tmp_path: Path) -> None:
    root = make_workspace(tmp_path, "", FIGURES)

    def inputs() -> dict:
        result = run_cli("gaps", "-f", "json", "--as-of", AS_OF, cwd=root)
        assert result.code == 0, result.text
        return json.loads(result.out)["revenue"]["inputs"]

    register(root, GOOD)  # 3 closed, 2 resolved: too few to replace the default
    few = inputs()
    assert (few["resolved_share"], few["resolved_share_basis"]) == (0.6, "assumed")
    assert few["resolved_share_from"] == (
        "assumed: the default 0.6 (the register holds 3 closed complaints in the 12 months, "
        "fewer than 30)")
    closed = [f"C-{n},2026-0{4 + n % 5}-02,phone,shop/call,wait,2026-0{4 + n % 5}-02T10:00,"
              f"2026-0{4 + n % 5}-03T10:00,{'resolved' if n % 3 else 'unresolved'},x"
              for n in range(10, 42)]  # 32 more closed in 2026-Q2 and Q3, 22 resolved
    register(root, [*GOOD, *closed])
    measured = inputs()
    assert (measured["resolved_share"], measured["resolved_share_basis"]) == (
        round(24 / 35, 6), "measured")
    assert measured["resolved_share_from"].startswith(
        "measured: 24 of 35 complaints received in the 12 months to 2026-Q3 and closed were "
        "resolved")
    (root / "journeymap.toml").write_text("[complaint_model]\nresolved_share = 0.5\n")
    declared = inputs()
    assert (declared["resolved_share"], declared["resolved_share_basis"],
            declared["resolved_share_from"]) == (
        0.5, "declared", "declared: setting complaint_model.resolved_share 0.5")


def test_complaints_where_every_standard_was_met(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, "", FIGURES.replace(",74", ",84"))
    rows = [f"C-{n},2026-08-0{n}T10:00,phone,shop/call,long wait,,,open,x" for n in range(1, 6)]
    register(root, rows)
    document = json.loads(run_cli("gaps", "-f", "json", "--as-of", AS_OF, cwd=root).out)
    assert [(f["kind"], f["touchpoint"], f["gap"]) for f in document["findings"]] == [
        ("complaints-despite-standards-met", "call", "standards")]


def test_the_example_register_finds_the_closed_door() -> None:
    document = json.loads(run_cli("complaints", "-f", "json", "--as-of", AS_OF, cwd=REPO).out)
    assert document["complaints"] == 490
    q3 = next(q for q in document["quarters"] if q["period"] == "2026-Q3")
    assert q3["closed_channels"] == ["mail"]
    assert [r["key"] for r in q3["reasons"] if r["vital"]] == [
        "billing error: pro-rata charge", "engineer missed the appointment",
        "fault not fixed in time", "long wait on the phone", "cancellation fee dispute"]


def test_a_million_row_register_streams(tmp_path: Path) -> None:
    """In a subprocess, as a user runs it: the report comes out, counts exact."""
    root = make_workspace(tmp_path)
    row = "{n},2026-0{m}-1{d}T09:00,phone,shop/call,long wait,2026-0{m}-1{d}T10:00,,open,x\n"
    with (root / "complaints" / "big.csv").open("w") as out:
        out.write(HEADER)
        out.writelines(row.format(n=n, m=4 + n % 6, d=n % 10) for n in range(1_000_000))
    result = subprocess.run([sys.executable, "-m", "journeymap", "complaints", "-f", "json",
                             "--as-of", AS_OF], cwd=root, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["complaints"] == 1_000_000
    assert sum(q["complaints"] for q in document["quarters"]) == 1_000_000


def test_the_handbook_has_the_improvement_plan(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_cli("handbook", "-o", site, "--no-diagrams", "--actuals", REPO / "actuals",
                     "--complaints", REPO / "complaints", "--as-of", AS_OF, cwd=REPO)
    assert result.code == 0, result.text
    plan = (site / "plan.html").read_text()
    first_team = plan.index("<h2")
    assert plan.index("Customer Contact Centre", first_team) < plan.index("Billing Operations",
                                                                          first_team)
    assert all(v in plan for v in ("overdue", "worse", "no signal yet", "worked"))
    assert "ACT-103" in (site / "team-contact-centre.html").read_text()
    complaints = (site / "complaints.html").read_text()
    assert "The clock against the policy, 2026-Q3" in complaints
    assert "no complaint came in by mail" in complaints
    assert '<svg class="trend"' in (site / "journey-broadband-onboarding.html").read_text()


def test_no_register_is_misuse(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    shutil.rmtree(root / "complaints")
    result = run_cli("complaints", cwd=root)
    assert result.code == 2 and "no complaints register" in result.err


# --- customer-typed text stays text ------------------------------------------------------------

HOSTILE_REASONS = [
    "wifi\r::error file=x::pwned",                  # a CR: a runner starts a line there
    "slow\n::add-mask::secret",
    "```\n<img src=x onerror=alert(1)>",             # out of the code block into live HTML
    "`` <img src=y onerror=alert(2)> ``",
    "[click](javascript:alert(3))",
    "\x1b[2J\x1b]0;owned\x07 repainted",              # a terminal repainted, its title set
    "nul\x00 vt\x0b del\x7f",
]
CONTROL_BUT_LINE_BREAKS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def hostile_register(root: Path) -> None:
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for index, reason in enumerate(HOSTILE_REASONS * 2):
        writer.writerow([f"C-{index}\x1b[31m", "2026-07-01T09:00", "phone", "shop/call", reason,
                         "", "", "open", "fibre"])
    (root / "complaints" / "register.csv").write_text(HEADER + rows.getvalue())


def runner_commands(text: str) -> list[str]:
    """The lines a CI runner would read as workflow commands (split at LF and at CR)."""
    return [line for line in re.split(r"\r\n|\r|\n", text) if line.lstrip().startswith("::")]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "csv", "json"])
def test_register_text_cannot_command_a_runner_a_terminal_or_a_page(
        tmp_path: Path, fmt: str) -> None:
    root = make_workspace(tmp_path)
    hostile_register(root)
    result = run_cli("complaints", "-f", fmt, "--as-of", AS_OF, cwd=root)
    assert result.code == 0, result.text
    out = result.out
    assert runner_commands(out) == [] and "##[" not in out
    if fmt not in ("csv", "json"):  # a CSV cell may hold a quoted line break: data there
        assert CONTROL_BUT_LINE_BREAKS.findall(out) == [] and "\r" not in out
    if fmt == "json":  # every C0 control as \uXXXX; DEL is plain text to JSON
        assert re.findall(r"[\x00-\x09\x0b-\x1f]", out) == [] and "\\r::error" in out
    if fmt == "markdown":  # as a pull-request comment renders it (CommonMark)
        from markdown_it import MarkdownIt

        page = MarkdownIt("commonmark").render(out)
        assert "<img" not in page and "<a " not in page, page
        assert "onerror=alert(1)" in page  # the reason is still there, as text
    if fmt == "text":
        assert "\\x1b[2J\\x1b]0;owned\\x07 repainted" in out  # shown, escaped


def test_action_text_reaches_html_escaped(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, actions=ACTION_WITH_CONTROLS, actuals=ACTUALS_MISSED)
    page = tmp_path / "page.html"
    for args in (["gaps", "-f", "html", "-o", page],
                 ["handbook", "-o", tmp_path / "site", "--single-file", page, "--no-diagrams"]):
        result = run_cli(*args, "--as-of", AS_OF, cwd=root)
        assert result.code == 0, result.text
        text = page.read_text()
        assert CONTROL_BUT_LINE_BREAKS.findall(text) == [], args
        assert "Hire\\x1b[31m six\\x07" in text, args


ACTION_WITH_CONTROLS = """\
actions:
  - id: ACT-1
    title: "Hire\\e[31m six\\a"
    owner: care
    addresses: [shop/call/answer-fast]
    status: do
    opened: 2026-07-01
"""
ACTUALS_MISSED = "standard,period,value,sample\nshop/call/answer-fast,2026-Q3,70,500\n"
