"""Every file in cases/invalid/ fails with the code, position and message its header expects.

Header: `# expect: CODE LINE:COLUMN message-substring`. Each case is checked beside a small
library (teams care and ops, persona shopper, library standard answer-fast).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import LIBRARY, run_cli

CASES = sorted((Path(__file__).parent / "cases" / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (JM\d{3}) (\d+):(\d+) (.+)$")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case(case: Path, tmp_path: Path) -> None:
    code, line, column, message = EXPECT.match(case.read_text().splitlines()[0]).groups()
    (tmp_path / "library.yaml").write_text(LIBRARY)
    (tmp_path / "case.yaml").write_bytes(case.read_bytes())

    result = run_cli("validate", "--format", "json", "case.yaml", "library.yaml", cwd=tmp_path)

    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    found = [
        d for d in json.loads(result.out)["diagnostics"]
        if (d["code"], d["line"], d["column"]) == (code, int(line), int(column))
        and d["file"] == "case.yaml"
    ]
    assert found, f"no {code} at {line}:{column} in:\n{result.out}"
    assert message in found[0]["message"]
    assert not (tmp_path / "PWNED").exists(), "a YAML tag executed code"


def test_cases_cover_every_semantic_rule() -> None:
    """A new rule comes with a case file (JM107, JM109 and JM110 are warnings: tested apart)."""
    from journeymap.rules import RULES

    covered = {EXPECT.match(c.read_text().splitlines()[0]).group(1) for c in CASES}
    assert set(RULES) - covered == {"JM107", "JM109", "JM110"}
