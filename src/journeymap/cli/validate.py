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
from typing import TYPE_CHECKING, Annotated

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
from journeymap.cli.run import emit, guard, say, use_color, wrote
from journeymap.errors import UsageError
from journeymap.reporters import REPORTERS

if TYPE_CHECKING:
    from journeymap.findings import Finding
    from journeymap.workspace import Workspace


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
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE", help="Leave out the findings FILE knows (written with "
        "the current findings when it does not exist yet): adopt the gate on a large "
        "workspace, and fix what is known over time.")] = None,
    update_baseline: Annotated[bool, typer.Option(
        "--update-baseline", help="Write the current findings to the --baseline FILE.")
    ] = False,
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
    from journeymap.suppress import apply_ignores
    from journeymap.workspace import open_workspace

    if update_baseline and baseline is None:
        raise UsageError("--update-baseline needs --baseline FILE")
    if output_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = ValidateFormat.github if github else ValidateFormat.text
    selected, ignored = _codes(select), _codes(ignore)
    # a report to a file, or a baseline written, is never replayed: the run writes a file
    with runcache.recording(output is None and not update_baseline) as remember:
        ws = open_workspace(Path.cwd(), paths, root=root or ROOT, tracked_only=tracked_only)
        findings, inline = apply_ignores(check_workspace(ws, selected, ignored), ws.texts)
        findings, baselined, fixed = _baseline(findings, ws, baseline, update_baseline)
        files = len(ws.scope) if ws.scope is not None else len(ws.files)
        report = Report(
            findings,
            Summary.of(findings, files, inline, baselined, fixed),
            ws.texts,
            color=output is None and use_color(color, sys.stdout),
            quiet=quiet,
            root=ws.root,
            base=ws.base,
            repository=repository_top(ws.root),
            strict=strict,
            docs_url=ws.settings.docs_url,
        )
        text = emit(render(output_format.value, report), output, lambda: guard(ws),
                     output_format.value)
        failed = report.summary.errors or (strict and report.summary.warnings)
        code = 1 if failed else 0
        remember(text, code)
    raise typer.Exit(code)


def _baseline(findings: list["Finding"], ws: "Workspace", path: Path | None, update: bool
              ) -> tuple[list["Finding"], int, int]:
    """(the findings the baseline does not know, how many it knew, its entries fixed); a
    baseline that does not exist yet (or --update-baseline) is written with them all."""
    if path is None:
        return findings, 0, 0
    from journeymap import inputs
    from journeymap.output import write_file
    from journeymap.suppress import Baseline

    if update or not inputs.exists(path):
        write_file(path, Baseline.of(findings, ws.root, ws.base).text(), guard(ws))
        say(f"wrote {path}: {len(findings)} known finding(s)")
        return [], len(findings), 0
    try:
        known = Baseline.parse(inputs.read_bounded(path, ws.settings.limits.max_file_bytes,
                                                   "limits.max_file_bytes").decode("utf-8"))
    except (inputs.InputProblem, ValueError) as problem:
        raise UsageError(f"--baseline {path}: {problem}") from None
    return known.apply(findings, ws.root, ws.base)


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


@app.command()
def completion(
    shell: Annotated[Shell, typer.Argument(metavar="bash|zsh|fish|powershell")],
    install: Annotated[bool, typer.Option(
        "--install", help="Add it to the shell's start-up file instead of printing it.")
    ] = False,
) -> None:
    """Tab completion of commands, options and choices: print the shell's script (to source
    it yourself) or --install it; a new shell has it."""
    from typer import _completion_shared as shared

    from journeymap.cli.app import COMPLETE_VAR

    names = {"prog_name": "journeymap", "complete_var": COMPLETE_VAR, "shell": shell.value}
    if install:
        sys.stdout.write(f"installed {shell.value} completion in {shared.install(**names)[1]}\n")
    else:
        sys.stdout.write(shared.get_completion_script(**names))


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
    sys.stdout.write("Next: cd into it and run `journeymap validate`.\n")
