"""Reading the complaints register (complaints/*.csv): one row per complaint, streamed.

A register of a million rows is read row by row, never held whole: what is kept is a tally per
quarter (counts by channel, reason, touchpoint and any `--by` column; the acknowledgement and
resolution times as 8-byte floats; the five oldest open complaints) and the ids seen, for the
duplicate check. Files are read with the care of the actuals (journeymap.readers): UTF-8 with
or without BOM, `,` `;` or tab sniffed from the header, another encoding refused with the way
out, and every bad row named at file:line:column. The first MAX_FINDINGS problems are kept and
the rest counted, so a broken million-row export cannot fill memory with messages.
"""

from __future__ import annotations

import bisect
import csv
import io
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from journeymap import codes
from journeymap.findings import Finding
from journeymap.hints import did_you_mean
from journeymap.inputs import InputProblem, open_regular
from journeymap.loader.files import display_name
from journeymap.model import CHANNELS
from journeymap.periods import quarter_of
from journeymap.readers import (
    EMPTY,
    MAX_SUGGESTIONS,
    NOT_UTF8,
    csv_files,
    missing_message,
    read_header,
    twice_message,
)
from journeymap.workspace import Workspace

FORMAT, UNKNOWN, BAD = codes.CSV_FORMAT.code, codes.UNKNOWN_STANDARD.code, codes.BAD_VALUE.code
DUPLICATE = codes.DUPLICATE_ROW.code
REQUIRED = ("id", "received", "channel")
KNOWN = (*REQUIRED, "touchpoint", "reason", "acknowledged", "resolved", "outcome")
OUTCOMES = ("resolved", "unresolved", "open")
NO_REASON = "(no reason given)"
OLDEST_KEPT = 5
#: the cells the fast path takes as written (an empty outcome is inferred from `resolved`)
_CHANNELS, _OUTCOMES = frozenset(CHANNELS), frozenset(("", *OUTCOMES))
MAX_FINDINGS = 200


@dataclass
class Tally:
    """One quarter of the register.

    While reading, each complaint is one count in `cells`, keyed by the row's (channel,
    touchpoint, reason, `--by` value, outcome) as written: one dictionary update per row instead
    of five. The counts by each of them are derived once, after the reading.
    """

    cells: Counter[tuple[str, str, str, str, str]] = field(default_factory=Counter)
    acknowledge_hours: array = field(default_factory=lambda: array("d"))
    resolve_hours: array = field(default_factory=lambda: array("d"))
    #: the oldest open complaints, oldest first: (received, id, channel, touchpoint)
    oldest_open: list[tuple[datetime, str, str, str]] = field(default_factory=list)

    def keep_open(self, received: datetime, cid: str, channel: str, touchpoint: str) -> None:
        item = (received, cid, channel, touchpoint)
        if len(self.oldest_open) < OLDEST_KEPT or item < self.oldest_open[-1]:
            bisect.insort(self.oldest_open, item)
            del self.oldest_open[OLDEST_KEPT:]

    @property
    def count(self) -> int:
        return sum(self.cells.values())

    def _by(self, position: int, blank: str) -> Counter[str]:
        counts: Counter[str] = Counter()
        for cell, n in self.cells.items():
            counts[cell[position].strip() or blank] += n
        return counts

    @property
    def channels(self) -> Counter[str]:
        return self._by(0, "")

    @property
    def touchpoints(self) -> Counter[str]:
        counts = self._by(1, "")
        counts.pop("", None)
        return counts

    @property
    def reasons(self) -> Counter[str]:
        return self._by(2, NO_REASON)

    @property
    def by(self) -> Counter[str]:  # the `--by` column
        return self._by(3, "(blank)")

    @property
    def outcomes(self) -> Counter[str]:
        return self._by(4, "")


@dataclass
class Register:
    """What the register's files hold, by quarter (`2026-Q3`), in order."""

    files: list[str] = field(default_factory=list)
    by_column: str | None = None
    quarters: dict[str, Tally] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    more_findings: int = 0  # problems beyond MAX_FINDINGS, counted only

    @property
    def rows(self) -> int:
        return sum(tally.count for tally in self.quarters.values())

    def sorted_quarters(self) -> list[tuple[str, Tally]]:
        return sorted(self.quarters.items())


class _File:
    """One register file being read: its header and how to point at a cell."""

    def __init__(self, register: Register, path: Path, name: str) -> None:
        self.register, self.path, self.name = register, path, name
        register.files.append(name)
        self.delimiter = ","
        self.header: list[str] = []

    def error(self, line: int, column: int, code: str, message: str) -> None:
        if len(self.register.findings) < MAX_FINDINGS:
            self.register.findings.append(Finding(self.name, line, column, code, message))
        else:
            self.register.more_findings += 1

    def column(self, row: list[str], index: int) -> int:
        """1-based column of a cell, as a spreadsheet writes the row (quoting only where
        needed)."""
        position = 1
        for cell in row[:index]:
            quoted = self.delimiter in cell or '"' in cell or "\n" in cell
            position += len(cell) + 1 + (2 + cell.count('"') if quoted else 0)
        return position


