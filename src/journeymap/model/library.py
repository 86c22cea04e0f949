"""The library: teams, personas, shared standards, the complaints policy, improvement
actions and event sources."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    PlainValidator,
    WithJsonSchema,
)

from journeymap.model.base import (
    SLUG,
    Channel,
    Day,
    Dimension,
    Id,
    Model,
)
from journeymap.model.journey import (
    NeedList,
    StandardFields,
)
from journeymap.model.measure import (
    Calendar,
    Source,
)
from journeymap.periods import parse_period
from journeymap.targets import Target


def _period_text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"{str(raw)[:40]!r} is not a period such as 2026-Q4")
    parse_period(raw)  # its ValueError says what a period looks like
    return raw.strip()


PeriodText = Annotated[str, PlainValidator(_period_text),
                       WithJsonSchema({"type": "string",
                                       "pattern": r"^\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$"})]
ActionStatus = Literal["plan", "do", "check", "act", "done", "dropped"]
#: the statuses of an action still under way (plan-do-check-act); done and dropped are closed
OPEN_STATUSES = ("plan", "do", "check", "act")
#: what an action may address: a standard's full id or a touchpoint's
StandardOrTouchpointRef = Annotated[str, Field(pattern=rf"^{SLUG}/{SLUG}(/{SLUG})?$")]


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
    calendars: list[Calendar] = Field(
        default_factory=list, description="The hours business clocks run: measures' "
        "`calendar:`.")


LIBRARY_KEYS = ("teams", "personas", "standards", "complaints", "actions", "sources",
                "calendars")
