"""A business clock: `within` and `duration` counted in a calendar's open hours (working days,
opening hours, holidays, a time zone), as complaint and email standards are written ("within
one working day"). The SQL's closed form is checked against a day-by-day count on random
spans, then end to end through `journeymap measure`.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import zoneinfo
from pathlib import Path

import duckdb
import pytest

from journeymap.measures import hours, query
from journeymap.model import Calendar
from tests.test_measure import journeymap

#: an Irish office open six days a week, with the 2026 holidays around both clock changes
CALENDAR = Calendar(
    id="office", time_zone="Europe/Dublin", hours="08:30-17:00",
    days=["mon", "tue", "wed", "thu", "fri", "sat"],
    holidays=[dt.date(2026, 3, 17), dt.date(2026, 3, 29), dt.date(2026, 4, 6),
              dt.date(2026, 10, 26), dt.date(2026, 12, 25)])


def open_ms(start: dt.datetime, end: dt.datetime, calendar: Calendar) -> int:
    """The open milliseconds between two UTC times, counted day by day in the calendar's
    zone (negative when `end` comes first)."""
    if end < start:
        return -open_ms(end, start, calendar)
    zone = zoneinfo.ZoneInfo(calendar.time_zone)
    start, end = (t.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)
                  for t in (start, end))
    opening, closing = (dt.timedelta(milliseconds=ms) for ms in calendar.opening)
    total, day = dt.timedelta(), start.date()
    while day <= end.date():
        if day.strftime("%a").lower() in calendar.days and day not in calendar.holidays:
            midnight = dt.datetime.combine(day, dt.time())
            total += max(dt.timedelta(), min(end, midnight + closing) -
                         max(start, midnight + opening))
        day += dt.timedelta(days=1)
    return total // dt.timedelta(milliseconds=1)


def test_the_closed_form_counts_what_a_day_by_day_count_does() -> None:
    """3,000 random spans over 2026, a few reversed, some weeks long: over weekends, holidays
    and both clock changes, the SQL gives the day-by-day count to the millisecond."""
    rng = random.Random(1)
    spans = []
    for _ in range(3000):
        start = dt.datetime(2026, 1, 1) + dt.timedelta(seconds=rng.randrange(365 * 86400))
        end = start + dt.timedelta(seconds=int(rng.expovariate(1 / (3 * 86400))))
        spans.append((end, start) if rng.random() < 0.05 else (start, end))
    con = duckdb.connect()
    con.execute("CREATE TABLE spans (a TIMESTAMP, b TIMESTAMP)")
    con.executemany("INSERT INTO spans VALUES (?, ?)", spans)
    q = query.Quoter(query.DIALECTS["duckdb"])

    def business(column: str) -> str:
        wall = query.wall_ms(q, column, "UTC", CALENDAR)
        return hours.business_ms(wall, hours.day_of(wall), CALENDAR)

    measured = [row[0] for row in con.execute(
        f"SELECT {business('b')} - {business('a')} FROM spans").fetchall()]
    assert measured == [open_ms(a, b, CALENDAR) for a, b in spans]
    assert sum(m == 0 for m in measured) > 50 and max(measured) > 5 * 30_600_000


REGISTER = """\
id,received,acknowledged
C-1,2026-07-31T16:00:00,2026-08-04T10:00:00
C-2,2026-08-05T18:30:00,2026-08-06T16:59:00
C-3,2026-08-06T09:00:00,2026-08-07T09:30:00
C-4,2026-08-07T12:00:00,
"""
CALENDARS = """\
calendars:
  - id: office
    time_zone: Europe/Dublin
    hours: "09:00-17:00"
    holidays: [2026-08-03]
"""
LIBRARY = """\
teams:
  - id: relations
    name: Customer Relations
standards:
  - id: complaint-acknowledged
    statement: Acknowledge every complaint within one working day
    dimension: empathy
    metric: complaint_ack_share
    target: "{target}"
    source: Complaints register
