"""Every bundled example workspace is a complete, clean workspace: it validates, and each
command runs on it. The findings of `journeymap gaps` on each are pinned in
tests/cases/examples/: the whole set, so a spurious extra finding fails as surely as a lost
one (each was read as a CX practitioner would read it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

EXAMPLES = {"northwave": REPO, **{p.name: p for p in sorted((REPO / "examples").iterdir())}}
PINNED = REPO / "tests" / "cases" / "examples"
#: the day actions are judged on: an open action becomes overdue as the calendar moves
AS_OF = "2026-11-24"


def finding_lines(document: dict) -> list[str]:
    """`kind journey/touchpoint standard`, a miss within noise marked so."""
    return sorted(f"{f['kind']} {f['journey']}/{f['touchpoint'] or '-'} "
                  f"{(f['standard'] or '-').rsplit('/', 1)[-1]}"
                  + (" (within noise)" if f.get("certainty") == "within noise" else "")
                  for f in document["findings"])


def test_every_example_is_pinned() -> None:
    assert sorted(p.stem for p in PINNED.glob("*.txt")) == sorted(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_validates_clean(name: str) -> None:
    result = run_cli("validate", "--color", "never", cwd=EXAMPLES[name])
    assert result.code == 0 and result.out.startswith("All clear"), result.text


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_gap_findings_are_exactly_the_pinned_ones(name: str) -> None:
    result = run_cli("gaps", "-f", "json", "--as-of", AS_OF, cwd=EXAMPLES[name])
    assert result.code == 0, result.text
    expected = sorted(line for line in (PINNED / f"{name}.txt").read_text().splitlines()
                      if line and not line.startswith("#"))
    assert finding_lines(json.loads(result.out)) == expected


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_revenue_adds_up(name: str) -> None:
    """One total per journey; touchpoint rows add up to it, journeys to the total."""
    revenue = json.loads(run_cli("gaps", "-f", "json", cwd=EXAMPLES[name]).out)["revenue"]
    computed = [j for j in revenue["journeys"] if j["at_risk"] is not None]
    for journey in computed:
        parts = sum(t["at_risk"] for t in journey["touchpoints"])
        assert parts == pytest.approx(journey["at_risk"], abs=0.05)
    if computed:
        assert sum(j["at_risk"] for j in computed) == pytest.approx(revenue["total"], abs=0.05)
    else:
        assert revenue["total"] is None


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_builds_its_handbook_and_diagrams(name: str, tmp_path: Path) -> None:
    root = EXAMPLES[name]
    handbook = run_cli("handbook", "-o", tmp_path / "site", cwd=root)
    assert handbook.code == 0, handbook.text
    journeys = {p.stem for p in (root / "journeys").glob("*.yaml")}
    assert {f"journey-{j}.html" for j in journeys} <= {p.name for p in
                                                       (tmp_path / "site").iterdir()}
    diagrams = run_cli("diagram", "--view", "all", "-f", "dot", "--output-dir",
                       tmp_path / "diagrams", cwd=root)
    assert diagrams.code == 0, diagrams.text
    # every view Graphviz lays out: the lifecycles and the chain (the map and the blueprint
    # draw themselves: not DOT)
    assert len(list((tmp_path / "diagrams").glob("*.dot"))) == len(journeys) + 1


def test_the_examples_measured_figures_come_from_its_events(tmp_path: Path) -> None:
    """Northwave's contact-centre figures are measured from its call records: measuring them
    again gives the committed actuals/measured.csv, byte for byte."""
    result = run_cli("measure", "-o", tmp_path / "measured.csv", cwd=REPO)
    assert result.code == 0, result.text
    assert (tmp_path / "measured.csv").read_bytes() == \
        (REPO / "actuals" / "measured.csv").read_bytes()
