"""The CSV reading core of every data file: encoding, delimiter and decimal comma sniffed as
spreadsheets export them, cells read as numbers and counts, every bad cell a finding at its
file, line and column."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

from journeymap import codes, inputs
from journeymap.errors import UsageError
from journeymap.findings import Finding
from journeymap.hints import did_you_mean
from journeymap.inputs import InputProblem, read_bounded, walk
from journeymap.loader.files import display_name
from journeymap.periods import Period, parse_period
from journeymap.workspace import AppliedStandard

FORMAT, UNKNOWN, BAD = codes.CSV_FORMAT.code, codes.UNKNOWN_STANDARD.code, codes.BAD_VALUE.code
UNIT, DUPLICATE = codes.UNIT_MISMATCH.code, codes.DUPLICATE_ROW.code
SCALE = codes.SCORE_OUT_OF_SCALE.code

ACTUALS_COLUMNS = ("standard", "period", "value")
SURVEY_COLUMNS = ("touchpoint", "dimension", "expectation", "perception", "respondents")
EMPTY = "file is empty: expected a header row"
NOT_UTF8 = ("not UTF-8 (an Excel 'CSV' export?): in Excel use Save As > 'CSV UTF-8 (Comma "
            "delimited)'")
#: a number as people and spreadsheets write it: no `1_000`, `inf`, `nan` or hex
NUMBER = re.compile(r"^[+-]?(?:\d{1,30}(?:\.\d{0,30})?|\.\d{1,30})(?:[eE][+-]?\d{1,3})?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d{0,30})?$")
#: the largest value, count or score journeymap accepts in a data file
MAX_VALUE = 1e15
#: a "did you mean" costs a fuzzy search over every id: offered for this many distinct ids
MAX_SUGGESTIONS = 200


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


class Table:
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
        if not NUMBER.match(text):
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

    def period(self, line: int, row: dict[str, str], why: str = "") -> Period | None:
        """The row's `period`, or None with the finding at its cell (`why` added to it)."""
        try:
            return parse_period(row.get("period") or "")
        except ValueError as exc:
            self.error(line, self.column(line, "period"), BAD, f"{exc}{why}")
            return None

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