"""
JOURNEY = """\
id: complaint
title: Complaint
owner: relations
stages:
  - id: raise
    title: Raise
    touchpoints:
      - id: complaint-phone
        title: Complaint by phone
        channel: phone
        kind: complaint
        standards:
          - use: complaint-acknowledged
            measure:
              source: register
{statistic}
"""
WITHIN = "              within: {from: received, to: acknowledged, limit: 1 working day, " \
    "calendar: office}"


def register(root: Path, statistic: str = WITHIN, target: str = ">= 95 %",
             calendars: str = CALENDARS, written_in: str | None = None,
             rows: str = REGISTER) -> Path:
    for folder in ("journeys", "standards", "sources", "data"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "data" / "register.csv").write_text(rows)
    zone = f"\n    time_zone: {written_in}" if written_in else ""
    (root / "sources" / "register.yaml").write_text(
        "sources:\n  - id: register\n    path: data/register.csv\n"
        f"    time: received{zone}\n")
    (root / "standards" / "library.yaml").write_text(LIBRARY.format(target=target))
    (root / "journeys" / "complaint.yaml").write_text(JOURNEY.format(statistic=statistic))
    if calendars:
        (root / "standards" / "calendars.yaml").write_text(calendars)
    return root


def measured(root: Path) -> list[str]:
    run = journeymap(root, "measure", "-o", "-")
    assert run.returncode == 0, run.stderr
    return [line for line in run.stdout.splitlines() if line.startswith("complaint/")]


def test_within_one_working_day(tmp_path: Path) -> None:
    """Office hours 09:00-17:00, Monday to Friday, Monday 3 August a holiday:
    - C-1, Friday 16:00 to Tuesday 10:00: 1 h on Friday, the holiday, 1 h on Tuesday: within;
    - C-2, Wednesday 18:30 (after closing) to Thursday 16:59: 7 h 59 min: within;
    - C-3, Thursday 09:00 to Friday 09:30: 8 h 30 min: beyond the 8 h of a working day;
    - C-4, not acknowledged: not within.
    2 of 4 in August; on a clock that never stops, only C-2 (22 h 29 min) is within a day."""
    root = register(tmp_path)
    assert measured(root) == [
        "complaint/complaint-phone/complaint-acknowledged,2026-07,100,%,1,20.65,100,register",
        "complaint/complaint-phone/complaint-acknowledged,2026-08,33.33,%,3,6.15,79.23,register",
        "complaint/complaint-phone/complaint-acknowledged,2026-Q3,50,%,4,15,85,register",
        "complaint/complaint-phone/complaint-acknowledged,2026,50,%,4,15,85,register"]
    around_the_clock = register(tmp_path / "24h", WITHIN.replace(
        "1 working day, calendar: office", "1 d"))
    assert measured(around_the_clock)[2].startswith(
        "complaint/complaint-phone/complaint-acknowledged,2026-Q3,25,%,4,")


def test_times_written_in_another_zone_are_moved_into_the_calendars(tmp_path: Path) -> None:
    """The same register written in UTC (an hour behind Dublin in summer), with its source's
    `time_zone` saying so, gives the same figures; read as Dublin time, it would not."""
    def utc(cell: str) -> str:
        return (dt.datetime.fromisoformat(cell) - dt.timedelta(hours=1)).isoformat() \
            if cell and cell[0].isdigit() else cell
    rows = "\n".join(",".join(map(utc, line.split(","))) for line in REGISTER.splitlines())
    dublin = measured(register(tmp_path / "dublin"))
    moved = measured(register(tmp_path / "utc", written_in="UTC", rows=rows + "\n"))
    assert moved == dublin
    unmoved = measured(register(tmp_path / "as-is", rows=rows + "\n"))
    assert unmoved != dublin


def test_a_duration_in_open_hours(tmp_path: Path) -> None:
    """The median of C-1 to C-3's open hours (2 h, 7 h 59 min, 8 h 30 min) is 7 h 59 min;
    C-4 has no acknowledgement, so no duration."""
    statistic = ("              duration: {from: received, to: acknowledged, stat: median, "
                 "calendar: office}")
    rows = measured(register(tmp_path, statistic, target="<= 8 h"))
    assert rows[2].split(",")[:5] == [
        "complaint/complaint-phone/complaint-acknowledged", "2026-Q3", "7.98", "h", "3"]


UNKNOWN = ("journeys/complaint.yaml", 16, 90, "unknown calendar 'office'; the workspace has "
           "no calendar (`calendars:` in a library file)")


@pytest.mark.parametrize("statistic, target, calendars, finding", [
    (WITHIN.replace("calendar: office", "calendar: ofice"), ">= 95 %", CALENDARS,
     ("journeys/complaint.yaml", 16, 90, "unknown calendar 'ofice'; did you mean 'office'?")),
    (WITHIN, ">= 95 %", "", UNKNOWN),
    (WITHIN.replace(", calendar: office", ""), ">= 95 %", CALENDARS,
     ("journeys/complaint.yaml", 16, 65, "a limit of 1 working day needs a `calendar` to "
      "count working days in")),
    ("              duration: {from: received, to: acknowledged, stat: p90, calendar: office}",
     "<= 1 d", CALENDARS,
     ("journeys/complaint.yaml", 16, 81, "`duration` on calendar 'office' counts open hours "
      "(8 h a working day): give the target of complaint/complaint-phone/"
      "complaint-acknowledged in h, min or s, not '<= 1 d'")),
    (WITHIN, ">= 95 %", CALENDARS.replace("Europe/Dublin", "Europe/Dubln"),
     ("standards/calendars.yaml", 3, 16, "`time_zone`: time zone 'Europe/Dubln' is not an "
      "IANA time zone name; did you mean 'Europe/Dublin'?")),
    (WITHIN, ">= 95 %", CALENDARS.replace('"09:00-17:00"', '"17:00-09:00"'),
     ("standards/calendars.yaml", 4, 12, "`hours`: '17:00-09:00': closing comes after "
      "opening, the same day")),
    (WITHIN, ">= 95 %", CALENDARS + "    days: [mon, tue, mon]\n",
     ("standards/calendars.yaml", 6, 11, "`days`: name each working day once")),
    (WITHIN, ">= 95 %", CALENDARS + CALENDARS.replace("calendars:\n", ""),
     ("standards/calendars.yaml", 6, 9, "duplicate calendar id 'office' (first at "
      "standards/calendars.yaml:2:9)")),
])
def test_a_clock_that_cannot_run_is_named_where_it_is_written(
        tmp_path: Path, statistic: str, target: str, calendars: str,
        finding: tuple[str, int, int, str]) -> None:
    root = register(tmp_path, statistic, target, calendars)
    run = journeymap(root, "validate", "-f", "json")
    assert run.returncode == 1
    found = {(d["file"], d["line"], d["column"], d["message"])
             for d in json.loads(run.stdout)["diagnostics"]}
    if finding[0] == "standards/calendars.yaml" and "duplicate" not in finding[3]:
        # one mistake, one error: the measure naming the calendar waits for it to load
        assert found == {(*finding[:3], finding[3] + " (1 reference to names it may define "
                          "could not be checked until it loads)")}
    else:
        assert found == {finding}


def test_a_source_in_an_unknown_zone_is_named_at_its_line(tmp_path: Path) -> None:
    root = register(tmp_path, written_in="Mars/Olympus")
    run = journeymap(root, "validate", "-f", "json")
    assert run.returncode == 1
    assert {(d["file"], d["line"], d["column"], d["code"], d["message"])
            for d in json.loads(run.stdout)["diagnostics"]} == {
        ("sources/register.yaml", 5, 16, "JM010", "`time_zone`: time zone 'Mars/Olympus' is "
         "not an IANA time zone name; e.g. Europe/Dublin, UTC (1 reference to names it may "
         "define could not be checked until it loads)")}


@pytest.mark.parametrize("acknowledged, august", [
    # the register taken on Monday at 10:00: C-4 has had 6 open hours, and is still pending
    ("2026-08-10T10:00:00", "66.67,%,3"),
    # taken at 15:00: 11 open hours, beyond a working day whether answered or not
    ("2026-08-10T15:00:00", "50,%,4"),
])
def test_an_open_complaint_is_missed_only_once_its_time_has_run_out(
        tmp_path: Path, acknowledged: str, august: str) -> None:
    """`unanswered: pending`: C-4 (Friday 12:00, not acknowledged) is judged at the latest
    time in the register, here C-5's acknowledgement (received Monday 09:00)."""
    rows = REGISTER + f"C-5,2026-08-10T09:00:00,{acknowledged}\n"
    statistic = WITHIN.replace("calendar: office}", "calendar: office, unanswered: pending}")
    [_, row, *_] = measured(register(tmp_path, statistic, rows=rows))
    assert row.startswith(f"complaint/complaint-phone/complaint-acknowledged,2026-08,{august},")


