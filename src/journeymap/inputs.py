"""Reading inputs within bounds: regular files only, sizes checked before reading, and no
folder skipped in silence.

A plain `open().read()` hangs on a FIFO named `x.yaml` and fills memory from `/dev/zero`
behind a symlink or from a sparse file before any size check on the bytes read. Here a file
is opened without blocking, checked with fstat (a regular file, within its size limit) and
read no further than the limit. Every YAML, CSV and settings file is read through here.

Every look at the file system that decides what `journeymap validate` reports goes through
here too (`is_file`, `is_dir`, `exists`, `lexists`, `realpath`, `walk`, `read_bounded`): while
journeymap.runcache records a run, each look and its answer is noted in `seen`, so a later run
can ask the same questions again and replay the result only if every answer is the same.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

#: (kind, path, detail) -> answer of every look this run took, while journeymap.runcache
#: records it; None otherwise. Answers are JSON values (lists, not tuples) so that a stored
#: answer compares equal to a fresh one.
seen: dict[tuple[str, str, tuple | None], Any] | None = None


class InputProblem(Exception):
    """A file that cannot be read safely; `too_large` tells a limit from an unreadable file."""

    def __init__(self, message: str, too_large: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.too_large = too_large


def _open_checked(path: Path, max_bytes: int, setting: str) -> int:
    """A descriptor of a regular file of at most `max_bytes`, opened without blocking (a FIFO
    cannot hang the open) and checked with fstat before any byte is read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputProblem(f"not a regular file ({file_kind(info.st_mode)}): journeymap "
                               "reads regular files only")
        if info.st_size > max_bytes:
            raise InputProblem(_too_large(info.st_size, max_bytes, setting), True)
    except OSError as exc:
        os.close(fd)
        raise InputProblem(f"cannot read: {exc.strerror}") from None
    except InputProblem:
        os.close(fd)
        raise
    return fd


def read_bounded(path: Path, max_bytes: int, setting: str) -> bytes:
    """The bytes of a regular file of at most `max_bytes` (`setting` names the limit)."""
    if seen is None:
        return _read_bounded(path, max_bytes, setting)
    look = ("read", os.fspath(path), (max_bytes, setting))
    try:
        data = _read_bounded(path, max_bytes, setting)
    except InputProblem as problem:
        seen[look] = _problem(problem)
        raise
    seen[look] = ["read", digest(data)]
    return data


def digest(data: bytes) -> str:
    """What a recorded read keeps of a file: its SHA-256, never its mtime or size alone."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _problem(problem: InputProblem) -> list:
    return ["problem", problem.message, problem.too_large]


def answer(kind: str, path: str, detail: tuple | None) -> Any:
    """The answer a look of `kind` at `path` gives now, as `seen` holds it."""
    if kind == "read":
        try:
            return ["read", digest(_read_bounded(Path(path), *detail))]
        except InputProblem as problem:
            return _problem(problem)
    if kind == "walk":
        return _walk_answer(*_walk(Path(path), tuple(detail)))
    if kind == "untracked":
        return _untracked(path)
    return _PROBES[kind](path)


def _folders(path: str) -> list[str]:
    """The names of the folders in `path` that are not hidden nor symlinks, sorted."""
    try:
        with os.scandir(path) as entries:
            return sorted(e.name for e in entries if not e.name.startswith(".")
                          and e.is_dir(follow_symlinks=False))
    except OSError:
        return []


_PROBES = {"is_file": os.path.isfile, "is_dir": os.path.isdir, "exists": os.path.exists,
           "lexists": os.path.lexists, "realpath": os.path.realpath, "folders": _folders}


def _probe(kind: str, path: Path | str) -> Any:
    answer = _PROBES[kind](path)
    if seen is not None:
        seen[(kind, os.fspath(path), None)] = answer
    return answer


def is_file(path: Path | str) -> bool:
    return _probe("is_file", path)


def is_dir(path: Path | str) -> bool:
    return _probe("is_dir", path)


def exists(path: Path | str) -> bool:
    return _probe("exists", path)


def lexists(path: Path | str) -> bool:
    """True for a dangling symlink too: it is named like an input, reading it says why not."""
    return _probe("lexists", path)


def folders(path: Path | str) -> list[str]:
    """The names of the folders in `path` (not hidden, not symlinks), sorted."""
    return _probe("folders", path)


class NotARepository(Exception):
    """git could not list what it does not track here (no git, or not a repository)."""


def untracked(root: Path) -> set[Path]:
    """The files under `root` that git does not track and has not staged (ignored ones too):
    what a commit does not hold. Noted like every look, so a file staged since the last
    check is a change."""
    names = _untracked(os.fspath(root))
    if names is None:
        raise NotARepository(f"{root} is not in a git repository (or git is not installed)")
    if seen is not None:
        seen[("untracked", os.fspath(root), None)] = names
    return {Path(os.path.realpath(root / name)) for name in names}


def _untracked(root: str) -> list[str] | None:
    import subprocess

    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--others"], cwd=root,
                                capture_output=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return sorted(name for name in listed.decode("utf-8", "surrogateescape").split("\0")
                  if name)


def realpath(path: Path | str) -> str:
    """os.path.realpath (not Path.resolve: it never raises on a symlink loop)."""
    return _probe("realpath", path)


def _read_bounded(path: Path, max_bytes: int, setting: str) -> bytes:
    fd = _open_checked(path, max_bytes, setting)
    try:
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(max_bytes + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:  # the file grew while being read
            raise InputProblem(_too_large(size, max_bytes, setting), True)
        return b"".join(chunks)
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)


def open_regular(path: Path, max_bytes: int, setting: str) -> BinaryIO:
    """A regular file of at most `max_bytes`, opened for reading in a stream (a register of
    a million rows is never held whole); the same checks as read_bounded, before any read."""
    fd = _open_checked(path, max_bytes, setting)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb", buffering=1 << 20)


def _too_large(size: int, limit: int, setting: str) -> str:
    return (f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.1f} MB limit ({setting} "
            "in journeymap.toml)")


def file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "a special file"


def walk(folder: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(files under `folder` ending in `suffixes`, sorted; folders that could not be listed).

    Hidden folders and files (`.git`, `.journeymap`, `.pre-commit-config.yaml`) are skipped
    (a file named on the command line is still read), and symlinked folders are not entered
    (so a symlink loop cannot recurse). A file named like an input is listed whatever it is:
    reading it says what is wrong with it.
    """
    files, unlisted = _walk(folder, suffixes)
    if seen is not None:
        seen[("walk", os.fspath(folder), suffixes)] = _walk_answer(files, unlisted)
    return files, unlisted


def _walk_answer(files: list[Path], unlisted: list[tuple[Path, str]]) -> list:
    return [[os.fspath(f) for f in files], [[os.fspath(f), why] for f, why in unlisted]]


def _walk(folder: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], list[tuple[Path, str]]]:
    found: list[Path] = []
    unlisted: list[tuple[Path, str]] = []

    def failed(exc: OSError) -> None:
        unlisted.append((Path(exc.filename or folder), f"cannot list folder: {exc.strerror}"))

    for current, dirs, names in os.walk(folder, onerror=failed):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(current) / name for name in names
                     if name.endswith(suffixes) and not name.startswith("."))
    return sorted(found), unlisted


def files_under(paths: Iterable[Path]) -> list[Path]:
    """Every file named or under a folder named: what outputs must never overwrite."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(Path(current) / name for current, _, names in os.walk(path)
                       for name in names)
        elif os.path.lexists(path):
            out.append(path)
    return out
