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
MAX_FINDINGS = 200


@dataclass
class Tally:
    """One quarter of the register."""

    count: int = 0
    channels: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    touchpoints: Counter[str] = field(default_factory=Counter)
    by: Counter[str] = field(default_factory=Counter)  # the `--by` column
    outcomes: Counter[str] = field(default_factory=Counter)
    acknowledge_hours: array = field(default_factory=lambda: array("d"))
    resolve_hours: array = field(default_factory=lambda: array("d"))
    unacknowledged: int = 0
    #: the oldest open complaints, oldest first: (received, id, channel, touchpoint)
    oldest_open: list[tuple[datetime, str, str, str]] = field(default_factory=list)

    def keep_open(self, received: datetime, cid: str, channel: str, touchpoint: str) -> None:
        item = (received, cid, channel, touchpoint)
        if len(self.oldest_open) < OLDEST_KEPT or item < self.oldest_open[-1]:
            bisect.insort(self.oldest_open, item)
            del self.oldest_open[OLDEST_KEPT:]


@dataclass
class Register:
    """What the register's files hold, by quarter (`2026-Q3`), in order."""

    files: list[str] = field(default_factory=list)
    rows: int = 0
    by_column: str | None = None
    quarters: dict[str, Tally] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    more_findings: int = 0  # problems beyond MAX_FINDINGS, counted only

    def sorted_quarters(self) -> list[tuple[str, Tally]]:
        return sorted(self.quarters.items())


class _File:
    """One register file being read: its header and how to point at a cell."""

    def __init__(self, register: Register, name: str) -> None:
        self.register, self.name = register, name
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


def _timestamp(text: str) -> datetime:
    """ISO 8601 (a date alone is midnight); with an offset, converted to UTC."""
    value = datetime.fromisoformat(text)
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def read_register(ws: Workspace, paths: Iterable[Path], by_column: str | None = None
                  ) -> Register:
    """Every register file under `paths`, tallied by quarter; problems in `.findings`."""
    register = Register(by_column=by_column)
    seen: dict[str, str] = {}  # complaint id -> where it was first
    touchpoints = {f"{j}/{t}" for j, ids in ws.touchpoint_ids.items() for t in ids}
    hints: dict[str, str] = {}
    limit = ws.settings.limits.max_register_bytes
    for path in csv_files(paths, register.findings, ws.base):
        file = _File(register, display_name(path, ws.base))
        register.files.append(file.name)
        try:
            stream = open_regular(path, limit, "limits.max_register_bytes")
        except InputProblem as problem:
            file.error(0, 0, FORMAT, problem.message)
            continue
        try:
            with io.TextIOWrapper(stream, encoding="utf-8-sig", newline="") as text:
                _read(text, file, register, seen, touchpoints, hints)
        except UnicodeDecodeError:
            file.error(_first_undecodable_line(path), 1, FORMAT, NOT_UTF8)
    return register


def _read(text: io.TextIOWrapper, file: _File, register: Register, seen: dict[str, str],
          touchpoints: set[str], hints: dict[str, str]) -> None:
    """Read one file's rows into the register (UnicodeDecodeError when it is not UTF-8)."""
    first = text.readline()
    if not first.strip():
        file.error(0, 0, FORMAT, EMPTY)
        return
    file.delimiter, file.header, again = read_header(first)
    missing = [c for c in REQUIRED if c not in file.header]
    if again is not None:
        file.error(1, file.column(file.header, again), FORMAT, twice_message(file.header[again]))
    elif missing:
        file.error(1, 1, FORMAT, missing_message(missing, file.header, file.delimiter))
    elif register.by_column and register.by_column not in file.header:
        file.error(1, 1, FORMAT, f"no column {register.by_column!r} to group by (--by); "
                   f"found {', '.join(file.header)}")
    else:
        reader = csv.reader(text, delimiter=file.delimiter)
        try:
            _rows(reader, file, register, seen, touchpoints, hints)
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


