"""Writing outputs so that no run can destroy what is already there.

Every file and folder journeymap writes goes through this module, which keeps three promises:

- **Nothing half-written.** A file is written beside its target and renamed into place; a
  handbook folder is built beside its target and swapped in. A run that fails or is killed
  leaves the previous output as it was (and the next run clears what the killed one left).
- **Nothing of the user's lost.** An output never replaces an input of the run, and a folder
  output is never the workspace root, a folder above it or a folder holding inputs. A folder
  is replaced only when it is empty or when journeymap wrote everything in it (its manifest,
  `.journeymap-output`, lists each file); anything else is refused with a message.
- **Special files stay special.** A pipe, a terminal, `/dev/null` or `/dev/stdout` is written
  through, never replaced by a regular file; a symlink is followed, so the link stays; a
  socket, a block device or a folder where a file is expected is refused.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from journeymap.errors import UsageError

#: The manifest of a folder journeymap wrote: one file name a line.
MANIFEST = ".journeymap-output"
_BUILDING = "# journeymap: build in progress\n"


@dataclass(frozen=True)
class Guard:
    """What this run's outputs may not touch: its inputs, and the workspace root and above."""

    root: str | None = None
    inputs: frozenset[str] = frozenset()

    @classmethod
    def of(cls, root: Path | None, inputs: Iterable[Path]) -> Guard:
        return cls(os.path.realpath(root) if root is not None else None,
                   frozenset(os.path.realpath(p) for p in inputs))

    @classmethod
    def around(cls, root: Path | None, inputs: Iterable[Path],
               *more: Iterable[Path] | None) -> Guard:
        """`inputs`, and every file named or under a folder named in `more`."""
        from journeymap.inputs import files_under

        return cls.of(root, [*inputs, *(f for paths in more if paths
                                          for f in files_under(paths))])

    def check_file(self, real: str, shown: Path) -> None:
        if real in self.inputs:
            raise UsageError(f"{shown}: is an input of this run; journeymap never writes over "
                             "its inputs (choose another output file)")

    def check_folder(self, real: str, shown: Path) -> None:
        inside = real.rstrip(os.sep) + os.sep
        if self.root is not None and (real == self.root or self.root.startswith(inside)):
            raise UsageError(f"{shown}: is the workspace root or a folder above it; the "
                             "handbook needs a folder of its own (e.g. -o build/handbook)")
        held = sorted(p for p in self.inputs if p.startswith(inside))
        if held:
            raise UsageError(f"{shown}: holds input files of this run ({held[0]}); the "
                             "handbook needs a folder of its own (e.g. -o build/handbook)")


NO_GUARD = Guard()


def write_file(path: Path, data: str | bytes | Iterable[str], guard: Guard = NO_GUARD) -> None:
    """Write one output file: atomically for a regular file, through for a pipe or device;
    `-` is standard output, as in most command-line tools. Text may come in pieces (lines,
    say): a large report is then written as it is made, never held whole."""
    payload = _blocks(data)
    if str(path) == "-":
        sys.stdout.flush()
        for block in payload:
            sys.stdout.buffer.write(block)
        sys.stdout.buffer.flush()
        return
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:  # a symlink loop, a folder we may not search
        raise UsageError(f"{path}: cannot write there ({exc.strerror})") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise UsageError(f"{path}: is a folder; name a file to write")
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            _write_through(path, payload, append=False)
            return
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"{path}: is a {_kind(st.st_mode)}, not a regular file; "
                             "refusing to write there")
        if os.path.abspath(path).startswith(("/dev/", "/proc/")):
            _write_through(path, payload, append=True)  # /dev/stdout redirected to a file
            return
    real = os.path.realpath(path)  # write at a symlink's target: the link stays a link
    guard.check_file(real, path)
    _write_atomic(Path(real), payload)


def _kind(mode: int) -> str:
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISBLK(mode):
        return "block device"
    return "special file"


_BLOCK = 1 << 20  # characters of text encoded and written at a time


def _blocks(data: str | bytes | Iterable[str]) -> Iterator[bytes]:
    """The bytes of an output, a block at a time when its text comes in pieces."""
    if isinstance(data, bytes):
        yield data
        return
    if isinstance(data, str):
        yield data.encode("utf-8")
        return
    block: list[str] = []
    size = 0
    for piece in data:
        block.append(piece)
        size += len(piece)
        if size >= _BLOCK:
            yield "".join(block).encode("utf-8")
            block, size = [], 0
    yield "".join(block).encode("utf-8")


