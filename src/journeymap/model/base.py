"""The common types of the format: ids, channels, dimensions, columns, durations, and the
strict base model."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)

from journeymap import zones

Id = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        max_length=80,
        description="A slug: letters, digits, '-', '_' or '.'; no spaces or '/'.",
    ),
]
#: A reference to a touchpoint: `touchpoint-id` in the same journey or `journey-id/touchpoint-id`.
SLUG = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
TouchpointRef = Annotated[str, Field(pattern=rf"^{SLUG}(/{SLUG})?$")]

Channel = Literal[
    "in-person", "phone", "mail", "email", "web", "app", "chat", "sms",
    "social", "video", "field-visit", "broadcast", "self-service",
]
CHANNELS: tuple[str, ...] = Channel.__args__  # type: ignore[attr-defined]
Dimension = Literal["reliability", "assurance", "tangibles", "empathy", "responsiveness"]
DIMENSIONS: tuple[str, ...] = Dimension.__args__  # type: ignore[attr-defined]
Lane = Literal["customer", "frontstage", "backstage", "support"]
Kind = Literal["interaction", "complaint", "feedback"]
Review = Literal["monthly", "quarterly", "yearly"]
DEFAULT_LIFECYCLE = ["prospect", "new", "satisfied", "loyal", "advocate"]


def integer_range(low: int, high: int) -> Any:
    """A range for the schema's integer branch of an optional int (ajv --strict wants
    `minimum` beside `type`). Range is checked by a rule with a friendlier message (JM108)."""

    def extra(schema: dict[str, Any]) -> None:
        for branch in schema.get("anyOf", []):
            if branch.get("type") == "integer":
                branch.update(minimum=low, maximum=high)

    return extra


class Model(BaseModel):
    """Strict: no value is coerced (`emotion: true` is not 1, `"3"` is not 3) and numbers
    are finite, so everything that reads a validated workspace can trust it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, strict=True,
                              allow_inf_nan=False)


# --- event sources and measures (docs/measures.md) -------------------------------------------

Column = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_ .-]*$", max_length=120,
                              description="A column of the source's events.")]
ColumnType = Literal["text", "integer", "number", "boolean", "timestamp"]
Scalar = Annotated[str | int | float | bool, Field(description="A value to compare with.")]


_LIMIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d|working days?)\s*$")
WORKING_DAY = "working day"


@dataclass(frozen=True)
class Span:
    """A time limit as written: an amount of a time unit, or of working days, whose length
    only a calendar knows."""

    amount: float
    unit: str  # a unit of targets.TIME_UNITS, or WORKING_DAY

    def milliseconds(self, working_day_ms: int | None = None) -> int | None:
        """In milliseconds; a limit in working days needs the length of one (else None)."""
        from journeymap.targets import TIME_UNITS

        if self.unit == WORKING_DAY:
            return None if working_day_ms is None else round(self.amount * working_day_ms)
        return round(self.amount * TIME_UNITS[self.unit] * 1000)

    def __str__(self) -> str:
        from journeymap.targets import format_number

        plural = "s" if self.unit == WORKING_DAY and self.amount != 1 else ""
        return f"{format_number(self.amount)} {self.unit}{plural}"


def _span(value: Any) -> Span:
    if isinstance(value, Span):
        return value
    match = _LIMIT.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError("a limit is a number and a unit: `20 s`, `30 min`, `4 h`, `2 d`, "
                         "or `1 working day` (with a `calendar`)")
    unit = WORKING_DAY if match.group(2).startswith("working") else match.group(2)
    return Span(float(match.group(1)), unit)


Limit = Annotated[Span, PlainValidator(_span), PlainSerializer(str, return_type=str),
                  WithJsonSchema({"type": "string", "pattern": _LIMIT.pattern})]
TimeZone = Annotated[str, AfterValidator(zones.time_zone),
                     Field(description="An IANA time zone name: Europe/Dublin, UTC.")]
CalendarName = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64,
                                    description="A calendar's id (`calendars:`).")]
Statistic = Annotated[str, Field(pattern=r"^(mean|median|p[1-9][0-9]?)$",
                                 description="mean, median, or pNN (p90: 90th percentile)")]


def _day(raw: Any) -> date:
    """A calendar date written YYYY-MM-DD (YAML 1.2 reads it as text): 2026-02-30 is refused."""
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        raise ValueError(f"{str(raw)[:40]!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ValueError(f"{raw.strip()!r} is not a date in the calendar") from None


Day = Annotated[date, PlainValidator(_day),
                WithJsonSchema({"type": "string",
                                "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
