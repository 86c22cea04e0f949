"""Reading the measured data, actuals and survey CSVs, with every bad row named by file,
line and column.

Accepted as spreadsheets export them: UTF-8 with or without BOM, CRLF or LF, `,` or `;` or tab
as the delimiter (sniffed from the header), and a decimal comma when the delimiter is `;`
(Excel in many European locales). A file in another encoding is refused with the way out
("save as CSV UTF-8"). All problems of all files are collected before anything is reported.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journeymap import codes, inputs
from journeymap.errors import UsageError
from journeymap.findings import Finding
from journeymap.hints import did_you_mean
from journeymap.inputs import InputProblem, read_bounded, walk
from journeymap.loader.files import display_name
from journeymap.model import DIMENSIONS
from journeymap.periods import Period, parse_period
from journeymap.targets import TIME_UNITS, canonical_unit, convert
from journeymap.workspace import AppliedStandard, Workspace

FORMAT, UNKNOWN, BAD = codes.CSV_FORMAT.code, codes.UNKNOWN_STANDARD.code, codes.BAD_VALUE.code
UNIT, DUPLICATE = codes.UNIT_MISMATCH.code, codes.DUPLICATE_ROW.code
SCALE = codes.SCORE_OUT_OF_SCALE.code

ACTUALS_COLUMNS = ("standard", "period", "value")
SURVEY_COLUMNS = ("touchpoint", "dimension", "expectation", "perception", "respondents")
EMPTY = "file is empty: expected a header row"
NOT_UTF8 = ("not UTF-8 (an Excel 'CSV' export?): in Excel use Save As > 'CSV UTF-8 (Comma "
            "delimited)'")
#: a number as people and spreadsheets write it: no `1_000`, `inf`, `nan` or hex
_NUMBER = re.compile(r"^[+-]?(?:\d{1,30}(?:\.\d{0,30})?|\.\d{1,30})(?:[eE][+-]?\d{1,3})?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d{0,30})?$")
#: the largest value, count or score journeymap accepts in a data file
MAX_VALUE = 1e15
#: a "did you mean" costs a fuzzy search over every id: offered for this many distinct ids
MAX_SUGGESTIONS = 200


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


@dataclass(frozen=True)
class SurveyRow:
    journey: str
    touchpoint: str
    dimension: str
    expectation: float
    perception: float
    respondents: int
    scale: tuple[float, float]
    wave: Period | None = None  # the `period` column: which survey wave the row belongs to


def read_header(first_line: str) -> tuple[str, list[str], int | None]:
    """(delimiter, column names, index of a name given twice or None) of a header line: the
    delimiter is whichever of `;` `,` and tab it holds most, names are compared lowercased."""
    delimiter = max((";", ",", "\t"), key=first_line.count)
    header = [h.strip().lower() for h in next(csv.reader([first_line], delimiter=delimiter))]
    again = next((i for i, h in enumerate(header) if h and h in header[:i]), None)
    return delimiter, header, again


def twice_message(name: str) -> str:
    return f"column {name!r} appears twice in the header: which one holds the data?"


def missing_message(missing: list[str], header: list[str], delimiter: str) -> str:
    return (f"missing column(s) {', '.join(missing)}; found {', '.join(header) or 'none'} "
            f"(delimiter {delimiter!r})")


class _Table:
    """One CSV file: header, rows with their line numbers, and findings at their cells."""

    def __init__(self, path: Path, findings: list[Finding], sources: dict[str, str],
                 max_bytes: int, base: Path) -> None:
        self.name = display_name(path, base)
        self.findings = findings
        self.rows: list[tuple[int, dict[str, str]]] = []  # (line number, cells by column)
        self.header: list[str] = []
        self.delimiter = ","
        try:
            raw = read_bounded(path, max_bytes, "limits.max_csv_bytes")
        except InputProblem as problem:
            self.error(0, 0, FORMAT, problem.message)
            return
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.error(line, 1, FORMAT, NOT_UTF8)
            return
        sources[self.name] = text
        self.lines = text.splitlines()
        if not text.strip():
            self.error(0, 0, FORMAT, EMPTY)
            return
        self.delimiter, self.header, again = read_header(self.lines[0])
        self.decimal_comma = self.delimiter == ";"
        if again is not None:
            name = self.header[again]
            self.error(1, self.column(1, name, again), FORMAT, twice_message(name))
            self.header = []
            return
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter)
        try:
            next(reader)  # the header, read above
            for row in reader:
                if len(row) > 1 or (row and row[0].strip()):  # skip blank lines
                    self.rows.append((reader.line_num, dict(zip(self.header, row, strict=False))))
        except csv.Error as exc:
            self.error(reader.line_num, 1, FORMAT, f"cannot read CSV: {exc}")

    def error(self, line: int, column: int, code: str, message: str) -> None:
        self.findings.append(Finding(self.name, line, column, code, message))

    def column(self, line: int, name: str, index: int | None = None) -> int:
        """1-based character column of a cell (the start of its field in the raw line)."""
        if name not in self.header or line > len(self.lines):
            return 1
        index = self.header.index(name) if index is None else index
        position, quoted = 0, False
        text = self.lines[line - 1]
        for i, char in enumerate(text):
            if position == index:
                return i + 1
            if char == '"':
                quoted = not quoted
            elif char == self.delimiter and not quoted:
                position += 1
        return len(text) + 1 if position == index else 1

    def require(self, columns: Iterable[str]) -> bool:
        missing = [c for c in columns if c not in self.header]
        if missing and self.header:
            self.error(1, 1, FORMAT, missing_message(missing, self.header, self.delimiter))
        return bool(self.header) and not missing

    def number(self, line: int, row: dict[str, str], name: str) -> float | None:
        raw = (row.get(name) or "").strip()
        text = raw
        if self.decimal_comma:  # `1.200,5`: '.' groups thousands where ',' is the decimal mark
            text = raw.replace(".", "") if _GROUPED.match(raw) else raw
            text = text.replace(",", ".")
        if not _NUMBER.match(text):
            hint = " (a decimal comma needs ';' as the delimiter)" if "," in raw else ""
            self.error(line, self.column(line, name), BAD,
                       f"{name} {raw[:40]!r} is not a number{hint}")
            return None
        value = float(text)
        if abs(value) > MAX_VALUE:
            self.error(line, self.column(line, name), BAD,
                       f"{name} {raw[:40]!r} is beyond ±{MAX_VALUE:.0e}")
            return None
        return value

    def count(self, line: int, row: dict[str, str], name: str, least: int) -> int | None:
        """A whole number of at least `least` (a sample size, a number of respondents)."""
        value = self.number(line, row, name)
        if value is not None and (value < least or value != int(value)):
            self.error(line, self.column(line, name), BAD,
                       f"{name} must be a whole number of at least {least}")
            return None
        return None if value is None else int(value)


def csv_files(paths: Iterable[Path], findings: list[Finding] | None = None,
              base: Path = Path("/")) -> list[Path]:
    """CSV files named or under folders named; a folder that cannot be listed is a finding."""
    files: list[Path] = []
    for path in paths:
        if inputs.is_dir(path):
            found, unlisted = walk(path, (".csv",))
            files.extend(found)
            if findings is not None:
                findings.extend(Finding(display_name(folder, base), 0, 0, FORMAT, why)
                                for folder, why in unlisted)
        elif inputs.lexists(path):
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return files


class StandardIndex:
    """Finds an applied standard by full id, or by short id where that is unique."""

    def __init__(self, standards: list[AppliedStandard]) -> None:
        self.by_fqid = {s.fqid: s for s in standards}
        self.by_short: dict[str, list[AppliedStandard]] = {}
        for s in standards:
            self.by_short.setdefault(s.id, []).append(s)
        self.hints: dict[str, str] = {}

    def find(self, key: str) -> tuple[AppliedStandard | None, str]:
        """(standard, '') or (None, why not)."""
        if key in self.by_fqid:
            return self.by_fqid[key], ""
        candidates = self.by_short.get(key, [])
        if len(candidates) == 1:
            return candidates[0], ""
        if candidates:
            names = ", ".join(sorted(c.fqid for c in candidates)[:6])
            return None, f"standard {key!r} is ambiguous: use the full id, one of {names}"
        if key not in self.hints:
            hint = did_you_mean(key, [*self.by_fqid, *self.by_short], n=3) \
                if len(self.hints) < MAX_SUGGESTIONS else ""
            self.hints[key] = hint or " (use journey-id/touchpoint-id/standard-id)"
        return None, f"unknown standard {key[:200]!r}{self.hints[key]}"


def read_actuals(ws: Workspace, paths: Iterable[Path], findings: list[Finding],
                 sources: dict[str, str]) -> list[Actual]:
    """Every row of the actuals files, checked, with its value in its standard's unit."""
    index = StandardIndex(ws.applied)
    actuals: list[Actual] = []
    seen: dict[tuple[int, str], str] = {}  # (the standard, the period): where first
    for path in csv_files(paths, findings, ws.base):
        table = _Table(path, findings, sources, ws.settings.limits.max_csv_bytes, ws.base)
        if not table.require(ACTUALS_COLUMNS):
            continue
        for line, row in table.rows:
            standard, why = index.find((row.get("standard") or "").strip())
            if standard is None:
                table.error(line, table.column(line, "standard"), UNKNOWN, why)
                continue
            try:
                period = parse_period(row.get("period") or "")
            except ValueError as exc:
                table.error(line, table.column(line, "period"), BAD, str(exc))
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
            actuals.append(Actual(standard, period, value, sample, *bounds))
    return actuals


