"""Watching the workspace for saved edits (`diagram --watch`, `serve`).

watchfiles (Rust's notify underneath) gets the operating system's file events, so a save is
seen within a tenth of a second without scanning the folders, and falls back to polling
where events do not arrive (network drives; JOURNEYMAP_WATCH_POLL=1 forces it).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

WATCHED = (".yaml", ".yml", ".csv", ".toml")


def _workspace_file(change: object, path: str) -> bool:
    return path.endswith(WATCHED)


def watch(folders: list[Path], rebuild: Callable[[], None],
          stop: threading.Event | None = None) -> None:
    """Call `rebuild` now and after every saved change under `folders`, until `stop` is set
    (or Ctrl-C). Changes arriving together (an editor's save in several steps) are one."""
    import watchfiles

    rebuild()
    for _ in watchfiles.watch(*folders, watch_filter=_workspace_file, debounce=150, step=30,
                              stop_event=stop, yield_on_timeout=False,
                              force_polling=os.environ.get("JOURNEYMAP_WATCH_POLL") == "1"
                              or None, poll_delay_ms=250, raise_interrupt=False):
        rebuild()
