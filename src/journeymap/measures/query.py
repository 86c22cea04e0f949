"""A standard's `measure:` as one SQL query over its source's events, for one engine's dialect.

The workspace holds no SQL: a measure is data (columns, values, a statistic), and every piece
of user text reaches the query only as an identifier or a literal quoted by sqlglot for the
engine's dialect, after its column has been found among the source's columns. The few
functions whose names differ between engines are in `Dialect`; everything else is SQL both
DuckDB and Spark read the same way.

The query gives, for each month, quarter and year the events cover, exact aggregates (counts,
integer milliseconds, sums): the figure, its interval and its unit are worked out in Python
from them (journeymap.measures), so every engine gives the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from journeymap.measures.hours import business_ms, day_of
from journeymap.model import Calendar, Comparison, Measure, ShareOf, Source

#: aggregate columns of each measure in a source's query, in order after `period`
COLUMNS = ("n", "hits", "total", "squares", "promoters", "detractors", "unreadable", "beyond")


@dataclass(frozen=True)
class Dialect:
    name: str  # sqlglot's name of the dialect
    epoch_ms: str  # of a timestamp
    month: str  # `YYYY-MM` of a timestamp
    text: str  # the type name of text
    move_zone: str  # a timestamp's wall-clock time in one zone ({1}) as in another ({2})


DIALECTS = {
    "duckdb": Dialect("duckdb", "epoch_ms({})", "strftime({}, '%Y-%m')",
                      "VARCHAR",
                      "(({0} AT TIME ZONE {1}) AT TIME ZONE {2})"),
    "spark": Dialect("spark", "unix_millis({})", "date_format({}, 'yyyy-MM')",
                     "STRING",
                     "from_utc_timestamp(to_utc_timestamp({0}, {1}), {2})"),
}


class Quoter:
    """Identifiers and literals as the dialect's own quoting writes them (sqlglot)."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

    def ident(self, name: str) -> str:
        from sqlglot import exp

        return exp.to_identifier(name, quoted=True).sql(self.dialect.name)

    def literal(self, value: object) -> str:
        from sqlglot import exp

        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, int | float):
            return exp.Literal.number(repr(float(value))).sql(self.dialect.name)
        return exp.Literal.string(str(value)).sql(self.dialect.name)


def _compare(q: Quoter, column: str, value: object) -> str:
    """`column = value`, typed by the value: a number compares as a number, true/false as a
    boolean, anything else as text."""
    if isinstance(value, bool):
        return f"TRY_CAST({column} AS BOOLEAN) = {q.literal(value)}"
    if isinstance(value, int | float):
        return f"TRY_CAST({column} AS DOUBLE) = {q.literal(value)}"
    return f"CAST({column} AS {q.dialect.text}) = {q.literal(value)}"


def condition(q: Quoter, name: str, spec: object) -> str:
    """One `where:` condition (or a `share:` condition) as SQL."""
    column = q.ident(name)
    if spec is None:
        return f"{column} IS NULL"
    if spec == "not_null":
        return f"{column} IS NOT NULL"
    if isinstance(spec, list):
        return "(" + " OR ".join(_compare(q, column, v) for v in spec) + ")" if spec else "FALSE"
    if isinstance(spec, Comparison | ShareOf):
        parts = [f"TRY_CAST({column} AS DOUBLE) {op} {q.literal(getattr(spec, key))}"
                 for key, op in (("gt", ">"), ("ge", ">="), ("lt", "<"), ("le", "<="))
                 if getattr(spec, key, None) is not None]
        if isinstance(spec, Comparison) and spec.ne is not None:
            parts.append(f"NOT ({_compare(q, column, spec.ne)})")
        if isinstance(spec, ShareOf) and spec.is_ is not None:
            parts.append(_compare(q, column, spec.is_))
        if isinstance(spec, ShareOf) and spec.in_ is not None:
            parts.append(condition(q, name, list(spec.in_)))
        return "(" + " AND ".join(parts or ["TRUE"]) + ")"
    return _compare(q, column, spec)


@dataclass(frozen=True)
class Projection:
    """A measure's events as SQL expressions over its source's rows: which rows are its
    events (`where`), their time, whether each counts for the share (`hit`), its value
    (integer milliseconds for durations), whether it is a problem on its own, whether a value
    it needs could not be read, and the customer."""

    kind: str  # the measure's statistic: within, share, duration, value, nps or count
    where: str
    time: str
    hit: str
    value: str
    problem: str
    unreadable: str
    customer: str
    #: columns the expressions read, computed beside the source's own first, each from the
    #: ones before it: an open-hours clock reads a time's day many times, which as one
    #: expression would be written out again at each reading
    derived: tuple[tuple[str, str], ...] = ()

    @property
    def counted(self) -> str:
        """Whether an event counts: its values can be read, and, for a statistic of values,
        it has one (a call never answered has no wait, a survey left blank no score)."""
        readable = f"({self.where}) AND NOT ({self.unreadable})"
        if self.kind in ("duration", "value", "nps"):
            return f"{readable} AND {self.value} IS NOT NULL"
        return readable


