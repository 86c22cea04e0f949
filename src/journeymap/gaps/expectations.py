"""Gap 2, standards, from what customers told us: the expectations we know of vs the
standards we set (Parasuraman, Zeithaml and Berry 1985: management knows what customers
expect and does not turn it into specifications).

- a persona's expectation for a metric that no standard in the persona's journeys measures
  (reported once, at the persona's first journey);
- a standard looser than a persona's stated expectation for the same metric (customers
  expect a confirmation in 2 minutes, the standard allows 5), unless its
  `assumed_expectation` was looser too: that is gap 1, the cause, and is reported there;
- a SERVQUAL dimension customers rate as highly important at a touchpoint (survey expectation
  in the top fifth of the scale) that no standard at that touchpoint addresses.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.gaps.context import GapContext
from journeymap.gaps.knowledge import expected_metrics, misjudged
from journeymap.gaps.report import GapFinding
from journeymap.gaps.wording import expectation_text, standard_label

HIGH_EXPECTATION = 0.8  # share of the way up the survey scale


def findings(ctx: GapContext) -> Iterator[GapFinding]:
    ws = ctx.ws
    for journeys, persona, expectation, measuring in expected_metrics(ws):
        if not measuring:
            yield GapFinding("expectation-not-addressed", journeys[0], None,
                             f"{expectation_text(persona, expectation)}; no standard of its "
                             f"journeys ({', '.join(journeys)}) measures it")
        for standard in measuring:
            if misjudged(standard, expectation):
                continue  # gap 1 names the cause: we set it believing customers expect less
            if standard.target is not None and \
                    expectation.target.is_stricter_than(standard.target):
                yield GapFinding(
                    "standard-looser-than-expectation", standard.journey.item.id,
                    standard.touchpoint.id,
                    f"{standard_label(standard)} allows {standard.target}; "
                    f"{expectation_text(persona, expectation)}",
                    standard=standard.fqid, team=standard.owner,
                    moment_of_truth=standard.touchpoint.is_moment_of_truth,
                    target=str(standard.target))
    addressed: dict[tuple[str, str], set[str]] = {}
    for standard in ws.applied:
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
