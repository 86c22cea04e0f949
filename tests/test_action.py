"""The composite GitHub Action (action.yml), its steps run as GitHub runs them: bash with
`-eo pipefail`, the inputs in the environment, from the repository's top."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import JOURNEY, LIBRARY, REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text())


def run_step(name: str, cwd: Path, **inputs: str) -> subprocess.CompletedProcess:
    [step] = [s for s in ACTION["runs"]["steps"] if s["name"] == name]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           **{key: inputs.get(value.split("inputs.")[-1].rstrip(" }"), "")
              for key, value in step["env"].items()}}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           step["run"]], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def test_the_action_declares_what_its_steps_read() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"root", "args", "sarif"}
    assert all(step["shell"] == "bash" for step in ACTION["runs"]["steps"])


def test_the_action_annotates_a_monorepo_workspace_and_writes_sarif(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for name, text in {"cx/journeys/shop.yaml": JOURNEY.replace("owner: ops", "owner: opz"),
                       "cx/standards/library.yaml": LIBRARY, "other/standards/x.yaml": LIBRARY,
                       "other/journeys/x.yaml": JOURNEY}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    done = run_step("journeymap validate", tmp_path, root="cx", args="--strict",
                    sarif="results.sarif")
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=cx/journeys/shop.yaml,line=19,col=16,"
                                  "title=JM102::unknown team 'opz'")
    assert '"uri": "cx/journeys/shop.yaml"' in (tmp_path / "results.sarif").read_text()
    fixed = tmp_path / "cx" / "journeys" / "shop.yaml"
    fixed.write_text(fixed.read_text().replace("opz", "ops"))
    assert run_step("journeymap validate", tmp_path, root="cx").returncode == 0
