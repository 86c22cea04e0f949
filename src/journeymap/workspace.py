"""The resolved workspace: one home for what every feature asks of the journeys.

The loader fills it (journeymap.loader: files, models and where each came from); this module
resolves what the models only name: each touchpoint's owner and its key
`journey-id/touchpoint-id`, what `depends_on` points at, and every standard applied at a
touchpoint with its fully-qualified id `journey-id/touchpoint-id/standard-id` (a `use:`
merged with its library standard). Rules, gaps, diagrams and the handbook read these lookups;
none of them rebuilds one, and none stores anything on the workspace.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from journeymap import inputs
from journeymap.config import find_root, load_settings
from journeymap.errors import UsageError
from journeymap.findings import Finding
from journeymap.loader import Entry, LoadedFiles, load_files
from journeymap.loader.files import SourceFile
from journeymap.model import (
    Action,
    Calendar,
    ComplaintPolicy,
    Journey,
    LibraryStandard,
    Measure,
    Need,
    Persona,
    Source,
    Stage,
    StandardUse,
    Team,
    Touchpoint,
)
from journeymap.targets import Target

_OVERRIDABLE = ("statement", "target", "source", "review", "owner", "assumed_expectation")
T = TypeVar("T")


def first_by(items: Iterable[T], key: Callable[[T], str]) -> dict[str, T]:
    """The first item of each key (a duplicate is rule JM101's business, not a lookup's)."""
    index: dict[str, T] = {}
    for item in items:
        index.setdefault(key(item), item)
    return index


def touchpoint_key(ref: str, journey_id: str) -> str:
    """The key a `depends_on` entry names: a bare touchpoint id is in its own journey."""
    return ref if "/" in ref else f"{journey_id}/{ref}"


@dataclass(frozen=True, slots=True)
class PlacedTouchpoint:
    """A touchpoint with its journey, stage, YAML path and owner (its own, else its stage's,
    else its journey's)."""

    journey: Entry[Journey]
    stage: Stage
    touchpoint: Touchpoint
    path: tuple[Any, ...]  # ("stages", si, "touchpoints", ti) in its journey file
    owner: str | None

    @property
    def key(self) -> str:
        return f"{self.journey.item.id}/{self.touchpoint.id}"

    def finding(self, code: str, message: str, *sub: Any, at_key: bool = False) -> Finding:
        return self.journey.source.finding(code, message, (*self.path, *sub), at_key=at_key)


def unmeasured(standard: Any) -> list[str]:
    """What a standard lacks of metric, target and source (a `measure:` is its source):
    without them it cannot be measured (rule JM106 and the standards gap both ask)."""
    return [name for name in ("metric", "target", "source") if getattr(standard, name) is None
            and not (name == "source" and getattr(standard, "measure", None) is not None)]


# built by the hundred thousand: not frozen (a frozen init costs twice; never changed after),
# slots (no __dict__ per standard)
@dataclass(eq=False, slots=True)
class AppliedStandard:
    """A standard at a touchpoint, with `use:` merged with the library (overrides win)."""

    journey: Entry[Journey]
    stage: Stage
    touchpoint: Touchpoint
    path: tuple[Any, ...]  # of the standard item in its journey file
    id: str
    statement: str | None
    dimension: str | None
    metric: str | None
    target: Target | None
    source: str | None
    review: str | None
    owner: str | None  # the standard's own owner or the touchpoint's
    use: str | None  # the library id, for `use:`
    library: LibraryStandard | None  # the library standard, when `use:` resolves
    overrides: tuple[str, ...]  # keys the touchpoint overrides
    outcome: bool = False  # an outcome measure: reported, never costed
    covers: tuple[str, ...] = ()  # need ids it answers (the library's and the touchpoint's)
    assumed_expectation: Target | None = None  # what we believe customers expect
    measure: Measure | None = None  # how its figure is computed from events
    #: where the measure is written: its file and path (the library's, for a `use:`)
    measure_at: tuple[SourceFile, tuple[Any, ...]] | None = None

    @property
    def fqid(self) -> str:
        return f"{self.journey.item.id}/{self.touchpoint.id}/{self.id}"

    def finding(self, code: str, message: str, *sub: Any, at_key: bool = False) -> Finding:
        return self.journey.source.finding(code, message, (*self.path, *sub), at_key=at_key)


class Workspace(LoadedFiles):
    """The loaded workspace and every lookup on it, each computed once, on first use.

    Lookups by id return the first of each id: a duplicate is rule JM101's business.
    """

    @classmethod
    def of(cls, loaded: LoadedFiles) -> Workspace:
        return cls(**{f.name: getattr(loaded, f.name) for f in fields(loaded)})

    # --- the library and journeys by id ---------------------------------------------------

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {kind: first_by((entry.item for entry in getattr(self, kind)), lambda i: i.id)
                for kind in ("journeys", "teams", "personas")}

    @cached_property
    def _library_entries(self) -> dict[str, Entry[LibraryStandard]]:
        return first_by(self.standards, lambda e: e.item.id)

    def _library_entry(self, standard_id: str) -> Entry[LibraryStandard] | None:
        return self._library_entries.get(standard_id)

    @cached_property
    def _sources_by_id(self) -> dict[str, Entry[Source]]:
        return first_by(self.sources, lambda e: e.item.id)

    def event_source(self, source_id: str) -> Entry[Source] | None:
        return self._sources_by_id.get(source_id)

    @cached_property
    def _calendars_by_id(self) -> dict[str, Entry[Calendar]]:
        return first_by(self.calendars, lambda e: e.item.id)

    def calendar(self, calendar_id: str) -> Entry[Calendar] | None:
        return self._calendars_by_id.get(calendar_id)

    def journey(self, journey_id: str) -> Journey | None:
        return self._by_id["journeys"].get(journey_id)

    def team(self, team_id: str | None) -> Team | None:
        return self._by_id["teams"].get(team_id) if team_id else None

    def team_name(self, team_id: str | None) -> str:
        """A team as people read it: its name, else its id, else `no owner`."""
        team = self.team(team_id)
        return team.name if team else (team_id or "no owner")

    def persona(self, persona_id: str) -> Persona | None:
        return self._by_id["personas"].get(persona_id)

    @cached_property
    def persona_journeys(self) -> list[tuple[Persona, list[str]]]:
        """Each persona that takes a journey, with the ids of the journeys it takes, in
        file order (unknown personas left out: rule JM102 reports them)."""
        taken: dict[str, list[str]] = {}
        for entry in self.journeys:
            for persona_id in entry.item.personas:
                taken.setdefault(persona_id, []).append(entry.item.id)
        return [(persona, journeys) for persona_id, journeys in taken.items()
                if (persona := self.persona(persona_id)) is not None]

    def library_standard(self, standard_id: str) -> LibraryStandard | None:
        entry = self._library_entry(standard_id)
        return entry.item if entry else None

    @property
    def complaint_policy(self) -> Entry[ComplaintPolicy] | None:
        return self.complaints[0] if self.complaints else None

    # --- touchpoints ------------------------------------------------------------------------

    @cached_property
    def touchpoints(self) -> list[PlacedTouchpoint]:
        """Every touchpoint of every journey, in file order."""
        return [
            PlacedTouchpoint(entry, stage, tp, ("stages", si, "touchpoints", ti),
                             tp.owner or stage.owner or entry.item.owner)
            for entry in self.journeys
            for si, stage, ti, tp in entry.item.touchpoints()
        ]

    @cached_property
    def _touchpoints_by_journey(self) -> dict[int, list[PlacedTouchpoint]]:
        grouped: dict[int, list[PlacedTouchpoint]] = {id(e): [] for e in self.journeys}
        for placed in self.touchpoints:
            grouped[id(placed.journey)].append(placed)
        return grouped

    def touchpoints_in(self, journey: Entry[Journey]) -> list[PlacedTouchpoint]:
        """The touchpoints of one journey, in order."""
        return self._touchpoints_by_journey.get(id(journey), [])

    @cached_property
    def _touchpoint_by_key(self) -> dict[str, PlacedTouchpoint]:
        return first_by(self.touchpoints, lambda placed: placed.key)

    def touchpoint(self, ref: str, journey_id: str | None = None) -> PlacedTouchpoint | None:
        """The touchpoint `ref` names (`journey/touchpoint`, or a bare id in `journey_id`)."""
        return self._touchpoint_by_key.get(touchpoint_key(ref, journey_id or ""))

    def owner(self, ref: str) -> str | None:
        """The team that owns the touchpoint `ref` names (None when unknown or unowned)."""
        placed = self.touchpoint(ref)
        return placed.owner if placed else None

    @cached_property
    def touchpoint_ids(self) -> dict[str, set[str]]:
        """journey id -> the ids of its touchpoints."""
        ids: dict[str, set[str]] = {}
        for entry in self.journeys:
            ids.setdefault(entry.item.id, set()).update(tp.id for *_, tp in
                                                         entry.item.touchpoints())
        return ids

    def suppliers(self, placed: PlacedTouchpoint) -> list[PlacedTouchpoint]:
        """The touchpoints `placed` depends on, in its order (unknown references left out)."""
        journey_id = placed.journey.item.id
        found = (self.touchpoint(ref, journey_id) for ref in placed.touchpoint.depends_on)
        return [supplier for supplier in found if supplier is not None]

    @cached_property
    def _dependants(self) -> dict[str, list[PlacedTouchpoint]]:
        dependants: dict[str, list[PlacedTouchpoint]] = defaultdict(list)
        for placed in self.touchpoints:
            for supplier in self.suppliers(placed):
                dependants[supplier.key].append(placed)
        return dependants

    def dependants(self, placed: PlacedTouchpoint) -> list[PlacedTouchpoint]:
        """The touchpoints that depend on `placed` (its internal customers), in file order."""
        return self._dependants.get(placed.key, [])

    # --- standards --------------------------------------------------------------------------

    @cached_property
    def applied(self) -> list[AppliedStandard]:
        """Every standard at every touchpoint, in file order.

        An unknown `use:` gives the bare use with no library values (rule JM102 reports it).
        """
        return list(self._resolve_all())

    @cached_property
    def _applied_by_touchpoint(self) -> dict[int, list[AppliedStandard]]:
        grouped: dict[int, list[AppliedStandard]] = defaultdict(list)
        for standard in self.applied:
            grouped[id(standard.touchpoint)].append(standard)
        return grouped

    def applied_at(self, placed: PlacedTouchpoint) -> list[AppliedStandard]:
        """The standards applied at one touchpoint, in order."""
        return self._applied_by_touchpoint.get(id(placed.touchpoint), [])

    @cached_property
    def _standard_by_fqid(self) -> dict[str, AppliedStandard]:
        return first_by(self.applied, lambda standard: standard.fqid)

    def standard(self, fqid: str) -> AppliedStandard | None:
        return self._standard_by_fqid.get(fqid)

    def _resolve_all(self) -> Iterator[AppliedStandard]:
        for placed in self.touchpoints:
            entry, stage, tp = placed.journey, placed.stage, placed.touchpoint
            for index, item in enumerate(tp.standards):
                path = (*placed.path, "standards", index)
                if isinstance(item, StandardUse):
                    base = self.library_standard(item.use)
                    overrides = tuple(k for k in _OVERRIDABLE if getattr(item, k) is not None)
                    pick = {
                        k: getattr(item, k) if getattr(item, k) is not None
                        else getattr(base, k, None)
                        for k in _OVERRIDABLE
                    }
                    library = self._library_entry(item.use)
                    measure, measure_at = (
                        (item.measure, (entry.source, (*path, "measure"))) if item.measure
                        else (base.measure, (library.source, (*library.path, "measure")))
                        if base and base.measure and library else (None, None))
                    yield AppliedStandard(
                        entry, stage, tp, path, item.use,
                        pick["statement"], getattr(base, "dimension", None),
                        getattr(base, "metric", None), pick["target"], pick["source"],
                        pick["review"], pick["owner"] or placed.owner, item.use, base,
                        overrides, bool(base and base.outcome),
                        (*(base.covers if base else ()), *item.covers),
                        pick["assumed_expectation"], measure, measure_at,
                    )
                else:
                    yield AppliedStandard(
                        entry, stage, tp, path, item.id, item.statement, item.dimension,
                        item.metric, item.target, item.source, item.review,
                        item.owner or placed.owner, None, None, (), item.outcome,
                        tuple(item.covers), item.assumed_expectation, item.measure,
                        (entry.source, (*path, "measure")) if item.measure else None,
                    )

    def promised_standard(self, placed: PlacedTouchpoint) -> AppliedStandard | None:
        """The standard a touchpoint's promise names (`{text, standard}`), when it resolves:
        `id` at the touchpoint, `touchpoint/id` in its journey, or the full id."""
        promise = placed.touchpoint.promise
        if isinstance(promise, str) or promise is None:
            return None
        parts = promise.standard.split("/")
        prefix = [placed.journey.item.id, placed.touchpoint.id][:3 - len(parts)]
        return self.standard("/".join([*prefix, *parts]))

    # --- needs ------------------------------------------------------------------------------

    @cached_property
    def identified_needs(self) -> list[tuple[Entry[Persona] | PlacedTouchpoint,
                                             tuple[str, int], Need]]:
        """Every need and want given as `{id, text}`, in file order: (the persona entry or
        placed touchpoint naming it, its key and index there, the need)."""
        found: list[tuple[Entry[Persona] | PlacedTouchpoint, tuple[str, int], Need]] = []
        places: list[tuple[Entry[Persona] | PlacedTouchpoint, Persona | Touchpoint]] = [
            *((e, e.item) for e in self.personas), *((p, p.touchpoint) for p in self.touchpoints)]
        for place, item in places:
            for key in ("needs", "wants"):
                found += [(place, (key, index), need)
                          for index, need in enumerate(getattr(item, key))
                          if isinstance(need, Need)]
        return found

    @cached_property
    def need_ids(self) -> frozenset[str]:
        """The ids `covers:` may name."""
        return frozenset(need.id for *_, need in self.identified_needs)

    # --- improvement actions ----------------------------------------------------------------

    def addressed(self, action: Action) -> list[AppliedStandard]:
        """The standards an action addresses, each once, in its order: a standard by full id,
        a touchpoint's every standard (unknown names left out: rule JM102 reports them)."""
        found: dict[str, AppliedStandard] = {}
        for ref in action.addresses:
            standard = self.standard(ref)
            placed = None if standard else self.touchpoint(ref)
            for each in [standard] if standard else self.applied_at(placed) if placed else []:
                found.setdefault(each.fqid, each)
        return list(found.values())

    @cached_property
    def addressable(self) -> list[str]:
        """What an action's `addresses` may name: every standard's full id, every touchpoint."""
        return [*self._standard_by_fqid, *self._touchpoint_by_key]

    # --- files ------------------------------------------------------------------------------

    def input_paths(self) -> list[Path]:
        """Every file this workspace was read from: no output may overwrite one."""
        return [*(f.path for f in self.files), *filter(None, [self.settings_file])]


def open_workspace(start: Path, paths: list[Path] | None = None, *, root: Path | None = None,
                   tracked_only: bool = False) -> Workspace:
    """The workspace around `start` (the CLI passes the current folder), or at `root`,
    reporting on `paths`; with `tracked_only`, without the files git does not track (what a
    commit holds: an untracked draft is not part of it).

    File names in findings are shown relative to `start`.
    """
    root, settings_file = find_root(start, root)
    left_out: set[Path] = set()
    if tracked_only:
        try:
            left_out = inputs.untracked(root)
        except inputs.NotARepository as problem:
            raise UsageError(f"--tracked-only: {problem}") from None
    return Workspace.of(load_files(root, load_settings(settings_file), paths or None,
                                   settings_file=settings_file, base=start,
                                   left_out=left_out))
