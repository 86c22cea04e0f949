"""`journeymap schema` is valid JSON Schema and agrees with the loader; `init` starts clean."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from journeymap.loader.yamlsafe import Limits, load
from tests.conftest import REPO, run_cli


@pytest.mark.parametrize("kind", ["journey", "library"])
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = json.loads(run_cli("schema", "--kind", kind).out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:journeymap:schema:{kind}:v1"
    jsonschema.Draft202012Validator.check_schema(schema)


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(run_cli("schema", "--kind", kind).out))


def test_examples_match_the_schema() -> None:
    journey, library = _validator("journey"), _validator("library")
    journeys = sorted((REPO / "journeys").glob("*.yaml"))
    libraries = sorted((REPO / "standards").glob("*.yaml"))
    assert len(journeys) >= 5 and len(libraries) >= 4  # an empty glob checks nothing
    # read as editors read them, YAML 1.2: a date is text (PyYAML's 1.1 makes it a date)
    for path in journeys:
        journey.validate(load(path.read_bytes(), Limits())[1])
    for path in libraries:
        library.validate(load(path.read_bytes(), Limits())[1])


def test_schema_catches_what_editors_should_underline() -> None:
    journey = _validator("journey")
    base = yaml.safe_load((REPO / "journeys" / "broadband-onboarding.yaml").read_text())
    touchpoint = base["stages"][0]["touchpoints"][0]
    for key, value in [("titel", "x"), ("channel", "pigeon"), ("emotion", 9),
                       ("lane", "upstairs")]:
        broken = json.loads(json.dumps(base))
        broken["stages"][0]["touchpoints"][0] = {**touchpoint, key: value}
        assert list(journey.iter_errors(broken)), key
    broken = json.loads(json.dumps(base))
    broken["stages"][0]["touchpoints"][0]["standards"][0]["target"] = "soon"
    assert list(journey.iter_errors(broken))


def test_schema_output_dir(tmp_path: Path) -> None:
    result = run_cli("schema", "--output-dir", tmp_path / ".journeymap")
    assert result.code == 0
    assert sorted(p.name for p in (tmp_path / ".journeymap").iterdir()) == [
        "journey.schema.json", "library.schema.json"]


def test_init_creates_a_clean_workspace(tmp_path: Path) -> None:
    assert run_cli("init", "ws", cwd=tmp_path).code == 0
    result = run_cli("validate", "--strict", cwd=tmp_path / "ws")
    assert result.code == 0, result.out
    assert (tmp_path / "ws" / ".journeymap" / "journey.schema.json").is_file()
    assert (tmp_path / "ws" / ".pre-commit-config.yaml").is_file()


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "journeymap.toml").write_text("# mine\n")
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 2 and "refusing to overwrite" in result.err
    assert (tmp_path / "journeymap.toml").read_text() == "# mine\n"
    assert not (tmp_path / "journeys").exists()


TOUCHPOINT_VARIANTS = [
    "emotion: 3", 'emotion: "3"', "emotion: true", "emotion: 9", "emotion: 2.5",
    'moment_of_truth: "why"', "moment_of_truth: true", "moment_of_truth: 1",
    "standards: [{id: S, target: '<= 5 min'}]",
    "standards: [{id: S, target: '" + "<= 5" + " " * 70 + "min'}]",
    "standards: [{id: S, target: {op: '<=', value: 5, unit: min}}]",
    "standards: [{id: S, target: {op: '<=', value: 1.0e+16}}]",
    "standards: [{id: S, target: {op: '<=', value: 5, unit: " + "x" * 70 + "}}]",
    "standards: [{id: S, target: {op: 'lt', value: 5}}]",
    "standards: [{use: answer-fast, target: '>= 85 %'}]",
    "depends_on: [other/tp]", "depends_on: ['a b']", "needs: [1]", "lane: sideways",
]


@pytest.mark.parametrize("variant", TOUCHPOINT_VARIANTS)
def test_schema_and_validate_accept_the_same_files(variant: str, tmp_path: Path) -> None:
    """Shape only: the exported schema accepts a file exactly when validate finds no shape
    problem in it (JM0xx, and JM108, the emotion range the schema states as min/max); the
    JSON Schema cannot know cross-file rules such as unknown teams."""
    import jsonschema
    import yaml

    text = ("id: shop\ntitle: Shop\nowner: care\nstages:\n  - id: s\n    title: S\n"
            "    touchpoints:\n      - id: t\n        title: T\n        channel: web\n"
            f"        {variant}\n")
    (tmp_path / "j.yaml").write_text(text)
    schema = json.loads(run_cli("schema", cwd=tmp_path).out)
    schema_ok = jsonschema.Draft202012Validator(schema).is_valid(yaml.safe_load(text))
    found = json.loads(run_cli("validate", "-f", "json", "j.yaml", cwd=tmp_path).out)
    shape_ok = not [d for d in found["diagnostics"] if d["code"] < "JM100" or
                    d["code"] == "JM108"]
    assert schema_ok == shape_ok, found["diagnostics"]


def test_a_new_workspace_validates_from_its_own_folder(tmp_path: Path) -> None:
    """`validate .` right after `init`: the hook's `.pre-commit-config.yaml` (a hidden file)
    is not read as a journey."""
    assert run_cli("init", tmp_path / "ws").code == 0
    result = run_cli("validate", "--no-cache", ".", cwd=tmp_path / "ws")
    assert result.code == 0 and result.out.startswith("All clear"), result.text
