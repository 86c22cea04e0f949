"""`journeymap measure`: standards measured from the source.

Every applied standard with a `measure:` is computed from its event source's raw events on an
engine (DuckDB embedded by default), for every month, quarter and year the events cover, with
its sample and 95 % interval (journeymap.stats). The rows are written as actuals, which `gaps`,
`diagram`, `handbook` and `serve` already read; where a source names its `customer` column, the
distinct customers at each touchpoint and journey (and those with a problem) are counted too,
for the revenue model.

The engine does the scans and returns exact aggregates (counts, integer milliseconds, sums);
figures and intervals are computed here from them, so the same events give the same bytes on
every engine. Bad data is counted per source and shown with examples, never dropped silently.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeymap import codes, stats
from journeymap.errors import ContentError
from journeymap.findings import Finding
from journeymap.hints import did_you_mean
from journeymap.loader import Entry
from journeymap.measures import query
from journeymap.measures.engines import Engine, EngineError, open_engine
from journeymap.measures.sources import SourceProblem, file_format, source_files
from journeymap.model import Measure, Source
from journeymap.periods import Period, parse_period
from journeymap.targets import TIME_UNITS, convert, format_number
from journeymap.workspace import AppliedStandard, Workspace

DATA = codes.EVENT_DATA.code
ACTUALS_HEADER = ("standard", "period", "value", "unit", "sample", "low", "high", "source")
CUSTOMERS_HEADER = ("journey", "touchpoint", "period", "customers", "with_problem")


@dataclass(frozen=True)
class MeasuredRow:
    standard: str
    period: Period
    value: float | None
    unit: str
    sample: int
    low: float | None
    high: float | None
    source: str
    beyond: float | None = None  # a quantile's: % of events beyond the target's threshold


@dataclass(frozen=True)
class CustomerRow:
    journey: str
    touchpoint: str  # "" for the journey's own row
    period: Period
    customers: int
    with_problem: int


@dataclass
class Measured:
    rows: list[MeasuredRow] = field(default_factory=list)
    customers: list[CustomerRow] = field(default_factory=list)
    #: per source: (rows whose time cannot be read, a few of them)
    unreadable: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    #: per standard: events whose values the statistic needs cannot be read (a text where a
    #: time or a number should be)
    unreadable_values: dict[str, int] = field(default_factory=dict)
    #: the event files read: inputs, which no output of the run may replace
    files: list[Path] = field(default_factory=list)


def _figure(standard: AppliedStandard, row: dict[str, Any],
            counts: list[tuple[float, int]] | None = None
            ) -> tuple[float | None, float | None, float | None, str]:
    """(value, low, high, unit) of one period's aggregates; a quantile is found from its
    events' `counts` (value, how many), with its order statistics for an interval when there
    are enough events (journeymap.stats)."""
    measure = standard.measure
    assert measure is not None
    unit = standard.target.unit if standard.target and standard.target.unit else ""
    n = row["n"]
    if measure.within is not None or measure.share is not None:
        interval = stats.wilson(row["hits"], n)
        return (100 * row["hits"] / n if n else None, *(interval or (None, None)), "%")
    if measure.nps is not None:
        interval = stats.nps_interval(row["promoters"], row["detractors"], n)
        value = 100 * (row["promoters"] - row["detractors"]) / n if n else None
        return (value, *(interval or (None, None)), "pts")
    if measure.count is not None:
        return float(n), None, None, unit
    spec = measure.duration or measure.value
    assert spec is not None
    # durations are in integer milliseconds: in seconds, then in the target's unit
    scale = 1000.0 if measure.duration is not None else 1.0
    to_unit = unit if unit in TIME_UNITS else "s"
    if measure.duration is not None:
        unit = to_unit

    def shown(x: float | None) -> float | None:
        if x is None:
            return None
        return convert(x / scale, "s", to_unit) if measure.duration is not None else x

    if measure.quantile is not None:
        low, high = stats.order_interval(counts or [], measure.quantile) or (None, None)
        return (shown(stats.quantile(counts or [], measure.quantile)), shown(low), shown(high),
                unit)
    if not n or row["total"] is None:
        return None, None, None, unit
    interval = stats.mean_interval(n, float(row["total"]), float(row["squares"]))
    low, high = interval or (None, None)
    if measure.duration is not None and low is not None:
        low = max(low, 0.0)  # a mean time of a few events: its interval stops at no time
    return shown(row["total"] / n), shown(low), shown(high), unit


def _beyond(standard: AppliedStandard, row: dict[str, Any]) -> float | None:
    """A quantile's share of events beyond the target's threshold, in %: what its miss costs
    is this share less what the target tolerates (revenue.md)."""
    if standard.measure is None or standard.measure.quantile is None \
            or _threshold(standard) is None:
        return None
    return 100 * row["beyond"] / row["n"] if row["n"] else None


def _threshold(standard: AppliedStandard) -> float | None:
    """The target's value in the unit a measure's events are in (milliseconds for a
    duration), beyond which one event is a problem."""
    measure, target = standard.measure, standard.target
    if measure is None or target is None:
        return None
    if measure.duration is not None:
        seconds = convert(target.value, target.unit, "s")
        return None if seconds is None else seconds * 1000
    return target.value if measure.value is not None else None


class _Run:
    """One measuring run: the sources registered on the engine, findings collected."""

    def __init__(self, ws: Workspace, engine: Engine) -> None:
        self.ws, self.engine = ws, engine
        self.q = query.Quoter(engine.dialect)
        self.views: dict[str, tuple[str, list[str]]] = {}  # source id -> (view, columns)
        self.findings: list[Finding] = []
        self.files: list[Path] = []

    def register(self, entry: Entry[Source]) -> bool:
        source = entry.item
        if source.id in self.views:
            return True
        if source.path is None:
            self.findings.append(entry.finding(DATA, f"source {source.id!r} gives no `path`: "
                                               "a `table` needs a warehouse engine", at_key=True))
            return False
        try:
            files = source_files(self.ws.root, source)
            self.files += files
            view = f"source_{len(self.views)}"
            self.engine.register(view, files, file_format(source, files))
            columns = self.engine.columns(view)
        except (SourceProblem, EngineError) as problem:
            self.findings.append(entry.finding(DATA, f"source {source.id!r}: {problem}", "path"))
            return False
        self.views[source.id] = (view, columns)
        for key in ("time", "customer"):
            column = getattr(source, key)
            if column is not None and column not in columns:
                self.findings.append(entry.finding(DATA, self._missing(source.id, column,
                                                                       columns), key))
        return True

    @staticmethod
    def _missing(source: str, column: str, columns: list[str]) -> str:
        hint = did_you_mean(column, columns) or ""
        return (f"the files of source {source!r} have no column {column!r}{hint} (they have "
                f"{', '.join(columns)})")

    def check_columns(self, standard: AppliedStandard) -> None:
        assert standard.measure is not None and standard.measure_at is not None
        _, columns = self.views[standard.measure.source]
        file, at = standard.measure_at
        for sub, column in standard.measure.columns():
            if column not in columns:
                self.findings.append(file.finding(
                    DATA, self._missing(standard.measure.source, column, columns), (*at, *sub),
                    at_key=sub[0] == "where"))

    def projection(self, standard: AppliedStandard, measure: Measure | None = None
                   ) -> query.Projection:
        """The standard's measure (or `measure`, a variant of it) as expressions."""
        measure = measure or standard.measure
        assert measure is not None
        source = self.ws.event_source(measure.source)
        assert source is not None
        lower = bool(standard.target and standard.target.lower_is_better)
        name = measure.span.calendar if measure.span else None
        entry = self.ws.calendar(name) if name else None
        as_of = query.latest(self.q, self.view(standard), measure, source.item) \
            if measure.within is not None and measure.within.unanswered == "pending" else None
        return query.projection(self.q, measure, source.item, _threshold(standard), lower,
                                entry.item if entry else None, as_of)

    def view(self, standard: AppliedStandard) -> str:
        assert standard.measure is not None
        return self.q.ident(self.views[standard.measure.source][0])

    def plan(self, standards: list[AppliedStandard]) -> Plan:
        """How one source's standards are measured together (Plan): a standard picking one
        value of the split column is its measure without that condition, on the rows of
        that value."""
        split = _split_column(standards)
        parts: dict[tuple[query.Projection, str | None], int] = {}
        placed: dict[str, Placed] = {}
        for standard in standards:
            assert standard.measure is not None
            value = standard.measure.where.get(split) if split else None
            if split and isinstance(value, str) and _picks(value):
                measure = standard.measure.model_copy(update={"where": {
                    k: v for k, v in standard.measure.where.items() if k != split}})
                picked: str | None = value
                projection = self.projection(standard, measure)
            else:
                picked, projection = None, self.projection(standard)
            index = parts.setdefault((projection, _stat(standard)), len(parts))
            placed[standard.fqid] = Placed(index, picked)
        return Plan(split, list(parts), placed)

    def distributions(self, standards: list[AppliedStandard], plan: Plan
                      ) -> dict[str, dict[str, list[tuple[float, int]]]]:
        """Per quantile standard of one source and per period, how many of its events hold
        each value: one query for them all."""
        quantiles = [s for s in standards if s.measure and s.measure.quantile is not None]
        found: dict[str, dict[str, list[tuple[float, int]]]] = {
            s.fqid: defaultdict(list) for s in quantiles}
        if not quantiles:
            return found
        counted = sorted({plan.placed[s.fqid].part for s in quantiles})  # their measures
        sql = query.value_counts(self.q, self.view(quantiles[0]),
                                 [plan.parts[k][0] for k in counted], plan.split)
        for period, *values, n in self.rows(sql):
            key = values.pop(0) if plan.split else None
            for standard in quantiles:
                place = plan.placed[standard.fqid]
                value = values[counted.index(place.part)]
                # the one measure of the row's grouping set, on its split value
                if value is not None and place.takes(key):
                    found[standard.fqid][period].append((float(value), int(n)))
        return found

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            return self.engine.rows(sql)
        except EngineError as exc:
            raise ContentError(f"the engine could not measure: {exc}") from None

    def aggregates(self, standards: list[AppliedStandard], plan: Plan
                   ) -> Iterator[tuple[AppliedStandard, dict[str, Any]]]:
        """Each standard's aggregates per period, all standards of one source in one query;
        a standard not split by the query's column sums its aggregates over that column's
        values (every aggregate is a sum)."""
        width = len(query.COLUMNS)
        sql = query.aggregate_all(self.q, self.view(standards[0]), plan.parts, plan.split)
        summed: dict[tuple[int, str], list[Any]] = {}
        for period, *values in self.rows(sql):
            key = values.pop(0) if plan.split else None
            for index, standard in enumerate(standards):
                place = plan.placed[standard.fqid]
                if place.takes(key):
                    mine = values[place.part * width:(place.part + 1) * width]
                    at = (index, period)
                    summed[at] = [_add(a, b) for a, b in zip(summed[at], mine, strict=True)] \
                        if at in summed else list(mine)
        for (index, period), values in sorted(summed.items()):
            yield standards[index], dict(zip(("period", *query.COLUMNS), (period, *values),
                                             strict=True))


