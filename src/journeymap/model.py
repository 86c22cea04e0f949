"""Typed models of the workspace format (docs/format.md is the user's reference).

Models validate *shape* (keys, types, enumerations, the target syntax); rules in
journeymap.rules check *meaning* (references, cycles, coverage). extra="forbid" everywhere so a
misspelled key is an error rather than silently ignored data.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    WithJsonSchema,
)

from journeymap.periods import parse_period
from journeymap.targets import Target

Id = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        max_length=80,
        description="A slug: letters, digits, '-', '_' or '.'; no spaces or '/'.",
    ),
]
#: A reference to a touchpoint: `touchpoint-id` in the same journey or `journey-id/touchpoint-id`.
_SLUG = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
TouchpointRef = Annotated[str, Field(pattern=rf"^{_SLUG}(/{_SLUG})?$")]

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


def _integer_range(low: int, high: int) -> Any:
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
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)\s*$")


def _seconds(value: Any) -> float:
    """A time span as people write it (`20 s`, `4 h`, `2 d`) in seconds."""
    from journeymap.targets import TIME_UNITS

    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError("a time span is a number and a unit: `20 s`, `30 min`, `4 h`, `2 d`")
    return float(match.group(1)) * TIME_UNITS[match.group(2)]


Seconds = Annotated[float, PlainValidator(_seconds),
                    WithJsonSchema({"type": "string", "pattern": _DURATION.pattern})]
Statistic = Annotated[str, Field(pattern=r"^(mean|median|p[1-9][0-9]?)$",
                                 description="mean, median, or pNN (p90: 90th percentile)")]


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
    columns: dict[Column, ColumnType] = Field(default_factory=dict)


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
    limit: Seconds
    unanswered: Literal["miss", "exclude"] = Field(
        "miss", description="An event without `to` (abandoned): a miss (default) or left out "
        "of the denominator.")


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
        named = [(("where", name), name) for name in self.where]
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


class StandardFields(Model):
    """What every standard says: the statement, its SERVQUAL dimension and how it is measured."""

    statement: str | None = Field(None, description="The standard in one sentence.")
    dimension: Dimension | None = Field(None, description="SERVQUAL dimension it serves.")
    metric: str | None = Field(None, description="Name of the measured figure (matches actuals).")
    target: Target | None = None
    source: str | None = Field(None, description="Where the actual figure comes from.")
    review: Review | None = Field(None, description="How often it is checked (plan-do-check-act).")
    owner: Id | None = Field(None, description="Team accountable; default: the touchpoint owner.")
    outcome: bool = Field(False, description="An outcome measure (NPS, renewal rate): reported, "
                          "never costed as revenue at risk (its loss is measured already).")
    covers: list[Id] = Field(default_factory=list, description="Ids of the needs and wants "
                             "this standard answers (a need's `id:`).")
    measure: Measure | None = Field(None, description="How its figure is computed from events "
                                    "(journeymap measure).")
    assumed_expectation: Target | None = Field(
        None, description="What we believe customers expect for this metric (SERVQUAL gap 1 "
        "compares it with what they say they expect).")


class InlineStandard(StandardFields):
    """A standard defined at the touchpoint itself."""

    id: Id


class StandardUse(Model):
    """A library standard applied at this touchpoint, with optional local overrides."""

    use: Id = Field(description="Id of a standard in the library.")
    statement: str | None = None
    target: Target | None = Field(None, description="Local override of the library target.")
    source: str | None = None
    review: Review | None = None
    owner: Id | None = None
    measure: Measure | None = None
    covers: list[Id] = Field(default_factory=list, description="Needs it answers here, "
                             "besides the library standard's own.")
    assumed_expectation: Target | None = None


def _standard_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return "use" if "use" in value else "inline"
    if isinstance(value, StandardUse):
        return "use"
    if isinstance(value, InlineStandard):
        return "inline"
    return None


StandardItem = Annotated[
    Annotated[InlineStandard, Tag("inline")] | Annotated[StandardUse, Tag("use")],
    Discriminator(
        _standard_tag,
        custom_error_type="standard_item",
        custom_error_message="a standard is a mapping with `id:` (defined here) "
        "or `use:` (a library standard)",
    ),
]
#: loc elements pydantic adds for the tagged union; they name no YAML key.
UNION_TAGS = {"inline": InlineStandard, "use": StandardUse}

TextList = list[str]


class Need(Model):
    """A need or want with an id, so that a standard can name it in `covers:`."""

    id: Id
    text: str

    def __str__(self) -> str:
        return self.text


#: plain text, or `{id, text}` where a standard links to it
NeedList = list[str | Need]


class Promise(Model):
    """A promise naming the standard that backs it: compared with that standard only."""

    text: str
    standard: str = Field(
        pattern=rf"^{_SLUG}(/{_SLUG}){{0,2}}$",
        description="`standard-id` at this touchpoint, `touchpoint-id/standard-id` in this "
        "journey, or `journey-id/touchpoint-id/standard-id`.")

    def __str__(self) -> str:
        return self.text


class Touchpoint(Model):
    id: Id
    title: str
    channel: Channel
    owner: Id | None = Field(None, description="Team id; default: the stage's, then the journey's.")
    lane: Lane = "frontstage"
    action: str | None = Field(None, description="What the customer does here.")
    kind: Kind = "interaction"
    moment_of_truth: str | bool | None = Field(
        None, description="A make-or-break moment: the reason, or true."
    )
    emotion: int | None = Field(
        None, description="Expected feeling, 1 (very unhappy) .. 5 (delighted).",
        json_schema_extra=_integer_range(1, 5),
    )
    description: str | None = None
    needs: NeedList = Field(default_factory=list, description="The problem to be solved.")
    wants: NeedList = Field(default_factory=list, description="How the customer wants to feel.")
    pain_points: TextList = Field(default_factory=list)
    opportunities: TextList = Field(default_factory=list)
    promise: str | Promise | None = Field(
        None, description="What we tell customers here: the text, or `{text, standard}` "
        "naming the standard that backs it.")
    reach: float = Field(1.0, ge=0, le=1, description="Share of the journey's customers who "
                         "pass this touchpoint (revenue at risk).")
    depends_on: list[TouchpointRef] = Field(
        default_factory=list, description="Internal suppliers: touchpoints serving this one."
    )
    standards: list[StandardItem] = Field(default_factory=list)

    @property
    def is_moment_of_truth(self) -> bool:
        return bool(self.moment_of_truth)

    @property
    def moment_reason(self) -> str | None:
        return self.moment_of_truth if isinstance(self.moment_of_truth, str) else None

    @property
    def promise_text(self) -> str | None:
        return str(self.promise) if self.promise is not None else None


class Stage(Model):
    id: Id
    title: str
    lifecycle: str | None = Field(None, description="The lifecycle state this stage serves.")
    goal: str | None = None
    owner: Id | None = None
    description: str | None = None
    touchpoints: list[Touchpoint] = Field(default_factory=list)


class Journey(Model):
    """A journey file: one customer journey, its stages and touchpoints."""

    id: Id
    title: str
    owner: Id | None = Field(None, description="Team managing the journey end to end.")
    personas: list[Id] = Field(default_factory=list)
    description: str | None = None
    lifecycle: list[Id] = Field(default_factory=lambda: list(DEFAULT_LIFECYCLE))
    customers_per_year: int | None = Field(
        None, ge=0, le=10**10, description="Customers who go through the journey in a year "
        "(revenue at risk); measured customers from events win.")
    stages: list[Stage]

    def touchpoints(self) -> list[tuple[int, Stage, int, Touchpoint]]:
        return [
            (si, stage, ti, tp)
            for si, stage in enumerate(self.stages)
            for ti, tp in enumerate(stage.touchpoints)
        ]


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


def _period_text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"{str(raw)[:40]!r} is not a period such as 2026-Q4")
    parse_period(raw)  # its ValueError says what a period looks like
    return raw.strip()


Day = Annotated[date, PlainValidator(_day),
                WithJsonSchema({"type": "string",
                                "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
PeriodText = Annotated[str, PlainValidator(_period_text),
                       WithJsonSchema({"type": "string",
                                       "pattern": r"^\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$"})]
ActionStatus = Literal["plan", "do", "check", "act", "done", "dropped"]
#: the statuses of an action still under way (plan-do-check-act); done and dropped are closed
OPEN_STATUSES = ("plan", "do", "check", "act")
#: what an action may address: a standard's full id or a touchpoint's
StandardOrTouchpointRef = Annotated[str, Field(pattern=rf"^{_SLUG}/{_SLUG}(/{_SLUG})?$")]


class Action(Model):
    """An improvement action: the Plan and Act of plan-do-check-act for a gap. The Check is
    journeymap's: the actuals of the periods after it."""

    id: Id
    title: str
    owner: Id = Field(description="The team that carries it out.")
    addresses: list[StandardOrTouchpointRef] = Field(
        min_length=1, description="Full ids of the standards it should bring back on target "
        "(`journey/touchpoint/standard`), or touchpoints (`journey/touchpoint`: all its "
        "standards).")
    status: ActionStatus
    opened: Day
    due: Day | None = None
    closed: Day | None = Field(None, description="When it was marked done or dropped "
                               "(default: its due date).")
    expect: Target | None = Field(None, description="The result it should bring, in the "
                                  "standard's unit (default: the standard's target).")
    by: PeriodText | None = Field(None, description="The period by which `expect` should "
                                  "show in the actuals.")
    note: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def done_on(self) -> date:
        """When it took effect: its `closed` date, else its due date, else when opened."""
        return self.closed or self.due or self.opened