@dataclass
class _Known:
    """What the files read so far hold, shared by every file: the touchpoints a cell may
    name (as written: any other spelling goes to `_checked`) and the complaint ids seen."""

    touchpoints: set[str]
    #: ids only (a set, not a map to where each was seen: a repeat is rare, and
    #: `_report_repeats` finds the first occurrence then)
    seen: set[str] = field(default_factory=set)
    #: (file, line, column, id) of each repeated id, reported once the first ones are known
    repeats: list[tuple[_File, int, int, str]] = field(default_factory=list)
    files: list[_File] = field(default_factory=list)  # the files whose rows were read
    hints: dict[str, str] = field(default_factory=dict)


#: the years a complaint's times may fall in: arithmetic on them (ages, quarters, UTC offsets)
#: never leaves the calendar
YEARS = range(1900, 3000)


class _OutOfRange(ValueError):
    pass


def _timestamp(text: str) -> datetime:
    """ISO 8601 (a date alone is midnight); with an offset, converted to UTC."""
    value = datetime.fromisoformat(text)
    if value.year not in YEARS:
        raise _OutOfRange(f"{text[:40]!r} is outside the years {YEARS[0]} to {YEARS[-1]}")
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def read_register(ws: Workspace, paths: Iterable[Path], by_column: str | None = None
                  ) -> Register:
    """Every register file under `paths`, tallied by quarter; problems in `.findings`."""
    register = Register(by_column=by_column)
    known = _Known({f"{j}/{t}" for j, ids in ws.touchpoint_ids.items() for t in ids})
    limit = ws.settings.limits.max_register_bytes
    for path in csv_files(paths, register.findings, ws.base):
        file = _File(register, path, display_name(path, ws.base))
        try:
            stream = open_regular(path, limit, "limits.max_register_bytes")
        except InputProblem as problem:
            file.error(0, 0, FORMAT, problem.message)
            continue
        try:
            with io.TextIOWrapper(stream, encoding="utf-8-sig", newline="") as text:
                _read(text, file, known)
        except UnicodeDecodeError:
            file.error(_first_undecodable_line(path), 1, FORMAT, NOT_UTF8)
    if known.repeats:
        _report_repeats(known)
    return register


def _read(text: io.TextIOWrapper, file: _File, known: _Known) -> None:
    """Read one file's rows into the register (UnicodeDecodeError when it is not UTF-8)."""
    first = text.readline()
    if not first.strip():
        file.error(0, 0, FORMAT, EMPTY)
        return
    file.delimiter, file.header, again = read_header(first)
    missing = [c for c in REQUIRED if c not in file.header]
    by_column = file.register.by_column
    if again is not None:
        file.error(1, file.column(file.header, again), FORMAT, twice_message(file.header[again]))
    elif missing:
        file.error(1, 1, FORMAT, missing_message(missing, file.header, file.delimiter))
    elif by_column and by_column not in file.header:
        file.error(1, 1, FORMAT, f"no column {by_column!r} to group by (--by); "
                   f"found {', '.join(file.header)}")
    else:
        reader = csv.reader(text, delimiter=file.delimiter)
        known.files.append(file)
        try:
            _rows(reader, file, known)
        except csv.Error as exc:
            file.error(reader.line_num + 1, 1, FORMAT, f"cannot read CSV: {exc}")


