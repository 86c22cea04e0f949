"""Benchmark `journeymap diagram`: embedded Graphviz (WebAssembly) against the system `dot`.

Measured in one run, per diagram (median of several renders of the same DOT):
- each view of each example journey, and a synthetic 200-touchpoint journey map;
- the embedded backend warm (its one-off start-up in a process is shown apart), and the system
  `dot` (one process per diagram, as journeymap runs it); ratio embedded / dot.
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
    from journeymap.diagrams import diagram_jobs, draw, source
    from journeymap.diagrams.render import render, system_dot
    from journeymap.workspace import open_workspace

    ws = open_workspace(REPO)
    cold_start = time.perf_counter()
    jobs = diagram_jobs(ws, None, ["map", "blueprint", "chain", "lifecycle"])
    for job in jobs:
        draw(ws, job, "svg", "embedded")
    all_views = time.perf_counter() - cold_start

    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder), journeys=1, touchpoints=200)
        big_ws = open_workspace(root)
        big = diagram_jobs(big_ws, None, ["map", "blueprint"])
        cases = [(job.name, source(ws, job)) for job in jobs]
        cases += [(f"synthetic-200-touchpoints-{job.view}", source(big_ws, job)) for job in big]
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
