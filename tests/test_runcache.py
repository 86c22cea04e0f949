"""The cache of validate results (journeymap.runcache) can never hide an error.

Each test stores a result, then makes the stored output a marker (`REPLAYED`, exit 7), so a
replay is visible; after any change to what the run rests on, the next run must be a full
check that reports the change, never the marker.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from journeymap import inputs, runcache
from tests.conftest import run_cli

MARKER = "REPLAYED\n"


def validate(cwd: Path, *args: str, cache: Path, **env: str) -> subprocess.CompletedProcess:
    """`journeymap validate ARGS` in a fresh process, with its cache in `cache`."""
    return subprocess.run([sys.executable, "-m", "journeymap", "validate", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "JOURNEYMAP_CACHE_DIR": str(cache),
                               "XDG_STATE_HOME": str(state(cache)), **env})


def state(cache: Path) -> Path:
    """The user's state folder of a test's cache (where the signing key is kept)."""
    return cache.parent / "state"


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.entry"))


def key(cache: Path) -> bytes:
    return (state(cache) / "journeymap" / "cache.key").read_bytes()


def stored(entry: Path) -> dict:
    """An entry's body (after its signature line)."""
    return json.loads(entry.read_bytes().partition(b"\n")[2])


def mark(cache: Path, change: Callable[[dict], None] = lambda entry: None) -> None:
    """Make the one stored entry print the marker and exit 7 (after `change` to it), signed
    with the user's key as journeymap signs its own entries."""
    [path] = entries(cache)
    entry = stored(path)
    entry["stdout"], entry["code"] = MARKER, 7
    change(entry)
    path.write_bytes(runcache.sign(key(cache), json.dumps(entry).encode()))


