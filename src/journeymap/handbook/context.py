"""What the handbook templates see: journeys, teams, the library, the complaint policy (with
the register's measured clock) and the improvement actions, arranged for the people who serve
customers (who owns what, who depends on whom)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from journeymap.actions import ActionReview, by_standard, marks, review_actions
from journeymap.complaints.report import ComplaintsReport
from journeymap.model import Journey, LibraryStandard, Stage, Team, Touchpoint
from journeymap.statuses import Statuses, evaluate, period_text
from journeymap.trendline import spark_svg
from journeymap.workspace import AppliedStandard, Workspace


def standard_anchor(standard: AppliedStandard) -> str:
    """Stable anchor of a standard: `std-<journey>-<touchpoint>-<id>`."""
    return f"std-{standard.journey.item.id}-{standard.touchpoint.id}-{standard.id}"


def touchpoint_anchor(journey_id: str, touchpoint_id: str) -> str:
    return f"tp-{journey_id}-{touchpoint_id}"


@dataclass(slots=True)  # one per touchpoint or standard: no __dict__
class StandardView:
    applied: AppliedStandard
    anchor: str
    status: str | None = None  # met | missed | no data, with actuals
    actual: float | None = None
    period: str | None = None
    trend: Any = ""  # inline SVG (Markup): the process behaviour chart, with actuals
    certainty: str | None = None  # within noise | clear, when the figure has an interval
    signal: str | None = None  # the chart's verdict


@dataclass(slots=True)  # one per touchpoint or standard: no __dict__
class TouchpointView:
    journey: Journey
    stage: Stage
    touchpoint: Touchpoint
    anchor: str
    owner: Team | None
    owner_id: str | None
    standards: list[StandardView] = field(default_factory=list)
    # tuples: most are empty, and the empty tuple is one shared object
    suppliers: tuple[TouchpointView, ...] = ()  # it depends on these
    customers: tuple[TouchpointView, ...] = ()  # these depend on it


@dataclass
class JourneyView:
    journey: Journey
    owner: Team | None
    personas: list[Any]
    stages: list[tuple[Stage, list[TouchpointView]]]

    @property
    def touchpoints(self) -> list[TouchpointView]:
        return [tp for _, tps in self.stages for tp in tps]

    @property
    def standards(self) -> list[StandardView]:
        return [s for tp in self.touchpoints for s in tp.standards]

    @property
    def moments(self) -> int:
        return sum(tp.touchpoint.is_moment_of_truth for tp in self.touchpoints)

    @property
    def met_share(self) -> float | None:
        measured = [s for s in self.standards if s.status in ("met", "missed")]
        return sum(s.status == "met" for s in measured) / len(measured) if measured else None


@dataclass(slots=True)  # one per touchpoint or standard: no __dict__
class TeamRow:
    """One touchpoint on a team's page: ours, or another team's where we own a standard."""

    touchpoint: TouchpointView
    standards: tuple[StandardView, ...]  # the ones we own here
    serves: tuple[TouchpointView, ...]  # other teams' touchpoints that rely on it (if ours)
    relies_on: tuple[TouchpointView, ...]  # other teams' touchpoints it relies on (if ours)


@dataclass
class TeamView:
    """A team's page, by journey: a team owning thousands of touchpoints reads as one group
    per journey, each touchpoint one row with its internal customers and suppliers."""

    team: Team
    by_journey: list[tuple[Journey, list[TeamRow]]]
    actions: list[ActionReview] = field(default_factory=list)  # the team carries out

    @property
    def rows(self) -> list[TeamRow]:
        return [row for _, rows in self.by_journey for row in rows]

    @property
    def touchpoints(self) -> list[TouchpointView]:
        return [r.touchpoint for r in self.rows if r.touchpoint.owner_id == self.team.id]

    @property
    def standards(self) -> list[StandardView]:
        return [s for r in self.rows for s in r.standards]

    @property
    def customers(self) -> list[TouchpointView]:
        return [c for r in self.rows for c in r.serves]


@dataclass
class LibraryView:
    standard: LibraryStandard
    applications: list[StandardView]

    @property
    def by_journey(self) -> list[JourneyUses]:
        """The applications by journey, in file order: a standard applied at thousands of
        touchpoints reads as one row per journey, with only its local changes spelled out."""
        grouped: dict[int, list[StandardView]] = {}
        for sv in self.applications:
            grouped.setdefault(id(sv.applied.journey), []).append(sv)
        return [JourneyUses(uses) for uses in grouped.values()]


@dataclass
class JourneyUses:
    """One journey's uses of a library standard."""

    uses: list[StandardView]

    @property
    def journey(self) -> Journey:
        return self.uses[0].applied.journey.item

    @property
    def targets(self) -> str:
        return ", ".join(dict.fromkeys(str(sv.applied.target or "-") for sv in self.uses))

    @property
    def overridden(self) -> list[StandardView]:
        return [sv for sv in self.uses if sv.applied.overrides]


