"""What redraws itself on every saved edit: `diagram --watch` and `journeymap serve`."""

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from journeymap.cli.app import app
from journeymap.cli.options import ActualsOption, PathsArg, PeriodOption
from journeymap.cli.run import load_valid, print_findings, say
from journeymap.errors import ContentError, JourneymapError, UsageError


def watched(paths: list[Path] | None, actuals: list[Path] | None) -> list[Path]:
    """The folders and files a live command watches: the inputs, the actuals, the settings."""
    from journeymap.cli import run
    from journeymap.config import find_root, load_settings

    root, settings_file = find_root(Path.cwd(), run.ROOT)  # the CLI, not the core, knows the folder
    settings = load_settings(settings_file)
    folders = [*(paths or [root / p for p in settings.paths]),
               *(actuals if actuals is not None else [root / p for p in settings.actuals]),
               *([settings_file] if settings_file else [])]
    return [f for f in folders if f.exists()]


def watch_and_redraw(paths: list[Path] | None, actuals: list[Path] | None,
                     build: Callable[[], list[Path]]) -> None:
    """Redraw on every change; an invalid edit prints its errors and keeps the last diagrams."""
    from journeymap.diagrams.watch import watch

    def rebuild() -> None:
        stamp = time.strftime("%H:%M:%S")
        try:
            written = build()
        except ContentError as exc:
            print_findings(exc.findings, exc.sources)
            say(f"[{stamp}] {exc}; keeping the last good diagrams")
            return
        except (JourneymapError, OSError) as exc:
            say(f"[{stamp}] {exc}")
            return
        sys.stdout.write(f"[{stamp}] drew {len(written)} diagram(s); watching for changes "
                         "(Ctrl-C stops)\n")
        sys.stdout.flush()

    watch(watched(paths, actuals), rebuild)


@app.command()
def serve(
    paths: PathsArg = None,
    port: Annotated[int, typer.Option(min=0, max=65535, metavar="PORT",
                                      help="Port (0: any free one).")] = 8000,
    host: Annotated[str, typer.Option(
        metavar="HOST",
        help="Address to listen on; the default lets only this computer in.")] = "127.0.0.1",
    actuals: ActualsOption = None,
    period: PeriodOption = None,
) -> None:
    """Serve a live workshop page: every journey's views and the handbook, redrawn in the
    browser within a second of a saved edit."""
    from journeymap.data import DataFiles, read
    from journeymap.serve import Live
    from journeymap.serve import serve as run

    def load():
        ws = load_valid(paths)
        data = read(ws, DataFiles.of(ws, actuals).only("actuals"), period)
        return ws, data.statuses(ws)

    def ready(url: str) -> None:
        sys.stdout.write(f"Serving the workshop page on {url} (Ctrl-C stops)\n")
        sys.stdout.flush()

    try:
        run(Live(load), watched(paths, actuals), host, port, ready)
    except OSError as exc:  # the port is taken, the address is not this computer's
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
