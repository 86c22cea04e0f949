"""The gap report's values: findings tagged with the SERVQUAL gap they evidence, and tables.

Gaps (Parasuraman, Zeithaml and Berry): 1 knowledge, 2 standards, 3 delivery,
4 communication, 5 perceived service; beside them, outcome measures that missed (how customers
responded, not a gap in delivery) and standards without a figure (a measurement finding).
docs/gaps.md maps each finding kind to its section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from journeymap.gaps import GAPS, SECTIONS

if TYPE_CHECKING:
    from journeymap.actions import ActionReview
    from journeymap.statuses import StandardStatus

GAP_TITLES = {
    "knowledge": "Gap 1, knowledge: what customers expect vs what we think they expect",
    "standards": "Gap 2, standards: what we know customers need and expect vs the standards "
                 "we set",
    "delivery": "Gap 3, delivery: the standards vs what we deliver",
    "communication": "Gap 4, communication: what we deliver vs what we promise",
    "perception": "Gap 5, perceived service: what customers expected vs what they perceived",
    "outcomes": "Outcomes: how customers responded (NPS, satisfaction, renewal), missed",
    "measurement": "Measurement: standards without a figure for the period",
}
KIND_GAP = {
    "expectation-misjudged": "knowledge",
    "expectation-not-addressed": "standards",
    "standard-looser-than-expectation": "standards",
    "survey-dimension-not-addressed": "standards",
    "moment-without-standard": "standards",
    "need-not-covered": "standards",
    "complaints-despite-standards-met": "standards",
    "unmeasurable-standard": "standards",
    "touchpoint-without-owner": "standards",
    "missed": "delivery",
    "action-overdue": "delivery",
    "action-not-working": "delivery",
    "no-data": "measurement",
    "stale": "measurement",
    "outcome-missed": "outcomes",
    "promise-stricter-than-standard": "communication",
    "promise-not-delivered": "communication",
    "perception-below-expectation": "perception",
}


_GAP_NUMBERS = {name: number for number, name in GAPS.items()}
#: the fields of a finding that hold figures
_FIGURES = ("actual", "miss", "miss_share", "low", "high", "revenue_at_risk")


@dataclass
class GapFinding:
    """One finding of the gap report. Made by an analysis, then completed in place by
    `analysis._completed` (team name, actions, revenue share): not frozen, because a copy of
    each of 70,000 findings at 500 journeys made that step take 0.46 s instead of 0.09 s."""

    kind: str
    journey: str
    touchpoint: str | None
    message: str
    standard: str | None = None  # full id
    team: str | None = None
    team_name: str | None = None  # the team's name, for people (team is its id)
    moment_of_truth: bool = False
    actual: float | None = None
    target: str | None = None
    miss: float | None = None  # how far from the target, in its unit (positive = worse)
    miss_share: float | None = None  # miss as a share of the target value
    signal: str | None = None  # the process behaviour chart's verdict
    sample: int | None = None
    low: float | None = None  # the figure's 95 % interval
    high: float | None = None
    certainty: str | None = None  # a miss: within noise | clear (None: no interval)
    revenue_at_risk: float | None = None
    revenue_basis: str | None = None  # measured | declared | assumed, with revenue_at_risk
    not_costed: str | None = None  # a miss: why it carries no revenue at risk
    #: for a miss: the ids of the open actions addressing it (empty: no action)
    actions: tuple[str, ...] | None = None

    @property
    def gap(self) -> str:
        return KIND_GAP[self.kind]

    @property
    def gap_number(self) -> int | None:
        """1 to 5 for a SERVQUAL gap; None for outcomes and measurement."""
        return _GAP_NUMBERS.get(self.gap)

    @property
    def team_label(self) -> str:
        return self.team_name or self.team or "-"

    @property
    def within_noise(self) -> bool:
        """A miss whose 95 % interval holds the target: not shown to be real."""
        return self.kind == "missed" and self.certainty == "within noise"

    @property
    def missed_moment(self) -> bool:
        """A miss at a moment of truth that is not within noise."""
        return self.kind == "missed" and self.moment_of_truth and not self.within_noise

    @property
    def unplanned(self) -> bool:
        """A miss no open action addresses."""
        return self.kind == "missed" and not self.actions

    def rank_key(self) -> tuple:
        """Missed moments of truth first, then revenue at risk, then size of miss; misses
        within noise after every other finding of their gap's misses."""
        return (not self.missed_moment, self.within_noise, -(self.revenue_at_risk or 0),
                -(self.miss_share or 0),
                SECTIONS.index(self.gap), self.journey, self.touchpoint or "", self.standard or "",
                self.kind)

    def as_dict(self) -> dict:
        """For JSON and CSV: figures exact but clean (3.6, not 3.5999999999999943)."""
        # every field is a plain value: vars() is enough (dataclasses.asdict's deep copy was
        # half the time of a large JSON report), and only the figures need rounding
        values = {"gap": self.gap, "gap_number": self.gap_number, **vars(self)}
        for name in _FIGURES:
            if values[name] is not None:
                values[name] = round(values[name], 9)
        if self.actions is not None:
            values["actions"] = list(self.actions)
        return values