@dataclass
class Site:
    journeys: list[JourneyView]
    teams: list[TeamView]
    library: list[LibraryView]
    complaints: Any
    complaint_touchpoints: list[TouchpointView]
    has_actuals: bool
    actions: list[ActionReview] = field(default_factory=list)  # worst first
    as_of: str = ""
    register: ComplaintsReport | None = None  # the complaints register, when given
    period: str = ""  # of the statuses shown, with actuals
    #: a standard's full id -> its chart (Markup), for the standards actions address
    charts: dict[str, Any] = field(default_factory=dict)

    def actions_by_team(self) -> list[tuple[str, list[ActionReview]]]:
        """The open actions (overdue first) grouped by team, the team with the most
        overdue first: the improvement plan."""
        grouped: dict[str, list[ActionReview]] = defaultdict(list)
        for review in self.actions:
            if review.action.is_open:
                grouped[review.owner_label].append(review)
        return sorted(grouped.items(), key=lambda kv: (
            -sum(r.verdict == "overdue" for r in kv[1]), kv[0]))

    def team(self, team_id: str | None) -> Any:
        """The team with this id (for a link to its page), or None."""
        return next((v.team for v in self.teams if v.team.id == team_id), None)

    @cached_property  # read once per standards row
    def team_names(self) -> dict[str, str]:
        return {view.team.id: view.team.name for view in self.teams}

    def search_index(self, url: Any) -> list[dict[str, str]]:
        """Touchpoints and standards, for the client-side search (plain data, no markup)."""
        return [item for jv in self.journeys for item in self.search_part(jv, url)]

    def search_part(self, jv: JourneyView, url: Any) -> list[dict[str, str]]:
        """One journey's share of the search index. The title and where are searched too, so
        `text` holds only what they do not say."""
        items = []
        for tv in jv.touchpoints:
            tp = tv.touchpoint
            items.append({
                "kind": "touchpoint", "title": tp.title,
                "where": f"{jv.journey.title} › {tv.stage.title}",
                "text": " ".join(filter(None, [tp.action, tp.promise_text,
                                               *map(str, [*tp.needs, *tp.wants]), tp.channel])),
                "href": url(f"journey-{jv.journey.id}", tv.anchor)})
            for sv in tv.standards:
                s = sv.applied
                items.append({
                    "kind": "standard", "title": s.statement or s.id,
                    "where": f"{jv.journey.title} › {tp.title} › {s.id}",
                    "text": " ".join(filter(None, [s.metric, str(s.target or ""), s.dimension,
                                                   s.source])),
                    "href": url(f"journey-{jv.journey.id}", sv.anchor)})
        return items


