"""`journeymap validate`: formats, exit codes, options and settings."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli


def break_owner(workspace: Path) -> None:
    path = workspace / "journeys" / "shop.yaml"
    path.write_text(path.read_text().replace("owner: ops", "owner: opz"))


def test_clean_workspace_exits_0(workspace: Path) -> None:
    result = run_cli("validate", cwd=workspace)
    assert result.code == 0
    assert result.out == "All clear: 2 files checked.\n"


def test_text_format_shows_location_snippet_and_caret(workspace: Path) -> None:
    break_owner(workspace)
    result = run_cli("validate", "--color", "never", cwd=workspace)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == (
        "journeys/shop.yaml:19:16: JM102 error: unknown team 'opz'; did you mean 'ops'?"
    )
    assert lines[1] == "   19 |         owner: opz"
    assert lines[2] == "      |                ^"
    assert lines[-1] == "Found 1 error, 0 warnings in 2 files."


def test_json_format_is_versioned(workspace: Path) -> None:
    break_owner(workspace)
    document = json.loads(run_cli("validate", "-f", "json", cwd=workspace).out)
    assert document["version"] == 1
    assert document["summary"] == {"files": 2, "errors": 1, "warnings": 0, "ignored": 0,
                                   "baselined": 0, "fixed": 0}
    assert document["diagnostics"][0] == {
        "file": "journeys/shop.yaml", "line": 19, "column": 16, "code": "JM102",
        "severity": "error", "message": "unknown team 'opz'; did you mean 'ops'?",
        "path": "stages[0].touchpoints[1].owner",
    }


def test_github_format_escapes_and_is_automatic(workspace: Path, monkeypatch) -> None:
    path = workspace / "journeys" / "shop.yaml"
    path.write_text(path.read_text().replace("channel: web", "channel: '100%\\nweb'"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("validate", cwd=workspace)
    first = result.out.splitlines()[0]
    assert first.startswith("::error file=journeys/shop.yaml,line=18,col=18,title=JM010::")
    assert "'100%25\\\\nweb' is not one of" in first


def test_github_escaping_of_data_and_properties() -> None:
    from journeymap.reporters.github import _data, _property

    assert _data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert _property("x:y,z") == "x%3Ay%2Cz"


def test_sarif_format(workspace: Path) -> None:
    break_owner(workspace)
    (workspace / "standards" / "empty.yaml").write_text("# nothing yet\n")
    runs = [json.loads(run_cli("validate", "-f", "sarif", cwd=folder).out)
            for folder in (workspace, workspace / "journeys")]
    assert runs[0] == runs[1]  # the same from a subfolder: URIs are relative to the root
    run = runs[0]["runs"][0]
    results = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r
               for r in run["results"]}
    assert set(results) == {"journeys/shop.yaml", "standards/empty.yaml"}
    shop, empty = results["journeys/shop.yaml"], results["standards/empty.yaml"]
    rule = run["tool"]["driver"]["rules"][shop["ruleIndex"]]
    assert rule["id"] == "JM102" and rule["help"]["markdown"] and rule["fullDescription"]
    assert shop["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "journeys/shop.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 19, "startColumn": 16}}
    assert empty["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": 1}  # a whole-file finding still has a region
    assert len(shop["partialFingerprints"]["journeymapFinding/v1"]) == 32


def test_sarif_fingerprints_survive_moved_lines(workspace: Path) -> None:
    break_owner(workspace)
    before = json.loads(run_cli("validate", "-f", "sarif", cwd=workspace).out)
    path = workspace / "journeys" / "shop.yaml"
    path.write_text("# a new first line\n" + path.read_text())
    after = json.loads(run_cli("validate", "-f", "sarif", cwd=workspace).out)
    [old], [new] = before["runs"][0]["results"], after["runs"][0]["results"]
    assert old["locations"] != new["locations"]
    assert old["partialFingerprints"] == new["partialFingerprints"]


def test_junit_format(workspace: Path) -> None:
    break_owner(workspace)
    path = workspace / "journeys" / "shop.yaml"
    path.write_text(path.read_text() + "  - id: later\n    title: Later\n")
    suites = ET.fromstring(run_cli("validate", "-f", "junit", cwd=workspace).out)
    assert (suites.get("tests"), suites.get("failures")) == ("3", "1")
    by_file = {s.get("file"): s for s in suites.iter("testsuite")}
    assert set(by_file) == {"journeys/shop.yaml", "standards/library.yaml"}
    cases = [(c.get("name"), c[0].tag) for c in by_file["journeys/shop.yaml"].iter("testcase")]
    assert cases == [("JM102 19:16", "failure"), ("JM110 28:5", "system-out")]
    failure = by_file["journeys/shop.yaml"].find("testcase/failure")
    assert failure.get("type") == "JM102"
    assert failure.get("message").startswith("journeys/shop.yaml:19:16: JM102 error: unknown")
    [clean] = by_file["standards/library.yaml"].iter("testcase")
    assert clean.get("name") == "no problems" and len(clean) == 0


def test_warnings_pass_unless_strict(workspace: Path) -> None:
    path = workspace / "journeys" / "shop.yaml"
    path.write_text(path.read_text() + "  - id: later\n    title: Later\n")
    assert run_cli("validate", cwd=workspace).code == 0
    strict = run_cli("validate", "--strict", cwd=workspace)
    assert strict.code == 1 and "JM110 warning: stage 'later' has no touchpoints" in strict.out


def test_select_and_ignore(workspace: Path) -> None:
    break_owner(workspace)
    assert run_cli("validate", "--ignore", "JM102", cwd=workspace).code == 0
    assert run_cli("validate", "--select", "JM1", cwd=workspace).code == 1
    assert run_cli("validate", "--select", "JM001,JM010", cwd=workspace).code == 0
    misuse = run_cli("validate", "--select", "XX9", cwd=workspace)
    assert misuse.code == 2 and "unknown rule code 'XX9'" in misuse.err


def test_settings_change_severity(workspace: Path) -> None:
    break_owner(workspace)
    (workspace / "journeymap.toml").write_text('[rules]\nJM102 = "warning"\n')
    result = run_cli("validate", "-f", "json", cwd=workspace)
    assert result.code == 0
    assert json.loads(result.out)["diagnostics"][0]["severity"] == "warning"


def test_settings_in_pyproject(workspace: Path) -> None:
    break_owner(workspace)
    (workspace / "pyproject.toml").write_text('[tool.journeymap.rules]\nJM102 = "off"\n')
    assert run_cli("validate", cwd=workspace).code == 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("paths = [\n", "invalid TOML"),
        ("colour = true\n", "journeymap.toml:1: unknown setting 'colour'; known: paths,"),
        ("[limits]\nmax_dept = 5\n",
         "journeymap.toml:2: unknown setting 'limits.max_dept'; did you mean 'max_depth'?"),
        ('[rules]\nJM999 = "off"\n', "journeymap.toml:2: [rules] names unknown code 'JM999'"),
        ('[rules]\nJM102 = "loud"\n', "journeymap.toml:2: rules.JM102: input should be"),
    ],
)
def test_bad_settings_exit_2(workspace: Path, settings: str, message: str) -> None:
    (workspace / "journeymap.toml").write_text(settings)
    result = run_cli("validate", cwd=workspace)
    assert result.code == 2
    assert message in result.err


def test_explicit_files_are_checked_in_workspace_context(workspace: Path) -> None:
    """pre-commit passes one changed journey: its teams still resolve from standards/."""
    result = run_cli("validate", "journeys/shop.yaml", cwd=workspace)
    assert result.code == 0, result.text
    assert "1 file checked" in result.out


def test_only_scoped_files_are_reported(workspace: Path) -> None:
    (workspace / "journeys" / "other.yaml").write_text("id: [\n")
    assert run_cli("validate", "journeys/shop.yaml", cwd=workspace).code == 0
    assert run_cli("validate", cwd=workspace).code == 1


def test_no_workspace_is_misuse(tmp_path: Path) -> None:
    result = run_cli("validate", cwd=tmp_path)
    assert result.code == 2 and "no workspace here" in result.err


def test_colour(workspace: Path, monkeypatch) -> None:
    break_owner(workspace)
    assert "\x1b[" in run_cli("validate", "--color", "always", cwd=workspace).out
    assert "\x1b[" not in run_cli("validate", cwd=workspace).out  # not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli("validate", "--color", "auto", cwd=workspace).out


def test_quiet_shows_errors_only(workspace: Path) -> None:
    break_owner(workspace)
    path = workspace / "journeys" / "shop.yaml"
    path.write_text(path.read_text() + "  - id: later\n    title: Later\n")
    out = run_cli("validate", "-q", cwd=workspace).out
    assert "JM102" in out and "JM110" not in out and "|" not in out


def test_output_file(workspace: Path) -> None:
    result = run_cli("validate", "-f", "json", "-o", "report.json", cwd=workspace)
    assert result.code == 0 and result.out == ""
    assert json.loads((workspace / "report.json").read_text())["summary"]["errors"] == 0


def test_unknown_option_is_usage_error(workspace: Path) -> None:
    result = run_cli("validate", "--frobnicate", cwd=workspace)
    assert result.code == 2 and "No such option" in result.err


def test_rules_lists_every_code() -> None:
    from journeymap import codes
    from journeymap.rules import RULES

    out = run_cli("rules").out
    assert [line.split()[0] for line in out.splitlines()] == list(codes.ALL)
    semantic = [c for c in codes.ALL if c.startswith("JM1")]
    assert list(RULES) == semantic  # every semantic code has its rule module, and only those


def test_example_workspace_is_clean() -> None:
    result = run_cli("validate", "--strict", cwd=REPO)
    assert result.code == 0, result.out
    assert "13 files checked" in result.out  # journeys, library, actions, sources


def test_output_is_deterministic(workspace: Path) -> None:
    break_owner(workspace)
    runs = {run_cli("validate", "-f", fmt, cwd=workspace).out for fmt in ["sarif"] * 3}
    assert len(runs) == 1


@pytest.mark.parametrize("command", ["validate", "diagram", "gaps", "handbook", "schema",
                                     "init", "rules", "measure", "complaints", "serve"])
def test_help_speaks_the_users_language(command: str) -> None:
    """No Python types (`<bool>`, `<list[Path]>`) and choices whole, at 80 columns."""
    import os

    env = {**os.environ, "COLUMNS": "80"}
    result = subprocess.run([sys.executable, "-m", "journeymap", command, "--help"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0
    assert "<bool>" not in result.stdout and "list[" not in result.stdout
    assert "<path>" not in result.stdout and "<str>" not in result.stdout
    if command == "diagram":
        assert "map|blueprint|chain|lifecycle|all" in result.stdout
    if command == "validate":
        assert "text|json|github|sarif|junit" in result.stdout


def test_two_findings_at_one_place_stay_two_in_sarif_and_junit() -> None:
    """GitHub keys alerts by fingerprint and GitLab keeps one JUnit case per name: two
    findings of one code at one YAML path must differ in both."""
    import json as json_module
    from xml.etree import ElementTree

    from journeymap.findings import Finding, Summary
    from journeymap.reporters import Report, render

    found = [Finding("journeys/a.yaml", 4, 3, "JM010", "first", path="stages.0"),
             Finding("journeys/a.yaml", 4, 3, "JM010", "second", path="stages.0")]
    report = Report(found, Summary.of(found, 1))
    results = json_module.loads(render("sarif", report))["runs"][0]["results"]
    prints = [r["partialFingerprints"]["journeymapFinding/v1"] for r in results]
    assert len(set(prints)) == 2
    cases = ElementTree.fromstring(render("junit", report)).iter("testcase")
    assert [c.get("name") for c in cases] == ["JM010 4:3", "JM010 4:3 (2)"]


def _findings(workspace: Path, *args: str) -> tuple[int, list[tuple[str, int, str]], dict]:
    result = run_cli("validate", "-f", "json", *args, cwd=workspace)
    document = json.loads(result.out)
    return (result.code, [(d["file"], d["line"], d["code"]) for d in document["diagnostics"]],
            document["summary"])


def two_unknown_teams(workspace: Path) -> Path:
    """Two JM102 findings in shop.yaml: line 19 (pay's owner) and line 3 (the journey's)."""
    path = workspace / "journeys" / "shop.yaml"
    path.write_text(path.read_text().replace("owner: ops", "owner: opz")
                    .replace("owner: care", "owner: kare"))
    return path


def test_an_ignore_comment_leaves_out_its_codes_on_its_line(workspace: Path) -> None:
    path = two_unknown_teams(workspace)
    path.write_text(path.read_text().replace("owner: opz", "owner: opz  # journeymap: "
                                             "ignore[JM102]"))
    code, findings, summary = _findings(workspace)
    assert (code, findings) == (1, [("journeys/shop.yaml", 3, "JM102")])
    assert summary["ignored"] == 1
    path.write_text(path.read_text().replace("ignore[JM102]", "ignore[JM110]"))
    assert len(_findings(workspace)[1]) == 2  # another code's comment leaves out nothing


def test_an_ignore_comment_on_its_own_line_covers_the_block_below(workspace: Path) -> None:
    path = two_unknown_teams(workspace)
    path.write_text(path.read_text().replace(
        "      - id: pay\n", "      # journeymap: ignore[JM102, JM110]\n      - id: pay\n"))
    code, findings, summary = _findings(workspace)
    assert (code, findings, summary["ignored"]) == (
        1, [("journeys/shop.yaml", 3, "JM102")], 1)
    result = run_cli("validate", "--color", "never", cwd=workspace)
    assert result.out.splitlines()[-1] == ("Found 1 error, 0 warnings in 2 files (1 ignored by "
                                           "comments).")


def test_a_baseline_keeps_known_findings_out_across_moved_lines(workspace: Path) -> None:
    path = two_unknown_teams(workspace)
    first = run_cli("validate", "--baseline", "known.json", cwd=workspace)
    assert first.code == 0 and "wrote known.json: 2 known finding(s)" in first.err
    written = (workspace / "known.json").read_bytes()
    assert run_cli("validate", "--baseline", "known.json", "--update-baseline",
                   cwd=workspace).code == 0
    assert (workspace / "known.json").read_bytes() == written  # deterministic
    # lines move: both are still known
    path.write_text("# a comment that moves every line down\n" + path.read_text())
    code, findings, summary = _findings(workspace, "--baseline", "known.json")
    assert (code, findings, summary["baselined"], summary["fixed"]) == (0, [], 2, 0)
    # a new finding of the same code elsewhere is reported; a fixed one is counted
    path.write_text(path.read_text().replace("owner: kare", "owner: care")
                    .replace("channel: phone\n", "channel: phone\n        owner: nobody\n"))
    code, findings, summary = _findings(workspace, "--baseline", "known.json")
    assert (code, findings) == (1, [("journeys/shop.yaml", 13, "JM102")])
    assert (summary["baselined"], summary["fixed"]) == (1, 1)
    text = run_cli("validate", "--baseline", "known.json", "--color", "never", cwd=workspace)
    assert text.out.splitlines()[-1] == (
        "Found 1 error, 0 warnings in 2 files (1 known in the baseline, 1 baseline entries "
        "fixed (drop them: --update-baseline)).")


def test_a_baseline_that_is_not_one_is_misuse(workspace: Path) -> None:
    (workspace / "known.json").write_text('{"findings": 3}')
    result = run_cli("validate", "--baseline", "known.json", cwd=workspace)
    assert result.code == 2
    assert "--baseline known.json: not a journeymap baseline (version 1)" in result.err
    assert run_cli("validate", "--update-baseline", cwd=workspace).code == 2


def test_shell_completion_completes_commands_and_options(tmp_path: Path) -> None:
    """What the installed script asks, answered as bash reads it (typer's completion, turned
    on only when a shell asks: tests/test_architecture.py keeps the start fast)."""
    script = [str(Path(sys.executable).parent / "journeymap")]
    env = {"_JOURNEYMAP_COMPLETE": "complete_bash", "COMP_WORDS": "journeymap validate --tra",
           "COMP_CWORD": "2", "PATH": str(Path(sys.executable).parent)}
    done = subprocess.run(script, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["--tracked-only"]
    env.update(COMP_WORDS="journeymap val", COMP_CWORD="1")
    done = subprocess.run(script, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["validate"]
    printed = subprocess.run([*script, "completion", "bash"], capture_output=True, text=True,
                             timeout=60)
    assert printed.returncode == 0 and "_JOURNEYMAP_COMPLETE=complete_bash" in printed.stdout
    home = {**env, "HOME": str(tmp_path)}
    home.pop("_JOURNEYMAP_COMPLETE")
    installed = subprocess.run([*script, "completion", "bash", "--install"], env=home,
                               capture_output=True, text=True, timeout=60)
    assert installed.returncode == 0, installed.stderr
    assert (tmp_path / ".bash_completions" / "journeymap.sh").read_text() == printed.stdout
    assert "source" in (tmp_path / ".bashrc").read_text()
