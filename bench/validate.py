"""Benchmark `journeymap validate` against named peers, alternated in one run.

For each workspace size (synthetic, 100 touchpoints per journey):
- the floor: plain `yaml.load` with libyaml's C loader over every file (no checks at all);
- journeymap with the collector left to itself (what pausing and freezing it gains);
- check-jsonschema on the journeys against journeymap's JSON Schema (shape only), if installed.
Then start-up on a one-journey workspace: `validate` (a full check, and a replay of an unchanged
workspace's known result: journeymap.runcache), `--version` and `rules`, next to the bare stack
(python, yaml and pydantic with one model, typer). Every other measured validate checks in full.

Goals (issue: speed): validate <= 1.0x the floor at 50 and 500 journeys; start-up < 150 ms,
`--version` and `rules` < 100 ms.

    python bench/validate.py [--journeys 50 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure import alternated, collector_untouched, measure, median_of, ratio, tool
from synthetic import generate

FLOOR = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
STACK = ("import typer, yaml, pydantic\n"
         "class M(pydantic.BaseModel):\n    x: int\nM(x=1)")


def row(name: str, r: dict, ref: dict | None = None, unit: str = "s") -> None:
    scale = 1000 if unit == "ms" else 1
    against = f"{ratio(r, ref):>7}" if ref else " " * 7
    print(f"  {name:<56} {r['seconds'] * scale:8.2f} {unit:<2} (min {r['min'] * scale:7.2f})"
          f" {against}  {r['peak_mb']:5.0f} MB peak")


def workspace(journeys: int, runs: int, journeymap: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder), journeys, journeys * 100)
        files = sorted(str(p) for p in root.rglob("*.yaml"))
        size = sum(Path(f).stat().st_size for f in files) / 1e6
        print(f"\n{journeys} journeys: {len(files)} files, {size:.1f} MB "
              f"({runs} alternated runs each; median, min, against journeymap)")
        turns = alternated({
            "ours": [journeymap, "validate", "-q"],
            "floor": [sys.executable, "-c", FLOOR, folder],
            "untouched": collector_untouched(["validate", "-q"]),
        }, runs, cwd=folder)
        ours = turns["ours"]
        row("journeymap validate (all rules)", ours)
        row("floor: yaml.load, C loader, no checks", turns["floor"], ours)
        row("journeymap validate, collector left to itself", turns["untouched"], ours)
        checker = shutil.which("check-jsonschema", path=str(Path(journeymap).parent)) or \
            shutil.which("check-jsonschema")
        if checker:
            schemas = Path(folder) / ".schemas"
            measure([journeymap, "schema", "--output-dir", str(schemas)], cwd=folder)
            journey_files = [f for f in files if "/journeys/" in f]
            # one run: it is several times slower, and one run shows the ratio
            peer = median_of([checker, "--schemafile", str(schemas / "journey.schema.json"),
                              *journey_files], 1, ok=(0, 1))
            row("check-jsonschema, journeys only, shape only", {**peer, "min": peer["seconds"]},
                ours)
        print(f"  journeymap / floor = {ratio(ours, turns['floor'])} (goal <= 1.0x); "
              f"pausing and freezing the collector saves "
              f"{1 - ours['seconds'] / turns['untouched']['seconds']:.0%}")


def start_up(journeymap: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "journeys").mkdir()
        shutil.copy(Path(__file__).parents[1] / "journeys" / "broadband-onboarding.yaml",
                    Path(folder) / "journeys")
        check = [journeymap, "validate", "--select", "JM0"]
        turns = alternated({
            "validate": check,
            "replay": check,
            "version": [journeymap, "--version"],
            "rules": [journeymap, "rules"],
            "stack": [sys.executable, "-c", STACK],
        }, 15, cwd=folder, replaying=("replay",))
    print("\nstart-up, one journey file (15 alternated runs each)")
    row("journeymap validate, a full check", turns["validate"], unit="ms")
    row("journeymap validate, unchanged: replayed (goal < 150 ms)", turns["replay"],
        turns["validate"], unit="ms")
    row("journeymap --version (goal < 100 ms)", turns["version"], unit="ms")
    row("journeymap rules (goal < 100 ms)", turns["rules"], unit="ms")
    row("stack: python + typer + yaml + pydantic, one model", turns["stack"],
        turns["validate"], unit="ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    journeymap = tool("journeymap")
    for journeys in args.journeys:
        workspace(journeys, args.runs, journeymap)
    start_up(journeymap)


if __name__ == "__main__":
    main()