class Anchors:
    """Anchors unique across the whole handbook (it can be one file).

    Ids may contain '-', so `std-a-b-c-X` is both journey `a-b`, touchpoint `c` and journey
    `a`, touchpoint `b-c`: the second one met gets `-2`, deterministically, in file order.
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, anchor: str) -> str:
        unique, n = anchor, 1
        while unique in self.taken:
            n += 1
            unique = f"{anchor}-{n}"
        self.taken.add(unique)
        return unique


def build_site(ws: Workspace, statuses: Statuses | None = None, as_of: date | None = None,
               register: ComplaintsReport | None = None) -> Site:
    """statuses: each standard's status in the period, with actuals; actions are judged
    on `as_of` (default: today); `register`: the complaints register, summarised."""
    from markupsafe import Markup

    as_of = as_of or date.today()
    reviews = review_actions(ws, statuses or evaluate(ws.applied, [], None), as_of)
    acting_on = by_standard(reviews)
    unique = Anchors()
    views: dict[int, TouchpointView] = {}  # by id() of the touchpoint: no key strings
    journeys = []
    for entry in ws.journeys:
        journey = entry.item
        rows: dict[int, list[TouchpointView]] = {id(stage): [] for stage in journey.stages}
        for placed in ws.touchpoints_in(entry):
            view = TouchpointView(journey, placed.stage, placed.touchpoint,
                                  unique(touchpoint_anchor(journey.id, placed.touchpoint.id)),
                                  ws.team(placed.owner), placed.owner)
            views[id(placed.touchpoint)] = view
            rows[id(placed.stage)].append(view)
        stages = [(stage, rows[id(stage)]) for stage in journey.stages]
        personas = [ws.persona(p) for p in journey.personas]
        journeys.append(JourneyView(journey, ws.team(journey.owner),
                                    [p for p in personas if p], stages))
    known = statuses.by_standard if statuses is not None else {}
    for applied in ws.applied:
        view = views[id(applied.touchpoint)]
        # the full id is a new string at each use: made only with actuals (status.standard
        # is the same id)
        status = known.get(applied.fqid) if known else None
        # Markup: journeymap draws the SVG and escapes the text in it (trendline.spark_svg)
        trend = Markup(spark_svg(status.history, applied.target,
                                 marks(acting_on.get(status.standard, []), status.history),
                                 status.chart)) if status else ""
        view.standards.append(StandardView(
            applied, unique(standard_anchor(applied)),
            status.status if status else None, status.actual if status else None,
            status.period if status else None, trend, status.certainty if status else None,
            status.signal if status else None))
    customers: dict[int, list[TouchpointView]] = defaultdict(list)
    for placed in ws.touchpoints:
        view = views[id(placed.touchpoint)]
        view.suppliers = tuple(views[id(s.touchpoint)] for s in ws.suppliers(placed))
        for supplier in view.suppliers:
            customers[id(supplier)].append(view)
    for view in views.values():
        view.customers = tuple(customers.get(id(view), ()))
    return Site(
        journeys=journeys,
        teams=_teams(ws, list(views.values()), reviews),
        library=[LibraryView(e.item, [s for v in views.values() for s in v.standards
                                      if s.applied.use == e.item.id]) for e in ws.standards],
        complaints=ws.complaint_policy.item if ws.complaint_policy else None,
        complaint_touchpoints=[v for v in views.values() if v.touchpoint.kind == "complaint"],
        has_actuals=statuses is not None,
        actions=reviews,
        as_of=str(as_of),
        register=register,
        period=period_text(statuses) or "",
        charts={s.fqid: view.trend for r in reviews for s in r.standards
                if (view := _standard_view(views, s)) is not None and view.trend},
    )


def _standard_view(views: dict[int, TouchpointView], applied: AppliedStandard
                   ) -> StandardView | None:
    touchpoint = views.get(id(applied.touchpoint))
    return next((sv for sv in touchpoint.standards if sv.applied is applied), None) \
        if touchpoint else None


def _teams(ws: Workspace, touchpoints: list[TouchpointView],
           reviews: list[ActionReview]) -> list[TeamView]:
    """Every team's rows: the touchpoints it owns or owns a standard at, in file order."""
    rows: dict[str, list[TeamRow]] = defaultdict(list)
    for view in touchpoints:
        owners = dict.fromkeys(filter(None, [view.owner_id,
                                             *(sv.applied.owner for sv in view.standards)]))
        for team_id in owners:
            ours = view.owner_id == team_id
            # tuples: the empty ones, most of them, are one shared object
            rows[team_id].append(TeamRow(
                view, tuple(sv for sv in view.standards if sv.applied.owner == team_id),
                tuple(c for c in view.customers if c.owner_id != team_id) if ours else (),
                tuple(s for s in view.suppliers if s.owner_id != team_id) if ours else ()))
    teams = []
    for entry in ws.teams:
        team_id = entry.item.id
        grouped: dict[int, tuple[Journey, list[TeamRow]]] = {}
        for row in rows.get(team_id, []):
            journey = row.touchpoint.journey
            grouped.setdefault(id(journey), (journey, []))[1].append(row)
        teams.append(TeamView(entry.item, list(grouped.values()),
                              [r for r in reviews if r.action.owner == team_id]))
    return teams
