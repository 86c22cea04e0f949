"""The documentation: the site builds with mkdocs in strict mode (a broken link or anchor
fails it), the rules page is current, every rule's SARIF `helpUri` anchor exists, the Python
API's docstrings are rendered, and the README stays a front door."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap import codes
from tests.conftest import REPO

MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]  # not --quiet: it hides
# the warnings strict mode counts
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(root: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*MKDOCS, "-f", str(root / "mkdocs.yml"), "-d", str(site)],
                          cwd=root, capture_output=True, text=True, timeout=600, env=ENV)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    done = build(REPO, out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_every_rule_has_its_anchor_on_the_rules_page(site: Path) -> None:
    page = (site / "rules" / "index.html").read_text()
    for code in codes.ALL:
        assert f'id="{code.lower()}"' in page, code


def test_the_python_api_is_rendered_from_its_docstrings(site: Path) -> None:
    page = (site / "api" / "index.html").read_text()
    for name in ("load_workspace", "validate", "standard_statuses", "gap_report"):
        assert f'id="journeymap.api.{name}"' in page, name
    assert "the files git does not track are left out" in page


def test_the_rules_page_is_current() -> None:
    """`python -c "from journeymap import codes; print(codes.reference(), end='')" >
    docs/rules.md` writes it."""
    assert (REPO / "docs" / "rules.md").read_text() == codes.reference()


def test_a_broken_link_fails_the_build(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "CHANGELOG.md", "src"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    page = tmp_path / "docs" / "ci.md"
    page.write_text(page.read_text() + "\nSee [the settings](settings.md#no-such-part).\n")
    done = build(tmp_path, tmp_path / "site")
    assert done.returncode == 1
    assert "no-such-part" in done.stdout + done.stderr


def test_the_readme_is_a_front_door() -> None:
    readme = (REPO / "README.md").read_text()
    assert len(readme.splitlines()) <= 250
    headings = [line for line in readme.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Set-up"


def test_a_release_names_one_version_everywhere() -> None:
    """pyproject.toml, `journeymap --version` and the changelog's newest entry (unless it is
    still "Unreleased") agree."""
    import tomllib

    from journeymap import __version__

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["version"] == __version__
    newest = next(line for line in (REPO / "CHANGELOG.md").read_text().splitlines()
                  if line.startswith("## "))
    assert newest.startswith(("## Unreleased", f"## {__version__} ")), newest