def test_an_unchanged_workspace_replays_the_stored_result(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = validate(workspace, cache=cache)
    assert (first.returncode, first.stdout) == (0, "All clear: 2 files checked.\n")
    mark(cache)
    again = validate(workspace, cache=cache)
    assert (again.returncode, again.stdout, again.stderr) == (7, MARKER, "")


def test_a_replay_is_the_same_bytes_and_exit_code(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    journey = workspace / "journeys" / "shop.yaml"
    journey.write_text(journey.read_text().replace("owner: ops", "owner: nobody"))
    first = validate(workspace, "--format", "json", cache=cache)
    [entry] = entries(cache)
    stored = entry.stat().st_mtime_ns
    again = validate(workspace, "--format", "json", cache=cache)
    assert entry.stat().st_mtime_ns == stored  # a hit: a full run would have stored afresh
    assert first.returncode == again.returncode == 1
    assert again.stdout == first.stdout and "JM102" in again.stdout


def _edit_in_place(ws: Path) -> None:
    """Same size, same modification time, different content: only a hash sees it."""
    journey = ws / "journeys" / "shop.yaml"
    before = journey.stat()
    journey.write_text(journey.read_text().replace("owner: ops", "owner: opz"))
    os.utime(journey, ns=(before.st_atime_ns, before.st_mtime_ns))


def _new_file(ws: Path) -> None:
    (ws / "journeys" / "broken.yaml").write_text("id: [unclosed\n")


def _folder_that_was_missing(ws: Path) -> None:
    (ws / "actions").mkdir()
    (ws / "actions" / "plan.yaml").write_text("actions: [\n")


def _file_swapped_for_a_symlink(ws: Path) -> None:
    elsewhere = ws.parent / "elsewhere.yaml"
    elsewhere.write_text("id: [unclosed\n")
    (ws / "journeys" / "shop.yaml").unlink()
    (ws / "journeys" / "shop.yaml").symlink_to(elsewhere)


def _settings_appear(ws: Path) -> None:
    (ws / "journeymap.toml").write_text("paths = [\n")


def _settings_in_pyproject(ws: Path) -> None:
    (ws / "pyproject.toml").write_text('[tool.journeymap]\npaths = ["journeys"]\n')


def _file_removed(ws: Path) -> None:
    (ws / "standards" / "library.yaml").unlink()


def _file_unreadable(ws: Path) -> None:
    journey = ws / "journeys" / "shop.yaml"
    journey.unlink()
    os.mkfifo(journey)  # named like an input, but a pipe: reading it must say so


@pytest.mark.parametrize("change, expected", [
    (_edit_in_place, "unknown team 'opz'"),
    (_new_file, "broken.yaml:1:"),
    (_folder_that_was_missing, "actions/plan.yaml"),
    (_file_swapped_for_a_symlink, "elsewhere.yaml:1:"),
    (_settings_appear, "journeymap.toml"),
    (_settings_in_pyproject, "there are no teams in the workspace"),
    (_file_removed, "unknown team"),
    (_file_unreadable, "named pipe"),
])
def test_any_change_to_what_the_run_looked_at_runs_the_check_again(
        workspace: Path, tmp_path: Path, change: Callable[[Path], None], expected: str) -> None:
    cache = tmp_path / "cache"
    assert validate(workspace, cache=cache).returncode == 0
    mark(cache)
    change(workspace)
    again = validate(workspace, cache=cache)
    assert MARKER not in again.stdout and again.returncode != 7
    assert expected in again.stdout + again.stderr


def test_changed_code_runs_the_check_again(workspace: Path, tmp_path: Path) -> None:
    """A journeymap (or pydantic, or PyYAML) module other than the one that made the entry."""
    cache = tmp_path / "cache"
    validate(workspace, cache=cache)

    def older_rules(entry: dict) -> None:
        [module] = [m for m in entry["modules"] if m[0].endswith("rules/references.py")]
        module[2] -= 1

    mark(cache, older_rules)
    assert validate(workspace, cache=cache).stdout == "All clear: 2 files checked.\n"


@pytest.mark.parametrize("args, env", [
    (("--quiet",), {}),
    ((), {"GITHUB_ACTIONS": "true"}),
    ((), {"NO_COLOR": "1"}),
])
def test_another_command_line_or_environment_is_another_entry(
        workspace: Path, tmp_path: Path, args: tuple, env: dict) -> None:
    cache = tmp_path / "cache"
    validate(workspace, cache=cache)
    mark(cache)
    assert validate(workspace, *args, cache=cache, **env).returncode == 0
    assert len(entries(cache)) == 2


@pytest.mark.parametrize("args, env", [(("--no-cache",), {}), ((), {"JOURNEYMAP_NO_CACHE": "1"})])
def test_the_cache_can_be_left_out(workspace: Path, tmp_path: Path, args: tuple,
                                   env: dict) -> None:
    cache = tmp_path / "cache"
    validate(workspace, cache=cache)
    mark(cache)
    skipped = validate(workspace, *args, cache=cache, **env)
    assert (skipped.returncode, skipped.stdout) == (0, "All clear: 2 files checked.\n")
    assert len(entries(cache)) == 1  # and nothing stored for it


def test_a_report_written_to_a_file_is_never_replayed(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    report = workspace / "report.sarif"
    validate(workspace, "--format", "sarif", "-o", str(report), cache=cache)
    assert report.exists() and entries(cache) == []


@pytest.mark.parametrize("damage", ["{", "[]", '{"invocation": 1}', "", "same, stdout 5"])
def test_a_damaged_entry_is_a_miss(workspace: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    validate(workspace, cache=cache)
    [entry] = entries(cache)
    if damage == "same, stdout 5":  # the right invocation, a damaged body
        damage = runcache.sign(key(cache), json.dumps({**stored(entry), "stdout": 5}).encode())
    entry.write_bytes(damage if isinstance(damage, bytes) else damage.encode())
    again = validate(workspace, cache=cache)
    assert (again.returncode, again.stdout, again.stderr) == \
        (0, "All clear: 2 files checked.\n", "")
    assert stored(entry)["code"] == 0  # stored afresh


def test_an_unusable_cache_folder_is_no_error(workspace: Path, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    for _ in range(2):
        run = validate(workspace, cache=not_a_folder / "cache")
        assert (run.returncode, run.stdout, run.stderr) == \
            (0, "All clear: 2 files checked.\n", "")


def test_without_a_home_folder_nothing_is_cached(monkeypatch) -> None:
    """No home folder (no HOME and no account entry, as in some containers): never a cache
    in a folder named "~" under the workspace; the run is a full check that stores nothing."""
    for name in ("HOME", "XDG_CACHE_HOME", "LOCALAPPDATA", "JOURNEYMAP_CACHE_DIR",
                 "JOURNEYMAP_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # what Python then gives
    monkeypatch.setattr(runcache, "_invocation_missed", None)
    assert runcache.folder() is None
    assert runcache.replay(["validate"]) is None
    assert runcache._invocation_missed is None  # so the check will not try to store its result


def test_a_half_written_entry_is_cleared_after_an_hour(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    fresh, stale = cache / f"{'a' * 64}.123.partial", cache / f"{'b' * 64}.456.partial"
    fresh.write_text("{")
    stale.write_text("{")
    os.utime(stale, (1, 1))
    validate(workspace, cache=cache)
    assert fresh.exists() and not stale.exists() and len(entries(cache)) == 1


def test_every_look_at_the_workspace_is_noted(tmp_path: Path, monkeypatch) -> None:
    """Whatever validate touches under the workspace, its entry can ask about again.

    Every path the run stats, lists or opens (through os, so pathlib and os.path too) must be
    one it noted; or a folder listed (os.scandir) inside a folder whose walk it noted; or, for
    os.lstat and os.readlink, lie on the way to a path whose realpath it noted (realpath looks
    at each part of the way).
    """
    ws = tmp_path / "ws"
    for name in ("journeys", "standards", "journeys/more"):
        (ws / name).mkdir(parents=True)
    settings = 'paths = ["journeys", "standards", "extra.yaml", "actions"]\n'  # no actions/
    (ws / "journeymap.toml").write_text(settings)
    (ws / "extra.yaml").symlink_to(ws / "standards" / "teams.yaml")
    (ws / "standards" / "teams.yaml").write_text("teams:\n  - id: care\n    name: Care\n")
    (ws / "journeys" / "more" / "shop.yaml").write_text("id: [unclosed\n")
    (ws / "journeys" / "pipe.yaml").symlink_to(ws / "nowhere")
    cache = tmp_path / "cache"
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(cache))
    monkeypatch.setenv("XDG_STATE_HOME", str(state(cache)))
    touched: set[tuple[str, str]] = set()

    def spy(name: str) -> None:
        real = getattr(os, name)

        def call(path, *args, **kwargs):
            if isinstance(path, str | os.PathLike):
                touched.add((name, os.path.abspath(os.fspath(path))))
            return real(path, *args, **kwargs)
        monkeypatch.setattr(os, name, call)

    for cwd, scoped in ((ws, ()), (ws, ("journeys/more",)), (ws / "journeys" / "more", ())):
        touched.clear()
        monkeypatch.setattr(runcache, "_invocation_missed",
                            runcache._invocation(["validate", *scoped]))
        for name in ("stat", "lstat", "scandir", "listdir", "open", "readlink"):
            spy(name)
        run = run_cli("validate", *scoped, cwd=cwd)
        monkeypatch.undo()
        monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(cache))
        monkeypatch.setenv("XDG_STATE_HOME", str(state(cache)))
        assert run.code == 1 and "shop.yaml:1:" in run.out
        entry = max(entries(cache), key=lambda p: p.stat().st_mtime_ns)
        looks = stored(entry)["looks"]
        noted = {os.path.join(cwd, path) for _, path, _, _ in looks}  # relative to the run's
        walked = [os.path.join(cwd, path) for kind, path, _, _ in looks if kind == "walk"]
        real = [os.path.join(cwd, path) for kind, path, _, _ in looks if kind == "realpath"]
        inside = {(op, p) for op, p in touched if p == str(ws) or p.startswith(str(ws) + os.sep)}
        assert ("open", str(ws / "journeys" / "more" / "shop.yaml")) in inside  # the spy saw it
        unnoted = {(op, p) for op, p in inside
                   if p not in noted
                   and not (op == "scandir" and any(p == w or p.startswith(w + os.sep)
                                                    for w in walked))
                   and not (op in ("lstat", "readlink") and any(r == p or r.startswith(p + os.sep)
                                                                for r in real))}
        assert unnoted == set(), f"looked at without a note: {sorted(unnoted)}"
    assert inputs.seen is None  # recording ends with the run


def test_replaying_needs_neither_pydantic_nor_typer(workspace: Path, tmp_path: Path) -> None:
    # printed by an exit handler: the command ends the process itself (journeymap.__main__)
    probe = ("import atexit, runpy, sys\n"
             "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules} & "
             "{'pydantic', 'typer', 'yaml', 'rich'})))\n"
             "sys.argv = ['journeymap', 'validate']\n"
             "runpy.run_module('journeymap', run_name='__main__', alter_sys=True)\n")

    def loaded(**env: str) -> str:
        run = subprocess.run([sys.executable, "-c", probe], cwd=workspace, capture_output=True,
                             text=True, timeout=120, env={
                                 **os.environ, "JOURNEYMAP_CACHE_DIR": str(tmp_path), **env})
        assert run.stdout.startswith("All clear"), run.stdout + run.stderr
        return run.stdout.splitlines()[-1]

    everything = "['pydantic', 'typer', 'yaml']"
    assert loaded() == everything  # the first run checks and stores
    assert loaded() == "[]"  # the second replays
    assert loaded(JOURNEYMAP_NO_CACHE="1") == everything


def test_no_module_of_a_check_reads_the_clock_or_chance(workspace: Path) -> None:
    """A replay tomorrow is still right: nothing a check runs (but the CLI's option parsing,
    whose validate command reads neither) asks for the time, the date or a random number."""
    probe = ("import sys\n"
             "from journeymap.cli import main\n"
             "sys.argv = ['journeymap', 'validate']\n"
             "try:\n"
             "    main()\n"
             "except SystemExit:\n"
             "    pass\n"
             "import json\n"
             "print(json.dumps([m.__file__ for n, m in sys.modules.items()\n"
             "                  if n.startswith('journeymap')]))\n")
    run = subprocess.run([sys.executable, "-c", probe], cwd=workspace, capture_output=True,
                         text=True, timeout=120, check=True)
    loaded = json.loads(run.stdout.splitlines()[-1])
    files = [Path(f) for f in loaded if not f.endswith("cli.py")]
    assert any(f.name == "references.py" for f in files)  # the rules ran
    clocks = {"today", "now", "utcnow", "time", "time_ns", "monotonic", "perf_counter",
              "random", "randint", "choice", "shuffle", "token_hex", "urandom", "getrandbits"}

    def calls(tree: ast.AST) -> list[ast.Call]:
        """Every call, except in the making of the cache's signing key (a secret, not an
        input to any output)."""
        if isinstance(tree, ast.FunctionDef) and tree.name == "_new_key":
            return []
        found = [tree] if isinstance(tree, ast.Call) else []
        return found + [c for child in ast.iter_child_nodes(tree) for c in calls(child)]

    readers = sorted(
        f"{f.name}:{node.lineno} {node.func.attr}"
        for f in files for node in calls(ast.parse(f.read_text()))
        if isinstance(node.func, ast.Attribute) and node.func.attr in clocks)
    assert readers == []


def _broken(ws: Path) -> None:
    journey = ws / "journeys" / "shop.yaml"
    journey.write_text(journey.read_text().replace("owner: ops", "owner: nobody"))


@pytest.mark.parametrize("forge", ["unsigned", "another key", "copied from another user"])
def test_an_entry_journeymap_did_not_sign_is_never_replayed(
        workspace: Path, tmp_path: Path, forge: str) -> None:
    """An entry someone else put in the cache folder (a CI cache restored from another
    branch, say) claiming "All clear", with escapes and workflow commands: a full check."""
    cache = tmp_path / "cache"
    _broken(workspace)
    validate(workspace, cache=cache)
    [path] = entries(cache)
    entry = stored(path)
    entry["stdout"], entry["code"] = "::warning::forged\n\x1b[2JAll clear\n", 0
    body = json.dumps(entry).encode()
    if forge == "unsigned":
        path.write_bytes(body)
    elif forge == "another key":
        path.write_bytes(runcache.sign(b"0" * 64, body))
    else:  # signed with the right key, but the key file is open to others: not trusted
        path.write_bytes(runcache.sign(key(cache), body))
        (state(cache) / "journeymap" / "cache.key").chmod(0o644)
    again = validate(workspace, cache=cache)
    assert again.returncode == 1 and "JM102" in again.stdout
    assert "forged" not in again.stdout + again.stderr


def test_the_key_is_the_users_alone_and_outside_the_cache(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    validate(workspace, cache=cache)
    key_file = state(cache) / "journeymap" / "cache.key"
    assert key_file.stat().st_mode & 0o777 == 0o600 and len(key_file.read_bytes()) == 64
    assert not any(p.name.endswith(".key") for p in cache.iterdir())
    assert sorted(p.name for p in key_file.parent.iterdir()) == ["cache.key"]  # no leftovers


def test_pruning_touches_only_the_caches_own_files(workspace: Path, tmp_path: Path) -> None:
    """A cache folder pointed at a shared place: the user's files there are left alone."""
    cache = tmp_path / "cache"
    cache.mkdir()
    mine = [cache / "notes.json", cache / f"{'c' * 64}.json", cache / "x.entry",
            cache / "old.1.partial"]
    for path in mine:
        path.write_text("{}")
        os.utime(path, (1, 1))
    for index in range(300):  # old entries of the cache's own
        old = cache / f"{index:064x}.entry"
        old.write_text("{}")
        os.utime(old, (2 + index, 2 + index))
    validate(workspace, cache=cache)
    assert all(path.exists() for path in mine)
    assert len([p for p in entries(cache) if p not in mine]) == 256


def test_a_write_that_fails_leaves_no_partial_entry(workspace: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    """A full disk while an entry is stored: nothing half-written stays in the folder."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(cache))
    monkeypatch.setenv("XDG_STATE_HOME", str(state(cache)))
    monkeypatch.setattr(runcache, "_invocation_missed", runcache._invocation(["validate"]))

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(runcache.os, "replace", full_disk)
    with runcache.recording() as store:
        store("All clear\n", 0)
    assert list(cache.iterdir()) == []


def test_a_replay_to_a_full_disk_exits_2_with_a_message(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    validate(workspace, cache=cache)
    mark(cache)
    with open("/dev/full", "w") as full:
        run = subprocess.run([sys.executable, "-m", "journeymap", "validate"], cwd=workspace,
                             stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
                             env={**os.environ, "JOURNEYMAP_CACHE_DIR": str(cache),
                                  "XDG_STATE_HOME": str(state(cache))})
    assert (run.returncode, run.stderr) == (2, "journeymap: No space left on device\n")
