"""The journey map: stages as columns, touchpoints in order, moments of truth standing out.

Each touchpoint is a card filled with the colour of its expected emotion (1..5) and showing
its title, channel, owner and standards. Moments of truth have a heavy border and a ▲ line.
With actuals, the card says how many standards are met, missed or have no data, and its
border turns red when any is missed (green when all are met).
"""

from __future__ import annotations

import itertools

from journeymap.diagrams.dot import (
    BOLD,
    EMOTION_FILLS,
    EMOTION_NAMES,
    MOMENT,
    NO_EMOTION,
    STATUS_COLOURS,
    Graph,
    label,
    wrap,
)
from journeymap.loader import Entry
from journeymap.model import Journey, Touchpoint
from journeymap.statuses import Statuses
from journeymap.workspace import PlacedTouchpoint, Workspace

SCOPE = "journey"  # one diagram per journey


def team_name(ws: Workspace, team_id: str | None) -> str:
    team = ws.team(team_id)
    return team.name if team else (team_id or "no owner")


def card_lines(ws: Workspace, placed: PlacedTouchpoint,
               counts: dict[str, int] | None) -> list[str]:
    """counts: met / missed / no data of the touchpoint's standards, with actuals."""
    tp = placed.touchpoint
    lines = ["▲ MOMENT OF TRUTH"] if tp.is_moment_of_truth else []
    lines += wrap(tp.title, 24, 3)
    owner = team_name(ws, placed.owner)
    lines += wrap(f"{tp.channel} · {owner}", 28, 2)
    if counts:
        lines.append(" · ".join(f"{n} {k}" for k, n in counts.items() if n))
    else:
        count = len(tp.standards)
        lines.append(f"{count} standard{'s' * (count != 1)}")
    return lines


def border(tp: Touchpoint, counts: dict[str, int] | None) -> str:
    if counts:
        if counts["missed"]:
            return STATUS_COLOURS["missed"]
        if counts["met"] == len(tp.standards):
            return STATUS_COLOURS["met"]
        return STATUS_COLOURS["no data"]
    return MOMENT if tp.is_moment_of_truth else "#6e7781"


def legend(g: Graph, with_status: bool) -> list[str]:
    """Small sample cards explaining colours and borders, in a cluster of their own."""
    g.open("cluster_legend", label="Legend", fontsize=15, style="rounded",
           color="#999999")
    keys = []
    for level, fill in EMOTION_FILLS.items():
        keys.append(g.node(("legend", level), shape="box", style="rounded,filled", fontsize=12,
                           fillcolor=fill,
                           label=label([f"emotion {level}: {EMOTION_NAMES[level]}"])))
    keys.append(g.node(("legend", "none"), shape="box", style="rounded,filled", fontsize=12,
                       fillcolor=NO_EMOTION, label=label(["emotion not set"])))
    keys.append(g.node(("legend", "mot"), shape="box", style="rounded,filled", fontsize=12,
                       fillcolor="white", color=MOMENT, penwidth=4, margin="0.15,0.06",
                       label=label(["▲ moment of truth"])))
    if with_status:
        for name, colour in STATUS_COLOURS.items():
            keys.append(g.node(("legend", name), shape="box", style="rounded,filled",
                               fillcolor="white", color=colour, penwidth=2.5, fontsize=12,
                               label=label([f"border: {name}" if name != "no data"
                                            else "border: no data yet"])))
    for upper, lower in itertools.pairwise(keys):
        g.edge(upper, lower, style="invis")
    g.close()
    return keys


def build(ws: Workspace, journeys: list[Entry[Journey]], statuses: Statuses | None = None) -> str:
    journey = journeys[0].item
    g = Graph(journey.title, rankdir="TB", newrank="true", nodesep="0.25", ranksep="0.25")
    heads = []
    for si, stage in enumerate(journey.stages):
        g.open(f"cluster_s{si}", label="", style="rounded,filled", fillcolor="#f6f8fa",
               color="#d0d7de")
        head_lines = wrap(stage.title, 20, 3)
        if stage.lifecycle:
            head_lines.append(f"({stage.lifecycle})")
        heads.append(g.node(("stage", si), shape="plain", fontname=BOLD, fontsize=17,
                            label=label(head_lines, "centre")))
        previous = heads[-1]
        for tp in stage.touchpoints:
            placed = ws.touchpoint(tp.id, journey.id)
            mot = tp.is_moment_of_truth
            counts = statuses.counts(placed) if statuses is not None and tp.standards \
                else None
            node = g.node(
                ("tp", si, tp.id), shape="box", style="rounded,filled",
                fillcolor=EMOTION_FILLS.get(tp.emotion or 0, NO_EMOTION),
                color=border(tp, counts), penwidth=4 if mot else 1.5,
                width="2.6", margin="0.15,0.08",
                label=label(card_lines(ws, placed, counts)),
            )
            g.edge(previous, node, style="invis", weight=10)
            previous = node
        g.close()
    keys = legend(g, statuses is not None)
    g.same_rank([*heads, keys[0]])
    return g.source()
