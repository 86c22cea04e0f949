"""The customer lifecycle: states in order (prospect → … → advocate), the stages serving each."""

from __future__ import annotations

import itertools

from journeymap.diagrams.dot import BOLD, MOMENT, Graph, label, shortened
from journeymap.loader import Entry
from journeymap.model import Journey
from journeymap.statuses import Statuses
from journeymap.workspace import Workspace

SCOPE = "journey"  # one diagram per journey


def build(ws: Workspace, journeys: list[Entry[Journey]], statuses: Statuses | None = None) -> str:
    journey = journeys[0].item
    g = Graph(f"Lifecycle: {journey.title}", rankdir="TB", newrank="true", nodesep="0.3",
              ranksep="0.5")
    states = [g.node(("state", s), shape="box", style="rounded,filled", fillcolor="#0a3069",
                     fontcolor="white", fontname=BOLD, fontsize=17, margin="0.25,0.1",
                     label=label([s], "centre"))
              for s in journey.lifecycle]
    g.same_rank(states)
    for left, right in itertools.pairwise(states):
        g.edge(left, right, color="#0a3069", penwidth=2)
    for si, stage in enumerate(journey.stages):
        if stage.lifecycle not in journey.lifecycle:
            continue
        moments = sum(1 for tp in stage.touchpoints if tp.is_moment_of_truth)
        count = len(stage.touchpoints)
        detail = [f"{count} touchpoint{'s' * (count != 1)}"]
        if moments:
            detail.append(f"▲ {moments} moment{'s' * (moments != 1)} of truth")
        title, whole = shortened(stage.title, 22, 3)
        node = g.node(("stage", si), shape="box", style="rounded", penwidth=2 if moments else 1,
                      color=MOMENT if moments else "#6e7781",
                      label=label([*title, *detail], "centre"), **whole)
        g.edge(g.node_id(("state", stage.lifecycle)), node, color="#6e7781", arrowhead="none")
    return g.source()
