"""Input meant to crash, hang or exhaust the validator: each is a clear finding, exit 1."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

from journeymap.loader import yamlsafe
from tests.conftest import copy_example, run_cli

BOMB = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


def diagnostics(result) -> list[dict]:
    return json.loads(result.out)["diagnostics"]


def test_alias_bomb_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_text("stages:\n  - " + BOMB.replace("\n", "\n    "))
    tracemalloc.start()
    result = run_cli("validate", "-f", "json", "bomb.yaml", cwd=tmp_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.code == 1
    assert [d["code"] for d in diagnostics(result)] == ["JM004"]
    assert "alias" in diagnostics(result)[0]["message"]
    assert peak < 50 * 1024 * 1024  # 9**10 expanded nodes would need gigabytes


def test_deep_nesting_does_not_crash_the_process(tmp_path: Path) -> None:
    """libyaml's composer overflows the C stack near 50,000 `[`: run in a child to see it."""
    (tmp_path / "deep.yaml").write_text("[" * 100_000)
    result = subprocess.run(
        [sys.executable, "-m", "journeymap", "validate", "-f", "json", "deep.yaml"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1, result.stderr
    found = json.loads(result.stdout)["diagnostics"]
    assert found[0]["code"] == "JM004" and "nesting deeper than 64" in found[0]["message"]
    # PyYAML >= 6.0.3's libyaml stops flow nesting itself at 1,000 levels while scanning
    # ahead, before the event stream reaches level 65; the finding is still JM004, on line 1.
    assert found[0]["line"] == 1


def test_deep_block_nesting_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "deep.yaml").write_text("- " * 100_000 + "x\n")
    result = run_cli("validate", "-f", "json", "deep.yaml", cwd=tmp_path)
    assert result.code == 1
    assert diagnostics(result)[0]["code"] == "JM004"


def test_ten_megabyte_file_is_refused_by_size(tmp_path: Path) -> None:
    (tmp_path / "huge.yaml").write_text("id: x\n" + "# padding\n" * 1_000_000)
    result = run_cli("validate", "-f", "json", "huge.yaml", cwd=tmp_path)
    assert result.code == 1
    [finding] = diagnostics(result)
    assert finding["code"] == "JM004" and "10.0 MB" in finding["message"]


def test_size_limit_is_a_setting(tmp_path: Path) -> None:
    (tmp_path / "journeymap.toml").write_text("[limits]\nmax_file_bytes = 100\n")
    (tmp_path / "a.yaml").write_text("id: x\n" * 50)
    result = run_cli("validate", "-f", "json", "a.yaml", cwd=tmp_path)
    assert "limits.max_file_bytes" in diagnostics(result)[0]["message"]


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes(b"id: x\ntitle: caf\xe9\n")
    result = run_cli("validate", "-f", "json", "bad.yaml", cwd=tmp_path)
    assert result.code == 1
    [finding] = diagnostics(result)
    assert (finding["code"], finding["line"], finding["column"]) == ("JM005", 2, 11)


def test_utf16_is_named(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes("id: x\n".encode("utf-16"))
    result = run_cli("validate", "-f", "json", "bad.yaml", cwd=tmp_path)
    assert "UTF-16" in diagnostics(result)[0]["message"]


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("# nothing yet\n")
    result = run_cli("validate", "-f", "json", "empty.yaml", cwd=tmp_path)
    assert result.code == 1
    assert diagnostics(result)[0]["message"] == "file is empty"


def test_folder_without_yaml(tmp_path: Path) -> None:
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "notes.txt").write_text("hello")
    result = run_cli("validate", "journeys", cwd=tmp_path)
    assert result.code == 1
    assert "journeys: JM006 error: no YAML files" in result.out


def test_missing_path_is_misuse(tmp_path: Path) -> None:
    result = run_cli("validate", "nope.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "nope.yaml: no such file or folder" in result.err


def test_bom_and_crlf_are_fine(workspace: Path) -> None:
    path = workspace / "journeys" / "shop.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = run_cli("validate", cwd=workspace)
    assert result.code == 0, result.text


def test_bom_and_crlf_keep_positions(workspace: Path) -> None:
    path = workspace / "journeys" / "shop.yaml"
    text = path.read_text().replace("owner: ops", "owner: opz")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = run_cli("validate", "-f", "json", cwd=workspace)
    [finding] = diagnostics(result)
    assert (finding["line"], finding["column"]) == (19, 16)


def test_yaml_12_scalars() -> None:
    _, data = yamlsafe.load(b"a: no\nb: on\nc: 1:30\nd: 017\ne: y\nf: true\ng: 2026-01-02\n",
                            yamlsafe.Limits())
    assert data == {"a": "no", "b": "on", "c": "1:30", "d": 17, "e": "y", "f": True,
                    "g": "2026-01-02"}


def test_merge_keys_work_and_duplicates_are_still_caught() -> None:
    _, data = yamlsafe.load(b"b: &b {x: 1, y: 2}\nm:\n  <<: *b\n  x: 3\n", yamlsafe.Limits())
    assert data["m"] == {"x": 3, "y": 2}
    try:
        yamlsafe.load(b"b: &b {x: 1}\nm:\n  <<: *b\n  z: 1\n  z: 2\n", yamlsafe.Limits())
    except yamlsafe.YamlProblem as problem:
        assert (problem.code, problem.line, problem.column) == ("JM002", 5, 3)
    else:
        raise AssertionError("duplicate key not caught")


def test_one_bad_file_does_not_hide_the_others(workspace: Path) -> None:
    (workspace / "journeys" / "broken.yaml").write_text("id: [\n")
    (workspace / "journeys" / "other.yaml").write_text(
        "id: other\ntitle: Other\nowner: nobody\nstages: []\n")
    result = run_cli("validate", "-f", "json", "journeys", cwd=workspace)
    files = {d["file"] for d in diagnostics(result)}
    assert files == {"journeys/broken.yaml", "journeys/other.yaml"}


def test_a_broken_file_is_named_only_where_it_could_define_the_name(workspace: Path) -> None:
    """A broken journey cannot define a team, but it can hold a touchpoint."""
    (workspace / "journeys" / "broken.yaml").write_text('id: other\nstages:\n  - "oops\n')
    path = workspace / "journeys" / "shop.yaml"
    path.write_text(path.read_text().replace("owner: ops", "owner: opz")
                    .replace("depends_on: [call]", "depends_on: [call, other/x]"))
    found = diagnostics(run_cli("validate", "-f", "json", cwd=workspace))
    assert [(d["file"], d["code"]) for d in found] == [
        ("journeys/broken.yaml", "JM001"),  # the cause first, with what it hides
        ("journeys/shop.yaml", "JM102"),  # the team: no broken file could define it
    ]
    assert found[0]["message"].endswith(
        "(1 reference to names it may define could not be checked until it loads)")
    assert "unknown team 'opz'" in found[1]["message"]
    assert "did not load" not in found[1]["message"]


def test_one_mistake_reads_as_one_error(tmp_path: Path) -> None:
    """A tab in the teams file of the example: the cause, once, not one error per journey."""
    ws = copy_example(tmp_path)
    teams = ws / "standards" / "teams.yaml"
    teams.write_text(teams.read_text().replace("  - id: contact-centre", "\t- id: contact-centre"))
    for fmt in ("json", "sarif"):
        result = run_cli("validate", "-f", fmt, cwd=ws)
        assert result.code == 1
    found = diagnostics(run_cli("validate", "-f", "json", cwd=ws))
    assert [(d["file"], d["code"]) for d in found] == [("standards/teams.yaml", "JM001")]
    assert "tab character" in found[0]["message"]
    assert re.search(r"\((\d+) references to names it may define could not be checked",
                     found[0]["message"])


def test_coverage_is_not_judged_while_a_file_is_missing(workspace: Path) -> None:
    """JM109 asks whether any journey has a complaint touchpoint: unknowable with one broken."""
    (workspace / "standards" / "policy.yaml").write_text(
        "complaints:\n  channels: [phone]\n")
    (workspace / "journeys" / "complaints.yaml").write_text("id: c\nstages: [\n")
    found = diagnostics(run_cli("validate", "-f", "json", cwd=workspace))
    assert [(d["file"], d["code"]) for d in found] == [("journeys/complaints.yaml", "JM001")]


def test_the_not_xml_pattern_is_exactly_what_xml_forbids() -> None:
    """textsafe strips what XML 1.0's Char production leaves out, checked at every code
    point against the production itself."""
    import sys

    from journeymap.textsafe import _NOT_XML

    def allowed(c: int) -> bool:
        return c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD \
            or 0x10000 <= c <= 0x10FFFF

    wrong = [hex(c) for c in range(sys.maxunicode + 1)
             if bool(_NOT_XML.match(chr(c))) == allowed(c)]
    assert wrong == []
