"""The status of every applied standard in a period: met, missed or no data, with its value,
its target, whether its figure is stale, and its trend. Computed here, once, and read by the
gap report, the diagrams (card borders) and the handbook (badges and shares met).

A standard is stale when its last figure is older than its review cadence (monthly,
quarterly, yearly) allows. The trend compares the first and last of the last three figures up
to the period with the room the standard leaves (`trend`): a move of more than a tenth of it is
improving or worsening, anything smaller is flat.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from journeymap.errors import ContentError, UsageError
from journeymap.findings import Finding
from journeymap.periods import CADENCE_MONTHS, Period, months_between, parse_period
from journeymap.readers import Actual, read_actuals
from journeymap.targets import Target
from journeymap.workspace import AppliedStandard, PlacedTouchpoint, Workspace

TREND_WINDOW = 3
FLAT_SHARE = 0.10  # of the room the standard leaves
STATUSES = ("met", "missed", "no data")


# made for every standard of every report: slots, and not frozen (a frozen init costs
# five times as much); never changed once made
@dataclass(slots=True)
class StandardStatus:
    """One applied standard in the report period."""

    standard: str  # full id
    journey: str
    touchpoint: str
    team: str | None
    metric: str | None
    target: str | None
    status: str  # met | missed | no data
    actual: float | None  # this period's figure, else the last one before it
    period: str | None  # of the actual shown
    trend: str | None
    stale: bool
    history: tuple[tuple[str, float], ...] = ()
    applied: AppliedStandard | None = field(default=None, compare=False, repr=False)


@dataclass
class Statuses:
    """Every applied standard's status in `period` (None: no actuals at all), in file order."""

    period: Period | None
    items: tuple[StandardStatus, ...]

    @cached_property
    def by_standard(self) -> dict[str, StandardStatus]:
        return {s.standard: s for s in self.items}

    def __iter__(self) -> Iterator[StandardStatus]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @cached_property
    def _by_touchpoint(self) -> dict[str, list[StandardStatus]]:
        grouped: dict[str, list[StandardStatus]] = defaultdict(list)
        for status in self.items:
            grouped[f"{status.journey}/{status.touchpoint}"].append(status)
        return grouped

    def counts(self, placed: PlacedTouchpoint) -> dict[str, int]:
        """met / missed / no data of a touchpoint's standards (a diagram card's summary)."""
        counts = dict.fromkeys(STATUSES, 0)
        for status in self._by_touchpoint.get(placed.key, []):
            counts[status.status] += 1
        return counts


def room(target: Target, first: float) -> float:
    """What a move is measured against: for a rate (`%`) the failure share the standard
    allows (>= 99.9 % leaves 0.1 points, <= 5 % leaves 5), else the distance between the first
    figure and the target (at least 1% of the target, so a figure on target still moves)."""
    if target.unit == "%" and target.op in (">=", ">"):
        allowed = 100 - target.value
    elif target.unit == "%" and target.op in ("<=", "<"):
        allowed = target.value
    else:
        allowed = abs(target.value - first)
    return max(allowed, 0.01 * abs(target.value), 1e-9)


def trend(standard: AppliedStandard, values: list[float]) -> str | None:
    """improving / worsening / flat over the last three figures (see `room`).

    99.95 % -> 99.82 % against ">= 99.9 %" moves 0.13 points where the standard leaves 0.1:
    worsening, although it is a tenth of a percent of the target.
    """
    if len(values) < 2 or standard.target is None:
        return None
    first, last = values[-TREND_WINDOW:][0], values[-1]
    if abs(last - first) <= FLAT_SHARE * room(standard.target, first):
        return "flat"
    better = last < first if standard.target.lower_is_better else last > first
    return "improving" if better else "worsening"


def period_text(statuses: Statuses | None) -> str | None:
    """The period the statuses show, as written (None: no actuals, or no figures in them)."""
    return statuses.period.text if statuses is not None and statuses.period else None


def evaluate(standards: list[AppliedStandard], actuals: list[Actual],
             period: Period | None) -> Statuses:
    # keyed by the standard itself, not its full id: that is a new string at each use
    by_standard: dict[int, list[Actual]] = defaultdict(list)
    for actual in actuals:
        if period is None or actual.period <= period:
            by_standard[id(actual.standard)].append(actual)
    items = []
    for standard in standards:
        history = sorted(by_standard.get(id(standard), []), key=lambda a: a.period)
        last = history[-1] if history else None  # with a last figure, `period` is set
        current = last if last and last.period == period else None
        cadence = CADENCE_MONTHS.get(standard.review or "")
        stale = bool(last and not current and cadence
                     and months_between(last.period, period) >= cadence)
        if current is None or standard.target is None:
            status = "no data"
        else:
            status = "met" if standard.target.is_met(current.value) else "missed"
        shown = current or last
        items.append(StandardStatus(
            standard.fqid, standard.journey.item.id, standard.touchpoint.id, standard.owner,
            standard.metric, str(standard.target) if standard.target else None, status,
            shown.value if shown else None, shown.period.text if shown else None,
            trend(standard, [a.value for a in history]), stale,
            tuple((a.period.text, a.value) for a in history), standard))
    return Statuses(period, tuple(items))


def report_period(text: str | None, actuals: list[Actual]) -> Period | None:
    """The period asked for, else the latest the actuals hold."""
    if text is None:
        return max((a.period for a in actuals), default=None)
    try:
        return parse_period(text)
    except ValueError as exc:
        raise UsageError(f"--period: {exc}") from None


def default_paths(ws: Workspace, given: list[Path] | None, setting: list[str]) -> list[Path]:
    """The paths given on the command line, else the settings' folders that exist."""
    if given is not None:
        return given
    return [ws.root / p for p in setting if (ws.root / p).exists()]


def read_checked_actuals(ws: Workspace, paths: list[Path] | None) -> list[Actual]:
    """The actuals (default: the settings' folders); ContentError if any row is bad."""
    findings: list[Finding] = []
    sources: dict[str, str] = {}
    actuals = read_actuals(ws, default_paths(ws, paths, ws.settings.actuals), findings, sources)
    raise_findings(findings, sources)
    return actuals


def raise_findings(findings: list[Finding], sources: dict[str, str]) -> None:
    if findings:
        raise ContentError(f"the data files have {len(findings)} error(s); nothing was written",
                           sorted(findings), sources)


def load_statuses(ws: Workspace, paths: list[Path] | None, period: str | None = None
                  ) -> Statuses:
    """Each applied standard's status in `period` (default: the latest with actuals)."""
    actuals = read_checked_actuals(ws, paths)
    return evaluate(ws.applied, actuals, report_period(period, actuals))