def rows_of(q: Quoter, view: str, projections: list[Projection]) -> str:
    """The source's rows with the derived columns of `projections` beside them (once each:
    the same name is the same expression). Each subquery is named: Spark would read a word
    after an unnamed one (`WHERE (...)`) as its name."""
    derived = dict(pair for p in projections for pair in p.derived)
    for k, (name, expression) in enumerate(derived.items()):
        view = f"(SELECT *, {expression} AS {q.ident(name)} FROM {view}) AS {q.ident(f'jm:{k}')}"
    return view if derived else f"{view} AS {q.ident('jm:rows')}"


def wall_ms(q: Quoter, timestamp: str, written_in: str | None, calendar: Calendar
            ) -> str:
    """Milliseconds of `timestamp`'s wall-clock time in the calendar's zone, counted as if
    that zone were UTC; a timestamp written in another zone (its source's `time_zone`) is
    moved into the calendar's first."""
    if written_in is not None and written_in != calendar.time_zone:
        timestamp = q.dialect.move_zone.format(timestamp, q.literal(written_in),
                                               q.literal(calendar.time_zone))
    return q.dialect.epoch_ms.format(timestamp)


def latest(q: Quoter, view: str, measure: Measure, source: Source) -> str:
    """The latest time in a source, as SQL (its time and its span's end): when its data was
    taken, as far as the data can say, for a `pending` event."""
    assert measure.span is not None
    times = (f"MAX(TRY_CAST({q.ident(c)} AS TIMESTAMP))" for c in (source.time, measure.span.to))
    return f"(SELECT GREATEST({', '.join(times)}) FROM {view})"


def projection(q: Quoter, measure: Measure, source: Source, threshold: float | None,
               lower_is_better: bool, calendar: Calendar | None = None,
               as_of: str | None = None) -> Projection:
    """The measure as expressions (Projection).

    One event is a problem when, taken alone, it misses the standard: it fails the `within`
    or `share` condition of a "higher is better" target (or meets that of a "lower is
    better" one: an abandoned call against "< 5 % abandoned"), or its value lies beyond the
    target's `threshold` (in milliseconds for a duration). With a `calendar`, a span counts
    only its open hours (journeymap.measures.hours). A `pending` event (`within` without its
    end) is judged at `as_of` (`latest`)."""
    d = q.dialect
    time, customer = source.time, source.customer
    ts = f"TRY_CAST({q.ident(time)} AS TIMESTAMP)"
    # typed NULLs: Spark will not compare or aggregate an untyped one
    no_flag, no_value = "CAST(NULL AS BOOLEAN)", "CAST(NULL AS DOUBLE)"
    hit, value, problem = no_flag, no_value, no_flag
    unreadable = "FALSE"
    derived: list[tuple[str, str]] = []
    filters = [condition(q, name, spec) for name, spec in sorted(measure.where.items())]
    if (span := measure.span) is not None:
        start = f"TRY_CAST({q.ident(span.start)} AS TIMESTAMP)"
        end = f"TRY_CAST({q.ident(span.to)} AS TIMESTAMP)"

        def elapsed(since: str, to: str) -> str:
            if calendar is None:
                return f"({d.epoch_ms.format(to)} - {d.epoch_ms.format(since)})"
            return f"({opened(to)} - {opened(since)})"

        def opened(timestamp: str) -> str:
            """The column of a time's open milliseconds since 1970 (hours.business_ms)."""
            assert calendar is not None
            key = hashlib.sha256(f"{calendar!r} {source.time_zone} {timestamp}".encode())
            wall, day, opened = (f"jm:{kind} {key.hexdigest()[:12]}" for kind in "wdb")
            derived.extend([(wall, wall_ms(q, timestamp, source.time_zone, calendar)),
                            (day, day_of(q.ident(wall))),
                            (opened, business_ms(q.ident(wall), q.ident(day), calendar))])
            return q.ident(opened)

        value = elapsed(start, end)
        unreadable = (f"(({q.ident(span.start)} IS NOT NULL AND {start} IS NULL) OR "
                      f"({q.ident(span.to)} IS NOT NULL AND {end} IS NULL))")
        if measure.within is not None:
            limit_ms = measure.within.limit.milliseconds(
                calendar.working_day_ms if calendar else None)
            assert limit_ms is not None, "a limit in working days has a calendar (JM rule)"
            hit = f"({value} IS NOT NULL AND {value} <= {limit_ms})"
            if measure.within.unanswered == "exclude":
                filters.append(f"{q.ident(span.to)} IS NOT NULL")
            elif measure.within.unanswered == "pending":
                assert as_of is not None, "a pending event is judged at a time"
                filters.append(f"({q.ident(span.to)} IS NOT NULL OR "
                               f"{elapsed(start, as_of)} > {limit_ms})")
        elif threshold is not None:
            problem = f"({value} {'>' if lower_is_better else '<'} {q.literal(threshold)})"
    elif measure.share is not None:
        hit = f"COALESCE({condition(q, measure.share.column, measure.share)}, FALSE)"
    elif measure.value is not None or measure.nps is not None:
        name = (measure.value or measure.nps).column  # type: ignore[union-attr]
        value = f"TRY_CAST({q.ident(name)} AS DOUBLE)"
        unreadable = f"({q.ident(name)} IS NOT NULL AND {value} IS NULL)"
        if measure.nps is not None:
            filters.append(f"({value} IS NULL OR ({value} >= 0 AND {value} <= 10))")
        elif threshold is not None:
            problem = f"({value} {'>' if lower_is_better else '<'} {q.literal(threshold)})"
    if hit != no_flag:
        problem = hit if lower_is_better else f"(NOT {hit})"
    if measure.nps is not None:
        problem = f"({value} <= 6)"
    who = f"CAST({q.ident(customer)} AS {d.text})" if customer else f"CAST(NULL AS {d.text})"
    where = " AND ".join(f"({f})" for f in filters) if filters else "TRUE"
    return Projection(measure.statistic or "", where, ts, hit, value, problem, unreadable, who,
                      tuple(derived))


