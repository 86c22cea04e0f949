"""Benchmark `journeymap complaints` on a register of a million rows against the floor: plain
`csv.reader` over the same file (no checks, no report), alternated runs in fresh processes.

Goal (issue: the complaints register): under 10 s and within 3x of the floor, in bounded
memory (peak RSS printed beside the file's size).

    python bench/complaints.py [--rows 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure import alternated, ratio, tool

JOURNEY = """\
id: shop
title: Shop
owner: care
stages:
  - id: buy
    title: Buy
    touchpoints:
      - {id: call, title: Call us, channel: phone, kind: complaint}
      - {id: mail, title: Write to us, channel: mail, kind: complaint}
"""
LIBRARY = """\
teams: [{id: care, name: Customer Care}]
complaints: {channels: [phone, mail], acknowledge: "<= 1 d", resolve: "<= 14 d"}
"""
REASONS = ("long wait", "billing error", "engineer late", "fault not fixed", "rude staff")
FLOOR = ("import csv, sys\n"
         "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
         "    n = sum(1 for _ in csv.reader(f))\n")


def write_register(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("id,received,channel,touchpoint,reason,acknowledged,resolved,outcome,region\n")
        for n in range(rows):
            month, day = 1 + n % 12, 1 + n % 28
            closed = n % 5 != 0
            out.write(f"C-{n},2026-{month:02}-{day:02}T09:{n % 60:02},"
                      f"{'phone' if n % 7 else 'mail'},shop/{'call' if n % 7 else 'mail'},"
                      f"{REASONS[n % len(REASONS)]},2026-{month:02}-{day:02}T1{n % 10}:00,"
                      + (f"2026-{month:02}-{day:02}T17:00,resolved" if closed else ",open")
                      + f",region-{n % 4}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    journeymap = tool("journeymap")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in (("journeys/shop.yaml", JOURNEY), ("standards/library.yaml", LIBRARY)):
            (root / name).parent.mkdir(exist_ok=True)
            (root / name).write_text(text)
        (root / "complaints").mkdir()
        register = root / "complaints" / "register.csv"
        write_register(register, args.rows)
        size_mb = register.stat().st_size / 1e6
        results = alternated({
            "csv.reader": [sys.executable, "-c", FLOOR, str(register)],
            "journeymap complaints": [journeymap, "complaints", "-f", "json", "-o",
                                      str(root / "out.json"), "--as-of", "2026-12-31"],
        }, args.runs, cwd=folder)
    floor, ours = results["csv.reader"], results["journeymap complaints"]
    print(f"register: {args.rows:,} rows, {size_mb:.0f} MB; {args.runs} alternated runs each")
    for name, r in results.items():
        print(f"  {name:<22} min {r['min']:6.2f} s  median {r['seconds']:6.2f} s  "
              f"{args.rows / r['seconds']:>10,.0f} rows/s  peak {r['peak_mb']:6.0f} MB")
    print(f"ratio of medians: journeymap complaints / csv.reader = "
          f"{ratio(ours, floor)} (goal <= 3x; under 10 s: "
          f"{'yes' if ours['seconds'] < 10 else 'no'})")


if __name__ == "__main__":
    main()