@dataclass(frozen=True)
class Plan:
    """How one source's standards are measured in one query: the column it groups by besides
    the period (a queue, a channel; None: none), the distinct measures (a projection and its
    statistic each), and each standard's place among them."""

    split: str | None
    parts: list[tuple[query.Projection, str | None]]
    placed: dict[str, Placed]


@dataclass(frozen=True)
class Placed:
    """A standard's measure among a query's distinct ones, and the value of the split
    column its events have (None: every value's)."""

    part: int
    value: str | None

    def takes(self, key: str | None) -> bool:
        return self.value is None or key == self.value


def _picks(value: object) -> bool:
    """A `where:` condition picking one text value (`queue: SUPPORT`)."""
    return isinstance(value, str) and value != "not_null"


def _split_column(standards: list[AppliedStandard]) -> str | None:
    """The column most of one source's measures each pick one text value of (a queue, a
    channel), when two or more do: the query groups by it."""
    picked = Counter(column for s in standards if s.measure is not None
                     for column, value in s.measure.where.items() if _picks(value))
    ranked = sorted(picked.items(), key=lambda item: (-item[1], item[0]))
    return ranked[0][0] if ranked and ranked[0][1] >= 2 else None


def _add(a: Any, b: Any) -> Any:
    """A sum of two aggregates, where NULL is no events."""
    return b if a is None else a if b is None else a + b


