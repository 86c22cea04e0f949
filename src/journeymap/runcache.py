"""Known results of `journeymap validate`, printed again only when nothing they rest on changed.

pre-commit runs `journeymap validate` on every commit, and most commits touch no journey. On
a small workspace that run is mostly start-up (importing pydantic and typer and building the
models); a run whose result is already known prints it without any of that.

It can never hide an error, because an entry keeps everything its run looked at:
- what names the entry (`_invocation`): the command line, the folder it ran in, the
  environment variables and terminal that shape the output, the Python that ran it;
- every look at the file system, noted by journeymap.inputs: each file read (its SHA-256, or
  the problem reading it), each folder listed, each path asked about (a file? a folder? where
  does it lead?);
- the code that ran: every loaded module's file, with its size and modification time.
A later run asks each of those questions again and prints the stored output only if every
answer is the same; otherwise validate runs in full and stores its new result. Any trouble with
the cache itself (no home folder, a read-only disk, a damaged entry) is a miss, never an error.

`journeymap validate --no-cache` or JOURNEYMAP_NO_CACHE=1 leave it out; JOURNEYMAP_CACHE_DIR
moves it (by default it is in the user's cache folder).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from journeymap import __version__, inputs

#: what names this run's entry, when its result may be stored (set by `replay` on a miss)
_invocation_missed: dict[str, Any] | None = None

#: environment variables that change what validate prints (colour, format, encoding)
_ENVIRONMENT = ("NO_COLOR", "TERM", "GITHUB_ACTIONS", "FORCE_COLOR", "PYTHONIOENCODING",
                "PYTHONUTF8", "LANG", "LC_ALL", "LC_CTYPE")
_KEPT = 256  # entries; the least recently written go first
_FORMAT = 1  # of an entry: a new format simply misses


def folder() -> Path | None:
    """Where entries are kept: JOURNEYMAP_CACHE_DIR, else the user's cache folder; None
    without a home folder (a relative "~" would put the cache in the workspace)."""
    if os.environ.get("JOURNEYMAP_CACHE_DIR"):
        return Path(os.environ["JOURNEYMAP_CACHE_DIR"])
    home = os.path.expanduser("~")
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or \
        (os.path.join(home, ".cache") if os.path.isabs(home) else None)
    return Path(base) / "journeymap" / "validate" if base else None


def replay(argv: list[str]) -> int | None:
    """Print the stored result of this validate command line (`argv`, from `validate` on)
    and return its exit code, if every answer it rests on is unchanged; None (and remember
    to store the result) otherwise."""
    global _invocation_missed
    where = folder()
    if "--no-cache" in argv or os.environ.get("JOURNEYMAP_NO_CACHE") or where is None:
        return None
    invocation = _invocation(argv)
    try:
        entry = json.loads((where / _name(invocation)).read_bytes())
        known = entry["invocation"] == invocation and isinstance(entry["stdout"], str) and \
            isinstance(entry["code"], int) and _unchanged(entry)
    except Exception:  # an unreadable or damaged entry, of whatever shape: a miss
        known = False
    if not known:
        _invocation_missed = invocation
        return None
    try:
        sys.stdout.write(entry["stdout"])
        sys.stdout.flush()
    except BrokenPipeError:  # `journeymap validate | head`, as journeymap.cli.main
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return entry["code"]


@contextlib.contextmanager
def recording(wanted: bool = True) -> Iterator[Callable[[str, int], None]]:
    """Note every look of the run inside; call what it gives with the run's output and exit
    code to store them. Does nothing unless `wanted` and `replay` missed in this process."""
    invocation, where = _invocation_missed, folder()
    if invocation is None or where is None or not wanted:
        yield lambda stdout, code: None
        return
    inputs.seen = {}
    try:
        yield lambda stdout, code: _store(where, invocation, inputs.seen, stdout, code)
    finally:
        inputs.seen = None


def _invocation(argv: list[str]) -> dict[str, Any]:
    return {
        "format": _FORMAT, "journeymap": __version__, "argv": argv, "cwd": os.getcwd(),
        "environment": {name: os.environ.get(name) for name in _ENVIRONMENT},
        "terminal": [_isatty(sys.stdout), _isatty(sys.stderr), getattr(sys.stdout, "encoding", "")],
        "python": [sys.executable, sys.version, sys.path],
    }


def _isatty(stream: Any) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)())


def _name(invocation: dict[str, Any]) -> str:
    return inputs.digest(json.dumps(invocation, sort_keys=True).encode()) + ".json"


def _unchanged(entry: dict[str, Any]) -> bool:
    """Every module file and every look gives the answer it gave when the entry was made."""
    for path, size, mtime in entry["modules"]:
        try:
            now = os.stat(path)
        except OSError:
            return False
        if (now.st_size, now.st_mtime_ns) != (size, mtime):
            return False
    return all(inputs.answer(kind, path, detail and tuple(detail)) == answer
               for kind, path, detail, answer in entry["looks"])


def _modules() -> list[list]:
    """[file, size, mtime] of every module loaded from a file: the code that ran."""
    found = []
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        with contextlib.suppress(OSError, TypeError):
            now = os.stat(path)
            found.append([path, now.st_size, now.st_mtime_ns])
    return sorted(found)


def _store(where: Path, invocation: dict[str, Any], seen: dict | None, stdout: str,
           code: int) -> None:
    entry = {"invocation": invocation, "modules": _modules(), "stdout": stdout, "code": code,
             "looks": [[kind, path, detail, answer]
                       for (kind, path, detail), answer in (seen or {}).items()]}
    with contextlib.suppress(OSError):
        where.mkdir(parents=True, exist_ok=True)
        target = where / _name(invocation)
        partial = target.with_suffix(f".{os.getpid()}.partial")
        partial.write_text(json.dumps(entry), encoding="utf-8")
        os.replace(partial, target)
        _prune(where, target)


def _prune(where: Path, newest: Path) -> None:
    """Keep the `_KEPT` entries written last; drop what a run that died left half-written
    (older by an hour than the entry just written)."""
    entries = sorted(where.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    now = newest.stat().st_mtime
    for old in [*entries[:-_KEPT],
                *(p for p in where.glob("*.partial") if p.stat().st_mtime < now - 3600)]:
        old.unlink(missing_ok=True)
