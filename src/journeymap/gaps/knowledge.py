"""Gap 1, knowledge: what customers say they expect vs what our standards address.

- a persona's expectation for a metric that no standard in the persona's journeys measures;
- a standard looser than a persona's stated expectation for the same metric (e.g. customers
  expect a confirmation in 2 minutes, the standard allows 5);
- a SERVQUAL dimension customers rate as highly important at a touchpoint (survey expectation
  in the top fifth of the scale) that no standard at that touchpoint addresses.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.gaps.context import GapContext
from journeymap.gaps.report import GapFinding
from journeymap.workspace import AppliedStandard

HIGH_EXPECTATION = 0.8  # share of the way up the survey scale


def findings(ctx: GapContext) -> Iterator[GapFinding]:
    ws, standards = ctx.ws, ctx.ws.applied
    by_journey: dict[str, list[AppliedStandard]] = {}
    for standard in standards:
        by_journey.setdefault(standard.journey.item.id, []).append(standard)
    for entry in ws.journeys:
        journey = entry.item
        mine = by_journey.get(journey.id, [])
        for persona_id in journey.personas:
            persona = ws.persona(persona_id)
            if persona is None:
                continue
            for expectation in persona.expectations:
                measuring = [s for s in mine if s.metric == expectation.metric]
                if not measuring:
                    yield GapFinding(
                        "expectation-not-addressed", journey.id, None,
                        f"the {persona.name!r} persona expects {expectation.metric} "
                        f"{expectation.target} "
                        f"({expectation.source or 'no source'}); no standard measures it")
                for standard in measuring:
                    if standard.target is not None and \
                            expectation.target.is_stricter_than(standard.target):
                        yield GapFinding(
                            "standard-looser-than-expectation", journey.id,
                            standard.touchpoint.id,
                            f"the {persona.name!r} persona expects {expectation.target}; "
                            f"{standard.id} allows "
                            f"{standard.target}", standard=standard.fqid, team=standard.owner,
                            moment_of_truth=standard.touchpoint.is_moment_of_truth,
                            target=str(standard.target))
    addressed: dict[tuple[str, str], set[str]] = {}
    for standard in standards:
        key = (standard.journey.item.id, standard.touchpoint.id)
        addressed.setdefault(key, set()).add(standard.dimension or "")
    reported: set[tuple[str, str, str]] = set()
    for row in ctx.survey:
        low, high = row.scale
        important = row.expectation >= low + HIGH_EXPECTATION * (high - low)
        key = (row.journey, row.touchpoint, row.dimension)
        if important and row.dimension not in addressed.get(key[:2], set()) and \
                key not in reported:
            reported.add(key)
            yield GapFinding(
                "survey-dimension-not-addressed", row.journey, row.touchpoint,
                f"customers rate {row.dimension} highly here (expectation {row.expectation:g} "
                f"of {high:g}) but no standard at this touchpoint addresses it",
                team=ws.owner(f"{row.journey}/{row.touchpoint}"))
