"""The command line: a thin Typer layer, a module per command, each parsing its options and
calling one core function (journeymap.data reads what a run measures, once).

- app.py: the Typer application and its two pinned hooks into typer;
- options.py: the options several commands share, parsed once (periods, days, choices);
- run.py: what every command does around its core call (a valid workspace, its data, safe
  output, messages);
- validate.py, diagram.py, reports.py (gaps, complaints), measure.py, handbook.py, live.py
  (diagram --watch, serve): the commands.

Heavy modules (rules, reporters, graphviz, jinja2, rich tables) are imported inside the commands
that need them, so `journeymap validate` on one file starts fast enough for pre-commit.
Exit codes: 0 clean; 1 invalid content (or warnings with --strict); 2 misuse, settings or an
internal error. Every error reaches the user as a message, never as a traceback.
"""

import os
import sys

import typer

from journeymap.cli import diagram, handbook, live, measure, reports, validate  # noqa: F401
from journeymap.cli.app import COMPLETE_VAR, app
from journeymap.cli.options import DiagramFormat, GapsFormat, ValidateFormat, View
from journeymap.cli.run import print_findings, say
from journeymap.errors import ContentError, JourneymapError

__all__ = ["DiagramFormat", "GapsFormat", "ValidateFormat", "View", "app", "main"]


def main() -> None:
    """Run the app and map every failure to a message and an exit code (the `journeymap`
    command is journeymap.__main__, which makes stdout and stderr safe first)."""
    if os.environ.get(COMPLETE_VAR):  # the shell asks for completions (`journeymap completion`)
        from typer._completion_classes import completion_init

        completion_init()
    try:
        result = app(standalone_mode=False)
        sys.stdout.flush()
    except BrokenPipeError:  # `journeymap ... | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("journeymap: interrupted\n")
        sys.exit(130)
    except JourneymapError as exc:
        if isinstance(exc, ContentError) and exc.findings:
            print_findings(exc.findings, exc.sources)
        say(str(exc))
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except typer.TyperException as exc:  # the command line itself is wrong: usage, exit 2
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:
            sys.stderr.write(f"journeymap: {exc}\n")
        sys.exit(getattr(exc, "exit_code", 2))
    except OSError as exc:  # the machine, not the input: a full disk, a read-only folder
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"{where}{exc.strerror or exc}")
        sys.exit(2)
    except Exception as exc:  # the one broad handler: everything else is a bug
        say(f"internal error ({type(exc).__name__}: {exc}).")
        sys.stderr.write("This is a bug in journeymap, not in your files; please report it "
                         "with the command you ran.\n")
        sys.exit(2)
    sys.exit(result if isinstance(result, int) else 0)