def _names(q: Quoter) -> tuple[str, str, str, str]:
    """The time, month, quarter and year columns a query adds beside a source's own: their
    names hold a `:`, which no source column's name may (model.Column), so none collides."""
    return q.ident("jm:t"), q.ident("jm:m"), q.ident("jm:q"), q.ident("jm:y")


def _by_period(q: Quoter, rows_sql: str, columns: str, condition: str = "TRUE",
               keys: list[list[str]] | None = None) -> str:
    """`columns` (aggregates) of `rows_sql`'s rows with a time (`_names`), per month, quarter
    and year at once (GROUPING SETS), each row named by its period: 2026-07, 2026-Q3, 2026;
    and, with `keys` (lists of columns), per value of each list's columns in each period
    instead (a column left out of a grouping set is NULL in its rows)."""
    d, text = q.dialect, q.dialect.text
    t, m, qr, y = _names(q)
    periods = (f"SELECT *, {d.month.format(t)} AS {m}, "
               f"CAST(YEAR({t}) AS {text}) || '-Q' || CAST(QUARTER({t}) AS {text}) AS {qr}, "
               f"CAST(YEAR({t}) AS {text}) AS {y} FROM ({rows_sql}) "
               f"WHERE {t} IS NOT NULL AND {condition}")
    sets = [f"({', '.join([period, *columns])})" for columns in keys or [[]]
            for period in (m, qr, y)]
    return (f"SELECT COALESCE({m}, {qr}, {y}) AS period, {columns} FROM ({periods}) "
            f"GROUP BY GROUPING SETS ({', '.join(sets)})")


def _needs(p: Projection, stat: str | None) -> set[str]:
    """The aggregates a measure's figure is made from, beyond its count and unreadable rows:
    the others are constants, so a query over twenty measures computes only what they use."""
    if p.kind in ("within", "share"):
        return {"hits"}
    if p.kind == "nps":
        return {"nps"}
    if p.kind in ("duration", "value"):
        # a quantile's events beyond the target's threshold price its miss (revenue.md)
        return {"total"} if stat == "mean" else {"beyond"}
    return set()


def _split(q: Quoter, split: str | None) -> tuple[list[str], list[list[str]]]:
    """The column a query groups by besides the period (as text, after the period in its
    rows), and its grouping keys."""
    if split is None:
        return [], [[]]
    key = q.ident("jm:c")
    return [f"CAST({q.ident(split)} AS {q.dialect.text}) AS {key}"], [[key]]


