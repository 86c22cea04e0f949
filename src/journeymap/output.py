"""Writing outputs atomically: an interrupted run leaves the old file (or folder), never half."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from journeymap.errors import UsageError


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
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


def replace_dir(build: Path, target: Path) -> None:
    """Swap a fully built folder into place of `target` (kept intact until the swap)."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder")
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    build.chmod(0o777 & ~_umask())  # mkdtemp makes 0700 folders; the site is shared
    if target.exists():
        target.rename(old)
    build.rename(target)
    if old.exists():
        shutil.rmtree(old)