class Team(Model):
    id: Id
    name: str
    lead: str | None = None
    contact: str | None = None
    description: str | None = None


class Expectation(Model):
    """What a persona's customers told us they expect, for one metric."""

    metric: str
    target: Target
    statement: str | None = Field(None, description="The expectation in their words.")
    dimension: Dimension | None = None
    source: str | None = None


class Persona(Model):
    id: Id
    name: str
    description: str | None = None
    needs: NeedList = Field(default_factory=list)
    wants: NeedList = Field(default_factory=list)
    customers: int | None = Field(None, ge=0, le=10**10,
                                  description="How many customers it stands for.")
    annual_value: float | None = Field(None, ge=0, le=1e9,
                                       description="Yearly revenue per customer.")
    expectations: list[Expectation] = Field(default_factory=list)


class LibraryStandard(StandardFields):
    """A reusable standard, applied at touchpoints with `use:`."""

    id: Id
    channels: list[Channel] | None = Field(None, description="Channels it may be applied on.")


class ComplaintPolicy(Model):
    """How complaints are taken: every channel a customer can complain through, and the clock."""

    channels: list[Channel]
    acknowledge: Target | None = None
    resolve: Target | None = None
    owner: Id | None = None
    description: str | None = None


class Library(Model):
    """A library file: any of teams, personas, standards and the complaint policy."""

    teams: list[Team] = Field(default_factory=list)
    personas: list[Persona] = Field(default_factory=list)
    standards: list[LibraryStandard] = Field(default_factory=list)
    complaints: ComplaintPolicy | None = None
    actions: list[Action] = Field(default_factory=list,
                                  description="Improvement actions (actions/*.yaml).")
    sources: list[Source] = Field(
        default_factory=list, description="Event sources of measured standards (sources/).")


LIBRARY_KEYS = ("teams", "personas", "standards", "complaints", "actions", "sources")
