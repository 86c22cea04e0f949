"""The shape of the code: imports flow one way, registries drive the CLI, and the core never
reads the current folder behind the CLI's back."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

SOURCE = REPO / "src" / "journeymap"


def test_imports_flow_one_way_and_have_no_cycles() -> None:
    """import-linter checks the contracts in pyproject.toml (imports inside functions too)."""
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter), str(REPO / "pyproject.toml")],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_only_the_cli_reads_the_current_folder() -> None:
    """The core takes folders as arguments; the CLI and the cache of its validate runs (whose
    entries are named by the folder a run starts in) are the two places that ask."""
    readers = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr in ("cwd", "getcwd"):
                readers.append(path.relative_to(SOURCE).as_posix())
    assert {path.split("/")[0] for path in readers} == {"cli", "runcache.py"}


def test_no_code_literals_outside_the_catalogue() -> None:
    """A code is defined once, in journeymap/codes.py; everyone else names it from there."""
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    len(node.value) == 5 and node.value.startswith("JM") and \
                    node.value[2:].isdigit():
                offenders.append(f"{path.relative_to(SOURCE)}:{node.lineno} {node.value}")
    assert offenders == []


def test_cli_choices_come_from_the_registries() -> None:
    from journeymap import cli
    from journeymap.diagrams import FORMATS, VIEWS
    from journeymap.gaps import FORMATS as GAP_FORMATS
    from journeymap.reporters import REPORTERS

    assert [m.value for m in cli.ValidateFormat] == list(REPORTERS)
    assert [m.value for m in cli.View] == [*VIEWS, "all"]
    assert [m.value for m in cli.DiagramFormat] == list(FORMATS)
    assert [m.value for m in cli.GapsFormat] == list(GAP_FORMATS)


IMPORTED_BY = """
import sys
sys.argv = ["journeymap", *sys.argv[1:]]
from journeymap.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.write("\\n" + " ".join(sorted(m for m in sys.modules if "." not in m)))
"""


def _top_modules(*args: str, cwd: Path | None = None) -> set[str]:
    """The top-level modules a command imports, in a fresh process."""
    done = subprocess.run([sys.executable, "-c", IMPORTED_BY, *args], capture_output=True,
                          text=True, check=True, cwd=cwd)
    return set(done.stdout.splitlines()[-1].split())


@pytest.mark.parametrize("args", [["rules"], ["--version"], ["rules", "--help"], ["--help"]])
def test_commands_that_need_no_models_start_without_pydantic_or_rich(args: list[str]) -> None:
    """Start-up is what pre-commit and every quick command pay: what a command does not use
    is not imported (typer would otherwise import pydantic for an absent --help flag)."""
    modules = _top_modules(*args)
    assert "typer" in modules
    assert not modules & {"pydantic", "pydantic_core", "rich", "jinja2", "graphviz"}, modules


def test_validate_starts_without_rich_or_renderers(tmp_path: Path) -> None:
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "a.yaml").write_bytes(
        (REPO / "journeys" / "broadband-onboarding.yaml").read_bytes())
    modules = _top_modules("validate", "--select", "JM0", cwd=tmp_path)
    assert "yaml" in modules and "pydantic" in modules
    assert not modules & {"rich", "jinja2", "graphviz", "wasmtime"}, modules


@pytest.mark.parametrize("args", [["--version"], ["rules"]])
def test_the_command_answers_version_and_rules_without_typer(args: list[str]) -> None:
    """`journeymap --version` and `rules` are answered by the launcher before typer loads
    (journeymap.__main__), with exactly the text and exit code of the CLI's own commands."""
    probe = ("import atexit, runpy, sys\n"
             "atexit.register(lambda: sys.stderr.write(str(sorted({m.split('.')[0] for m in "
             "sys.modules} & {'typer', 'click', 'pydantic', 'yaml', 'rich'}))))\n"
             "sys.argv = ['journeymap', *sys.argv[1:]]\n"
             "runpy.run_module('journeymap', run_name='__main__', alter_sys=True)\n")
    launched = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True,
                              text=True, timeout=60)
    through_the_cli = run_cli(*args)
    assert (launched.returncode, launched.stdout) == (0, through_the_cli.out)
    assert through_the_cli.code == 0 and through_the_cli.out.startswith(("journeymap ", "JM001"))
    assert launched.stderr == "[]"



def test_the_core_layers_type_check() -> None:
    """mypy over the modules pyproject.toml enables (the core layers, strictly): a type error
    there fails CI, not a user."""
    result = subprocess.run([sys.executable, "-m", "mypy"], capture_output=True, text=True,
                            cwd=REPO, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")