def _rows(reader: Any, file: _File, register: Register, seen: dict[str, str],
          touchpoints: set[str], hints: dict[str, str]) -> None:
    """The row loop: kept flat, it is what a million-row register costs."""
    header = file.header
    width = len(header)
    at = {name: header.index(name) if name in header else None
          for name in (*KNOWN, register.by_column)}
    i_id, i_received, i_channel = at["id"], at["received"], at["channel"]
    i_touchpoint, i_reason, i_outcome = at["touchpoint"], at["reason"], at["outcome"]
    i_ack, i_resolved, i_by = at["acknowledged"], at["resolved"], at[register.by_column]
    channels = set(CHANNELS)
    quarters = register.quarters
    error = file.error
    for row in reader:
        line = reader.line_num + 1  # the header was read before the reader started
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) < width:
            row += [""] * (width - len(row))
        cid = row[i_id].strip()
        if not cid:
            error(line, file.column(row, i_id), BAD, "a complaint without an id")
            continue
        first = seen.get(cid)
        if first is not None:
            error(line, file.column(row, i_id), DUPLICATE,
                  f"complaint id {cid[:80]!r} appears twice (first at {first})")
            continue
        seen[cid] = f"{file.name}:{line}"
        try:
            received = _timestamp(row[i_received].strip())
        except ValueError:
            error(line, file.column(row, i_received), BAD,
                  f"received {row[i_received][:40]!r} is not a date or time (ISO 8601, "
                  "e.g. 2026-08-03T09:12 or 2026-08-03)")
            continue
        channel = row[i_channel].strip().lower()
        if channel not in channels:
            error(line, file.column(row, i_channel), BAD,
                  f"channel {channel[:40]!r} is not one of {', '.join(CHANNELS)}"
                  f"{did_you_mean(channel, CHANNELS)}")
            continue
        touchpoint = row[i_touchpoint].strip() if i_touchpoint is not None else ""
        if touchpoint and touchpoint not in touchpoints:
            if touchpoint not in hints:
                hint = did_you_mean(touchpoint, touchpoints) \
                    if len(hints) < MAX_SUGGESTIONS else ""
                hints[touchpoint] = hint or " (use journey-id/touchpoint-id)"
            error(line, file.column(row, i_touchpoint), UNKNOWN,
                  f"unknown touchpoint {touchpoint[:200]!r}{hints[touchpoint]}")
            continue
        times = []
        for index, name in ((i_ack, "acknowledged"), (i_resolved, "resolved")):
            cell = row[index].strip() if index is not None else ""
            if not cell:
                times.append(None)
                continue
            try:
                moment = _timestamp(cell)
            except ValueError:
                error(line, file.column(row, index), BAD,
                      f"{name} {cell[:40]!r} is not a date or time (ISO 8601)")
                break
            if moment < received:
                error(line, file.column(row, index), BAD,
                      f"{name} {cell[:40]} is before the complaint was received "
                      f"({row[i_received].strip()[:40]})")
                break
            times.append(moment)
        else:
            acknowledged, resolved = times
            outcome = row[i_outcome].strip().lower() if i_outcome is not None else ""
            outcome = outcome or ("resolved" if resolved else "open")
            if outcome not in OUTCOMES:
                error(line, file.column(row, i_outcome or 0), BAD,
                      f"outcome {outcome[:40]!r} is not one of {', '.join(OUTCOMES)}"
                      f"{did_you_mean(outcome, OUTCOMES)}")
                continue
            if outcome == "open" and resolved:
                error(line, file.column(row, i_outcome or 0), BAD,
                      "outcome 'open' but the complaint has a resolved time: resolved or "
                      "unresolved?")
                continue
            name = quarter_of(received.year, received.month)
            tally = quarters.get(name)
            if tally is None:
                tally = quarters[name] = Tally()
            tally.count += 1
            tally.channels[channel] += 1
            tally.reasons[(row[i_reason].strip() if i_reason is not None else "")
                          or NO_REASON] += 1
            if touchpoint:
                tally.touchpoints[touchpoint] += 1
            if i_by is not None:
                tally.by[row[i_by].strip() or "(blank)"] += 1
            tally.outcomes[outcome] += 1
            if acknowledged:
                tally.acknowledge_hours.append((acknowledged - received).total_seconds() / 3600)
            else:
                tally.unacknowledged += 1
            if resolved:
                tally.resolve_hours.append((resolved - received).total_seconds() / 3600)
            elif outcome == "open":
                tally.keep_open(received, cid, channel, touchpoint)
            register.rows += 1
