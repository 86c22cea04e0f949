"""The complaints report: per quarter, the volume by channel and the channels of the policy
that received nothing (a closed door), the acknowledgement and resolution clock against the
policy, the Pareto of reasons and touchpoints (the few causes behind most complaints), the
oldest open complaints and the measured resolved share that the revenue model uses.

Percentiles are nearest-rank: the 90th percentile is a time at least 90 % of complaints met.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from journeymap.complaints.register import Register, Tally
from journeymap.model import ComplaintPolicy
from journeymap.targets import TIME_UNITS, Target
from journeymap.workspace import Workspace

#: the Pareto's "vital few": the causes that together make up this share of complaints
VITAL_SHARE = 0.8


@dataclass(frozen=True)
class Clock:
    """Acknowledgement or resolution times of a quarter against the policy's target."""

    target: str | None
    unit: str  # of the figures below
    count: int  # complaints with the time
    within: float | None  # share within the target
    median: float | None
    p90: float | None
    without: int  # complaints without the time (not acknowledged, not yet resolved)


@dataclass(frozen=True)
class ParetoRow:
    key: str
    count: int
    share: float
    cumulative: float
    vital: bool  # among the few causes behind VITAL_SHARE of the complaints


@dataclass(frozen=True)
class Quarter:
    period: str
    count: int
    channels: list[tuple[str, int]]  # the policy's channels first, in its order
    closed_channels: list[str]
    acknowledge: Clock
    resolve: Clock
    reasons: list[ParetoRow]
    touchpoints: list[ParetoRow]
    by: list[ParetoRow]
    outcomes: dict[str, int]
    resolved_share: float | None  # resolved / (resolved + unresolved)
    oldest_open: list[dict]


@dataclass
class ComplaintsReport:
    files: list[str]
    rows: int
    as_of: str
    policy_channels: list[str]
    by_column: str | None
    quarters: list[Quarter] = field(default_factory=list)

    def findings(self) -> list[str]:
        """What needs acting on: each channel of the policy that received nothing."""
        return [f"{q.period}: no complaint came in by {channel}, a channel of the complaint "
                "policy: is that door open (staffed, published, working)?"
                for q in self.quarters for channel in q.closed_channels]

    def quarter(self, period: str) -> Quarter | None:
        return next((q for q in self.quarters if q.period == period), None)


def pareto(counts: Counter[str]) -> list[ParetoRow]:
    """Most frequent first (ties by name); vital while the share before it is under 80 %."""
    total = sum(counts.values())
    rows, running = [], 0
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        vital = running / total < VITAL_SHARE
        running += count
        rows.append(ParetoRow(key, count, count / total, running / total, vital))
    return rows


def _nearest_rank(ordered: list[float], share: float) -> float:
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def clock(hours: Iterable[float], target: Target | None, without: int) -> Clock:
    """The times in the target's unit (hours when it has none) with the share within it."""
    unit = target.unit if target and target.unit in TIME_UNITS else "h"
    factor = TIME_UNITS["h"] / TIME_UNITS[unit]
    ordered = sorted(hours)  # the same order in any unit: converted only where read
    within = None
    if ordered and target is not None and target.unit in TIME_UNITS:
        within = _count_met(ordered, target, factor) / len(ordered)
    return Clock(str(target) if target else None, unit, len(ordered), within,
                 _nearest_rank(ordered, 0.5) * factor if ordered else None,
                 _nearest_rank(ordered, 0.9) * factor if ordered else None, without)


def _count_met(ordered: list[float], target: Target, factor: float) -> int:
    """How many sorted times meet the target: a binary search for its bound, each time
    converted as `Target.is_met` would see it (a million times need twenty comparisons)."""
    def in_unit(hour: float) -> float:
        return hour * factor

    if target.op == "<=":
        return bisect.bisect_right(ordered, target.value, key=in_unit)
    if target.op == "<":
        return bisect.bisect_left(ordered, target.value, key=in_unit)
    if target.op == ">=":
        return len(ordered) - bisect.bisect_left(ordered, target.value, key=in_unit)
    if target.op == ">":
        return len(ordered) - bisect.bisect_right(ordered, target.value, key=in_unit)
    return sum(target.is_met(in_unit(hour)) for hour in ordered)


def summarise(register: Register, policy: ComplaintPolicy | None, as_of: date) -> ComplaintsReport:
    policy_channels = list(policy.channels) if policy else []
    report = ComplaintsReport(register.files, register.rows, str(as_of), policy_channels,
                              register.by_column)
    for period, tally in register.sorted_quarters():
        report.quarters.append(_quarter(period, tally, policy, policy_channels, as_of,
                                        grouped=register.by_column is not None))
    return report


def _quarter(period: str, tally: Tally, policy: ComplaintPolicy | None,
             policy_channels: list[str], as_of: date, grouped: bool) -> Quarter:
    counts, count = tally.channels, tally.count  # derived from the tally: read once
    channels = [(c, counts.get(c, 0)) for c in policy_channels]
    channels += sorted(((c, n) for c, n in counts.items() if c not in policy_channels),
                       key=lambda cn: (-cn[1], cn[0]))
    closed = [c for c in policy_channels if not counts.get(c)]
    by_outcome = tally.outcomes
    outcomes = {name: by_outcome.get(name, 0) for name in ("resolved", "unresolved", "open")}
    settled = outcomes["resolved"] + outcomes["unresolved"]
    now = datetime.combine(as_of, datetime.min.time())
    oldest = [{"id": cid, "received": received.isoformat(timespec="minutes"),
               "channel": channel, "touchpoint": touchpoint or None,
               "age_days": max(0, (now - received).days)}
              for received, cid, channel, touchpoint in tally.oldest_open]
    return Quarter(
        period, count, channels, closed,
        clock(tally.acknowledge_hours, policy.acknowledge if policy else None,
              count - len(tally.acknowledge_hours)),
        clock(tally.resolve_hours, policy.resolve if policy else None,
              count - len(tally.resolve_hours)),
        pareto(tally.reasons), pareto(tally.touchpoints),
        pareto(tally.by) if grouped else [], outcomes,
        outcomes["resolved"] / settled if settled else None, oldest)


def complaints_report(ws: Workspace, register: Register, as_of: date) -> ComplaintsReport:
    """The register (read by journeymap.data) summarised against the workspace's policy."""
    return summarise(register, ws.complaint_policy.item if ws.complaint_policy else None,
                     as_of)
