"""`journeymap measure`: standards measured from raw events (docs/measures.md).

The worked example of the contract is pinned to the digit, in the bytes written; every attack
on the engine through the workspace's text is pinned to its exact outcome.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap import stats

CALLS = """\
offered_at,answered_at,queue,customer_id
2026-07-01T09:00:00,2026-07-01T09:00:12,SUPPORT,c1
2026-07-01T09:05:00,2026-07-01T09:05:31,SUPPORT,c2
2026-07-02T10:00:00,,SUPPORT,c2
2026-07-03T11:00:00,2026-07-03T11:00:05,FAULT,c3
2026-08-04T12:00:00,2026-08-04T12:00:20,SUPPORT,c4
2026-08-05T13:00:00,2026-08-05T13:00:19,SUPPORT,c1
"""
SOURCE = """\
sources:
  - id: calls
    title: Contact-centre call records (telephony export)
    path: {path}
    time: offered_at
    customer: customer_id
"""
LIBRARY = """\
teams:
  - id: care
    name: Customer Care
standards:
  - id: answer-within-20s
    statement: Answer 80% of support calls within 20 seconds
    dimension: responsiveness
    metric: service_level_20s
    target: ">= 80 %"
    source: Telephony
"""
JOURNEY = """\
id: support
title: Support
owner: care
stages:
  - id: help
    title: Help
    touchpoints:
      - id: support-call
        title: Support call
        channel: phone
        standards:
          - use: answer-within-20s
            measure:
{measure}
"""
WITHIN = """\
              source: calls
              where: {queue: SUPPORT}
              within: {from: offered_at, to: answered_at, limit: 20 s}"""


def workspace(root: Path, measure: str = WITHIN, path: str = "data/calls.csv",
              calls: str = CALLS) -> Path:
    for folder in ("journeys", "standards", "sources", "data"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "data" / "calls.csv").write_text(calls)
    (root / "sources" / "calls.yaml").write_text(SOURCE.format(path=json.dumps(path)))
    (root / "standards" / "library.yaml").write_text(LIBRARY)
    (root / "journeys" / "support.yaml").write_text(JOURNEY.format(measure=measure))
    return root


def journeymap(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journeymap", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "JOURNEYMAP_NO_CACHE": "1"})


def test_the_worked_example_to_the_digit(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    run = journeymap(root, "measure")
    assert (run.returncode, run.stderr) == (0, ""), run.stderr
    assert run.stdout == ("wrote actuals/measured.csv\nwrote customers/measured.csv\n"
                          "1 standards measured: 4 figures\n")
    fqid = "support/support-call/answer-within-20s"
    assert (root / "actuals" / "measured.csv").read_text() == (
        "standard,period,value,unit,sample,low,high,source\n"
        f"{fqid},2026-07,33.33,%,3,6.15,79.23,calls\n"
        f"{fqid},2026-08,100,%,2,34.24,100,calls\n"
        f"{fqid},2026-Q3,60,%,5,23.07,88.24,calls\n"
        f"{fqid},2026,60,%,5,23.07,88.24,calls\n")
    # Q3 at the touchpoint: c1, c2, c4; with a problem: c2 (31 s, and the abandoned call);
    # the FAULT call (c3) is not this standard's event
    customers = (root / "customers" / "measured.csv").read_text().splitlines()
    assert "support,support-call,2026-Q3,3,1" in customers
    assert "support,,2026-Q3,3,1" in customers
    assert len(customers) == 9
    again = journeymap(root, "measure", "-o", "again.csv", "--customers", "again-c.csv")
    assert again.returncode == 0
    assert (root / "again.csv").read_bytes() == (root / "actuals" / "measured.csv").read_bytes()
    # the other commands read what measure wrote
    gaps = journeymap(root, "gaps", "-f", "json", "--period", "2026-07", "--as-of", "2026-11-01")
    statuses = [json.loads(line.rstrip(",")) for line in gaps.stdout.splitlines()
                if line.strip().startswith('{"standard"')]
    assert gaps.returncode == 0 and any(s.get("actual") == 33.33 for s in statuses), gaps.stdout


@pytest.mark.parametrize("x, n, low, high", [
    (16, 20, 58.40, 91.93), (15, 20, 53.13, 88.81), (158, 200, 72.84, 84.07),
    (1580, 2000, 77.16, 80.73), (3567, 4820, 72.75, 75.22), (1, 3, 6.15, 79.23),
    (2, 2, 34.24, 100.0), (3, 5, 23.07, 88.24),
])
def test_wilson_intervals_of_the_contracts(x: int, n: int, low: float, high: float) -> None:
    interval = stats.wilson(x, n)
    assert interval is not None
    assert (round(interval[0], 2), round(interval[1], 2)) == (low, high)


def test_a_mean_and_an_nps_interval() -> None:
    # 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd 2.138; t(7) = 2.3646
    low, high = stats.mean_interval(8, 40, 232)  # type: ignore[misc]
    assert (round(low, 3), round(high, 3)) == (3.213, 6.787)
    assert round(stats.t975(30), 3) == 2.042 and stats.mean_interval(1, 5, 25) is None
    low, high = stats.nps_interval(50, 20, 100)  # type: ignore[misc]
    # NPS 30; var = (0.5 + 0.2 - 0.3²) / 100 = 0.0061; 1.96 × 0.0781 = 15.3 points
    assert (round(low, 1), round(high, 1)) == (14.7, 45.3)


DURATION = """\
              source: calls
              where: {queue: [SUPPORT, FAULT], answered_at: not_null}
              duration: {from: offered_at, to: answered_at, stat: median}"""


def test_a_median_duration_in_the_targets_unit(tmp_path: Path) -> None:
    root = workspace(tmp_path, DURATION)
    library = root / "standards" / "library.yaml"
    library.write_text(library.read_text().replace('">= 80 %"', '"<= 20 s"'))
    run = journeymap(root, "measure", "-o", "-")
    assert run.returncode == 0, run.stderr
    rows = run.stdout.splitlines()
    fqid = "support/support-call/answer-within-20s"
    # July: 12, 31, 5 s -> 12; August: 20, 19 -> 19.5; Q3: 5, 12, 19, 20, 31 -> 19; beyond
    # 20 s: 1 of 3 in July, none in August, 1 of 5 in Q3
    assert rows[1:5] == [f"{fqid},2026-07,12,s,3,,,calls,33.33",
                         f"{fqid},2026-08,19.5,s,2,,,calls,0",
                         f"{fqid},2026-Q3,19,s,5,,,calls,20", f"{fqid},2026,19,s,5,,,calls,20"]


def test_a_quantile_gets_its_order_statistic_interval(tmp_path: Path) -> None:
    """Twenty answered calls in July, 1 to 20 s: the median is 10.5 s; n·q = 10 and
    1.96·√(n·q·(1−q)) = 4.38, so the 95 % interval runs from the 6th to the 15th smallest,
    6 s to 15 s. Five calls are too few for one (the ranks fall outside 1..5)."""
    rows = [f"2026-07-{day:02d}T09:00:00,2026-07-{day:02d}T09:00:{day:02d},SUPPORT,c{day}"
            for day in range(1, 21)]
    calls = "offered_at,answered_at,queue,customer_id\n" + "\n".join(rows) + "\n"
    root = workspace(tmp_path, DURATION, calls=calls)
    library = root / "standards" / "library.yaml"
    library.write_text(library.read_text().replace('">= 80 %"', '"<= 20 s"'))
    run = journeymap(root, "measure", "-o", "-")
    assert run.returncode == 0, run.stderr
    fqid = "support/support-call/answer-within-20s"
    assert f"{fqid},2026-07,10.5,s,20,6,15,calls,0" in run.stdout.splitlines()
    few = workspace(tmp_path / "few", DURATION)
    library = few / "standards" / "library.yaml"
    library.write_text(library.read_text().replace('">= 80 %"', '"<= 20 s"'))
    run = journeymap(few, "measure", "-o", "-")
    assert f"{fqid},2026-Q3,19,s,5,,,calls,20" in run.stdout.splitlines(), run.stdout


def test_a_quantiles_miss_is_priced_by_its_events_beyond_the_threshold(tmp_path: Path
                                                                       ) -> None:
    """revenue.md v2: p = the share of events beyond the threshold less what the target
    tolerates (50 % for a median), measured, not the flat problem_share."""
    root = workspace(tmp_path, DURATION)
    library = root / "standards" / "library.yaml"
    library.write_text(library.read_text().replace('">= 80 %"', '"<= 15 s"'))
    (root / "journeys" / "support.yaml").write_text(
        JOURNEY.format(measure=DURATION).replace("owner: care\n",
                                                 "owner: care\ncustomers_per_year: 1000\n"))
    (root / "standards" / "library.yaml").write_text(library.read_text().replace(
        "teams:", "personas:\n  - {id: p, name: P, annual_value: 100}\nteams:"))
    journey = root / "journeys" / "support.yaml"
    journey.write_text(journey.read_text().replace("owner: care\n", "owner: care\n"
                                                   "personas: [p]\n", 1))
    run = journeymap(root, "measure")
    assert run.returncode == 0, run.stderr
    rows = (root / "actuals" / "measured.csv").read_text().splitlines()
    fqid = "support/support-call/answer-within-20s"
    # Q3: 5, 12, 19, 20, 31 s against <= 15 s: 3 of 5 beyond, 60 %
    assert rows[0].endswith(",source,beyond")
    assert f"{fqid},2026-Q3,19,s,5,,,calls,60" in rows
    gaps = journeymap(root, "gaps", "-f", "json", "--period", "2026-Q3")
    revenue = json.loads(gaps.stdout)["revenue"]
    [journey_row] = revenue["journeys"]
    [touchpoint] = journey_row["touchpoints"]
    [standard] = touchpoint["standards"]
    assert standard == {"standard": fqid, "p": 0.1, "basis": "measured",
                        "how": "60 % of events beyond 15 s, 50 % tolerated"}


def _diagnostics(run: subprocess.CompletedProcess) -> set[tuple[str, int, int, str, str]]:
    return {(d["file"], d["line"], d["column"], d["code"], d["message"])
            for d in json.loads(run.stdout)["diagnostics"]}


def test_a_measure_that_does_not_hold_together(tmp_path: Path) -> None:
    measure = """\
              source: call
              share: {column: queue, is: SUPPORT}
              nps: {column: score}"""
    root = workspace(tmp_path, measure)
    run = journeymap(root, "validate", "-f", "json")
    assert run.returncode == 1
    assert _diagnostics(run) == {
        ("journeys/support.yaml", 13, 13, "JM114",
         "a measure names one statistic, one of within, share, duration, value, nps, count; "
         "found share, nps"),
        ("journeys/support.yaml", 14, 23, "JM114",
         "unknown event source 'call'; did you mean 'calls'?")}


def test_a_column_the_files_lack_is_named_at_the_measure(tmp_path: Path) -> None:
    measure = WITHIN.replace("queue: SUPPORT", "queu: SUPPORT")
    root = workspace(tmp_path, measure)
    run = journeymap(root, "measure")
    assert run.returncode == 1 and not (root / "actuals").exists()
    assert "journeys/support.yaml:15:23: JM207 error: the files of source 'calls' have no " \
        "column 'queu'; did you mean 'queue'? (they have offered_at, answered_at, queue, " \
        "customer_id)" in run.stderr, run.stderr


OUTSIDE = "must be relative to the workspace, without `..` or a URL"


@pytest.mark.parametrize("path, message", [
    ("../outside.csv", f"path '../outside.csv' {OUTSIDE}"),
    ("/etc/passwd", f"path '/etc/passwd' {OUTSIDE}"),
    ("data/../../outside.csv", f"path 'data/../../outside.csv' {OUTSIDE}"),
    ("https://example.com/calls.csv", f"path 'https://example.com/calls.csv' {OUTSIDE}"),
    ("file:///etc/passwd", f"path 'file:///etc/passwd' {OUTSIDE}"),
    ("data/link.csv", "data/link.csv leads outside the workspace"),
    ("data/zero.csv", "data/zero.csv leads outside the workspace"),
    ("data/pipe.csv", "data/pipe.csv is not a regular file (a pipe or a device)"),
    ("data/none-*.csv", "path 'data/none-*.csv' names no file in the workspace"),
])
def test_a_source_never_reads_outside_the_workspace(tmp_path: Path, path: str,
                                                    message: str) -> None:
    root = workspace(tmp_path / "ws", path=path)
    (tmp_path / "outside.csv").write_text(CALLS)
    (root / "data" / "link.csv").symlink_to(tmp_path / "outside.csv")
    (root / "data" / "zero.csv").symlink_to("/dev/zero")
    os.mkfifo(root / "data" / "pipe.csv")
    run = journeymap(root, "measure")
    assert run.returncode == 1, run.stderr
    assert run.stderr.splitlines()[0] == \
        f"sources/calls.yaml:4:11: JM207 error: source 'calls': {message}"
    assert not (root / "actuals").exists()


@pytest.mark.parametrize("where", [
    "{queue: \"SUPPORT' OR 1=1 --\"}",
    "{queue: \"x'); COPY (SELECT 1) TO '/tmp/pwned.csv'; --\"}",
    "{queue: \"read_csv('/etc/passwd')\"}",
])
def test_sql_in_a_value_is_a_value(tmp_path: Path, where: str) -> None:
    """A `where:` value is a literal quoted by the engine's own rules: it matches no call."""
    root = workspace(tmp_path, WITHIN.replace("{queue: SUPPORT}", where))
    run = journeymap(root, "measure", "-o", "-")
    assert (run.returncode, run.stdout) == (
        0, "standard,period,value,unit,sample,low,high,source\n"
           "0 standards measured: 0 figures\n"), run.stderr
    assert not Path("/tmp/pwned.csv").exists()


