"""Never hang, never exhaust memory, never crash, never let user text act as code.

Each attack class of the adversarial review has a representative case here, run as the real
command in a child process with a time limit (a hang fails the test, not CI) and a memory
limit (tests.conftest.run_process). Outputs that users diff or paste are checked for what
would turn text into an action: terminal escapes, CI workflow commands, spreadsheet formulas,
HTML in pull-request comments, characters XML forbids.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import JOURNEY, LIBRARY, run_process


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    (tmp_path / "journeys").mkdir()
    (tmp_path / "standards").mkdir()
    (tmp_path / "actuals").mkdir()
    (tmp_path / "journeys" / "shop.yaml").write_text(JOURNEY)
    (tmp_path / "standards" / "library.yaml").write_text(LIBRARY)
    (tmp_path / "actuals" / "q3.csv").write_text(
        "standard,period,value\nanswer-fast,2026-Q3,74\nPAY-1,2026-Q3,3\n")
    return tmp_path


def diagnostics(result) -> list[tuple[str, int, int, str]]:
    return [(d["file"], d["line"], d["column"], d["code"])
            for d in json.loads(result.out)["diagnostics"]]


# --- hangs and unbounded memory ---------------------------------------------------------------

def test_a_fifo_named_like_an_input_is_a_finding_not_a_hang(ws: Path) -> None:
    os.mkfifo(ws / "journeys" / "pipe.yaml")
    result = run_process("validate", "-f", "json", cwd=ws, timeout=30)
    assert result.code == 1
    assert diagnostics(result) == [("journeys/pipe.yaml", 0, 0, "JM006")]
    assert "not a regular file (a named pipe)" in result.out

    (ws / "journeys" / "pipe.yaml").unlink()
    os.mkfifo(ws / "actuals" / "pipe.csv")
    result = run_process("gaps", cwd=ws, timeout=30)
    assert result.code == 1 and "actuals/pipe.csv: JM201" in result.err
    assert "not a regular file (a named pipe)" in result.err


def test_a_device_behind_a_symlink_is_not_read(ws: Path) -> None:
    (ws / "journeys" / "zero.yaml").symlink_to("/dev/zero")
    result = run_process("validate", "-f", "json", cwd=ws, timeout=30, max_rss_mb=300)
    assert result.code == 1
    assert diagnostics(result) == [("/dev/zero", 0, 0, "JM006")]
    assert "a character device" in result.out


def test_a_sparse_file_is_refused_by_size_before_reading(ws: Path) -> None:
    with open(ws / "journeys" / "sparse.yaml", "wb") as handle:
        handle.truncate(20 * 1024**3)  # 20 GB that take no disk
    result = run_process("validate", "-f", "json", cwd=ws, timeout=30, max_rss_mb=300)
    assert diagnostics(result) == [("journeys/sparse.yaml", 0, 0, "JM004")]
    assert "21474.8 MB, over the 5.2 MB limit (limits.max_file_bytes" in result.out


def test_csv_files_have_a_size_limit(ws: Path) -> None:
    (ws / "journeymap.toml").write_text("[limits]\nmax_csv_bytes = 40\n")
    result = run_process("gaps", cwd=ws)
    assert result.code == 1 and "actuals/q3.csv: JM201" in result.err
    assert "limits.max_csv_bytes" in result.err


def test_an_alias_to_a_long_text_repeated_is_refused_by_bytes(ws: Path) -> None:
    """0.3 MB of YAML that a handbook would repeat 8,000 times: gigabytes before the budget."""
    text = JOURNEY.replace("title: Call us", "title: Call us\n        description: &d " +
                           "x" * 300_000)
    text += "extra: [" + ", ".join(["*d"] * 8_000) + "]\n"
    (ws / "journeys" / "shop.yaml").write_text(text)
    result = run_process("validate", "-f", "json", cwd=ws, max_rss_mb=400)
    assert result.code == 1
    assert [d[3] for d in diagnostics(result)] == ["JM004"]
    assert "MB of text (limits.max_expanded_bytes)" in result.out


def test_long_runs_of_spaces_are_linear(ws: Path) -> None:
    text = JOURNEY.replace('target: "<= 5 s"', 'target: "<=' + " " * 100_000 + '5 s x"')
    text = text.replace("title: Pay\n", "title: Pay\n        promise: 'within 5" + " " * 100_000
                        + "x'\n")
    (ws / "journeys" / "shop.yaml").write_text(text)
    result = run_process("validate", "-f", "json", cwd=ws, timeout=20)
    assert result.code == 1 and [d[3] for d in diagnostics(result)] == ["JM010"]
    assert "is longer than 64 characters" in result.out


def test_tens_of_thousands_of_findings_report_in_linear_time(ws: Path) -> None:
    touchpoints = "".join(f"      - id: t{i}\n        title: T\n        channel: web\n"
                          f"        owner: nobody\n" for i in range(30_000))
    (ws / "journeys" / "big.yaml").write_text(
        "id: big\ntitle: Big\nstages:\n  - id: s\n    title: S\n    touchpoints:\n" + touchpoints)
    result = run_process("validate", cwd=ws, timeout=120)
    assert result.code == 1 and "Found 30000 errors" in result.out


def test_a_hundred_thousand_bad_csv_rows_report_in_linear_time(ws: Path) -> None:
    rows = "".join(f"nope-{i},2026-Q3,1\n" for i in range(100_000))
    (ws / "actuals" / "q3.csv").write_text("standard,period,value\n" + rows)
    result = run_process("gaps", cwd=ws, timeout=120)
    assert result.code == 1 and "the data files have 100000 error(s)" in result.err


def test_a_layout_past_the_budget_is_refused_with_a_message(ws: Path) -> None:
    (ws / "journeymap.toml").write_text("[limits]\nmax_diagram_elements = 5\n")
    result = run_process("diagram", "-v", "lifecycle", "--output-dir", "out", cwd=ws)
    assert result.code == 1 and "too large to lay out" in result.err
    assert "limits.max_diagram_elements" in result.err
    assert not (ws / "out").exists()


def test_symlink_loops_are_findings(ws: Path) -> None:
    (ws / "journeys" / "loop.yaml").symlink_to("loop.yaml")
    (ws / "journeys" / "circle").symlink_to(ws / "journeys", target_is_directory=True)
    result = run_process("validate", "-f", "json", cwd=ws)
    assert result.code == 1
    assert [(d[0], d[3]) for d in diagnostics(result)] == [("journeys/loop.yaml", "JM006")]
    assert "Too many levels of symbolic links" in result.out


# --- crashes on values --------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "message"), [
    ("!!int abc", "'abc' is not an integer"),
    ("!!float abc", "'abc' is not a number"),
    ("!!bool maybe", "'maybe' is not true or false"),
    ("!!int 1_000", "'1_000' is not an integer"),
    ("9" * 5000, "has more than 30 digits"),
])
def test_bad_values_of_explicit_tags_are_findings(ws: Path, value: str, message: str) -> None:
    (ws / "journeys" / "shop.yaml").write_text(JOURNEY.replace("emotion: 3", f"emotion: {value}"))
    result = run_process("validate", "-f", "json", cwd=ws)
    assert result.code == 1
    assert diagnostics(result) == [("journeys/shop.yaml", 13, 18, "JM010")]
    assert message in result.out


@pytest.mark.parametrize("target", ["{op: '<=', value: .inf}", "{op: '<=', value: .nan}",
                                    "{op: '<=', value: 1e400}",
                                    "{op: '<=', value: " + "9" * 25 + "}"])
def test_non_finite_targets_fail_validation(ws: Path, target: str) -> None:
    (ws / "journeys" / "shop.yaml").write_text(
        JOURNEY.replace('target: "<= 5 s"', f"target: {target}"))
    result = run_process("validate", "-f", "json", cwd=ws)
    assert result.code == 1
    assert diagnostics(result) == [("journeys/shop.yaml", 26, 21, "JM010")]
    assert "not a finite number" in result.out


@pytest.mark.parametrize(("line", "replacement"), [
    ("emotion: 3", "emotion: true"),
    ("emotion: 3", 'emotion: "3"'),
])
def test_no_coercion(ws: Path, line: str, replacement: str) -> None:
    (ws / "journeys" / "shop.yaml").write_text(JOURNEY.replace(line, replacement))
    result = run_process("validate", "-f", "json", cwd=ws)
    assert diagnostics(result) == [("journeys/shop.yaml", 13, 18, "JM010")]


def test_huge_persona_figures_fail_validation(ws: Path) -> None:
    (ws / "standards" / "people.yaml").write_text(
        "personas:\n  - id: everyone\n    name: Everyone\n"
        "    customers: 100000000000000000000\n    annual_value: 1e300\n")
    result = run_process("validate", "-f", "json", cwd=ws)
    assert diagnostics(result) == [("standards/people.yaml", 4, 16, "JM010"),
                                   ("standards/people.yaml", 5, 19, "JM010")]


@pytest.mark.parametrize(("rows", "where", "message"), [
    ("answer-fast,2026-Q3,1_000\n", "q3.csv:2:21", "value '1_000' is not a number"),
    ("answer-fast,2026-Q3,inf\n", "q3.csv:2:21", "value 'inf' is not a number"),
    ("answer-fast,2026-Q3,1e400\n", "q3.csv:2:21", "value '1e400' is beyond"),
    ("answer-fast,2026-Q3,74,-3\n", "q3.csv:2:24", "sample must be a whole number"),
    ("answer-fast,2026-Q3,74,2.5\n", "q3.csv:2:24", "sample must be a whole number"),
])
def test_csv_numbers_are_numbers(ws: Path, rows: str, where: str, message: str) -> None:
    (ws / "actuals" / "q3.csv").write_text("standard,period,value,sample\n" + rows)
    result = run_process("gaps", cwd=ws)
    assert result.code == 1 and f"actuals/{where}: JM203" in result.err
    assert message in result.err
    assert "the data files have 1 error(s)" in result.err


def test_a_duplicate_csv_header_is_an_error(ws: Path) -> None:
    (ws / "actuals" / "q3.csv").write_text("standard,period,value,value\nPAY-1,2026-Q3,1,2\n")
    result = run_process("gaps", cwd=ws)
    assert result.code == 1 and "actuals/q3.csv:1:23: JM201" in result.err
    assert "column 'value' appears twice" in result.err


def test_survey_figures_are_bounded(ws: Path) -> None:
    (ws / "surveys").mkdir()
    (ws / "surveys" / "s.csv").write_text(
        "touchpoint,dimension,expectation,perception,respondents\n"
        "shop/call,empathy,6,5,1e300\n")
    result = run_process("gaps", cwd=ws)
    assert result.code == 1 and "respondents '1e300' is beyond" in result.err


def test_settings_nested_too_deeply(ws: Path) -> None:
    (ws / "journeymap.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    result = run_process("validate", cwd=ws)
    assert result.code == 2 and "nested too deeply" in result.err


def test_a_template_that_extends_the_default_of_its_name(ws: Path, tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "index.html.j2").write_text(
        '{% extends "index.html.j2" %}{% block content %}<p>OUR HANDBOOK</p>'
        "{{ super() }}{% endblock %}")
    result = run_process("handbook", "--no-diagrams", "-o", "site", "--templates", templates,
                         cwd=ws)
    assert result.code == 0, result.err
    index = (ws / "site" / "index.html").read_text()
    assert "<p>OUR HANDBOOK</p>" in index and "What we promise at every touchpoint" in index


def test_a_closed_stdout_and_an_ascii_terminal(ws: Path) -> None:
    (ws / "journeys" / "shop.yaml").write_text(JOURNEY.replace("title: Shop", "title: Café ☕")
                                              .replace("owner: ops", "owner: opé"))
    closed = subprocess.run(f"{sys.executable} -m journeymap validate >&-", shell=True, cwd=ws,
                            capture_output=True, text=True, timeout=60)
    assert closed.returncode == 1 and closed.stderr == ""
    ascii_run = subprocess.run([sys.executable, "-m", "journeymap", "validate"], cwd=ws,
                               capture_output=True, timeout=60,
                               env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert ascii_run.returncode == 1 and b"Traceback" not in ascii_run.stderr
    assert b"'op\\xe9' is not a valid id" in ascii_run.stdout


# --- user text stays text -----------------------------------------------------------------------

HOSTILE = "\n::add-mask::secret\r##[set-env name=X]1\x1b[31m =HYPERLINK(1) <script>x</script>\x07"


def hostile_workspace(ws: Path) -> Path:
    promise = json.dumps("within 1 second" + HOSTILE)
    (ws / "journeys" / "shop.yaml").write_text(
        JOURNEY.replace("title: Pay\n", f"title: Pay\n        promise: {promise}\n"))
    (ws / "journeys" / "::error x.yaml").write_text(f"stages: {json.dumps(HOSTILE)}\n")
    (ws / "journeys" / "\x1b[2Jclear.yaml").write_text("id: [\n")
    return ws


def assert_inert(text: str, kind: str) -> None:
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), (kind, line)
    assert "##[" not in text, kind
    assert "\x1b" not in text and "\x07" not in text, kind


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_validate_outputs_keep_user_text_inert(ws: Path, fmt: str) -> None:
    hostile_workspace(ws)
    result = run_process("validate", "-f", fmt, "--color", "never", cwd=ws)
    assert result.code == 1
    assert_inert(result.out + result.err, fmt)
    if fmt == "json":
        files = {d["file"] for d in json.loads(result.out)["diagnostics"]}
        assert "journeys/::error x.yaml" in files
    if fmt == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(result.out)["runs"][0]["results"]}
        assert "journeys/%3A%3Aerror%20x.yaml" in uris
    if fmt == "junit":
        ET.fromstring(result.out.encode())  # well-formed despite the control characters


def test_github_annotations_escape_user_text(ws: Path) -> None:
    hostile_workspace(ws)
    result = run_process("validate", "-f", "github", cwd=ws)
    assert result.code == 1
    for line in result.out.splitlines():
        assert re.match(r"^::(error|warning) file=|^journeymap: ", line), line


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_gap_reports_keep_user_text_inert(ws: Path, fmt: str) -> None:
    hostile_workspace(ws)
    for name in ("::error x.yaml", "\x1b[2Jclear.yaml"):
        (ws / "journeys" / name).unlink()
    result = run_process("gaps", "-f", fmt, "--color", "never", cwd=ws)
    assert result.code == 0, result.err
    assert "secret" in result.out  # the promise is reported, as text
    assert_inert(result.out, fmt)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.out)))
        assert all(len(row) == len(rows[0]) for row in rows)
        assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row
                       if not re.fullmatch(r"-?[\d.]+", cell))
    if fmt == "markdown":
        assert "<script>" not in result.out and "&lt;script&gt;" in result.out
    if fmt == "json":
        json.loads(result.out)
        # to a file the report is written a line at a time, each line made inert in turn
        assert run_process("gaps", "-f", fmt, "-o", "report.json", cwd=ws).code == 0
        assert (ws / "report.json").read_text(encoding="utf-8") == result.out


def test_an_unlistable_folder_is_named(ws: Path, monkeypatch) -> None:
    """Root can list any folder, so the failure is simulated where os.walk meets it."""
    from journeymap.inputs import walk

    real_scandir = os.scandir
    hidden = ws / "journeys" / "private"
    hidden.mkdir()

    def scandir(path="."):
        if Path(path) == hidden:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, unlisted = walk(ws / "journeys", (".yaml",))
    assert files == [ws / "journeys" / "shop.yaml"]
    assert unlisted == [(hidden, "cannot list folder: Permission denied")]


def test_handbook_anchors_are_unique_when_ids_contain_hyphens(ws: Path) -> None:
    """Journey `a-b` touchpoint `c` and journey `a` touchpoint `b-c` share `std-a-b-c-X`."""
    for journey, touchpoint in (("a-b", "c"), ("a", "b-c")):
        (ws / "journeys" / f"{journey}.yaml").write_text(
            f"id: {journey}\ntitle: T\nowner: care\nstages:\n  - id: s\n    title: S\n"
            f"    touchpoints:\n      - id: {touchpoint}\n        title: T\n"
            "        channel: web\n        standards:\n          - id: X\n"
            "            statement: S\n            dimension: reliability\n"
            "            metric: m\n            target: '<= 1 d'\n            source: log\n")
    result = run_process("handbook", "--no-diagrams", "--single-file", "h.html", cwd=ws)
    assert result.code == 0, result.err
    ids = re.findall(r'\bid="([^"]+)"', (ws / "h.html").read_text())
    assert "std-a-b-c-X" in ids and "std-a-b-c-X-2" in ids
    assert len(ids) == len(set(ids))


def test_a_long_value_before_a_hash_is_linear(ws: Path) -> None:
    """The inline-comment check (JM007) on a value with 100,000 spaces before ` #`."""
    (ws / "journeys" / "shop.yaml").write_text(
        JOURNEY.replace("title: Pay\n", "title: Pay" + " " * 100_000 + "x #2\n"))
    result = run_process("validate", "-f", "json", cwd=ws, timeout=20)
    assert [d[3] for d in diagnostics(result)] == ["JM007"]


@pytest.mark.parametrize(("view", "fmt"), [("map", "svg"), ("blueprint", "svg"),
                                           ("chain", "svg"), ("lifecycle", "dot"),
                                           ("map", "mermaid")])
def test_a_huge_title_draws_in_seconds_cut_short(ws: Path, view: str, fmt: str) -> None:
    """A title of 4.9 MiB (under the 5 MiB file limit), one word and many: drawn bounded, the
    drawing cut with an ellipsis (the old wrapping was cubic in a word's length)."""
    word = "x" * (4_900_000 // 2)
    words = " ".join(["word"] * (4_900_000 // 10))
    text = JOURNEY.replace("title: Call us", f"title: {word}").replace("title: Shop",
                                                                        f"title: {words}")
    (ws / "journeys" / "shop.yaml").write_text(text)
    out = ws / f"out.{'mmd' if fmt == 'mermaid' else fmt}"
    result = run_process("diagram", "-j", "shop", "-v", view, "-f", fmt, "-o", out, cwd=ws,
                         timeout=60)
    assert result.code == 0, result.err
    assert out.stat().st_size < 3 * len(text)  # the tooltips carry the title whole, once each
    assert "…" in out.read_text()


def test_a_complaint_at_the_end_of_the_calendar_is_a_finding(ws: Path) -> None:
    (ws / "complaints").mkdir()
    (ws / "complaints" / "r.csv").write_text(
        "id,received,channel,acknowledged\n"
        "C-1,9999-12-31T22:00-05:00,phone,\n"
        "C-2,2026-07-01T09:00,phone,9999-12-31T23:30+00:00\n")
    for command in ("complaints", "gaps"):
        result = run_process(command, "--as-of", "2026-11-01", cwd=ws)
        assert result.code == 1, result.err
        assert [line for line in result.err.splitlines() if " error: " in line] == [
            "complaints/r.csv:2:5: JM203 error: received '9999-12-31T22:00-05:00' is outside the "
            "years 1900 to 2999",
            "complaints/r.csv:3:28: JM203 error: acknowledged '9999-12-31T23:30+00:00' is outside "
            "the years 1900 to 2999"]


@pytest.mark.parametrize(("args", "message"), [
    (["handbook", "-o", "site", "--jobs", "99999999999999999999"],
     "Invalid value for '--jobs': Input should be less than or equal to 256"),
    (["gaps", "--fail-on", ""], "--fail-on: an empty kind in ''"),
    (["gaps", "--fail-on", ",,"], "--fail-on: an empty kind in ',,'"),
    (["gaps", "--fail-on", "missed-mot,"], "--fail-on: an empty kind in 'missed-mot,'"),
])
def test_option_values_are_bounded(ws: Path, args: list[str], message: str) -> None:
    result = run_process(*args, cwd=ws)
    assert result.code == 2 and message in result.err, result.err
    assert not (ws / "site").exists()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_a_file_name_that_is_not_utf8_survives_every_format(ws: Path, fmt: str) -> None:
    """`caf\\xe9.yaml`, as a Latin-1 system writes it: escaped, and reversible to its bytes
    (JSON's `\\udce9` through os.fsencode, SARIF's URI through percent-decoding)."""
    from urllib.parse import unquote_to_bytes

    (ws / "journeys" / "shop.yaml").unlink()
    with open(os.fsencode(ws / "journeys") + b"/caf\xe9.yaml", "w") as handle:
        handle.write(JOURNEY.replace("personas: [shopper]", "personas: [nobody]"))
    result = run_process("validate", "--no-cache", "-f", fmt, cwd=ws)
    assert result.code == 1, result.err
    if fmt == "json":
        [diagnostic] = json.loads(result.out)["diagnostics"]
        assert os.fsencode(diagnostic["file"]) == b"journeys/caf\xe9.yaml"
    elif fmt == "sarif":
        [run] = json.loads(result.out)["runs"]
        [finding] = run["results"]
        place = finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert (place, unquote_to_bytes(place)) == ("journeys/caf%E9.yaml",
                                                    b"journeys/caf\xe9.yaml")
    else:
        assert "caf\\udce9.yaml" in result.out


def test_a_legal_250_character_output_name_is_written(ws: Path) -> None:
    name = "r" * 246 + ".txt"
    result = run_process("gaps", "-o", name, cwd=ws)
    assert result.code == 0, result.err
    assert (ws / name).is_file() and [p.name for p in ws.iterdir() if p.name.startswith(".")] \
        == []


def test_a_killed_write_leaves_nothing_the_next_run_keeps(ws: Path) -> None:
    """Temporary files of a write whose process is gone are removed by the next write of that
    name; anything else beside it is not journeymap's and stays."""
    dead = 2 ** 22 + 7  # above any pid this machine hands out (pid_max is 2**22)
    (ws / f".report.txt.{dead}-k3j2.tmp").write_text("half")
    (ws / ".report.txt.notes.tmp").write_text("someone's")
    assert run_process("gaps", "-o", "report.txt", cwd=ws).code == 0
    assert sorted(p.name for p in ws.iterdir() if p.name.startswith(".")) == [
        ".report.txt.notes.tmp"]


def test_a_site_left_aside_by_a_killed_swap_is_put_back(ws: Path, tmp_path: Path) -> None:
    """Killed between its two renames, a handbook build leaves the last site as
    `.site.old-PID-*` and nothing at `site`: the next run puts it back before it builds, so a
    run that then fails leaves the last good site in place."""
    assert run_process("handbook", "-o", "site", "--no-diagrams", cwd=ws).code == 0
    pages = sorted(p.name for p in (ws / "site").iterdir())
    (ws / "site").rename(ws / f".site.old-{2 ** 22 + 7}-abcd1234")
    broken = tmp_path / "templates"
    broken.mkdir()
    (broken / "index.html.j2").write_text("{% if %}")
    failed = run_process("handbook", "-o", "site", "--no-diagrams", "--templates", broken,
                         cwd=ws)
    assert failed.code == 2 and "template error" in failed.err
    assert sorted(p.name for p in (ws / "site").iterdir()) == pages
    assert [p.name for p in ws.iterdir() if p.name.startswith(".site")] == []


def test_init_never_writes_through_a_symlink_or_over_a_workspace(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "new"
    target.mkdir()
    (target / "journeys").symlink_to(outside)
    linked = run_process("init", target, cwd=tmp_path)
    assert linked.code == 2 and "is a symlink; init writes only inside" in linked.err
    assert list(outside.iterdir()) == [] and sorted(p.name for p in target.iterdir()) == [
        "journeys"]
    existing = tmp_path / "existing"
    (existing / "journeys").mkdir(parents=True)
    (existing / "journeys" / "a.yaml").write_text(JOURNEY)
    again = run_process("init", existing, cwd=tmp_path)
    assert again.code == 2 and "holds a workspace already" in again.err
    assert sorted(p.name for p in existing.iterdir()) == ["journeys"]
