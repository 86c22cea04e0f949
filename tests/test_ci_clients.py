"""The outputs CI systems read, checked by the real clients teams use, not by our reading:

- SARIF: the OASIS SARIF 2.1.0 schema, and the Microsoft SARIF multitool with its GitHub
  rules (what GitHub code scanning requires);
- JUnit: junitparser, the parser behind many CI report tools;
- Mermaid: mermaid-cli rendering in Chromium, for every example journey and a hostile one;
- the JSON Schemas `journeymap schema` exports: ajv in strict mode, and every example file
  validated by ajv against them.

The npm tools are installed by .ci/run (JOURNEYMAP_NODE_TOOLS names their node_modules);
without them these tests skip, saying why, except in CI (JOURNEYMAP_REQUIRE_TOOLS=1).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from journeymap.loader.yamlsafe import Limits, load
from tests.conftest import JOURNEY, LIBRARY, REPO, copy_example, run_cli

NODE_TOOLS = Path(os.environ.get("JOURNEYMAP_NODE_TOOLS", REPO / ".ci" / "tools" /
                                 "node_modules"))
REQUIRE_TOOLS = os.environ.get("JOURNEYMAP_REQUIRE_TOOLS") == "1"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def tool(relative: str) -> Path:
    path = NODE_TOOLS / relative
    if not path.exists():
        message = f"{relative} is not installed (.ci/run installs it with npm)"
        if REQUIRE_TOOLS:
            pytest.fail(message)
        pytest.skip(message)
    return path


def broken_workspace(root: Path) -> Path:
    (root / "journeys").mkdir()
    (root / "standards").mkdir()
    (root / "journeys" / "shop.yaml").write_text(JOURNEY.replace("owner: ops", "owner: opz"))
    (root / "standards" / "library.yaml").write_text(LIBRARY)
    (root / "standards" / "empty.yaml").write_text("# nothing yet\n")
    (root / "journeys" / "odd name #1.yaml").write_text("id: x\nstages: 5\n")
    return root


def test_sarif_passes_the_oasis_schema_and_githubs_rules(tmp_path: Path) -> None:
    import jsonschema

    schema_file = tool("@microsoft/sarif-multitool-linux/sarif-2.1.0.json")
    ws = broken_workspace(tmp_path)
    result = run_cli("validate", "-f", "sarif", "-o", "out.sarif", cwd=ws)
    assert result.code == 1
    document = json.loads((ws / "out.sarif").read_text())
    assert len(document["runs"][0]["results"]) == 4
    schema = json.loads(schema_file.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(document)

    multitool = tool("@microsoft/sarif-multitool-linux/Sarif.Multitool")
    checked = subprocess.run([str(multitool), "validate", str(ws / "out.sarif"),
                              "--rule-kind", "Gh;Sarif"],
                             capture_output=True, text=True, timeout=300)
    assert "Analysis completed successfully" in checked.stdout, checked.stdout + checked.stderr
    problems = re.findall(r": (error|warning) ([A-Z]+\d+): (.*)", checked.stdout)
    assert [p for p in problems if p[0] == "error"] == []
    # Only the tool's home page is missing until the settings name where the docs are served
    assert {code for _, code, _ in problems} <= {"SARIF2005"}
    (ws / "journeymap.toml").write_text('docs_url = "https://cx.example.org/journeymap"\n')
    run_cli("validate", "-f", "sarif", "-o", "out.sarif", cwd=ws)
    driver = json.loads((ws / "out.sarif").read_text())["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://cx.example.org/journeymap/"
    assert {r["helpUri"] for r in driver["rules"] if r["id"] == "JM102"} == {
        "https://cx.example.org/journeymap/rules/#jm102"}
    checked = subprocess.run([str(multitool), "validate", str(ws / "out.sarif"),
                              "--rule-kind", "Gh;Sarif"],
                             capture_output=True, text=True, timeout=300)
    assert re.findall(r": (error|warning) ([A-Z]+\d+): (.*)", checked.stdout) == []


def test_junit_reads_in_junitparser(tmp_path: Path) -> None:
    from junitparser import Failure, JUnitXml

    ws = broken_workspace(tmp_path)
    (ws / "journeys" / "ctl\x07.yaml").write_text("id: [\n")
    run_cli("validate", "-f", "junit", "-o", "out.xml", cwd=ws)
    report = JUnitXml.fromfile(str(ws / "out.xml"))
    cases = [(suite.name, case.name, [type(r).__name__ for r in case.result])
             for suite in report for case in suite]
    failed = [(suite, name) for suite, name, results in cases if "Failure" in results]
    assert len(failed) == 5 and len(cases) == 6
    assert ("journeys/shop.yaml", "JM102 19:16") in failed
    [failure] = next(case.result for suite in report for case in suite
                     if case.name == "JM102 19:16")
    assert isinstance(failure, Failure) and failure.type == "JM102"


def test_junit_under_strict_fails_warnings_and_gitlab_names_each_cases_file(
        tmp_path: Path) -> None:
    """--strict exits 1 on a warning, so the warning fails in JUnit too; the `gitlab` format
    puts the file (from the repository's top) on every case, where GitLab reads it."""
    from junitparser import Failure, JUnitXml

    ws = tmp_path / "cx"
    (ws / "journeys").mkdir(parents=True)
    (ws / "standards").mkdir()
    (tmp_path / ".git").mkdir()  # the repository's top
    (ws / "standards" / "library.yaml").write_text(LIBRARY)
    (ws / "journeymap.toml").write_text('[rules]\nJM102 = "warning"\n')
    (ws / "journeys" / "shop.yaml").write_text(JOURNEY.replace("owner: ops", "owner: opz"))

    def cases(*args: str) -> list[tuple[str | None, list, int]]:
        result = run_cli("validate", *args, "-o", "out.xml", cwd=ws)
        report = JUnitXml.fromfile(str(ws / "out.xml"))
        return [(case._elem.get("file"), [type(r) for r in case.result], result.code)
                for suite in report for case in suite if case.name.startswith("JM102")]

    assert cases("-f", "junit") == [(None, [], 0)]
    assert cases("-f", "junit", "--strict") == [(None, [Failure], 1)]
    assert cases("-f", "gitlab", "--strict") == [("cx/journeys/shop.yaml", [Failure], 1)]


def mermaid(source: str, folder: Path) -> str:
    mmdc = tool(".bin/mmdc")
    if CHROMIUM is None:
        pytest.fail("mermaid-cli needs Chromium (.ci/run installs it)") if REQUIRE_TOOLS \
            else pytest.skip("Chromium is not installed")
    config = folder / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": CHROMIUM,
                                  "args": ["--no-sandbox", "--disable-gpu"]}))
    (folder / "in.mmd").write_text(source)
    result = subprocess.run([str(mmdc), "-p", str(config), "-i", str(folder / "in.mmd"),
                             "-o", str(folder / "out.svg"), "-q"],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    return (folder / "out.svg").read_text()


HOSTILE = """\
id: hostile
title: "Title transfer #1: the %% tricky; journey"
owner: contact-centre
stages:
  - id: s1
    title: "Section 21 notice"
    touchpoints:
      - {id: t1, title: "Call #2: follow-up", channel: phone}
      - {id: t2, title: "Title transfer confirmation", channel: web}
      - {id: t3, title: "section of the form; 100%% done", channel: web}
      - {id: t4, title: "accTitle: trick", channel: web}
  - id: s2
    title: "journey end"
    touchpoints:
      - {id: t5, title: "Plain", channel: web, owner: north, emotion: 4}
"""


@pytest.mark.parametrize("journey", ["broadband-onboarding", "fault-repair",
                                     "broadband-complaint", "hostile"])
def test_mermaid_output_renders_every_task(journey: str, tmp_path: Path) -> None:
    ws = copy_example(tmp_path / "ws")
    (ws / "journeys" / "hostile.yaml").write_text(HOSTILE)
    (ws / "standards" / "hostile-teams.yaml").write_text(
        'teams:\n  - {id: north, name: "Sales, North; East"}\n')
    result = run_cli("diagram", "-j", journey, "-f", "mermaid", "-o", "out.mmd", cwd=ws)
    assert result.code == 0, result.text
    svg = mermaid((ws / "out.mmd").read_text(), tmp_path)
    data = yaml.safe_load((ws / "journeys" / f"{journey}.yaml").read_text())
    titles = [tp["title"] for stage in data["stages"] for tp in stage["touchpoints"]]
    drawn = re.sub(r"\s|\u2060", "", " ".join(re.findall(r">([^<>]+)<", svg)))
    for title in titles:  # every task is drawn, as written but for the look-alikes
        shown = title.replace(":", "꞉").replace("#", "＃").replace(";", "；")
        assert re.sub(r"\s", "", shown.replace("%%", "％％")) in drawn, title
    if journey == "hostile":  # a team's name keeps its `,` and `;`; no feeling is invented
        assert "Sales‚North；East" in drawn
        assert drawn.count("(feelingnotset)") == 2 * 4  # Mermaid writes each task twice


def test_exported_schemas_pass_ajv_strict_and_accept_the_examples(tmp_path: Path) -> None:
    ajv = tool(".bin/ajv")
    run_cli("schema", "--output-dir", tmp_path, cwd=REPO)
    for kind in ("journey", "library"):
        compiled = subprocess.run([str(ajv), "compile", "--spec=draft2020", "--strict=true",
                                   "-s", str(tmp_path / f"{kind}.schema.json")],
                                  capture_output=True, text=True, timeout=120)
        assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    examples = sorted([*REPO.glob("journeys/*.yaml"), *REPO.glob("standards/*.yaml")])
    assert len(examples) >= 9  # an empty glob would check nothing
    for path in examples:
        kind = "journey" if path.parent.name == "journeys" else "library"
        data = tmp_path / f"{path.stem}.json"
        # YAML 1.2, as editors read it: a date is text
        data.write_text(json.dumps(load(path.read_bytes(), Limits())[1]))
        checked = subprocess.run([str(ajv), "validate", "--spec=draft2020", "--strict=true",
                                  "-s", str(tmp_path / f"{kind}.schema.json"), "-d", str(data)],
                                 capture_output=True, text=True, timeout=120)
        assert checked.returncode == 0, (path.name, checked.stdout + checked.stderr)


def test_committed_schemas_match_the_exported_ones(tmp_path: Path) -> None:
    """The example files' modelines point at .journeymap/*.schema.json: keep them current."""
    run_cli("schema", "--output-dir", tmp_path, cwd=REPO)
    for kind in ("journey", "library"):
        assert (REPO / ".journeymap" / f"{kind}.schema.json").read_text() == \
            (tmp_path / f"{kind}.schema.json").read_text()
