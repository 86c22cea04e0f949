"""The actuals: each standard's figure per period, in its target's unit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journeymap.findings import Finding
from journeymap.periods import Period
from journeymap.readers.table import (
    ACTUALS_COLUMNS,
    BAD,
    DUPLICATE,
    UNIT,
    UNKNOWN,
    StandardIndex,
    Table,
    csv_files,
)
from journeymap.targets import TIME_UNITS, canonical_unit, convert
from journeymap.workspace import AppliedStandard, Workspace


# one per row of the actuals, by the hundred thousand: slots, and not frozen (a frozen init
# costs five times as much); never changed once read
@dataclass(slots=True)
class Actual:
    standard: AppliedStandard
    period: Period
    value: float  # in the standard's target unit
    sample: int | None
    low: float | None = None  # the 95 % interval `journeymap measure` wrote, same unit
    high: float | None = None
    beyond: float | None = None  # a quantile's % of events beyond the target's threshold


def read_actuals(ws: Workspace, paths: Iterable[Path], findings: list[Finding],
                 sources: dict[str, str]) -> list[Actual]:
    """Every row of the actuals files, checked, with its value in its standard's unit."""
    index = StandardIndex(ws.applied)
    actuals: list[Actual] = []
    seen: dict[tuple[int, str], str] = {}  # (the standard, the period): where first
    for path in csv_files(paths, findings, ws.base):
        table = Table(path, findings, sources, ws.settings.limits.max_csv_bytes, ws.base)
        if not table.require(ACTUALS_COLUMNS):
            continue
        for line, row in table.rows:
            standard, why = index.find((row.get("standard") or "").strip())
            if standard is None:
                table.error(line, table.column(line, "standard"), UNKNOWN, why)
                continue
            period = table.period(line, row)
            if period is None:
                continue
            value = table.number(line, row, "value")
            if value is None:
                continue
            unit = canonical_unit((row.get("unit") or "").strip() or None)
            target_unit = standard.target.unit if standard.target else None
            if unit is not None and standard.target is not None:
                converted = convert(value, unit, target_unit)
                if converted is None:
                    table.error(line, table.column(line, "unit"), UNIT,
                                f"unit {unit!r} does not convert to the target's unit "
                                f"{target_unit or '(none)'} of {standard.fqid}")
                    continue
                value = converted
            bounds = _bounds(table, line, row, unit, target_unit)
            impossible = _impossible(value, target_unit)
            if impossible:
                table.error(line, table.column(line, "value"), BAD, impossible)
                continue
            key = (id(standard), period.text)
            if key in seen:
                table.error(line, 1, DUPLICATE, f"a second row for {standard.fqid} in "
                            f"{period.text} (first at {seen[key]})")
                continue
            seen[key] = f"{table.name}:{line}"
            # at least 1: a figure measured on no cases can be neither met nor missed
            sample = table.count(line, row, "sample", 1) if (row.get("sample") or "").strip() \
                else None
            beyond = _share(table, line, row, "beyond")
            actuals.append(Actual(standard, period, value, sample, *bounds, beyond))
    return actuals


def _bounds(table: Table, line: int, row: dict[str, str], unit: str | None,
            target_unit: str | None) -> tuple[float | None, float | None]:
    """The optional `low` and `high` of a row (both or neither), in the target's unit."""
    given = [name for name in ("low", "high") if (row.get(name) or "").strip()]
    if not given:
        return None, None
    if len(given) == 1:
        table.error(line, table.column(line, given[0]), BAD,
                    f"{given[0]} without {'high' if given[0] == 'low' else 'low'}: an interval "
                    "needs both")
        return None, None
    low, high = table.number(line, row, "low"), table.number(line, row, "high")
    if low is None or high is None:
        return None, None
    if unit is not None:
        low, high = convert(low, unit, target_unit), convert(high, unit, target_unit)
    if low is None or high is None or low > high:
        table.error(line, table.column(line, "low"), BAD, "low is above high")
        return None, None
    return low, high


def _share(table: Table, line: int, row: dict[str, str], name: str) -> float | None:
    """An optional column holding a share in % (0 to 100)."""
    if not (row.get(name) or "").strip():
        return None
    share = table.number(line, row, name)
    if share is not None and not 0 <= share <= 100:
        table.error(line, table.column(line, name), BAD,
                    f"{name} {share:g} is not a share between 0 and 100 %")
        return None
    return share


def _impossible(value: float, unit: str | None) -> str | None:
    """Why a measured value cannot be (a share outside 0..100 %, a negative time)."""
    if unit == "%" and not 0 <= value <= 100:
        return f"value {value:g} % is not a share between 0 and 100 %"
    if unit in TIME_UNITS and value < 0:
        return f"value {value:g} {unit} is a negative time"
    return None
