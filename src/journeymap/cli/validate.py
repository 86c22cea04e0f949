"""`journeymap validate` (the check CI and pre-commit run), and the commands around it:
`rules`, `schema`, `init`.

No `from __future__ import annotations` in the command modules: typer reads every command's
signature on every run, and annotations kept as strings would make it compile each of them
(about 8 ms of `journeymap --version`).
"""

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from journeymap.cli.app import app
from journeymap.cli.options import (
    ColorMode,
    ColorOption,
    OutputOption,
    PathsArg,
    ValidateFormat,
    one_of,
)
from journeymap.cli.run import emit, guard, use_color, wrote
from journeymap.errors import UsageError
from journeymap.reporters import REPORTERS


def _codes(values: list[str] | None) -> list[str] | None:
    """Codes or prefixes, repeatable and comma-separated; unknown ones are misuse."""
    if not values:
        return None
    from journeymap import codes

    wanted = [c.strip().upper() for value in values for c in value.split(",") if c.strip()]
    for code in wanted:
        if not any(known.startswith(code) for known in codes.ALL):
            raise UsageError(f"unknown rule code {code!r} (see `journeymap rules`)")
    return wanted


@app.command()
def validate(
    paths: PathsArg = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option("--format", "-f", metavar=one_of(REPORTERS),
                     help="Output format (github when GITHUB_ACTIONS is set)."),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(metavar="CODES", help="Only these codes or prefixes (e.g. JM1,JM002).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(metavar="CODES", help="Skip these codes or prefixes.")
    ] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 on warnings too (and fail them in JUnit).")] = False,
    root: Annotated[Path | None, typer.Option(
        "--root", metavar="DIR", help="The workspace folder, as `journeymap --root DIR` (here "
        "too, for a pre-commit hook's args).")] = None,
    tracked_only: Annotated[bool, typer.Option(
        "--tracked-only", help="Leave out files git does not track: check what the commit "
        "holds (the pre-commit hook's way).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only, no snippets.")] = False,
    color: ColorOption = ColorMode.auto,
    output: OutputOption = None,
    no_cache: Annotated[bool, typer.Option(  # read from the command line by runcache.replay
        "--no-cache", help="Check in full even when nothing changed since the last check.")
    ] = False,
) -> None:
    """Check journeys and the library: file:line:column errors, in formats CI systems read.

    When nothing it rests on changed since the last identical check (files, settings, command
    line, journeymap itself), that check's result is printed again; --no-cache checks anew."""
    from journeymap import runcache
    from journeymap.cli.run import ROOT
    from journeymap.config import repository_top
    from journeymap.findings import Summary
    from journeymap.reporters import Report, render
    from journeymap.rules import check_workspace
    from journeymap.workspace import open_workspace

    if output_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = ValidateFormat.github if github else ValidateFormat.text
    selected, ignored = _codes(select), _codes(ignore)
    with runcache.recording(output is None) as remember:  # a report to a file: never replayed
        ws = open_workspace(Path.cwd(), paths, root=root or ROOT, tracked_only=tracked_only)
        findings = check_workspace(ws, selected, ignored)
        files = len(ws.scope) if ws.scope is not None else len(ws.files)
        report = Report(
            findings,
            Summary.of(findings, files),
            ws.texts,
            color=output is None and use_color(color, sys.stdout),
            quiet=quiet,
            root=ws.root,
            base=ws.base,
            repository=repository_top(ws.root),
            strict=strict,
        )
        text = emit(render(output_format.value, report), output, lambda: guard(ws),
                     output_format.value)
        failed = report.summary.errors or (strict and report.summary.warnings)
        code = 1 if failed else 0
        remember(text, code)
    raise typer.Exit(code)


@app.command()
def rules() -> None:
    """List every problem code with its default severity and what it checks."""
    from journeymap import codes

    sys.stdout.write(codes.listing())


class SchemaKind(StrEnum):
    journey = "journey"
    library = "library"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Option(metavar="journey|library",
                                             help="Which file kind.")] = SchemaKind.journey,
    output_dir: Annotated[
        Path | None,
        typer.Option(metavar="DIR",
                     help="Write journey.schema.json and library.schema.json into this folder."),
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of journey or library files, for editors."""
    from journeymap.output import write_file
    from journeymap.schema import schema_text

    if output_dir is None:
        sys.stdout.write(schema_text(kind.value))
        return
    for each in SchemaKind:
        target = output_dir / f"{each.value}.schema.json"
        write_file(target, schema_text(each.value))
        wrote(target)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(metavar="[DIR]",
                                           help="Where to create the workspace.")] = Path("."),
) -> None:
    """Start a workspace: a journey, a library, settings, schemas and a pre-commit hook."""
    from journeymap.scaffold import init_workspace

    created, todo = init_workspace(folder)
    for path in created:
        sys.stdout.write(f"created {os.path.relpath(path)}\n")
    if todo:
        sys.stdout.write(f"Then: {todo}.\n")
    sys.stdout.write("Next: run `journeymap validate` (from the workspace or the repository's "
                     "top).\n")
