"""A measure is the definition of a figure, kept under review like the standard it feeds: it
must name an event source the workspace has, exactly one statistic, a statistic that gives a
figure in the target's unit (a share for `%`, points for an NPS, a time for a time), a
calendar the workspace has wherever it counts open hours (a limit in working days needs
one), and, where the source declares its columns, columns it has. The data itself is checked
when measured (`journeymap measure`), where a column the files lack is an error at the measure
too.
"""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.hints import did_you_mean
from journeymap.model import STATISTICS, Span
from journeymap.model.base import WORKING_DAY
from journeymap.rules.references import because, not_loaded, unloaded
from journeymap.targets import TIME_UNITS
from journeymap.workspace import AppliedStandard, Workspace

CODE = codes.MEASURE_DEFINITION
ID = CODE.code
#: the target units each statistic's figure can be in (None: any)
UNITS: dict[str, tuple[str, ...] | None] = {
    "within": ("%",), "share": ("%",), "nps": ("pts",), "duration": tuple(TIME_UNITS),
    "value": None, "count": None}
GIVES = {"within": "a share in %", "share": "a share in %", "nps": "a score in pts",
         "duration": "a time (ms, s, min, h, d or wk)"}


def check(ws: Workspace) -> Iterator[Finding]:
    seen: set[int] = set()  # a library measure is checked once, at the library
    for standard in ws.applied:
        if standard.measure is None or standard.measure_at is None:
            continue
        if id(standard.measure) in seen:
            continue
        seen.add(id(standard.measure))
        yield from _check(ws, standard)


def _check(ws: Workspace, standard: AppliedStandard) -> Iterator[Finding]:
    measure = standard.measure
    assert measure is not None and standard.measure_at is not None
    file, at = standard.measure_at
    given = [name for name in STATISTICS if getattr(measure, name) is not None]
    if len(given) != 1:
        yield file.finding(ID, "a measure names one statistic, one of "
                           f"{', '.join(STATISTICS)}; found "
                           f"{', '.join(given) or 'none'}", at, at_key=True)
    elif standard.target is not None and UNITS[given[0]] is not None and \
            standard.target.unit not in UNITS[given[0]]:  # type: ignore[operator]
        yield file.finding(ID, f"`{given[0]}` gives {GIVES[given[0]]}, but the target of "
                           f"{standard.fqid} is '{standard.target}'", (*at, given[0]),
                           at_key=True)
    yield from _calendar(ws, standard)
    source = ws.event_source(measure.source)
    if source is None:
        yield _unknown(ws, standard, ("source",), "event source", measure.source, "sources",
                       "there are no event sources (sources/*.yaml)")
        return
    declared = source.item.columns
    if not declared:
        return
    for sub, column in measure.columns():
        if column not in declared:
            hint = did_you_mean(column, declared) or \
                f"; {source.item.id} declares {', '.join(declared)}"
            yield file.finding(ID, f"source {source.item.id!r} has no column {column!r}{hint}",
                               (*at, *sub), at_key=sub[0] == "where")


def _calendar(ws: Workspace, standard: AppliedStandard) -> Iterator[Finding]:
    """A business clock needs its calendar; a limit in working days needs a clock; and a
    duration in open hours is a time of hours, not of days (a target in `d` would read 24
    open hours as a day)."""
    assert standard.measure is not None and standard.measure_at is not None
    file, at = standard.measure_at
    span = standard.measure.span
    if span is None:
        return
    key = "within" if standard.measure.within is not None else "duration"
    limit: Span | None = getattr(span, "limit", None)
    if span.calendar is None:
        if limit is not None and limit.unit == WORKING_DAY:
            yield file.finding(ID, f"a limit of {limit} needs a `calendar` to count working "
                               "days in", (*at, key, "limit"))
        return
    calendar = ws.calendar(span.calendar)
    if calendar is None:
        yield _unknown(ws, standard, (key, "calendar"), "calendar", span.calendar, "calendars",
                       "the workspace has no calendar (`calendars:` in a library file)")
    elif key == "duration" and standard.target is not None and \
            standard.target.unit in ("d", "wk"):
        hours = calendar.item.working_day_ms / 3_600_000
        yield file.finding(ID, f"`duration` on calendar {span.calendar!r} counts open hours "
                           f"({hours:g} h a working day): give the target of {standard.fqid} "
                           f"in h, min or s, not '{standard.target}'", (*at, key, "calendar"))


def _unknown(ws: Workspace, standard: AppliedStandard, sub: tuple[str, ...], kind: str,
             name: str, key: str, none: str) -> Finding:
    """`unknown {kind} 'name'` at the measure's `sub`, with the nearest of the workspace's
    `key` (its sources, its calendars), else those there are, else `none`; listed after a
    file holding `key` that failed to load, which may define it."""
    assert standard.measure_at is not None
    file, at = standard.measure_at
    names = sorted(e.item.id for e in getattr(ws, key))
    hint = did_you_mean(name, names) or (
        f"; the {key} are {', '.join(names)}" if names else f"; {none}")
    broken = unloaded(ws, [key])[key]
    return because(file.finding(ID, f"unknown {kind} {name!r}{hint}{not_loaded(broken)}",
                                (*at, *sub)), broken)