@dataclass(frozen=True)
class DimensionGap:
    """Perception minus expectation, weighted by respondents (the perceived-service table)."""

    dimension: str
    touchpoint: str | None  # None: across all touchpoints
    expectation: float
    perception: float
    gap: float
    respondents: int
    wave: str | None = None  # the survey wave (its `period`), when the survey has waves
    change: float | None = None  # the gap's change since the previous wave


@dataclass
class GapReport:
    period: str | None
    currency: str
    findings: list[GapFinding] = field(default_factory=list)
    statuses: list[StandardStatus] = field(default_factory=list)
    dimensions: list[DimensionGap] = field(default_factory=list)
    revenue: dict = field(default_factory=dict)  # formula, inputs, per journey
    unassessed: list[str] = field(default_factory=list)  # expectations gap 1 cannot assess
    actions: list[ActionReview] = field(default_factory=list)  # every action, worst first
    as_of: str | None = None  # the day open actions are judged on (overdue or not)
    moment_count: int = 0  # moments of truth in the workspace

    def by_gap(self) -> dict[str, list[GapFinding]]:
        out: dict[str, list[GapFinding]] = {name: [] for name in SECTIONS}
        for finding in self.findings:
            out[finding.gap].append(finding)
        return out

    def counts(self) -> dict[str, int]:
        return {name: len(items) for name, items in self.by_gap().items()}

    @property
    def missed_moments(self) -> list[GapFinding]:
        """The misses at moments of truth (a moment with two misses has two)."""
        return [f for f in self.findings if f.missed_moment]

    @property
    def unmeasured_period(self) -> bool:
        """The report period has no actuals at all: every status is "no data"."""
        return bool(self.statuses) and all(s.status == "no data" for s in self.statuses)

    @property
    def missed_moment_count(self) -> int:
        """Moments of truth with at least one missed standard: moments, not standards."""
        return len(self.moments_missed())

    def moments_missed(self) -> list[list[GapFinding]]:
        """Each missed moment of truth once, with its misses, in rank order."""
        grouped: dict[tuple[str, str | None], list[GapFinding]] = {}
        for finding in self.missed_moments:
            grouped.setdefault((finding.journey, finding.touchpoint), []).append(finding)
        return list(grouped.values())

    def status_of(self, fqid: str | None) -> StandardStatus | None:
        return self._statuses_by_standard.get(fqid or "")

    @cached_property
    def _statuses_by_standard(self) -> dict[str, StandardStatus]:
        return {s.standard: s for s in self.statuses}

    @property
    def unplanned_misses(self) -> list[GapFinding]:
        return [f for f in self.findings if f.unplanned]

    @property
    def noise_misses(self) -> list[GapFinding]:
        """Misses within noise: listed, not costed, not counted by --fail-on by default."""
        return [f for f in self.findings if f.within_noise]

    @cached_property
    def action_summaries(self) -> dict[str, str]:
        """Action id -> its one-line summary, for the misses that list them."""
        return {r.action.id: r.summary() for r in self.actions}

    @cached_property
    def actions_by_standard(self) -> dict[str, list[ActionReview]]:
        from journeymap.actions import by_standard

        return by_standard(self.actions)

    @property
    def met_share(self) -> float | None:
        measured = [s for s in self.statuses if s.status != "no data"]
        return sum(s.status == "met" for s in measured) / len(measured) if measured else None
