"""A journey file: stages, touchpoints and the standards applied at them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
)

from journeymap.model.base import (
    DEFAULT_LIFECYCLE,
    SLUG,
    Channel,
    Dimension,
    Id,
    Kind,
    Lane,
    Model,
    Review,
    TouchpointRef,
    integer_range,
)
from journeymap.model.measure import (
    Measure,
)
from journeymap.targets import Target


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
        pattern=rf"^{SLUG}(/{SLUG}){{0,2}}$",
        description="`standard-id` at this touchpoint, `touchpoint-id/standard-id` in this "
        "journey, or `journey-id/touchpoint-id/standard-id`.")

    def __str__(self) -> str:
        return self.text


_FLAG_WORDS = {"true", "false", "yes", "no", "on", "off"}


def _not_a_quoted_flag(value: Any) -> Any:
    """A reason that is only the word true or false (quoted, so YAML reads it as text) would
    make the touchpoint a moment of truth whose reason is 'false': ambiguous, so refused."""
    if isinstance(value, str) and value.strip().lower() in _FLAG_WORDS:
        raise ValueError(f"{value.strip()!r} in quotes is text, not a yes or no: write true "
                         "or false without quotes, or give the reason it is a moment of truth")
    return value


class Touchpoint(Model):
    id: Id
    title: str
    channel: Channel
    owner: Id | None = Field(None, description="Team id; default: the stage's, then the journey's.")
    lane: Lane = "frontstage"
    action: str | None = Field(None, description="What the customer does here.")
    kind: Kind = "interaction"
    moment_of_truth: Annotated[str | bool | None, BeforeValidator(_not_a_quoted_flag)] = Field(
        None, description="A make-or-break moment: the reason, or true."
    )
    emotion: int | None = Field(
        None, description="Expected feeling, 1 (very unhappy) .. 5 (delighted).",
        json_schema_extra=integer_range(1, 5),
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
    win_back_value: float | None = Field(
        None, ge=0, le=10**9, description="What winning back one leaving customer is worth "
        "(revenue at risk): without it, stages in the journey's last declared lifecycle state "
        "(customers already leaving) are not costed.")
    stages: list[Stage]

    def leaving(self, stage: Stage) -> bool:
        """Whether the stage's customers are already leaving: its lifecycle state is the last
        of a lifecycle the journey declares. Never under the default lifecycle, whose last
        state (advocate) holds a business's best customers, not its leavers."""
        return ("lifecycle" in self.model_fields_set and bool(self.lifecycle)
                and stage.lifecycle == self.lifecycle[-1])

    def touchpoints(self) -> list[tuple[int, Stage, int, Touchpoint]]:
        return [
            (si, stage, ti, tp)
            for si, stage in enumerate(self.stages)
            for ti, tp in enumerate(stage.touchpoints)
        ]