def _bounds(table: _Table, line: int, row: dict[str, str], unit: str | None,
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


def _impossible(value: float, unit: str | None) -> str | None:
    """Why a measured value cannot be (a share outside 0..100 %, a negative time)."""
    if unit == "%" and not 0 <= value <= 100:
        return f"value {value:g} % is not a share between 0 and 100 %"
    if unit in TIME_UNITS and value < 0:
        return f"value {value:g} {unit} is a negative time"
    return None


def read_surveys(ws: Workspace, paths: Iterable[Path], findings: list[Finding],
                 sources: dict[str, str]) -> list[SurveyRow]:
    rows: list[SurveyRow] = []
    touchpoints = ws.touchpoint_ids
    default_scale = tuple(ws.settings.survey_scale)
    known = [f"{j}/{t}" for j, ids in touchpoints.items() for t in sorted(ids)]
    hints: dict[str, str] = {}
    without_waves: list[str] = []
    for path in csv_files(paths, findings, ws.base):
        table = _Table(path, findings, sources, ws.settings.limits.max_csv_bytes, ws.base)
        if not table.require(SURVEY_COLUMNS):
            continue
        waves = "period" in table.header
        if not waves and table.rows:
            without_waves.append(table.name)
        for line, row in table.rows:
            wave = None
            if waves:
                try:
                    wave = parse_period(row.get("period") or "")
                except ValueError as exc:
                    table.error(line, table.column(line, "period"), BAD,
                                f"{exc} (the survey wave; give every row one)")
                    continue
            ref = (row.get("touchpoint") or "").strip()
            journey, _, tp = ref.rpartition("/")
            if journey not in touchpoints or tp not in touchpoints[journey]:
                if ref not in hints:
                    hint = did_you_mean(ref, known) if len(hints) < MAX_SUGGESTIONS else ""
                    hints[ref] = hint or " (use journey-id/touchpoint-id)"
                table.error(line, table.column(line, "touchpoint"), UNKNOWN,
                            f"unknown touchpoint {ref[:200]!r}{hints[ref]}")
                continue
            dimension = (row.get("dimension") or "").strip().lower()
            if dimension not in DIMENSIONS:
                table.error(line, table.column(line, "dimension"), BAD,
                            f"dimension {dimension[:40]!r} is not one of {', '.join(DIMENSIONS)}")
                continue
            scale = default_scale
            if row.get("scale"):
                low, _, high = row["scale"].replace("..", "-").partition("-")
                if not (_NUMBER.match(low.strip()) and _NUMBER.match(high.strip())) or \
                        not float(low) < float(high) <= MAX_VALUE:
                    table.error(line, table.column(line, "scale"), BAD,
                                f"scale {row['scale'][:40]!r} is not LOW-HIGH, e.g. 1-7")
                    continue
                scale = (float(low), float(high))
            scores = {}
            for name in ("expectation", "perception"):
                value = table.number(line, row, name)
                if value is not None and not scale[0] <= value <= scale[1]:
                    table.error(line, table.column(line, name), SCALE,
                                f"{name} {value:g} is outside the survey scale "
                                f"{scale[0]:g}..{scale[1]:g}")
                    value = None
                scores[name] = value
            respondents = table.count(line, row, "respondents", 1)
            if None in scores.values() or respondents is None:
                continue
            rows.append(SurveyRow(journey, tp, dimension, scores["expectation"],
                                  scores["perception"], respondents, scale, wave))
    if without_waves and any(row.wave for row in rows):
        findings.append(Finding(without_waves[0], 1, 1, FORMAT,
                                "this survey file has no `period` column (the wave) while "
                                "others do: give every file one, so waves are never pooled "
                                "by accident"))
    return rows


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
        table = _Table(path, findings, sources, ws.settings.limits.max_csv_bytes, ws.base)
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
            try:
                period = parse_period(row.get("period") or "")
            except ValueError as exc:
                table.error(line, table.column(line, "period"), BAD, str(exc))
                continue
            customers = table.count(line, row, "customers", 0)
            if customers is None:
                continue
            counts[(journey, touchpoint, period.text)] = customers
            if period.months == 1 and not touchpoint:
                months.setdefault((journey, period.text[:4]), set()).add(period.end)
    return CustomerCounts(counts, files, months)
