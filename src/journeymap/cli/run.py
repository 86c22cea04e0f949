"""What every command does around its one core call: load a valid workspace, write a report
safely, and talk to the user on stderr (the run's data is read by journeymap.data).

Heavy modules are imported inside the functions that need them, so a quick command starts fast.
"""

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from journeymap.cli.options import ColorMode
from journeymap.errors import ContentError

if TYPE_CHECKING:
    from journeymap.findings import Finding
    from journeymap.output import Guard
    from journeymap.workspace import Workspace


#: the workspace root `--root` names (before the command), else None: found from the current
#: folder (journeymap.config.find_root)
ROOT: Path | None = None


def use_color(mode: ColorMode, stream: object) -> bool:
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def say(message: str) -> None:
    """One line to stderr: user text in it (a path, an id) stays text."""
    from journeymap.textsafe import ci_commands, terminal

    sys.stderr.write(ci_commands(f"journeymap: {terminal(message)}") + "\n")


def wrote(path: Path) -> None:
    """Say what was written, unless it went to standard output (`-o -`) itself."""
    if str(path) != "-":
        sys.stdout.write(f"wrote {path}\n")


def print_findings(findings: list["Finding"], sources: Mapping[str, str]) -> None:
    """Findings to stderr, as validate's text format prints them."""
    from journeymap.findings import Summary
    from journeymap.reporters import Report, render
    from journeymap.textsafe import ci_commands

    report = Report(findings, Summary.of(findings, len({f.file for f in findings})), sources,
                    color=use_color(ColorMode.auto, sys.stderr))
    sys.stderr.write(ci_commands(render("text", report)))


def load_valid(paths: list[Path] | None) -> "Workspace":
    """The workspace, or ContentError (exit 1) with its errors: nothing is half-drawn."""
    from journeymap.rules import check_workspace
    from journeymap.workspace import open_workspace

    ws = open_workspace(Path.cwd(), paths, root=ROOT)
    errors = [f for f in check_workspace(ws) if f.severity == "error"]
    if errors:
        raise ContentError(f"the workspace has {len(errors)} error(s); nothing was written",
                           errors, ws.texts)
    return ws


def guard(ws: "Workspace", *more: Iterable[Path] | None) -> "Guard":
    """What outputs of this run may not overwrite: every input (the workspace's files, and
    every file named or under a folder in `more`), the workspace root and above."""
    from journeymap.output import Guard

    return Guard.around(ws.root, ws.input_paths(), *more)


def inert(text: str, fmt: str) -> str:
    """Every format but `github` (whose annotations are the point) made inert for CI runners."""
    from journeymap.textsafe import ci_commands

    return text if fmt == "github" else ci_commands(text, json=fmt in ("json", "sarif"))


def emit(text: str, output: Path | None, safe: Callable[[], "Guard"], fmt: str = "text") -> str:
    """A report to `output` (safely: journeymap.output, with the run's guard, worked out only
    when there is a file to write) or to stdout; returns the text as written."""
    text = inert(text, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        from journeymap.output import write_file

        write_file(output, text, safe())
    return text


def emit_lines(lines: Iterable[str], output: Path | None, safe: Callable[[], "Guard"],
               fmt: str) -> None:
    """A report that comes in whole lines as they are made: to a file, written so (a large
    JSON report is never held whole); to stdout, as `emit` writes it (whole, once made)."""
    if output is None:
        emit("".join(lines), output, safe, fmt)
        return
    from journeymap.output import write_file

    # each piece is whole lines, so each is made inert alone
    write_file(output, (inert(piece, fmt) for piece in lines), safe())
