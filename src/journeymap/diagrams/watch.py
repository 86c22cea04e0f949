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


def watch(folders: list[Path], rebuild: Callable[[], None],
          stop: threading.Event | None = None) -> None:
    """Call `rebuild` now and after every saved change under `folders`, until `stop` is set
    (or Ctrl-C). Changes arriving together (an editor's save in several steps) are one.

    A watched folder that is deleted (a `git checkout` deletes and recreates `journeys/`) ends
    that watch: the folders are watched anew as they are then, and rebuilt once the new watch
    listens, so nothing saved in between is missed."""
    import watchfiles

    roots = {os.path.realpath(f) for f in folders}

    def wanted(change: object, path: str) -> bool:
        return path.endswith(WATCHED) or os.path.realpath(path) in roots

    rebuild()
    pending = False  # a rebuild owed once the new watch listens
    while stop is None or not stop.is_set():
        present = [f for f in folders if f.exists()]
        if not present:  # all gone for now (a checkout under way): look again shortly
            if (stop or threading.Event()).wait(0.5):
                return
            pending = True
            continue
        for changes in watchfiles.watch(
                *present, watch_filter=wanted, debounce=150, step=30, stop_event=stop,
                yield_on_timeout=True, rust_timeout=500, raise_interrupt=False,
                force_polling=os.environ.get("JOURNEYMAP_WATCH_POLL") == "1" or None,
                poll_delay_ms=250):
            if any(change == watchfiles.Change.deleted and os.path.realpath(path) in roots
                   for change, path in changes):
                pending = True
                break  # a watched folder went: watch the folders as they are now
            if changes or pending:
                rebuild()
                pending = False
        else:
            return  # stopped, or interrupted
