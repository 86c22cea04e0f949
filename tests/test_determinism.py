"""Outputs users diff or commit are byte-identical run after run: every format is produced
twice, in child processes with different hash seeds (set and dict order of strings differ
between them), and compared byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_example

COMMANDS = {
    "validate.json": ["validate", "-f", "json", "-o", "{out}", "extra/broken.yaml"],
    "validate.sarif": ["validate", "-f", "sarif", "-o", "{out}"],
    "validate.junit": ["validate", "-f", "junit", "-o", "{out}"],
    "validate.txt": ["validate", "--color", "never", "-o", "{out}"],
    "gaps.json": ["gaps", "-f", "json", "-o", "{out}"],
    "gaps.csv": ["gaps", "-f", "csv", "-o", "{out}"],
    "gaps.md": ["gaps", "-f", "markdown", "-o", "{out}"],
    "gaps.html": ["gaps", "-f", "html", "-o", "{out}"],
    "gaps.txt": ["gaps", "-f", "text", "-o", "{out}"],
    "chain.svg": ["diagram", "-v", "chain", "--actuals", "actuals", "-o", "{out}"],
    "map.svg": ["diagram", "-j", "fault-repair", "--actuals", "actuals", "-o", "{out}"],
    "lifecycle.dot": ["diagram", "-j", "fault-repair", "-v", "lifecycle", "-f", "dot", "-o",
                      "{out}"],
    "blueprint.svg": ["diagram", "-j", "broadband-onboarding", "-v", "blueprint", "--actuals",
                      "actuals", "-o", "{out}"],
    "map.mmd": ["diagram", "-j", "fault-repair", "-f", "mermaid", "-o", "{out}"],
    "handbook.html": ["handbook", "--actuals", "actuals", "--single-file", "{out}"],
}


def produce(ws: Path, seed: str, out: Path) -> None:
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed}
    for name, args in COMMANDS.items():
        command = [a.replace("{out}", str(out / name)) for a in args]
        subprocess.run([sys.executable, "-m", "journeymap", *command], cwd=ws, env=env,
                       capture_output=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> tuple[Path, Path]:
    ws = copy_example(tmp_path_factory.mktemp("ws"))
    (ws / "extra").mkdir()
    (ws / "extra" / "broken.yaml").write_text(
        "id: broken\ntitle: B\nowner: nobody\nstages:\n  - id: s\n    title: S\n"
        "    touchpoints:\n      - {id: t, title: T, channel: web, depends_on: [x, y/z]}\n")
    first, second = tmp_path_factory.mktemp("a") / "out", tmp_path_factory.mktemp("b") / "out"
    produce(ws, "1", first)
    produce(ws, "2", second)
    return first, second


@pytest.mark.parametrize("name", COMMANDS)
def test_byte_identical_across_hash_seeds(outputs: tuple[Path, Path], name: str) -> None:
    first, second = outputs
    assert (first / name).is_file() and (first / name).stat().st_size > 0
    assert (first / name).read_bytes() == (second / name).read_bytes()
