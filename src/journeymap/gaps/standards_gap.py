"""Gap 2, standards: what we know customers need vs the standards we set.

- a moment of truth without a standard;
- a need or want (of a touchpoint, or of a persona taking the journey) that no standard covers:
  a need counts as covered when some touchpoint of the journey names it (same text) and has at
  least one standard;
- a standard without a metric, target or source; a touchpoint without an owner (these are
  validate errors by default, and appear here when the settings relax those rules).
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.gaps.context import GapContext
from journeymap.gaps.report import GapFinding
from journeymap.workspace import unmeasured


def findings(ctx: GapContext) -> Iterator[GapFinding]:
    ws = ctx.ws
    for entry in ws.journeys:
        journey = entry.item
        covered: set[str] = set()
        for placed in ws.touchpoints_in(entry):
            tp, owner = placed.touchpoint, placed.owner
            if tp.standards:
                covered.update(tp.needs)
                covered.update(tp.wants)
            if tp.is_moment_of_truth and not tp.standards:
                yield GapFinding("moment-without-standard", journey.id, tp.id,
                                 f"moment of truth '{tp.title}' has no standard",
                                 team=owner, moment_of_truth=True)
            if not owner:
                yield GapFinding("touchpoint-without-owner", journey.id, tp.id,
                                 f"touchpoint '{tp.title}' has no owner")
            if not tp.standards:
                for need in [*tp.needs, *tp.wants]:
                    yield GapFinding("need-not-covered", journey.id, tp.id,
                                     f"'{need}' is named here but no standard covers it",
                                     team=owner)
        for persona_id in journey.personas:
            persona = ws.persona(persona_id)
            if persona is None:
                continue
            for need in [*persona.needs, *persona.wants]:
                if need not in covered:
                    yield GapFinding("need-not-covered", journey.id, None,
                                     f"persona {persona.name!r}: '{need}' is not covered by any "
                                     "standard of this journey")
    for applied in ws.applied:
        missing = unmeasured(applied)
        if missing:
            yield GapFinding("unmeasurable-standard", applied.journey.item.id,
                             applied.touchpoint.id,
                             f"standard {applied.id!r} has no {' or '.join(missing)}",
                             standard=applied.fqid, team=applied.owner,
                             moment_of_truth=applied.touchpoint.is_moment_of_truth)
