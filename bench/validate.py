"""Benchmark `journeymap validate` on a synthetic workspace, against named peers in one run.

Peers, measured on the same files in the same run:
- the floor: plain `yaml.load` with libyaml's C loader over every file (no checks at all);
- check-jsonschema validating the same files against journeymap's exported JSON Schema
  (shape only: no cross-file rules).
Also start-up: validate on one small file, next to the bare cost of the stack it stands on
(importing typer and pydantic and validating one pydantic model).

    python bench/validate.py [--journeys 500] [--touchpoints 50000] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure import alternated, measure, median_of, tool
from synthetic import generate

FLOOR = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
STACK = "import typer, yaml, pydantic\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=500)
    parser.add_argument("--touchpoints", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    journeymap = tool("journeymap")
    py = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder), args.journeys, args.touchpoints)
        files = sorted(str(p) for p in root.rglob("*.yaml"))
        size = sum(Path(f).stat().st_size for f in files) / 1e6
        print(f"workspace: {args.journeys} journeys, ~{args.touchpoints:,} touchpoints, "
              f"{len(files)} files, {size:.1f} MB; {args.runs} alternating runs each, "
              "median (and min)\n")

        turns = alternated({"ours": [journeymap, "validate", "-q"],
                            "floor": [py, "-c", FLOOR, folder]}, args.runs, cwd=folder)
        ours, floor = turns["ours"], turns["floor"]
        schemas = Path(folder) / ".schemas"
        measure([journeymap, "schema", "--output-dir", str(schemas)], cwd=folder)
        checker = shutil.which("check-jsonschema", path=str(Path(journeymap).parent)) or \
            shutil.which("check-jsonschema")
        peer = None
        if checker:
            journeys = [f for f in files if "/journeys/" in f]
            # one run: it is several times slower, and one run shows the ratio
            peer = median_of([checker, "--schemafile", str(schemas / "journey.schema.json"),
                         *journeys], 1, ok=(0, 1))

        def row(name: str, r: dict, ref: dict | None = None) -> None:
            ratio = f"{r['seconds'] / ref['seconds']:6.2f}x" if ref else "      "
            low = f"(min {r['min']:.2f})" if "min" in r else " " * 11
            print(f"  {name:<46} {r['seconds']:7.2f} s {low} {ratio}  {r['peak_mb']:7.0f} MB peak")

        print("full workspace                                      wall   vs ours     memory")
        row("journeymap validate (all rules)", ours)
        row("floor: yaml.load, C loader, no checks", floor, ours)
        if peer:
            row("check-jsonschema, journeys only, shape only", peer, ours)
        else:
            print("  check-jsonschema not installed (pip install '.[bench]'): peer skipped")
        print(f"\n  journeymap / floor = {ours['seconds'] / floor['seconds']:.2f}x (goal <= 1.5x)")
        if peer:
            print(f"  journeymap / check-jsonschema = {ours['seconds'] / peer['seconds']:.2f}x "
                  "(goal < 1x)")

        small = Path(folder) / "small"
        (small / "journeys").mkdir(parents=True)
        shutil.copy(Path(__file__).parents[1] / "journeys" / "broadband-onboarding.yaml",
                    small / "journeys")
        turns = alternated({"start": [journeymap, "validate", "--select", "JM0", "journeys"],
                            "stack": [py, "-c", STACK]}, 15, cwd=str(small))
        start, stack = turns["start"], turns["stack"]
        print("\nstart-up (15 alternating runs each)")
        row("journeymap validate, one journey file", start)
        row("stack floor: import typer+pydantic, one model", stack, start)


if __name__ == "__main__":
    main()
