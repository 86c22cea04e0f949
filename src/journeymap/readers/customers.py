"""The customer counts `journeymap measure --customers` writes: distinct customers per
journey, touchpoint and period, for the revenue model's measured N and reach."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journeymap.findings import Finding
from journeymap.periods import Period
from journeymap.readers.table import UNKNOWN, Table, csv_files
from journeymap.workspace import Workspace

CUSTOMER_COLUMNS = ("journey", "touchpoint", "period", "customers")


@dataclass
class CustomerCounts:
    """Distinct customers per journey (touchpoint "") and touchpoint and period, as
    `journeymap measure --customers` writes them."""

    counts: dict[tuple[str, str, str], int]
    files: list[str]
    months: dict[tuple[str, str], set[int]]  # (journey, year) -> the months counted

    def year(self, journey: str, until: Period | None) -> tuple[int, dict[str, float], str] | None:
        """The latest whole calendar year of a journey's customers (all 12 months counted)
        ending by `until`: (customers, each touchpoint's reach, the year), or None."""
        last = (until.end - 12) // 12 if until else 9999  # whole years ending by `until`
        years = sorted((int(y) for (j, t, y) in self.counts
                        if j == journey and not t and len(y) == 4 and int(y) <= last),
                       reverse=True)
        for year in years:
            if len(self.months.get((journey, str(year)), ())) < 12:
                continue
            total = self.counts[(journey, "", str(year))]
            if not total:
                continue
            reach = {t: min(1.0, n / total) for (j, t, y), n in self.counts.items()
                     if j == journey and t and y == str(year)}
            return total, reach, str(year)
        return None


def read_customers(ws: Workspace, paths: Iterable[Path], findings: list[Finding],
                   sources: dict[str, str]) -> CustomerCounts:
    """The customer counts files, checked row by row like the actuals."""
    counts: dict[tuple[str, str, str], int] = {}
    months: dict[tuple[str, str], set[int]] = {}
    files = []
    for path in csv_files(paths, findings, ws.base):
        table = Table(path, findings, sources, ws.settings.limits.max_csv_bytes, ws.base)
        if not table.require(CUSTOMER_COLUMNS):
            continue
        files.append(table.name)
        for line, row in table.rows:
            journey = (row.get("journey") or "").strip()
            touchpoint = (row.get("touchpoint") or "").strip()
            if ws.journey(journey) is None:
                table.error(line, table.column(line, "journey"), UNKNOWN,
                            f"unknown journey {journey[:200]!r}")
                continue
            if touchpoint and ws.touchpoint(f"{journey}/{touchpoint}") is None:
                table.error(line, table.column(line, "touchpoint"), UNKNOWN,
                            f"unknown touchpoint {touchpoint[:200]!r} in journey {journey}")
                continue
            period = table.period(line, row)
            if period is None:
                continue
            customers = table.count(line, row, "customers", 0)
            if customers is None:
                continue
            counts[(journey, touchpoint, period.text)] = customers
            if period.months == 1 and not touchpoint:
                months.setdefault((journey, period.text[:4]), set()).add(period.end)
    return CustomerCounts(counts, files, months)
