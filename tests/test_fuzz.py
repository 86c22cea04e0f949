"""Property: whatever a mangled journey looks like, validate ends with 0, 1 or 2, with a
message and never a traceback, and never through the 'internal error' (bug) path."""

from __future__ import annotations

import json
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


CSV_TOKENS = st.sampled_from(
    ["", ",", ";", "\t", '"', '""', "\r", "\n", "\r\n", "1_000", "1e400", "inf", "nan", "-0",
     "1,5", "1.200,5", "=HYPERLINK(1)", "answer-fast", "shop/pay/PAY-1", "2026-Q3", "2026-13",
     "99999999999999999999999999", "\ufeff", "\x00", "é", "standard", "value", "sample"]
)
ACTUALS = "standard,period,value,sample\nanswer-fast,2026-Q3,74,120\nPAY-1,2026-Q2,3,\n"


@st.composite
def mangled_csv(draw) -> str:
    text = ACTUALS
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        token = draw(st.one_of(CSV_TOKENS, st.text(max_size=6)))
        cut = draw(st.integers(0, 3))
        text = text[:at] + token + text[at + cut:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mangled_csv())
def test_mangled_actuals_never_crash(text: str) -> None:
    """gaps reads any CSV to a report (0) or findings at file:line:column (1), never a bug."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, content in (("journeys/shop.yaml", JOURNEY), ("standards/lib.yaml", LIBRARY)):
            (root / name).parent.mkdir(exist_ok=True)
            (root / name).write_text(content)
        (root / "actuals").mkdir()
        (root / "actuals" / "a.csv").write_text(text, encoding="utf-8", errors="surrogatepass")
        result = run_cli("gaps", "-f", "json", cwd=root)
        assert result.code in (0, 1), result.text
        assert "internal error" not in result.text, result.text
        if result.code == 1:
            assert "actuals/a.csv" in result.err


#: the free-text values of JOURNEY, which any text may replace and the file still validates
FREE_TEXT = ("title: Shop", "title: Buy", "title: Call us", "moment_of_truth: First call",
             "title: Pay", "statement: Payment confirmed quickly", "source: Payment log")


@st.composite
def valid_variant(draw) -> str:
    """JOURNEY with its free text replaced by any printable text (quoted), an emotion
    anywhere on the scale and a target anywhere it may be: it always validates."""
    text = JOURNEY
    for line in FREE_TEXT:
        key = line.split(":")[0]
        value = draw(st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")),
                             min_size=1, max_size=40).filter(str.strip))
        text = text.replace(line, f"{key}: {json.dumps(value, ensure_ascii=False)}", 1)
    text = text.replace("emotion: 3", f"emotion: {draw(st.integers(1, 5))}")
    seconds = draw(st.floats(0.001, 1e6, allow_nan=False, allow_infinity=False))
    return text.replace('target: "<= 5 s"', f'target: "<= {seconds:.3f} s"')


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=valid_variant())
def test_valid_variants_validate(text: str) -> None:
    """The generator the next test relies on to reach the commands makes valid journeys."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "journeys").mkdir()
        (root / "standards").mkdir()
        (root / "journeys" / "j.yaml").write_text(text, encoding="utf-8")
        (root / "standards" / "lib.yaml").write_text(LIBRARY)
        result = run_cli("validate", cwd=root)
        assert result.code == 0, result.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(valid_variant(), mangled()))
def test_journeys_that_validate_never_crash_gaps_or_handbook(text: str) -> None:
    """Whatever passes validate is trusted by every other command: half the examples are
    valid by construction (valid_variant), so the commands are reached, not skipped."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "journeys").mkdir()
        (root / "standards").mkdir()
        (root / "journeys" / "j.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        (root / "standards" / "lib.yaml").write_text(LIBRARY)
        if run_cli("validate", cwd=root).code != 0:
            return
        for args in (["gaps", "-f", "json"], ["gaps", "-f", "markdown"],
                     ["handbook", "--no-diagrams", "--single-file", "h.html"],
                     ["diagram", "-v", "all", "-f", "dot", "--output-dir", "d"],
                     ["diagram", "--output-dir", "maps"]):
            result = run_cli(*args, cwd=root)
            assert result.code == 0, (args, result.text)
