"""Case files pin the whole outcome of validate, beside a small library (teams care and ops,
persona shopper, library standard answer-fast):

- every file in cases/invalid/ gives exactly the findings its header lines declare,
  `# expect: CODE LINE:COLUMN message-substring`, one line each, and no other finding
  anywhere (a spurious extra one fails);
- every file in cases/valid/ gives no finding at all, with --strict.

Every semantic rule has at least one invalid case; the valid cases run every rule and pass.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import LIBRARY, run_cli

CASES = Path(__file__).parent / "cases"
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
VALID = sorted((CASES / "valid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (JM\d{3}) (\d+):(\d+) (.+)$")


def expectations(case: Path) -> list[tuple[str, int, int, str]]:
    found = [EXPECT.match(line) for line in case.read_text().splitlines()]
    return [(m[1], int(m[2]), int(m[3]), m[4]) for m in found if m]


def validate(case: Path, folder: Path, *flags: str):
    (folder / "library.yaml").write_text(LIBRARY)
    (folder / "case.yaml").write_bytes(case.read_bytes())
    return run_cli("validate", "--format", "json", *flags, "case.yaml", "library.yaml",
                   cwd=folder)


@pytest.mark.parametrize("case", INVALID, ids=[c.stem for c in INVALID])
def test_invalid_case(case: Path, tmp_path: Path) -> None:
    expected = expectations(case)
    assert expected, f"{case.name} declares no `# expect:` line"
    result = validate(case, tmp_path)
    diagnostics = json.loads(result.out)["diagnostics"]
    found = [(d["file"], d["code"], d["line"], d["column"]) for d in diagnostics]
    assert found == [("case.yaml", code, line, column) for code, line, column, _ in expected]
    for diagnostic, (*_, message) in zip(diagnostics, expected, strict=True):
        assert message in diagnostic["message"]
    errors = any(d["severity"] == "error" for d in diagnostics)
    assert result.code == (1 if errors else 0), result.text
    assert not (tmp_path / "PWNED").exists(), "a YAML tag executed code"


@pytest.mark.parametrize("case", VALID, ids=[c.stem for c in VALID])
def test_valid_case(case: Path, tmp_path: Path) -> None:
    result = validate(case, tmp_path, "--strict")
    assert json.loads(result.out)["diagnostics"] == []
    assert result.code == 0


def test_every_semantic_rule_has_a_failing_case() -> None:
    from journeymap.rules import RULES

    covered = {code for case in INVALID for code, *_ in expectations(case)}
    assert set(RULES) - covered == set()
