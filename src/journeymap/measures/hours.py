"""A business clock in SQL: the open time between two timestamps under a calendar (working
days, opening hours, holidays, a time zone), in the same arithmetic on every engine.

Each timestamp becomes B(t), the open milliseconds from 1970-01-01 to its wall-clock time in
the calendar's zone, in closed form:

    B(t) = L x (working days before t's day) + (t's day is open ? clamp(t - opening, 0, L) : 0)

where L is a working day's opening hours. Working days before day D (days since 1970-01-01, a
Thursday) are whole weeks times the working weekdays, plus those among the first D mod 7 days
of a week from a Thursday, less the holidays on a working weekday before D: a search tree of
CASEs over the sorted holidays, so a calendar of decades of holidays costs a few comparisons
per event. The open time between two events is B(to) - B(from): no join, no calendar table,
and the same integers on DuckDB and on Spark.
"""

from __future__ import annotations

import datetime

from journeymap.model.measure import WEEKDAYS, Calendar

DAY_MS = 86_400_000
#: 1970-01-01, day 0, was a Thursday: day D's weekday is (D + 3) mod 7, Monday being 0
_THURSDAY = 3


def _floor_div(dividend: str, divisor: int) -> str:
    return f"CAST(FLOOR(CAST({dividend} AS DOUBLE) / {divisor}) AS BIGINT)"


def _count_before(day: str, sorted_days: list[int]) -> str:
    """How many of `sorted_days` come before `day`, as nested CASEs (a binary search)."""
    def tree(low: int, high: int) -> str:
        if low == high:
            return str(low)
        middle = (low + high) // 2
        return (f"CASE WHEN {day} > {sorted_days[middle]} THEN {tree(middle + 1, high)} "
                f"ELSE {tree(low, middle)} END")
    return tree(0, len(sorted_days))


def day_of(wall: str) -> str:
    """The day (since 1970-01-01) of a wall-clock time in milliseconds."""
    return _floor_div(wall, DAY_MS)


def business_ms(wall: str, day: str, calendar: Calendar) -> str:
    """B(wall) of the module's docstring, for a wall-clock time in the calendar's zone in
    milliseconds from 1970-01-01 00:00 (query.wall_ms) and its `day` (`day_of`): both are
    columns, as each is read several times over."""
    opening, closing = calendar.opening
    length = closing - opening
    working = sorted(WEEKDAYS.index(name) for name in calendar.days)
    # of the first r days of a week from day 0 (a Thursday), how many are working days
    prefix = [sum((_THURSDAY + j) % 7 in working for j in range(r)) for r in range(7)]
    epoch = datetime.date(1970, 1, 1)
    holidays = sorted({(h - epoch).days for h in calendar.holidays
                       if h.weekday() in working})
    weekday = f"(({day} + {_THURSDAY}) % 7)"
    within_week = "CASE (" + day + " % 7) " + " ".join(
        f"WHEN {r} THEN {prefix[r]}" for r in range(1, 7)) + " ELSE 0 END"
    before = f"({_floor_div(wall, 7 * DAY_MS)} * {len(working)} + {within_week}"
    before += f" - {_count_before(day, holidays)})" if holidays else ")"
    open_today = f"{weekday} IN ({', '.join(map(str, working))})"
    if holidays:
        open_today += f" AND {day} NOT IN ({', '.join(map(str, holidays))})"
    into_day = f"({wall} - {day} * {DAY_MS} - {opening})"
    today = (f"CASE WHEN {open_today} THEN "
             f"LEAST(GREATEST({into_day}, 0), {length}) ELSE 0 END")
    return f"({before} * {length} + {today})"