def _write_through(path: Path, payload: Iterable[bytes], append: bool) -> None:
    flags = os.O_WRONLY | os.O_NONBLOCK | (os.O_APPEND if append else 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == 6:  # ENXIO: a pipe nobody reads; waiting for a reader would hang
            raise UsageError(f"{path}: a pipe with no reader; start the reader first") from None
        raise
    try:
        os.set_blocking(fd, True)
        for block in payload:
            view = memoryview(block)
            while view:
                view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _temp_stem(name: str) -> str:
    """The start of a temporary file's name beside `name`: at most 64 bytes of it, so a legal
    255-byte output name still leaves room for the rest."""
    return os.fsdecode(os.fsencode(name)[:64])


_CLEARED: set[tuple[str, str]] = set()  # (folder, stem) whose abandoned files were removed


def _clear_abandoned_files(folder: Path, name: str) -> None:
    """Remove the temporary files killed writes of `name` left (their process is gone); once
    per folder and name in a run."""
    stem = _temp_stem(name)
    if (str(folder), stem) in _CLEARED:
        return
    _CLEARED.add((str(folder), stem))
    pattern = re.compile(rf"^\.{re.escape(stem)}\.(\d+)-[^/]*\.tmp$")
    for entry in os.listdir(folder):
        match = pattern.match(entry)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                (folder / entry).unlink()


def _write_atomic(path: Path, payload: Iterable[bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _clear_abandoned_files(path.parent, path.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{_temp_stem(path.name)}.{os.getpid()}-", suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for block in payload:
                handle.write(block)
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600 files; outputs are shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The existing file's mode, or what a plain open() would give under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# --- folders --------------------------------------------------------------------------------

def publish_folder(files: Iterable[tuple[str, str]], target: Path,
                   guard: Guard = NO_GUARD) -> None:
    """Make `target` a folder holding exactly `files` ((name, text) pairs), or change nothing.

    Each file is written as it comes, so a generator of pages never holds them all in memory.
    The folder is built beside `target`, then swapped in under a lock on the parent folder, so
    concurrent builds to one folder each land whole, one after the other; an exception from
    `files` leaves `target` as it was.
    """
    real = check_folder(target, guard)
    parent = real.parent
    build = Path(tempfile.mkdtemp(prefix=f".{real.name}.tmp-{os.getpid()}-", dir=parent))
    try:
        (build / MANIFEST).write_text(_BUILDING, encoding="utf-8")
        names = []
        for name, content in files:
            (build / name).write_text(content, encoding="utf-8")
            names.append(name)
        (build / MANIFEST).write_text("".join(f"{name}\n" for name in sorted(names)),
                                      encoding="utf-8")
        for child in (build, *build.iterdir()):
            child.chmod((0o777 if child.is_dir() else 0o666) & ~_umask())
        with _locked(parent):
            _check_replaceable(real, target)
            _swap(build, real)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise


def check_folder(target: Path, guard: Guard = NO_GUARD) -> Path:
    """The real path of a folder output, after refusing what may not be replaced.

    Called before the work of building (to fail fast) and again at the swap. It also clears
    what killed builds left beside the folder.
    """
    if str(target) == "-":
        raise UsageError("-o -: a handbook is a folder of pages, not one stream; name a "
                         "folder (e.g. -o build/handbook), or write one page with "
                         "--single-file FILE (- for standard output)")
    real = Path(os.path.realpath(target))
    guard.check_folder(str(real), target)
    if real.exists() and not real.is_dir():
        raise UsageError(f"{target}: exists and is not a folder")
    real.parent.mkdir(parents=True, exist_ok=True)
    with _locked(real.parent):
        _clear_abandoned(real.parent, real.name)
        _check_replaceable(real, target)
    return real


def _check_replaceable(real: Path, shown: Path) -> None:
    """Refuse a folder holding anything journeymap did not write."""
    if not real.exists():
        return
    entries = set(os.listdir(real))
    if not entries:
        return
    listed = _manifest(real)
    if listed is None:
        raise UsageError(
            f"{shown}: not replaced: the folder is not empty and journeymap did not write it "
            f"(no {MANIFEST} in it); choose a new or empty folder")
    foreign = sorted(entries - listed - {MANIFEST})
    if foreign:
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        raise UsageError(
            f"{shown}: not replaced: it holds files journeymap did not write "
            f"({', '.join(foreign[:3])}{more}); move them, or choose another folder")


def _manifest(folder: Path) -> set[str] | None:
    path = folder / MANIFEST
    if not path.is_file() or path.stat().st_size > 1 << 20:
        return None
    return set(path.read_text("utf-8", "replace").splitlines()) - {_BUILDING.strip()}


def _swap(build: Path, real: Path) -> None:
    old = None
    if real.exists():
        old = real.with_name(f".{real.name}.old-{os.getpid()}-{secrets.token_hex(4)}")
        real.rename(old)
    try:
        build.rename(real)
    except BaseException:
        if old is not None:
            old.rename(real)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _clear_abandoned(parent: Path, name: str) -> None:
    """Clear what builds that were killed left beside `name` (their process is gone): a build
    killed between its two renames left the last site as `.NAME.old-*` and nothing at NAME,
    so that one is put back; every other leftover is removed."""
    pattern = re.compile(rf"^\.{re.escape(name)}\.(tmp|old)-(\d+)-")
    for entry in sorted(os.listdir(parent)):
        match = pattern.match(entry)
        path = parent / entry
        if not match or _alive(int(match.group(2))) or not (path / MANIFEST).is_file():
            continue
        if match.group(1) == "old" and not (parent / name).exists():
            path.rename(parent / name)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder (flock on its descriptor), where the OS has one."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no concurrent-build protection
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


# --- creating a set of new files --------------------------------------------------------------

def create_files(files: dict[Path, bytes]) -> None:
    """Create every file, or none: refuses if any exists, and undoes what it made on failure."""
    existing = [str(path) for path in files if os.path.lexists(path)]
    if existing:
        raise UsageError("refusing to overwrite existing files: " + ", ".join(existing))
    made: list[Path] = []
    try:
        for path, payload in files.items():
            missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            made.extend(reversed(missing))
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            made.append(path)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
    except BaseException:
        for path in reversed(made):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink()
        raise
