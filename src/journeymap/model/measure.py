"""Event sources and a standard's `measure:` (docs/measures.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    field_validator,
)

from journeymap.model.base import (
    CalendarName,
    Column,
    ColumnType,
    Day,
    Id,
    Limit,
    Model,
    Scalar,
    Statistic,
    TimeZone,
)


class Source(Model):
    """Where a standard's events are: files in the workspace, or a table on the engine."""

    id: Id
    title: str | None = None
    path: str | None = Field(None, max_length=400, description="Files relative to the "
                             "workspace (CSV, Parquet or JSON lines); * and ** globs.")
    table: str | None = Field(None, pattern=r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*){0,2}$",
                              description="A table on the engine, instead of path.")
    format: Literal["csv", "parquet", "json"] | None = Field(
        None, description="Default: from the files' extension.")
    time: Column = Field(description="The event's time: decides its period.")
    customer: Column | None = Field(None, description="Who the event concerns.")
    time_zone: TimeZone | None = Field(
        None, description="The zone the files' times are written in, for a calendar kept "
        "in another (default: the calendar's own).")
    columns: dict[Column, ColumnType] = Field(default_factory=dict)


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CLOCK = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]"


class Calendar(Model):
    """The hours a business clock runs (a measure's `calendar:`): the same opening hours on
    each working day, in one time zone, less holidays. A limit in working days counts whole
    days of these hours. Kept with the standards, not in the settings: an office's hours
    and holidays are the business's to review, like the promises timed against them."""

    id: CalendarName
    title: str | None = None
    time_zone: TimeZone = Field(description="Where the hours are kept; events' times are read "
                                "in it unless their source names its own `time_zone`.")
    days: list[Weekday] = Field(default_factory=lambda: list(WEEKDAYS[:5]), min_length=1,
                                max_length=7, description="The working days (default: mon-fri).")
    hours: str = Field(pattern=rf"^{_CLOCK}-(?:{_CLOCK}|24:00)$",
                       description="Opening hours of each working day, HH:MM-HH:MM.")
    holidays: list[Day] = Field(default_factory=list, max_length=5_000,
                                description="Working days the office is closed.")

    @field_validator("days")
    @classmethod
    def _each_day_once(cls, days: list[Weekday]) -> list[Weekday]:
        if len(set(days)) != len(days):
            raise ValueError("name each working day once")
        return days

    @field_validator("hours")
    @classmethod
    def _closing_after_opening(cls, hours: str) -> str:
        opens, closes = hours.split("-")
        if closes <= opens:
            raise ValueError(f"{hours!r}: closing comes after opening, the same day")
        return hours

    @property
    def opening(self) -> tuple[int, int]:
        """(opening, closing) in milliseconds after midnight."""
        def ms(clock: str) -> int:
            hours, minutes = clock.split(":")
            return (int(hours) * 60 + int(minutes)) * 60_000
        opens, closes = self.hours.split("-")
        return ms(opens), ms(closes)

    @property
    def working_day_ms(self) -> int:
        opens, closes = self.opening
        return closes - opens


class Comparison(Model):
    gt: float | None = None
    ge: float | None = None
    lt: float | None = None
    le: float | None = None
    ne: Scalar | None = None


Condition = Scalar | list[Scalar] | Comparison | None
"""A `where:` condition: equal, one of, a comparison, `null`, or the word `not_null`."""


class Within(Model):
    """Share of events whose `to - from` is at most `limit` (a missing `to` is not within)."""

    start: Column = Field(alias="from")
    to: Column
    limit: Limit
    calendar: CalendarName | None = Field(
        None, description="Count only the open hours of this calendar (`calendars:` in a "
        "library file); without one, the clock runs day and night.")
    unanswered: Literal["miss", "exclude", "pending"] = Field(
        "miss", description="An event without `to` (an abandoned call, an open case): a miss "
        "(default), left out of the denominator, or `pending`: a miss once its limit has run "
        "out by the latest time in the source, left out until then.")


class ShareOf(Model):
    """Share of events meeting one condition on a column."""

    column: Column
    is_: Scalar | None = Field(None, alias="is")
    in_: list[Scalar] | None = Field(None, alias="in")
    gt: float | None = None
    ge: float | None = None
    lt: float | None = None
    le: float | None = None


class DurationOf(Model):
    start: Column = Field(alias="from")
    to: Column
    stat: Statistic = "mean"
    calendar: CalendarName | None = Field(
        None, description="Count only the open hours of this calendar.")


class ValueOf(Model):
    column: Column
    stat: Statistic = "mean"


class NpsOf(Model):
    column: Column


class CountOf(Model):
    pass


STATISTICS = ("within", "share", "duration", "value", "nps", "count")


class Measure(Model):
    """How a standard's figure is computed from its source's events, in each period."""

    source: Id
    where: dict[Column, Condition] = Field(default_factory=dict)
    within: Within | None = None
    share: ShareOf | None = None
    duration: DurationOf | None = None
    value: ValueOf | None = None
    nps: NpsOf | None = None
    count: CountOf | None = None

    def columns(self) -> list[tuple[tuple[str, ...], str]]:
        """(path within the measure, column) of every column it names."""
        named: list[tuple[tuple[str, ...], str]] = [(("where", name), name)
                                                    for name in self.where]
        for statistic in STATISTICS:
            spec = getattr(self, statistic)
            for key, alias in (("start", "from"), ("to", "to"), ("column", "column")):
                if spec is not None and getattr(spec, key, None):
                    named.append(((statistic, alias), getattr(spec, key)))
        return named

    @property
    def statistic(self) -> str | None:
        """The one statistic given (a rule names a measure with none or several)."""
        given = [name for name in STATISTICS if getattr(self, name) is not None]
        return given[0] if len(given) == 1 else None

    @property
    def span(self) -> Within | DurationOf | None:
        """Its `within` or `duration`: the statistics that time a span between two columns."""
        return self.within or self.duration

    @property
    def quantile(self) -> float | None:
        """The quantile its figure is (0.5 for a median, 0.9 for p90); None otherwise."""
        spec = self.duration or self.value
        return quantile_of(spec.stat) if spec else None


def quantile_of(stat: str) -> float | None:
    """0.5 for `median`, 0.9 for `p90`; None for `mean`."""
    if stat == "median":
        return 0.5
    return int(stat[1:]) / 100 if stat.startswith("p") else None