def measure_workspace(ws: Workspace, engine_name: str = "duckdb", *,
                      since: Period | None = None, until: Period | None = None,
                      memory_limit: str = "2GB", threads: int = 2) -> Measured:
    """Every measured standard of `ws`, per month, quarter and year; ContentError when a
    source or a measure cannot be measured (every problem at its file, line and column)."""
    measured = [s for s in ws.applied if s.measure is not None and s.measure_at is not None
                and s.measure.statistic is not None
                and ws.event_source(s.measure.source) is not None
                and (s.measure.span is None or s.measure.span.calendar is None
                     or ws.calendar(s.measure.span.calendar) is not None)]
    result = Measured()
    if not measured:
        result.files = _unmeasured_files(ws, set())
        return result
    with open_engine(engine_name, [ws.root], memory_limit, threads) as engine:
        run = _Run(ws, engine)
        for standard in measured:
            assert standard.measure is not None
            entry = ws.event_source(standard.measure.source)
            if entry is not None and run.register(entry):
                run.check_columns(standard)
        if run.findings:
            raise ContentError(f"the event sources have {len(run.findings)} error(s); nothing "
                               "was written", sorted(run.findings), ws.texts)
        for source_id, (view, _) in sorted(run.views.items()):
            entry = ws.event_source(source_id)
            assert entry is not None
            view = run.q.ident(view)
            [(bad,)] = run.rows(query.unreadable_times(run.q, view, entry.item.time))
            if bad:
                examples = run.rows(query.unreadable_examples(run.q, view, entry.item.time))
                result.unreadable[source_id] = (bad, [str(row[0]) for row in examples])
        in_range = _in_range(since, until)
        by_source: dict[str, list[AppliedStandard]] = defaultdict(list)
        for standard in measured:
            assert standard.measure is not None
            by_source[standard.measure.source].append(standard)
        for _, standards in sorted(by_source.items()):
            plan = run.plan(standards)
            counts = run.distributions(standards, plan)
            for standard, row in run.aggregates(standards, plan):
                assert standard.measure is not None
                period = parse_period(row["period"])
                if period.months == 12 and row["unreadable"]:  # the year counts each once
                    result.unreadable_values[standard.fqid] = \
                        result.unreadable_values.get(standard.fqid, 0) + row["unreadable"]
                if not in_range(period) or not row["n"]:
                    continue
                value, low, high, unit = _figure(
                    standard, row, counts.get(standard.fqid, {}).get(row["period"]))
                if value is None:  # events, but none with the values the statistic needs
                    continue
                result.rows.append(MeasuredRow(standard.fqid, period, value, unit, row["n"],
                                               low, high, standard.measure.source,
                                               _beyond(standard, row)))
        result.customers = _customers(ws, run, measured, in_range)
    result.files = run.files + _unmeasured_files(ws, set(run.views))
    result.rows.sort(key=lambda r: (r.standard, r.period.end, r.period.months))
    return result