def test_sql_in_a_column_name_is_refused_by_the_format(tmp_path: Path) -> None:
    root = workspace(tmp_path, WITHIN.replace("queue: SUPPORT", '"queue\\" = 1 OR \\"x": 1'))
    run = journeymap(root, "measure")
    assert run.returncode == 1 and "JM010" in run.stderr, run.stderr


def test_a_column_of_the_wrong_type_is_counted_not_a_crash(tmp_path: Path) -> None:
    measure = WITHIN.replace("from: offered_at", "from: queue")
    root = workspace(tmp_path, measure)
    run = journeymap(root, "measure", "-o", "-")
    assert run.returncode == 0
    assert "support/support-call/answer-within-20s: 5 event(s) whose values cannot be read " \
        "as the measure needs" in run.stderr


def test_an_unreadable_time_is_counted_and_shown(tmp_path: Path) -> None:
    root = workspace(tmp_path, calls=CALLS + "yesterday,,SUPPORT,c9\n")
    run = journeymap(root, "measure", "-o", "-")
    assert run.returncode == 0
    assert "journeymap: source 'calls': 1 event(s) without a readable time, not measured " \
        "(e.g. 'yesterday')" in run.stderr


def test_the_xmr_worked_example_of_the_check_contract() -> None:
    """check.md section 4: ABANDON < 5 %, monthly 2026-01..06, an action opened 2026-07-01."""
    baseline = [8.1, 7.6, 8.4, 7.9, 8.3, 7.7]
    limits = stats.xmr_limits(baseline)
    assert limits is not None and limits.provisional
    assert round(limits.centre, 4) == 8.0 and round(limits.mr_bar, 4) == 0.56
    assert (round(limits.lower, 4), round(limits.upper, 4)) == (6.5104, 9.4896)
    band = stats.BAND * limits.mr_bar
    assert (round(limits.centre - band, 4), round(limits.centre + band, 4)) == (7.2552, 8.7448)
    # 2026-07 7.2 inside; 2026-08 6.1 and 2026-09 5.8 below the lower limit: rule 1, first
    # in August, below the central line (better, for "< 5 %")
    after = stats.signals(limits, [7.2, 6.1, 5.8])
    assert [(s.rule, s.index, s.above) for s in after if s.rule == 1] == \
        [(1, 1, False), (1, 2, False)]
    assert stats.signals(limits, [7.4, 7.9, 7.3]) == []  # no signal yet
    assert stats.xmr_limits(baseline[:5]) is None  # too few periods: 5 of 6