def aggregate_all(q: Quoter, view: str, parts: list[tuple[Projection, str | None]],
                  split: str | None = None) -> str:
    """Per month, quarter and year, the exact aggregates of `COLUMNS` of every measure of one
    source (a projection and its statistic each), in one pass over its rows: column k of each
    aggregate is measure k's. Each row's conditions are worked out once, in an inner query,
    and the aggregates read them. With `split` (a column), per value of that column too, so
    that measures differing only in the value of it they pick (one per queue, say) share
    one set of aggregates, as a query written by hand would group by the queue."""
    if not parts:
        raise ValueError("no measure to aggregate")
    key, keys = _split(q, split)
    inner, columns = [f"{parts[0][0].time} AS {_names(q)[0]}", *key], []
    for k, (p, stat) in enumerate(parts):
        u, r, h, v, b = (q.ident(f"jm:{name}{k}") for name in ("u", "r", "h", "v", "b"))
        needs = _needs(p, stat)
        inner += [f"({p.where}) AND ({p.unreadable}) AS {u}", f"{p.counted} AS {r}",
                  f"{p.hit} AS {h}", f"{p.value} AS {v}",
                  *([f"{p.problem} AS {b}"] if "beyond" in needs else [])]
        value = f"CASE WHEN {r} THEN {v} END"
        none = "CAST(NULL AS DOUBLE)"
        columns += [
            f"SUM(CASE WHEN {r} THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN {r} AND {h} THEN 1 ELSE 0 END)" if "hits" in needs else "0",
            f"SUM({value})" if "total" in needs else none,
            # in DOUBLE: a day in milliseconds squared passes a 64-bit integer
            f"SUM(CAST({value} AS DOUBLE) * CAST({value} AS DOUBLE))" if "total" in needs
            else none,
            f"SUM(CASE WHEN {r} AND {v} >= 9 THEN 1 ELSE 0 END)" if "nps" in needs else "0",
            f"SUM(CASE WHEN {r} AND {v} <= 6 THEN 1 ELSE 0 END)" if "nps" in needs else "0",
            f"SUM(CASE WHEN {u} THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN {r} AND {b} THEN 1 ELSE 0 END)" if "beyond" in needs else "0"]
    rows = rows_of(q, view, [p for p, _ in parts])
    return _by_period(q, f"SELECT {', '.join(inner)} FROM {rows}",
                      ", ".join([*(k[0] for k in keys if k), *columns]), keys=keys)


def value_counts(q: Quoter, view: str, projections: list[Projection],
                 split: str | None = None) -> str:
    """Per month, quarter and year (and value of `split`, as aggregate_all), how many of each
    measure's readable events hold each of its values, for several measures of one source in
    one pass: column k of a row is measure k's value (the others NULL), then the count.
    Enough to find any quantile and its order statistics (journeymap.stats) in Python, where
    an engine's own quantile (a sort, or a buffer of every value, per period) costs several
    times the rest of the measuring. Values are integer milliseconds for a duration, so they
    repeat."""
    t = _names(q)[0]
    values = [q.ident(f"jm:v{k}") for k in range(len(projections))]
    chosen = ", ".join(f"CASE WHEN {p.counted} THEN {p.value} END AS {v}"
                       for p, v in zip(projections, values, strict=True))
    key, keys = _split(q, split)
    rows = (f"SELECT {', '.join([f'{projections[0].time} AS {t}', *key, chosen])} "
            f"FROM {rows_of(q, view, projections)}")
    return _by_period(q, rows, ", ".join([*(k[0] for k in keys if k), *values, "COUNT(*) AS n"]),
                      keys=[[*k, v] for k in keys for v in values])


def customers(q: Quoter, sources: list[tuple[str, list[Projection]]]) -> str:
    """Distinct customers, and those with a problem, over several measures' events, per
    month, quarter and year: each source's rows (a view and its measures' projections) read
    once, an event being any measure's and a problem if it is one for any of them."""
    scans = []
    for view, projections in sources:
        event = " OR ".join(f"({p.where})" for p in projections)
        problem = " OR ".join(f"(({p.where}) AND ({p.problem}))" for p in projections)
        scans.append(f"SELECT {projections[0].time} AS {_names(q)[0]}, "
                     f"{projections[0].customer} AS c, {problem} AS problem "
                     f"FROM {rows_of(q, view, projections)} WHERE {event}")
    return _by_period(q, " UNION ALL ".join(scans), "COUNT(DISTINCT c) AS customers, "
                      "COUNT(DISTINCT CASE WHEN problem THEN c END) AS with_problem",
                      "c IS NOT NULL")


def _unreadable_time(q: Quoter, time: str) -> str:
    column = q.ident(time)
    return f"{column} IS NULL OR TRY_CAST({column} AS TIMESTAMP) IS NULL"


def unreadable_times(q: Quoter, view: str, time: str) -> str:
    """How many rows have a time that cannot be read (counted by the engine)."""
    return f"SELECT COUNT(*) FROM {view} WHERE {_unreadable_time(q, time)}"


def unreadable_examples(q: Quoter, view: str, time: str, count: int = 3) -> str:
    """A few of those rows' time cells, the same ones on every run."""
    example = f"CAST({q.ident(time)} AS {q.dialect.text})"
    return (f"SELECT DISTINCT {example} AS example FROM {view} "
            f"WHERE {_unreadable_time(q, time)} ORDER BY example LIMIT {int(count)}")
