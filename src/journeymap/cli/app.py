"""The Typer application every command module registers with, and the two hooks into typer
that keep start-up and help as users need them (pinned: see below). Shell completion uses
typer's own scripts and completion classes (cli.validate's `completion`, cli.main), pinned
by tests/test_validate_cli.py."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from journeymap import VERSION_LINE


def _no_conversion_of_absent_flags() -> None:
    """Hand an absent option's None straight through, as typer's conversion would.

    typer converts every parameter through a pydantic adapter, even the None of an option not
    given (every command's `--help`, the global `--root`); that first adapter imports
    pydantic, 70 ms that `journeymap rules` or `--help` would pay for nothing. Nothing else
    changes: a given value is converted by typer, and a typer without this hook is left as
    it is.
    """
    parameter = getattr(typer.core, "_TyperParameter", None)
    convert = getattr(parameter, "process_value", None)
    if convert is None or getattr(convert, "passes_none", False):
        return

    def process_value(self: Any, ctx: Any, value: Any) -> Any:
        if value is None and not self.required:
            return self.callback(ctx, self, None) if self.callback is not None else None
        return convert(self, ctx, value)

    process_value.passes_none = True  # type: ignore[attr-defined]
    parameter.process_value = process_value  # type: ignore[union-attr]


_no_conversion_of_absent_flags()

# typer prints an argument's Python type in help (`<list[Path]>`) where its metavar says it
# better. These two hooks are the only ones into typer's internals: typer is pinned to a minor
# range in pyproject.toml, and tests pin what each is for (tests/test_architecture.py: --help
# and rules start without pydantic; tests/test_validate_cli.py: every command's help), so a
# typer that moves them fails a test rather than a user.
typer.core.TyperArgument.display_type_rich = lambda self, ctx: ""  # type: ignore[method-assign]

#: the variable through which a shell asks for completions: typer's own `--install-completion`
#: would import pydantic on every start (typer builds its option types with it), so
#: `journeymap completion` installs the same scripts and cli.main turns completion on only
#: when a shell asks
COMPLETE_VAR = "_JOURNEYMAP_COMPLETE"

app = typer.Typer(
    name="journeymap",
    help="Customer journeys, moments of truth and service standards kept as YAML: "
    "validate them, draw them, find the gaps, publish the handbook.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no boxes that cut choices mid-word
    context_settings={"help_option_names": ["-h", "--help"]},
)


def version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(VERSION_LINE)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True)
    ] = False,
    root: Annotated[
        Path | None,
        typer.Option("--root", metavar="DIR", help="The workspace folder (where journeymap.toml "
                     "is), for a workspace in a sub-folder of a repository: file names stay "
                     "relative to the current folder."),
    ] = None,
) -> None:
    """Customer journeys as code."""
    from journeymap.cli import run

    run.ROOT = root