def test_rules_two_and_three() -> None:
    limits = stats.Limits(centre=10, mr_bar=1, lower=7.34, upper=12.66, upper_range=3.268,
                          provisional=False)
    rule2 = stats.signals(limits, [11.5, 10.2, 11.6, 11.4])  # 3 of 4 beyond 11.33
    assert [(s.rule, s.index, s.above) for s in rule2] == [(2, 3, True)]
    rule3 = stats.signals(limits, [10.1] * 8)
    assert [(s.rule, s.index, s.above) for s in rule3] == [(3, 7, True)]


def test_nothing_to_measure_writes_nothing(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    journey = root / "journeys" / "support.yaml"
    journey.write_text(journey.read_text().split("            measure:")[0])
    run = journeymap(root, "measure")
    assert (run.returncode, run.stdout) == (
        0, "No standard has a `measure:`: nothing to measure, nothing written "
           "(docs/measures.md).\n")
    assert not (root / "actuals").exists() and not (root / "customers").exists()


def test_source_columns_named_like_the_querys_own_do_not_collide(tmp_path: Path) -> None:
    """A source whose columns are called t, m, qr, y or c (names a query might use for its own
    columns) measures as any other: the query's own names hold a `:`, no column's may."""
    calls = CALLS.replace("offered_at,answered_at,queue,customer_id",
                          "offered_at,answered_at,queue,customer_id,t,m,qr,y,c")
    calls = "\n".join(line + (",1,2,3,4,5" if i else "") for i, line in
                      enumerate(calls.splitlines())) + "\n"
    root = workspace(tmp_path, calls=calls)
    run = journeymap(root, "measure", "-o", "-")
    assert run.returncode == 0, run.stderr
    assert "support/support-call/answer-within-20s,2026-Q3,60,%,5,23.07,88.24,calls" in \
        run.stdout


def test_the_engine_settings_are_checked_and_used(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "journeymap.toml").write_text('[engine]\nmemory_limit = "lots"\n')
    bad = journeymap(root, "measure")
    assert bad.returncode == 2 and "engine.memory_limit" in bad.stderr, bad.stderr
    (root / "journeymap.toml").write_text('[engine]\nmemory_limit = "64MB"\nthreads = 1\n')
    small = journeymap(root, "measure", "-o", "-")
    assert small.returncode == 0, small.stderr
    assert "support/support-call/answer-within-20s,2026-Q3,60,%,5" in small.stdout


def test_order_statistics_from_counts_of_repeated_values() -> None:
    """Durations repeat (whole seconds): the r-th and s-th smallest are found from how many
    times each value occurs. 20 values: ranks 6 and 15 of 1×3, 2×10, 3×7 are 2 and 3."""
    assert stats.order_interval([(3.0, 7), (1.0, 3), (2.0, 10)], 0.5) == (2.0, 3.0)
    assert stats.order_interval([(float(v), 1) for v in range(1, 21)], 0.5) == (6.0, 15.0)
    assert stats.order_interval([(float(v), 1) for v in range(1, 6)], 0.5) is None
    # p90 of 100 values 1..100: n·q = 90, 1.96·√9 = 5.88: ranks 84 and 97
    assert stats.order_interval([(float(v), 1) for v in range(1, 101)], 0.9) == (84.0, 97.0)


QUEUED_LIBRARY = LIBRARY + """\
  - id: wait
    statement: Half of all callers wait less than 20 seconds
    dimension: responsiveness
    metric: median_wait
    target: "<= 20 s"
    source: Telephony
"""
#: the journey's head, before its first touchpoint
QUEUED_JOURNEY = JOURNEY[:JOURNEY.index("      - id: support-call")] + "{touchpoints}"
QUEUED_TOUCHPOINT = """\
      - id: {queue}-call
        title: {queue} call
        channel: phone
        standards:
          - use: answer-within-20s
            measure:
              source: calls
              where: {{queue: {pick}, score: not_null}}
              within: {{from: offered_at, to: answered_at, limit: 20 s}}
          - use: wait
            measure:
              source: calls
              where: {{queue: {pick}}}
              duration: {{from: offered_at, to: answered_at, stat: median}}
"""


def queued_workspace(root: Path, calls: str, listed: bool = False) -> Path:
    """A touchpoint per queue, each with a share and a median picking its queue: `queue:
    SUPPORT` (which the query groups by), or, `listed`, `queue: [SUPPORT]` (which it does
    not)."""
    workspace(root, calls=calls)
    (root / "standards" / "library.yaml").write_text(QUEUED_LIBRARY)
    (root / "journeys" / "support.yaml").write_text(QUEUED_JOURNEY.format(touchpoints="".join(
        QUEUED_TOUCHPOINT.format(queue=queue, pick=f"[{queue}]" if listed else queue)
        for queue in ("SUPPORT", "FAULT"))))
    return root


def test_standards_differing_only_in_their_queue_share_one_grouping(tmp_path: Path) -> None:
    """Standards that differ only in the queue they pick are measured as a query written by
    hand would: one set of aggregates, grouped by queue. Each gets the very figures it gets
    measured on its own conditions (a list of one queue, which is not grouped)."""
    from tests.test_spark import generated_calls

    calls = generated_calls()
    grouped, alone = (queued_workspace(tmp_path / name, calls, listed=name == "alone")
                      for name in ("grouped", "alone"))
    for root in (grouped, alone):
        run = journeymap(root, "measure")
        assert run.returncode == 0, run.stderr
    written = (grouped / "actuals" / "measured.csv").read_text()
    assert written == (alone / "actuals" / "measured.csv").read_text()
    assert written.count("FAULT-call/answer-within-20s,") == written.count(
        "SUPPORT-call/wait,") == 9  # six months, two quarters and the year
    assert (grouped / "customers" / "measured.csv").read_bytes() == \
        (alone / "customers" / "measured.csv").read_bytes()
