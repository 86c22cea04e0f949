"""Reporting periods: `2026-Q3` (quarter), `2026-07` (month), `2026-H2` (half), `2026` (year).

A period is ordered by the month it ends in, so monthly, quarterly and yearly figures can be
compared for staleness: a standard reviewed monthly whose last figure ended three months
before the report period is stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$")
CADENCE_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


@dataclass(frozen=True, order=True)
class Period:
    end: int  # months since year 0, of the month the period ends in
    text: str

    @property
    def months(self) -> int:
        """How many months it spans: 1, 3 (a quarter), 6 (a half) or 12."""
        part = self.text.partition("-")[2]
        return {"Q": 3, "H": 6}.get(part[:1], 1) if part else 12

    def holds(self, other: Period) -> bool:
        """`other` ends within this period (2026-08 and 2026-Q3 are within 2026-H2)."""
        return self.end - self.months < other.end <= self.end


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Raise ValueError with a message for the user when `text` is not a period."""
    match = _PERIOD.match(text.strip())
    if not match:
        raise ValueError(f"period {text!r} is not YYYY-Qn, YYYY-MM, YYYY-Hn or YYYY")
    year, part = int(match.group(1)), match.group(2)
    if part is None:
        month = 12
    elif part.startswith("Q"):
        month = int(part[1]) * 3
    elif part.startswith("H"):
        month = int(part[1]) * 6
    else:
        month = int(part)
    return Period(year * 12 + month, text.strip())


def month_of(day: date) -> int:
    """The month a day falls in, on the scale of `Period.end`."""
    return day.year * 12 + day.month


@lru_cache(maxsize=1024)
def quarter_of(year: int, month: int) -> str:
    return f"{year}-Q{(month - 1) // 3 + 1}"


def months_between(earlier: Period, later: Period) -> int:
    return later.end - earlier.end
