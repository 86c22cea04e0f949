"""If touchpoint A waits on B and B (through others) waits on A, nobody can serve first. Each
cycle is reported once, at the first touchpoint in it, with the whole loop spelled out.
"""

from collections.abc import Iterator

from journeymap import codes
from journeymap.findings import Finding
from journeymap.workspace import PlacedTouchpoint, Workspace, touchpoint_key

CODE = codes.DEPENDENCY_CYCLE
ID = CODE.code


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components with a loop (Tarjan, iterative: chains may be long)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            edges = graph.get(node, [])
            if child < len(edges):
                work.append((node, child + 1))
                nxt = edges[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges:
                    found.append(component[::-1])
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _loop(component: list[str], graph: dict[str, list[str]]) -> list[str]:
    """The shortest loop from the component's first member back to itself (breadth first)."""
    members, start = set(component), component[0]
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in graph.get(node, []):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*path[::-1], start]
                if nxt in members and nxt not in came_from:
                    came_from[nxt] = node
                    following.append(nxt)
        frontier = following
    return [start, start]


def check(ws: Workspace) -> Iterator[Finding]:
    graph: dict[str, list[str]] = {}
    places: dict[str, PlacedTouchpoint] = {}
    for placed in ws.touchpoints:
        journey_id = placed.journey.item.id
        graph.setdefault(placed.key, []).extend(
            touchpoint_key(ref, journey_id) for ref in placed.touchpoint.depends_on)
        places.setdefault(placed.key, placed)
    for component in _cycles(graph):
        loop = _loop(component, graph)
        yield places[loop[0]].finding(ID, "depends_on cycle: " + " -> ".join(loop),
                                      "depends_on", at_key=True)
