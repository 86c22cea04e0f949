"""The pre-commit hook as teams use it: real pre-commit, a real git repository, real commits.

Both configurations a team can copy are exercised: this repository as the hook repository
(`.pre-commit-hooks.yaml`, pre-commit installs journeymap itself, as the README shows) and the
local hook that `journeymap init` writes (the journeymap installed where you commit). A commit
that breaks a file it does not touch must fail: a renamed team, a renamed touchpoint another
journey depends on, a deleted library file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import JOURNEY, LIBRARY, REPO

BIN = Path(sys.executable).parent
TEAMS, REST = LIBRARY.split("personas:\n")
PEOPLE, STANDARDS = ("personas:\n" + REST).split("standards:\n")
AFTER = """\
id: after
title: After the sale
owner: care
stages:
  - id: follow-up
    title: Follow-up
    touchpoints:
      - id: receipt
        title: Receipt
        channel: email
        depends_on: [shop/pay]
"""


def run(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One hook environment cache for the module: pre-commit builds it once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def hook_config(kind: str) -> str:
    if kind == "init":
        return (REPO / "src" / "journeymap" / "scaffold" / "pre-commit-config.yaml").read_text()
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout.strip()
    return (f"repos:\n  - repo: {REPO}\n    rev: {rev}\n"
            "    hooks:\n      - id: journeymap-validate\n")


@pytest.fixture(params=["hook-repository", "init"])
def repo(request, tmp_path: Path, pre_commit_home: Path):
    """A team's workspace in git with the hook installed; yields (folder, environment)."""
    root = tmp_path / "team"
    for name, text in {"journeys/shop.yaml": JOURNEY, "journeys/after.yaml": AFTER,
                       "standards/teams.yaml": TEAMS, "standards/people.yaml": PEOPLE,
                       "standards/standards.yaml": "standards:\n" + STANDARDS,
                       ".pre-commit-config.yaml": hook_config(request.param)}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    assert run("git", "init", "-q", "-b", "main", cwd=root, env=env).returncode == 0
    assert run("git", "add", ".", cwd=root, env=env).returncode == 0
    installed = run(BIN / "pre-commit", "install", cwd=root, env=env)
    assert installed.returncode == 0, installed.stderr
    first = run("git", "commit", "-q", "-m", "workspace", cwd=root, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    yield root, env


def commit(root: Path, env: dict[str, str]) -> tuple[int, str]:
    """git commit's exit code and everything it printed (the hook writes to stderr)."""
    result = run("git", "commit", "-m", "change", cwd=root, env=env)
    return result.returncode, result.stdout + result.stderr


def edit_and_commit(repo, name: str, old: str, new: str) -> tuple[int, str]:
    """Change one file, stage only it, and commit, as a team member would."""
    root, env = repo
    path = root / name
    path.write_text(path.read_text().replace(old, new))
    run("git", "add", name, cwd=root, env=env)
    return commit(root, env)


def test_a_clean_change_passes(repo) -> None:
    code, output = edit_and_commit(repo, "journeys/shop.yaml", "title: Shop", "title: Our shop")
    assert code == 0, output
    assert "journeymap validate" in output and "Passed" in output


def test_a_renamed_team_breaks_journeys_it_did_not_touch(repo) -> None:
    code, output = edit_and_commit(repo, "standards/teams.yaml", "id: ops", "id: operations")
    assert code != 0
    assert "journeys/shop.yaml:19:16: JM102 error: unknown team 'ops'" in output
    assert "Failed" in output


def test_a_renamed_touchpoint_breaks_another_journeys_depends_on(repo) -> None:
    code, output = edit_and_commit(repo, "journeys/shop.yaml", "- id: pay", "- id: payment")
    assert code != 0
    assert "journeys/after.yaml:11:22: JM102 error: depends_on: journey 'shop' has no " \
           "touchpoint 'pay'" in output


def test_a_deleted_library_file_fails_the_commit(repo) -> None:
    root, env = repo
    run("git", "rm", "-q", "standards/people.yaml", cwd=root, env=env)
    code, output = commit(root, env)
    assert code != 0
    assert "journeys/shop.yaml:4:12: JM102 error: unknown persona 'shopper'" in output


def test_an_untracked_draft_does_not_block_a_commit(repo) -> None:
    """The hook judges the commit: a file git does not track is not part of it."""
    root, _ = repo
    (root / "journeys" / "draft.yaml").write_text("id: draft\ntitle: [unfinished\n")
    code, output = edit_and_commit(repo, "journeys/shop.yaml", "title: Shop", "title: Our shop")
    assert code == 0, output


def test_a_commit_that_needs_an_untracked_file_is_refused(repo) -> None:
    """A fresh clone of this commit would fail: the team it names is only in a file that
    was never added."""
    root, _ = repo
    (root / "standards" / "more-teams.yaml").write_text(
        "teams:\n  - id: logistics\n    name: Logistics\n")
    code, output = edit_and_commit(repo, "journeys/after.yaml", "owner: care",
                                   "owner: logistics")
    assert code != 0
    assert "journeys/after.yaml:3:8: JM102 error: unknown team 'logistics'" in output


def test_a_workspace_in_a_sub_folder_of_the_repository(tmp_path: Path,
                                                        pre_commit_home: Path) -> None:
    """A monorepo: `journeymap init cx` writes the hook at the repository's top, and the
    hook checks cx/ from there, naming files from the top."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    root = tmp_path / "monorepo"
    (root / "app").mkdir(parents=True)
    (root / "app" / "main.py").write_text("print('hello')\n")
    assert run("git", "init", "-q", "-b", "main", cwd=root, env=env).returncode == 0
    created = run(BIN / "journeymap", "init", "cx", cwd=root, env=env)
    assert created.returncode == 0, created.stderr
    assert (root / ".pre-commit-config.yaml").is_file()
    assert not (root / "cx" / ".pre-commit-config.yaml").exists()
    run("git", "add", ".", cwd=root, env=env)
    assert run(BIN / "pre-commit", "install", cwd=root, env=env).returncode == 0
    code, output = commit(root, env)
    assert code == 0, output
    journey = root / "cx" / "journeys" / "first-journey.yaml"
    journey.write_text(journey.read_text().replace("owner: ", "owner: nobody-", 1))
    run("git", "add", ".", cwd=root, env=env)
    code, output = commit(root, env)
    assert code != 0
    assert "cx/journeys/first-journey.yaml:" in output and "JM102 error: unknown team" in output
    # from the top without --root too: the one workspace in a sub-folder is found
    sarif = run(BIN / "journeymap", "validate", "-f", "sarif", cwd=root, env=env)
    assert '"uri": "cx/journeys/first-journey.yaml"' in sarif.stdout
    # and from inside it, CI paths are still named from the repository's top
    github = run(BIN / "journeymap", "validate", "-f", "github", cwd=root / "cx", env=env)
    assert "::error file=cx/journeys/first-journey.yaml,line=" in github.stdout


def test_the_hook_definition_is_what_the_readme_promises() -> None:
    import yaml

    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert (hook["pass_filenames"], hook["always_run"]) == (False, True)
    assert hook["entry"] == "journeymap validate --tracked-only"
    # the README shows the hook `init` writes, as it writes it
    scaffold = yaml.safe_load(hook_config("init"))
    readme = (REPO / "README.md").read_text()
    blocks = [yaml.safe_load(b.split("```")[0]) for b in readme.split("```yaml\n")[1:]]
    assert scaffold in blocks
