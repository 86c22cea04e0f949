"""Reading inputs within bounds: regular files only, sizes checked before reading, and no
folder skipped in silence.

A plain `open().read()` hangs on a FIFO named `x.yaml` and fills memory from `/dev/zero`
behind a symlink or from a sparse file before any size check on the bytes read. Here a file
is opened without blocking, checked with fstat (a regular file, within its size limit) and
read no further than the limit. Every YAML, CSV and settings file is read through here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO


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

    Hidden folders (`.git`, `.journeymap`) are skipped, and symlinked folders are not entered
    (so a symlink loop cannot recurse). A file named like an input is listed whatever it is:
    reading it says what is wrong with it.
    """
    found: list[Path] = []
    unlisted: list[tuple[Path, str]] = []

    def failed(exc: OSError) -> None:
        unlisted.append((Path(exc.filename or folder), f"cannot list folder: {exc.strerror}"))

    for current, dirs, names in os.walk(folder, onerror=failed):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(current) / name for name in names if name.endswith(suffixes))
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
