"""The Python API gives what the command line gives: it is the layer the commands stand on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import journeymap
from journeymap.errors import ContentError
from tests.conftest import REPO, run_cli


def test_the_api_matches_the_command_line_on_the_example() -> None:
    ws = journeymap.load_workspace(REPO)
    assert journeymap.validate(ws) == []
    report = journeymap.gap_report(ws, as_of=None)
    cli = json.loads(run_cli("gaps", "-f", "json", cwd=REPO).out)
    assert report == cli
    statuses = journeymap.standard_statuses(ws)
    assert statuses.period is not None and statuses.period.text == cli["period"] == "2026-Q3"
    assert [(s.standard, s.status, s.actual) for s in statuses] == [
        (s["standard"], s["status"], s["actual"]) for s in cli["standards"]]
    earlier = journeymap.standard_statuses(ws, period="2026-Q1")
    assert earlier.period is not None and earlier.period.text == "2026-Q1"


def test_an_invalid_workspace_is_an_error_with_its_findings(workspace: Path) -> None:
    path = workspace / "journeys" / "shop.yaml"
    path.write_text(path.read_text().replace("owner: ops", "owner: opz"))
    ws = journeymap.load_workspace(workspace)
    [finding] = journeymap.validate(ws)
    assert (finding.code, finding.line) == ("JM102", 19)
    with pytest.raises(ContentError) as raised:
        journeymap.gap_report(ws)
    assert raised.value.findings == [finding]


def test_importing_journeymap_stays_light() -> None:
    """The API loads on first use: `import journeymap` (and so every command's start) does
    not import pydantic."""
    done = subprocess.run([sys.executable, "-c", "import sys, journeymap; "
                           "print('pydantic' in sys.modules)"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
