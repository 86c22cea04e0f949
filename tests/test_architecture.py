"""The shape of the code: imports flow one way, registries drive the CLI, and the core never
reads the current folder behind the CLI's back."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

SOURCE = REPO / "src" / "journeymap"


def test_imports_flow_one_way_and_have_no_cycles() -> None:
    """import-linter checks the contracts in pyproject.toml (imports inside functions too)."""
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter), "--config", str(REPO / "pyproject.toml")],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_only_the_cli_reads_the_current_folder() -> None:
    readers = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr in ("cwd", "getcwd"):
                readers.append(path.relative_to(SOURCE).as_posix())
    assert set(readers) == {"cli.py"}


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
