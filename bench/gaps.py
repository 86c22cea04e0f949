"""Benchmark `journeymap gaps` against `journeymap validate` on the same workspace, one run.

The synthetic workspace (default 500 journeys, ~50,000 touchpoints, ~100,000 applied
standards) gets an actuals CSV per period with a row for every standard (two periods: about
200,000 rows). Goal: the whole gap report costs at most 1.5x validate alone. Also shown:
the same report with the collector left to itself (what pausing and freezing it gains).
The peak is the largest process's: gaps runs its rules check in a second, forked process,
which shares most of its pages with the first (measure.py).

    python bench/gaps.py [--journeys 500] [--touchpoints 50000] [--periods 2026-Q2 2026-Q3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure import alternated, collector_untouched, ratio, tool
from synthetic import actuals, generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=500)
    parser.add_argument("--touchpoints", type=int, default=50_000)
    parser.add_argument("--periods", nargs="+", default=["2026-Q2", "2026-Q3"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    journeymap = tool("journeymap")
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder), args.journeys, args.touchpoints)
        rows = actuals(root, args.periods)
        print(f"workspace: {args.journeys} journeys, ~{args.touchpoints:,} touchpoints, "
              f"{rows:,} actuals rows over {len(args.periods)} periods; "
              f"{args.runs} alternating runs each, median (and min)\n")

        report = ["gaps", "-f", "json", "-o", "report.json"]
        turns = alternated({"validate": [journeymap, "validate", "-q"],
                            "gaps": [journeymap, *report],
                            "untouched": collector_untouched(report)}, args.runs, folder)
        validate, gaps = turns["validate"], turns["gaps"]
        for name, r in (("journeymap validate", validate),
                        ("journeymap gaps (json report)", gaps),
                        ("gaps, collector left to itself", turns["untouched"])):
            print(f"  {name:<34} {r['seconds']:7.2f} s (min {r['min']:.2f})  "
                  f"{r['peak_mb']:6.0f} MB peak")
        saved = 1 - gaps["seconds"] / turns["untouched"]["seconds"]
        print(f"\n  gaps / validate = {ratio(gaps, validate)} (goal <= 1.5x); pausing and "
              f"freezing the collector saves {saved:.0%}")


if __name__ == "__main__":
    main()
