"""Benchmark `journeymap diagram`.

Measured in one run:
- a one-off map, cold: `journeymap diagram -j <journey> -o map.svg` against `journeymap
  validate` of the same workspace, alternated (goal: the diagram <= 1.5x the validate);
- the map and the blueprint, drawn without Graphviz: per example journey and a synthetic
  200-touchpoint journey;
- the Graphviz views (chain, lifecycle; median of several renders of the same DOT):
  the embedded backend warm (its start-up in a process is shown apart) against the system
  `dot` (one process per diagram, as journeymap runs it); ratio embedded / dot;
- the total for all views of all example journeys in one process, cold start included.

    python bench/diagram.py          (Debian: apt-get install graphviz, for the comparison)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure import alternated, ratio, tool
from synthetic import generate

REPO = Path(__file__).resolve().parents[1]
RUNS = 5


def timed(fn) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    from journeymap.diagrams import diagram_jobs, draw, drawn_directly, source
    from journeymap.diagrams.render import render, system_dot
    from journeymap.workspace import open_workspace

    journeymap = tool("journeymap")
    with tempfile.TemporaryDirectory() as out:
        turns = alternated({
            "diagram": [journeymap, "diagram", "-j", "fault-repair", "-o", f"{out}/map.svg"],
            "validate": [journeymap, "validate", "-q"]}, 7, str(REPO))
    print(f"one-off map, cold process: {turns['diagram']['seconds'] * 1000:.0f} ms; validate, "
          f"cold: {turns['validate']['seconds'] * 1000:.0f} ms; diagram / validate = "
          f"{ratio(turns['diagram'], turns['validate'])} (goal <= 1.5x)\n")

    ws = open_workspace(REPO)
    cold_start = time.perf_counter()
    jobs = diagram_jobs(ws, None, ["map", "blueprint", "chain", "lifecycle"])
    for job in jobs:
        draw(ws, job, "svg", "embedded")
    all_views = time.perf_counter() - cold_start

    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder), journeys=1, touchpoints=200)
        big_ws = open_workspace(root)
        direct = [(job.name, ws, job) for job in jobs if drawn_directly(job.view)]
        direct += [(f"synthetic-200-touchpoints-{job.view}", big_ws, job)
                   for job in diagram_jobs(big_ws, None, ["map", "blueprint"])]
        print(f"{'map and blueprint (drawn without Graphviz)':<44} {'time':>10}")
        for name, where, job in direct:
            print(f"{name:<44} {timed(lambda w=where, j=job: draw(w, j, 'svg')) * 1000:8.1f}ms")
        print()
        graphviz = [job for job in jobs if not drawn_directly(job.view)]
        cases = [(job.name, source(ws, job)) for job in graphviz]
        cases += [(f"synthetic-200-touchpoints-{job.view}", source(big_ws, job))
                  for job in diagram_jobs(big_ws, None, ["chain"])]
    has_dot = system_dot() is not None
    print(f"{'diagram':<44} {'embedded':>10} {'dot':>10} {'ratio':>7}")
    ratios = []
    for name, dot_source in cases:
        embedded = timed(lambda s=dot_source: render(s, "svg", "embedded"))
        if has_dot:
            system = timed(lambda s=dot_source: render(s, "svg", "dot"))
            ratios.append(embedded / system)
            print(f"{name:<44} {embedded * 1000:8.1f}ms {system * 1000:8.1f}ms "
                  f"{embedded / system:6.2f}x")
        else:
            print(f"{name:<44} {embedded * 1000:8.1f}ms {'-':>10} {'-':>7}")
    print()
    if ratios:
        print(f"embedded / system dot: median {statistics.median(ratios):.2f}x, "
              f"worst {max(ratios):.2f}x (goal: within 2x)")
    else:
        print("system dot not installed: no comparison (Debian: apt-get install graphviz)")
    print(f"all {len(jobs)} views of the example journeys, one process, cold: "
          f"{all_views:.2f} s (the embedded renderer starts once, then stays warm)")


if __name__ == "__main__":
    main()
