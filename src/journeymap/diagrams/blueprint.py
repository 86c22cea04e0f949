"""The service blueprint: lanes as rows, stages as columns, `depends_on` as arrows.

Rows, top to bottom: customer actions, frontstage, the line of visibility, backstage, support.
An arrow runs from the touchpoint that supplies to the one it serves (the internal
customer/supplier chain); suppliers in other journeys are named on the card instead.
"""

from __future__ import annotations

import itertools

from journeymap.diagrams.dot import BOLD, MOMENT, Graph, label, shortened, wrap
from journeymap.loader import Entry
from journeymap.model import Journey
from journeymap.statuses import Statuses
from journeymap.workspace import Workspace

SCOPE = "journey"  # one diagram per journey

ROWS = [
    ("customer", "Customer actions"),
    ("frontstage", "Frontstage"),
    ("visibility", "line of visibility"),
    ("backstage", "Backstage"),
    ("support", "Support processes"),
]
LANE_FILL = {"customer": "#ddf4ff", "frontstage": "#ffffff", "backstage": "#fff8c5",
             "support": "#eaeef2"}


def build(ws: Workspace, journeys: list[Entry[Journey]], statuses: Statuses | None = None) -> str:
    journey = journeys[0].item
    g = Graph(f"Service blueprint: {journey.title}", rankdir="TB", newrank="true",
              nodesep="0.3", ranksep="0.5")
    rows: dict[str, list[str]] = {lane: [] for lane, _ in ROWS}
    g.open("cluster_lanes", label="", style="invis")
    heads = [g.node("corner", shape="plain", label="")]
    for lane, title in ROWS:
        font = "Helvetica-Oblique" if lane == "visibility" else BOLD
        rows[lane].append(g.node(("lane", lane), shape="plain", fontname=font, fontsize=15,
                                 label=label(wrap(title, 14, 2), "centre")))
    g.close()
    nodes: dict[str, str] = {}
    for si, stage in enumerate(journey.stages):
        g.open(f"cluster_s{si}", label="", style="rounded", color="#d0d7de")
        head, whole = shortened(stage.title, 20, 3)
        heads.append(g.node(("stage", si), shape="plain", fontname=BOLD, fontsize=16,
                            label=label(head, "centre"), **whole))
        rows["visibility"].append(g.node(("vis", si), shape="plain", fontcolor="#8c959f",
                                         label="- - - - - - - - - - - - -"))
        for tp in stage.touchpoints:
            owner = ws.team_name(ws.touchpoint(tp.id, journey.id).owner)
            lines = ["▲ MOMENT OF TRUTH"] if tp.is_moment_of_truth else []
            title, whole = shortened(tp.title, 22, 3)
            lines += title + wrap(f"{tp.channel} · {owner}", 26, 2)
            lines += [f"from {ref}" for ref in tp.depends_on if "/" in ref]
            mot = tp.is_moment_of_truth
            nodes[tp.id] = g.node(
                ("tp", si, tp.id), shape="box", style="rounded,filled",
                fillcolor=LANE_FILL[tp.lane], color=MOMENT if mot else "#6e7781",
                penwidth=3.5 if mot else 1.2, margin="0.12,0.06", label=label(lines), **whole,
            )
            rows[tp.lane].append(nodes[tp.id])
        g.close()
    g.same_rank(heads)
    for lane, _ in ROWS:
        g.same_rank(rows[lane])
    order = [heads[0], *[rows[lane][0] for lane, _ in ROWS]]
    for upper, lower in itertools.pairwise(order):
        g.edge(upper, lower, style="invis", weight=100)
    for stage in journey.stages:
        for tp in stage.touchpoints:
            for ref in tp.depends_on:
                if "/" not in ref and ref in nodes:
                    g.edge(nodes[ref], nodes[tp.id], color="#0969da", arrowsize=0.8,
                           constraint="false")
    return g.source()