def _first_undecodable_line(path: Path) -> int:
    """The line of the first byte that is not UTF-8 (text is decoded in blocks, so the
    reader's own position is only near it)."""
    with open_regular(path, 1 << 62, "") as stream:
        for number, raw in enumerate(stream, 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


def _report_repeats(known: _Known) -> None:
    """Report each repeated id with where it first appeared, found by reading the id column
    of the files again: only when there are repeats, so a register without any pays nothing."""
    wanted = {cid for *_, cid in known.repeats}
    first: dict[str, str] = {}
    for file in known.files:
        with open_regular(file.path, 1 << 62, "") as stream, \
                io.TextIOWrapper(stream, encoding="utf-8-sig", newline="",
                                 errors="replace") as text:
            text.readline()
            at = file.header.index("id")
            reader = csv.reader(text, delimiter=file.delimiter)
            for row in reader:
                cid = row[at].strip() if len(row) > at else ""
                if cid in wanted and cid not in first:
                    first[cid] = f"{file.name}:{reader.line_num + 1}"
    for file, line, column, cid in known.repeats:
        file.error(line, column, DUPLICATE,
                   f"complaint id {cid[:80]!r} appears twice (first at {first[cid]})")


Row = tuple[str, datetime, str, str, str, datetime | None, datetime | None, str, str]


def _rows(reader: Any, file: _File, known: _Known) -> None:
    """The row loop, kept flat because it is what a million-row register costs.

    A row whose cells are exactly as expected (known spellings, naive ISO times in order, a new
    id) is counted at once; any other goes to `_checked`, which names its problem at its cell
    or returns it cleaned (stripped, lower-cased, times converted to UTC).
    """
    header, register = file.header, file.register
    width = len(header)
    # An absent optional column reads as the empty cell appended to every row.
    cells = itemgetter(*(header.index(name) if name in header else width
                         for name in (*KNOWN, register.by_column)))
    touchpoints = known.touchpoints
    seen, seen_add, quarters = known.seen, known.seen.add, register.quarters
    by_month: dict[int, Tally] = {}  # year * 12 + month -> its quarter
    parse = datetime.fromisoformat
    for row in reader:
        if len(row) != width:
            if not any(cell.strip() for cell in row):
                continue
            row = row[:width] + [""] * (width - len(row))
        row.append("")
        cid, received, channel, touchpoint, reason, acknowledged, resolved, outcome, by = \
            cells(row)
        cid = cid.strip()
        try:
            received = parse(received)
            acknowledged = parse(acknowledged) if acknowledged else None
            resolved = parse(resolved) if resolved else None
            # naive times only: an offset (received's, or one compared with it) goes slow
            slow = (received.tzinfo or channel not in _CHANNELS or outcome not in _OUTCOMES
                    or not cid
                    or cid in seen or (touchpoint and touchpoint not in touchpoints)
                    or (acknowledged and acknowledged < received)
                    or (resolved and (resolved < received or outcome == "open")))
        except (ValueError, TypeError):
            slow = True
        if slow:
            # the header was read before the reader started: one line more
            checked = _checked(row, reader.line_num + 1, file, known)
            if checked is None:
                continue
            cid, received, channel, touchpoint, reason, acknowledged, resolved, outcome, by = \
                checked
        seen_add(cid)
        outcome = outcome or ("resolved" if resolved else "open")
        month = received.year * 12 + received.month
        tally = by_month.get(month)
        if tally is None:
            name = quarter_of(received.year, received.month)
            tally = by_month[month] = quarters.setdefault(name, Tally())
        tally.cells[channel, touchpoint, reason, by, outcome] += 1
        if acknowledged:
            tally.acknowledge_hours.append((acknowledged - received).total_seconds() / 3600)
        if resolved:
            tally.resolve_hours.append((resolved - received).total_seconds() / 3600)
        elif outcome == "open":
            tally.keep_open(received, cid, channel, touchpoint)


def _checked(row: list[str], line: int, file: _File, known: _Known) -> Row | None:
    """The row's values cleaned, or None when a problem was reported at its cell."""
    header, register = file.header, file.register
    at = {name: header.index(name) if name in header else len(header)
          for name in (*KNOWN, register.by_column)}
    cell = {name: row[index].strip() for name, index in at.items()}

    def error(name: str, code: str, message: str) -> None:
        file.error(line, file.column(row, at[name]), code, message)

    cid = cell["id"]
    if not cid:
        return error("id", BAD, "a complaint without an id")
    if cid in known.seen:
        known.repeats.append((file, line, file.column(row, at["id"]), cid))
        return None
    known.seen.add(cid)  # a later row with this id repeats it, even if this row is refused
    try:
        received = _timestamp(cell["received"])
    except _OutOfRange as exc:
        return error("received", BAD, f"received {exc}")
    except ValueError:
        return error("received", BAD, f"received {cell['received'][:40]!r} is not a date or "
                     "time (ISO 8601, e.g. 2026-08-03T09:12 or 2026-08-03)")
    channel = cell["channel"].lower()
    if channel not in CHANNELS:
        return error("channel", BAD, f"channel {channel[:40]!r} is not one of "
                     f"{', '.join(CHANNELS)}{did_you_mean(channel, CHANNELS)}")
    touchpoint = cell["touchpoint"]
    if touchpoint and touchpoint not in known.touchpoints:
        hints = known.hints
        if touchpoint not in hints:
            hint = did_you_mean(touchpoint, known.touchpoints) \
                if len(hints) < MAX_SUGGESTIONS else ""
            hints[touchpoint] = hint or " (use journey-id/touchpoint-id)"
        return error("touchpoint", UNKNOWN,
                     f"unknown touchpoint {touchpoint[:200]!r}{hints[touchpoint]}")
    times: dict[str, datetime | None] = {}
    for name in ("acknowledged", "resolved"):
        if not cell[name]:
            times[name] = None
            continue
        try:
            times[name] = moment = _timestamp(cell[name])
        except _OutOfRange as exc:
            return error(name, BAD, f"{name} {exc}")
        except ValueError:
            return error(name, BAD, f"{name} {cell[name][:40]!r} is not a date or time "
                         "(ISO 8601)")
        if moment < received:
            return error(name, BAD, f"{name} {cell[name][:40]} is before the complaint was "
                         f"received ({cell['received'][:40]})")
    outcome = cell["outcome"].lower()
    if outcome and outcome not in OUTCOMES:
        return error("outcome", BAD, f"outcome {outcome[:40]!r} is not one of "
                     f"{', '.join(OUTCOMES)}{did_you_mean(outcome, OUTCOMES)}")
    if outcome == "open" and times["resolved"]:
        return error("outcome", BAD, "outcome 'open' but the complaint has a resolved time: "
                     "resolved or unresolved?")
    return (cid, received, channel, touchpoint, cell["reason"], times["acknowledged"],
            times["resolved"], outcome, cell[register.by_column] if register.by_column else "")
