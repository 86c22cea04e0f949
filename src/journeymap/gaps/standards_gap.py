"""Gap 2, standards: what we know customers need vs the standards we set.

- a moment of truth without a standard;
- a need or want (of a touchpoint, or of a persona taking the journey) that no standard
  covers. A need with an id (`{id, text}`) is covered when a standard of the journey names it
  in `covers:`. A plain-text need is matched by wording, and its finding says so: at a
  touchpoint it counts as covered when the touchpoint has a standard; a persona's when some
  touchpoint of the persona's journeys names the same text and has a standard. A persona's
  need counts across all the journeys the persona takes;
- a standard without a metric, target or source; a touchpoint without an owner (these are
  validate errors by default, and appear here when the settings relax those rules).
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.gaps.context import GapContext
from journeymap.gaps.report import GapFinding
from journeymap.model import Need
from journeymap.workspace import Workspace, unmeasured

BY_WORDING = " (a plain-text need, matched by wording: give it an id and link it with `covers:`)"


def findings(ctx: GapContext) -> Iterator[GapFinding]:
    ws = ctx.ws
    linked: dict[str, set[str]] = {}
    for applied in ws.applied:
        linked.setdefault(applied.journey.item.id, set()).update(applied.covers)
    named_with_standard: dict[str, set[str]] = {}  # journey id -> need texts
    for entry in ws.journeys:
        journey = entry.item
        covers = linked.get(journey.id, set())
        for placed in ws.touchpoints_in(entry):
            tp, owner = placed.touchpoint, placed.owner
            if tp.standards:
                named_with_standard.setdefault(journey.id, set()).update(
                    str(n) for n in [*tp.needs, *tp.wants])
            if tp.is_moment_of_truth and not tp.standards:
                yield GapFinding("moment-without-standard", journey.id, tp.id,
                                 f"moment of truth '{tp.title}' has no standard",
                                 team=owner, moment_of_truth=True)
            if not owner:
                yield GapFinding("touchpoint-without-owner", journey.id, tp.id,
                                 f"touchpoint '{tp.title}' has no owner")
            for need in [*tp.needs, *tp.wants]:
                if isinstance(need, Need) and need.id not in covers:
                    message = (f"'{need}' ({need.id}) is named here but no standard of this "
                               "journey covers it (`covers:`)")
                elif isinstance(need, str) and not tp.standards:
                    message = f"'{need}' is named here but no standard is here{BY_WORDING}"
                else:
                    continue
                yield GapFinding("need-not-covered", journey.id, tp.id, message, team=owner)
    yield from _persona_needs(ws, linked, named_with_standard)
    for applied in ws.applied:
        missing = unmeasured(applied)
        if missing:
            yield GapFinding("unmeasurable-standard", applied.journey.item.id,
                             applied.touchpoint.id,
                             f"standard {applied.id!r} has no {' or '.join(missing)}",
                             standard=applied.fqid, team=applied.owner,
                             moment_of_truth=applied.touchpoint.is_moment_of_truth)


def _persona_needs(ws: Workspace, linked: dict[str, set[str]],
                   named_with_standard: dict[str, set[str]]) -> Iterator[GapFinding]:
    """A persona's need is covered when a standard of any journey the persona takes covers
    it: a fault fixed in a day is the repair journey's business, not onboarding's. Reported
    once, at the persona's first journey."""
    for persona, taken in ws.persona_journeys:
        covers = set().union(*(linked.get(j, set()) for j in taken))
        named = set().union(*(named_with_standard.get(j, set()) for j in taken))
        where = ", ".join(taken)
        for need in [*persona.needs, *persona.wants]:
            if isinstance(need, Need) and need.id not in covers:
                message = (f"persona {persona.name!r}: '{need}' ({need.id}) is not covered by "
                           f"any standard of its journeys ({where}; `covers:`)")
            elif isinstance(need, str) and need not in named:
                message = (f"persona {persona.name!r}: '{need}' is not named at any touchpoint "
                           f"with a standard in its journeys ({where}){BY_WORDING}")
            else:
                continue
            yield GapFinding("need-not-covered", taken[0], None, message)
