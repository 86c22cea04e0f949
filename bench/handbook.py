"""Benchmark `journeymap handbook` on the synthetic workspace, with and without diagrams.

Prints wall time, pages per second, output size, and the share of time spent drawing
diagrams (the difference between the two builds), with `journeymap validate` on the same
workspace in the same run as the reference, and the pages rendered over two processes
(`--jobs 2`) against one. Goal: under 60 s with diagrams on 2 cores, peak memory <= 400 MB.

    python bench/handbook.py [--journeys 500] [--touchpoints 50000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure import alternated, collector_untouched, ratio, tool
from synthetic import generate


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def largest_pages(site: Path) -> str:
    """The largest page of each kind (goal: team and library pages under 1 MB; the search
    index every page loads, small)."""
    kinds: dict[str, int] = {}
    for page in site.iterdir():
        if page.name.startswith("."):  # journeymap's manifest
            continue
        kind = page.name.split("-")[0].removesuffix(".html").removesuffix(".js")
        kinds[kind] = max(kinds.get(kind, 0), page.stat().st_size)
    return ", ".join(f"{kind} {size / 1e3:,.0f} KB" for kind, size in sorted(kinds.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=500)
    parser.add_argument("--touchpoints", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    journeymap = tool("journeymap")
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder), args.journeys, args.touchpoints)
        print(f"workspace: {args.journeys} journeys, ~{args.touchpoints:,} touchpoints; "
              f"{args.runs} alternating runs each, median (and min)\n")
        turns = alternated({
            "validate": [journeymap, "validate", "-q"],
            "plain": [journeymap, "handbook", "-o", "plain", "--no-diagrams"],
            "drawn": [journeymap, "handbook", "-o", "drawn", "--engine", "embedded"],
            "untouched": collector_untouched(["handbook", "-o", "untouched", "--no-diagrams"]),
            "jobs": [journeymap, "handbook", "-o", "jobs", "--no-diagrams", "--jobs", "2"],
        }, args.runs, folder)
        validate, plain, drawn = turns["validate"], turns["plain"], turns["drawn"]
        pages = len(list((root / "drawn").glob("*.html")))
        for name, result, out in (("without diagrams", plain, "plain"),
                                  ("with diagrams", drawn, "drawn")):
            print(f"  handbook {name:<17} {result['seconds']:7.2f} s (min {result['min']:.2f})  "
                  f"{pages / result['seconds']:7.1f} pages/s  {size_mb(root / out):7.1f} MB  "
                  f"{result['peak_mb']:6.0f} MB peak")
        jobs = turns["jobs"]
        print(f"  {'without diagrams, --jobs 2':<26} {jobs['seconds']:7.2f} s (min "
              f"{jobs['min']:.2f}), {ratio(jobs, plain)} of one process; largest process "
              f"{jobs['peak_mb']:.0f} MB (the workers' copies come on top of it)")
        untouched = turns["untouched"]
        print(f"  {'without diagrams, collector left to itself':<26} {untouched['seconds']:7.2f} s"
              f"  {untouched['peak_mb']:6.0f} MB peak")
        print(f"  {'validate (reference)':<26} {validate['seconds']:7.2f} s  "
              f"{validate['peak_mb']:6.0f} MB peak")
        print(f"  largest page of each kind: {largest_pages(root / 'plain')}")
        share = (drawn["seconds"] - plain["seconds"]) / drawn["seconds"]
        print(f"\n  {pages} pages; diagrams take {share:.0%} of the build with diagrams; "
              f"handbook / validate = {drawn['seconds'] / validate['seconds']:.2f}x; "
              "goal: under 60 s with diagrams, peak memory <= 400 MB, team and library "
              "pages < 1 MB")


if __name__ == "__main__":
    main()
