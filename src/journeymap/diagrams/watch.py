"""`--watch`: redraw whenever a workspace file changes, for live editing in a workshop.

Polls modification times (twice a second) rather than using OS file events: no extra
dependency, and it behaves the same on every OS and on network drives.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

Snapshot = dict[Path, tuple[int, int]]


def snapshot(folders: Iterable[Path]) -> Snapshot:
    state: Snapshot = {}
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*"))
        for path in paths:
            if path.suffix in (".yaml", ".yml", ".csv", ".toml") and path.is_file():
                stat = path.stat()
                state[path] = (stat.st_mtime_ns, stat.st_size)
    return state


def watch(folders: list[Path], rebuild: Callable[[], None], interval: float = 0.5,
          keep_going: Callable[[], bool] = lambda: True) -> None:
    """Call `rebuild` now and after every change under `folders`, while `keep_going()`."""
    state = snapshot(folders)
    rebuild()
    while keep_going():
        time.sleep(interval)
        current = snapshot(folders)
        if current != state:
            state = current
            rebuild()
