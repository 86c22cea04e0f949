"""The internal customer/supplier chain: teams as nodes, an arrow from supplier to customer.

An arrow A -> B means a touchpoint owned by team A serves (is depended on by) one owned by
team B; the label names those touchpoints by title (the tooltip has them all). Teams are
grouped by journey, a box each: a team that serves in two journeys appears in both, and an
arrow from one box to another is a hand-off between journeys. Dependencies within one team
are left out: the chain is about what one department owes another.
"""

from __future__ import annotations

from collections import defaultdict

from journeymap.diagrams.dot import Graph, label, shortened, wrap
from journeymap.loader import Entry
from journeymap.model import Journey
from journeymap.statuses import Statuses
from journeymap.workspace import Workspace

SCOPE = "workspace"  # one diagram of all the selected journeys
MAX_LABELS = 3

#: a team in a journey: (journey id, team id)
Place = tuple[str, str]


def links(ws: Workspace, journeys: list[Entry[Journey]]) -> dict[tuple[Place, Place], list[str]]:
    """(supplying team in its journey, served team in its journey) -> ['supplier touchpoint →
    served touchpoint', ...] by title, in file order."""
    found: dict[tuple[Place, Place], list[str]] = defaultdict(list)
    for entry in journeys:
        for placed in ws.touchpoints_in(entry):
            customer = placed.owner
            for supplier in ws.suppliers(placed):
                if supplier.owner and customer and supplier.owner != customer:
                    found[((supplier.journey.item.id, supplier.owner),
                           (entry.item.id, customer))].append(
                        f"{supplier.touchpoint.title} → {placed.touchpoint.title}")
    return found


def build(ws: Workspace, journeys: list[Entry[Journey]], statuses: Statuses | None = None) -> str:
    within = f" in {journeys[0].item.title}" if len(journeys) == 1 else ""
    edges = links(ws, journeys)
    places = {place for pair in edges for place in pair}
    drawn = [e.item.id for e in ws.journeys if any(j == e.item.id for j, _ in places)]
    boxed = len(drawn) > 1  # one journey: the title says which
    # boxes flow left to right, so they stack one under another: a page, not a long strip
    g = Graph(f"Internal customer/supplier chain{within}: arrows run from the supplying team "
              "to the team it serves", rankdir="LR" if boxed else "TB", nodesep="0.5",
              ranksep="0.9", fontsize=20)
    for journey_id in drawn:
        if boxed:
            title, whole = shortened(ws.journey(journey_id).title, 60, 2)
            g.open(g.node_id(("journey", journey_id), f"cluster: {journey_id}"),
                   label=label(title, "centre"),
                   style="rounded", color="#d0d7de", fontsize=16, **whole)
        for team in sorted(team for journey, team in places if journey == journey_id):
            name, whole = shortened(ws.team_name(team), 20, 2)
            g.node_id(("team", journey_id, team), ws.team_name(team) + (
                f" in {journey_id}" if boxed else ""))
            g.node(("team", journey_id, team), shape="box", style="rounded,filled",
                   fillcolor="#ddf4ff", color="#0969da", fontsize=16, margin="0.2,0.1",
                   label=label(name, "centre"), **whole)
        if boxed:
            g.close()
    for (supplier, customer), names in sorted(edges.items()):
        shown = names[:MAX_LABELS] + ([f"+{len(names) - MAX_LABELS} more"]
                                      if len(names) > MAX_LABELS else [])
        g.edge(g.node_id(("team", *supplier)), g.node_id(("team", *customer)),
               label=label(line for name in shown for line in wrap(name, 40, 3)),
               tooltip=label(names),
               color="#0969da", fontsize=11, penwidth=min(1 + len(names) * 0.5, 4))
    if not edges:
        g.node("empty", shape="plain", label=label(["No depends_on links between teams"]))
    return g.source()
