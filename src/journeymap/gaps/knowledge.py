"""Gap 1, knowledge: what customers expect vs what management believes they expect.

Parasuraman, Zeithaml and Berry (1985) define gap 1 as the difference between consumer
expectations and management's perceptions of them. The workspace records both sides:
a standard's `assumed_expectation` (what we believed when we set it) and a persona's
`expectations` (what its customers told us). A finding is a standard whose assumed
expectation is looser than what a persona taking its journey expects for the same metric.

Where no standard measuring an expected metric records `assumed_expectation`, gap 1 cannot be
assessed; `unassessed` lists those expectations so that the report can say so rather than
read as "no gap".
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.gaps.context import GapContext
from journeymap.gaps.report import GapFinding
from journeymap.gaps.wording import expectation_text, standard_label
from journeymap.model import Expectation, Persona
from journeymap.workspace import AppliedStandard, Workspace, first_by


def expected_metrics(ws: Workspace
                     ) -> Iterator[tuple[list[str], Persona, Expectation, list[AppliedStandard]]]:
    """(the journeys a persona takes, the persona, one of its expectations, the standards of
    those journeys that measure its metric), once per persona and expectation.

    A standard applied from the library at several touchpoints with the same target is one
    decision: it is listed once, at its first touchpoint."""
    by_metric: dict[str | None, list[AppliedStandard]] = {}
    for standard in ws.applied:
        by_metric.setdefault(standard.metric, []).append(standard)
    for persona, journeys in ws.persona_journeys:
        for expectation in persona.expectations:
            measuring = first_by(
                (s for s in by_metric.get(expectation.metric, [])
                 if s.journey.item.id in journeys),
                lambda s: f"{s.use}|{s.target}" if s.use else s.fqid)
            yield journeys, persona, expectation, list(measuring.values())


def unassessed(ws: Workspace) -> list[str]:
    """Customer expectations with a measuring standard but no `assumed_expectation` beside
    them: gap 1 is not assessed for these."""
    return sorted({expectation_text(persona, expectation)
                   for _, persona, expectation, measuring in expected_metrics(ws)
                   if measuring and all(s.assumed_expectation is None for s in measuring)})


def misjudged(standard: AppliedStandard, expectation: Expectation) -> bool:
    """We believed customers expect less than they told us."""
    assumed = standard.assumed_expectation
    return assumed is not None and bool(expectation.target.is_stricter_than(assumed))


def findings(ctx: GapContext) -> Iterator[GapFinding]:
    for _, persona, expectation, measuring in expected_metrics(ctx.ws):
        for standard in measuring:
            assumed = standard.assumed_expectation
            if misjudged(standard, expectation):
                yield GapFinding(
                    "expectation-misjudged", standard.journey.item.id, standard.touchpoint.id,
                    f"we assumed customers expect {assumed} when we set "
                    f"{standard_label(standard)}; {expectation_text(persona, expectation)}",
                    standard=standard.fqid, team=standard.owner,
                    moment_of_truth=standard.touchpoint.is_moment_of_truth,
                    target=str(standard.target) if standard.target else None)
