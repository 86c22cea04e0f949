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

Only an entry this user's journeymap wrote is replayed. A cache folder can be shared or
restored from elsewhere (a CI cache saved on another branch), so each entry is signed with an
HMAC under a key that is kept outside it, in the user's state folder, readable by the user
alone; an entry whose signature does not hold is a miss, so a forged one can never print "All
clear" or put escapes and workflow commands in a log. Entries are named `<sha256>.entry`, and
pruning touches no other file.

`journeymap validate --no-cache` or JOURNEYMAP_NO_CACHE=1 leave it out; JOURNEYMAP_CACHE_DIR
moves it (by default it is in the user's cache folder).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import stat
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
_FORMAT = 2  # of an entry: a new format simply misses
_SUFFIX = ".entry"
#: the files of the cache: entries, and the partial ones a run is writing
_OWN = re.compile(r"[0-9a-f]{64}(\.entry|\.\d+\.partial)")


def folder() -> Path | None:
    """Where entries are kept: JOURNEYMAP_CACHE_DIR, else the user's cache folder; None
    without a home folder (a relative "~" would put the cache in the workspace)."""
    if os.environ.get("JOURNEYMAP_CACHE_DIR"):
        return Path(os.environ["JOURNEYMAP_CACHE_DIR"])
    home = os.path.expanduser("~")
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or \
        (os.path.join(home, ".cache") if os.path.isabs(home) else None)
    return Path(base) / "journeymap" / "validate" if base else None


def key_path() -> Path | None:
    """The signing key's file: in the user's state folder, never in the cache folder (which
    may be shared or restored from elsewhere); None without a home folder."""
    home = os.path.expanduser("~")
    base = os.environ.get("XDG_STATE_HOME") or \
        (os.path.join(home, ".local", "state") if os.path.isabs(home) else None)
    return Path(base) / "journeymap" / "cache.key" if base else None


def _key(create: bool) -> bytes | None:
    """The user's signing key (made on first use when `create`); None when there is none, or
    when the file is not the user's own regular file that only the user can read."""
    path = key_path()
    if path is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return _new_key(path) if create else None
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        key = file.read(65)
    trusted = stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and \
        not info.st_mode & 0o077 and len(key) == 64
    return key if trusted else None


def _new_key(path: Path) -> bytes | None:
    """A new key, put in place in one step (a link never replaces a key another run made)."""
    import secrets  # only here: a replay never makes a key

    key = secrets.token_hex(32).encode()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(key)
            os.link(partial, path)
        except FileExistsError:
            pass
        finally:
            partial.unlink(missing_ok=True)
    return _key(create=False)


def sign(key: bytes, body: bytes) -> bytes:
    """An entry as stored: its HMAC-SHA256 under the user's key, a line break, its body."""
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode() + b"\n" + body


def _verified(key: bytes | None, stored: bytes) -> bytes | None:
    """The body of a stored entry whose signature holds under `key`, else None."""
    signature, _, body = stored.partition(b"\n")
    if key is None or not hmac.compare_digest(sign(key, body).partition(b"\n")[0], signature):
        return None
    return body


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
        body = _verified(_key(create=False), (where / _name(invocation)).read_bytes())
        entry = json.loads(body) if body is not None else None
        known = entry is not None and entry["invocation"] == invocation and \
            isinstance(entry["stdout"], str) and isinstance(entry["code"], int) and \
            _unchanged(entry)
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
    except OSError as exc:  # a full disk or a closed pipe: said as a full check says it
        sys.stderr.write(f"journeymap: {exc.strerror or exc}\n")
        return 2
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
    return inputs.digest(json.dumps(invocation, sort_keys=True).encode()) + _SUFFIX


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
    key = _key(create=True)
    if key is None:
        return
    target = where / _name(invocation)
    partial = target.with_suffix(f".{os.getpid()}.partial")
    with contextlib.suppress(OSError):
        where.mkdir(parents=True, exist_ok=True)
        try:
            partial.write_bytes(sign(key, json.dumps(entry).encode()))
            os.replace(partial, target)
        finally:  # a full disk leaves no half-written entry behind
            partial.unlink(missing_ok=True)
        _prune(where, target)


def _prune(where: Path, newest: Path) -> None:
    """Keep the `_KEPT` entries written last; drop what a run that died left half-written
    (older by an hour than the entry just written). Only the cache's own files are touched:
    the folder may be one the user pointed at a shared place."""
    own = [p for p in where.iterdir() if _OWN.fullmatch(p.name) and p.is_file()]
    entries = sorted((p for p in own if p.suffix == _SUFFIX), key=lambda p: p.stat().st_mtime_ns)
    now = newest.stat().st_mtime
    for old in [*entries[:-_KEPT],
                *(p for p in own if p.suffix == ".partial" and p.stat().st_mtime < now - 3600)]:
        old.unlink(missing_ok=True)