def _unmeasured_files(ws: Workspace, measured: set[str]) -> list[Path]:
    """The files of the sources not in `measured`: no standard measures them, but they hold
    the user's data, which no output may replace."""
    files: list[Path] = []
    for entry in ws.sources:
        if entry.item.id not in measured and entry.item.path is not None:
            with suppress(SourceProblem):
                files += source_files(ws.root, entry.item)
    return files


def _stat(standard: AppliedStandard) -> str | None:
    spec = standard.measure and (standard.measure.duration or standard.measure.value)
    return spec.stat if spec else None


def _in_range(since: Period | None, until: Period | None) -> Any:
    def inside(period: Period) -> bool:
        starts = period.end - period.months
        return (since is None or starts >= since.end - since.months) and \
            (until is None or period.end <= until.end)
    return inside


def _customers(ws: Workspace, run: _Run, measured: list[AppliedStandard],
               in_range: Any) -> list[CustomerRow]:
    """Distinct customers (and with a problem) per touchpoint and journey, from the measures
    whose source names its customer column."""
    by_touchpoint: dict[tuple[str, str], list[AppliedStandard]] = defaultdict(list)
    for standard in measured:
        assert standard.measure is not None
        entry = ws.event_source(standard.measure.source)
        if entry is not None and entry.item.customer:
            by_touchpoint[(standard.journey.item.id, standard.touchpoint.id)].append(standard)
    by_journey: dict[str, list[AppliedStandard]] = defaultdict(list)
    for (journey, _), standards in by_touchpoint.items():
        by_journey[journey].extend(standards)
    rows = []
    groups: Iterable[tuple[tuple[str, str], list[AppliedStandard]]] = [
        *by_touchpoint.items(), *(((j, ""), s) for j, s in by_journey.items())]
    for (journey, touchpoint), standards in groups:
        by_view: dict[str, list[query.Projection]] = defaultdict(list)
        for standard in standards:
            by_view[run.view(standard)].append(run.projection(standard))
        for period, customers, with_problem in run.rows(
                query.customers(run.q, sorted(by_view.items()))):
            parsed = parse_period(period)
            if in_range(parsed):
                rows.append(CustomerRow(journey, touchpoint, parsed, customers, with_problem))
    rows.sort(key=lambda r: (r.journey, r.touchpoint, r.period.end, r.period.months))
    return rows


def number(value: float | None) -> str:
    """A figure as written to a CSV: at most two decimals, no trailing zeros."""
    return "" if value is None else format_number(round(value, 2) + 0.0)


def actuals_csv(measured: Measured) -> str:
    """The actuals, with a `beyond` column only where a quantile was measured (the share
    of its events beyond the target's threshold, which prices its miss)."""
    beyond = any(r.beyond is not None for r in measured.rows)
    lines = [",".join(ACTUALS_HEADER + (("beyond",) if beyond else ()))]
    lines += [",".join((r.standard, r.period.text, number(r.value), r.unit, str(r.sample),
                        number(r.low), number(r.high), r.source,
                        *([number(r.beyond)] if beyond else []))) for r in measured.rows]
    return "\n".join(lines) + "\n"


def customers_csv(measured: Measured) -> str:
    lines = [",".join(CUSTOMERS_HEADER)]
    lines += [",".join((r.journey, r.touchpoint, r.period.text, str(r.customers),
                        str(r.with_problem))) for r in measured.customers]
    return "\n".join(lines) + "\n"
