"""Property: whatever a mangled journey looks like, validate ends with 0, 1 or 2, with a
message and never a traceback, and never through the 'internal error' (bug) path."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import JOURNEY, LIBRARY, run_cli

LINES = JOURNEY.splitlines()
SCALARS = st.sampled_from(
    ["", "~", "[", "]", "{", "}", "- ", ": ", "&a", "*a", "!!str", "!!python/none", "\t", '"',
     "'", "#", "no", "1:30", "<= 5 min", ">= x %", "é", "\\N", "<b>", "0x1F", "-1e9", "|", ">",
     "  ", "? ", "%YAML 1.1", "---", "...", "\x00", "\ufeff"]
)


@st.composite
def mangled(draw) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["insert", "delete", "replace", "dup", "indent", "cut"]))
        token = draw(st.one_of(SCALARS, st.text(max_size=8)))
        line = lines[index]
        if action == "insert":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + token + line[at:]
        elif action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "replace":
            lines[index] = line.split(":")[0] + ": " + token
        elif action == "dup":
            lines.insert(index, line)
        elif action == "indent":
            lines[index] = " " * draw(st.integers(0, 3)) + line
        elif action == "cut":
            lines = lines[:index + 1]
    return "\n".join(lines)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mangled())
def test_mangled_journeys_never_crash(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "journey.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        (root / "library.yaml").write_text(LIBRARY)
        for fmt in ("text", "json"):
            result = run_cli("validate", "-f", fmt, "journey.yaml", "library.yaml", cwd=root)
            assert result.code in (0, 1, 2), result.text
            assert "Traceback" not in result.text
            assert "internal error" not in result.text, result.text
            if result.code == 1:
                assert "journey.yaml" in result.out


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=400))
def test_random_bytes_never_crash(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "x.yaml").write_bytes(raw)
        result = run_cli("validate", "x.yaml", cwd=Path(folder))
        assert result.code in (0, 1), result.text
        assert "internal error" not in result.text, result.text