def test_a_time_promised_to_everyone_is_the_share_within_it_at_100(tmp_path: Path) -> None:
    """"We acknowledge within one working day" promises every complaint within the measure's
    limit: stricter than ">= 95 %", and not delivered at 50 %. A promise of a shorter time
    than the limit says nothing about the share within the limit, so it is left alone."""
    def findings(promise: str) -> set[tuple[str, str]]:
        root = register(tmp_path / promise.replace(" ", "-"))
        journey = root / "journeys" / "complaint.yaml"
        journey.write_text(journey.read_text().replace(
            "        kind: complaint\n",
            f"        kind: complaint\n        promise: {promise}\n"))
        assert journeymap(root, "measure").returncode == 0
        run = journeymap(root, "gaps", "-f", "json", "--period", "2026-Q3")
        return {(f["kind"], f["message"]) for f in json.loads(run.stdout)["findings"]
                if f["kind"].startswith("promise")}

    quoted = "we promise 'We acknowledge within one working day' (every one within 1 working " \
        "day: >= 100 %)"
    label = 'complaint-acknowledged "Acknowledge every complaint within one working day"'
    wording = " (the promise names no standard: compared with complaint-acknowledged at the " \
        "same touchpoint by wording)"
    assert findings("We acknowledge within one working day") == {
        ("promise-stricter-than-standard",
         f"{quoted} but {label} only requires >= 95 %{wording}"),
        ("promise-not-delivered", f"{quoted}; {label} delivered 50 % in 2026-Q3{wording}")}
    assert findings("We call back within an hour") == set()
