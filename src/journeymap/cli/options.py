"""The options several commands share, declared once: their names, help and parsing.

A period and a day are parsed here, by typer, once per run: a bad one is misuse (exit 2) with
typer's one message, before anything is read.
"""

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from journeymap.complaints import FORMATS as COMPLAINT_FORMATS
from journeymap.diagrams import FORMATS as DIAGRAM_FORMATS
from journeymap.diagrams import VIEWS
from journeymap.gaps import FORMATS as GAP_FORMATS
from journeymap.periods import Period, parse_period
from journeymap.reporters import REPORTERS


def one_of(names: Iterable[str]) -> str:
    return "|".join(names)


def _choices(name: str, names: Iterable[str]) -> type[StrEnum]:
    """A CLI choice type made from a registry's names: the registry is the one list."""
    return StrEnum(name, {n: n for n in names})  # type: ignore[return-value]


ValidateFormat = _choices("ValidateFormat", REPORTERS)
View = _choices("View", [*VIEWS, "all"])
DiagramFormat = _choices("DiagramFormat", DIAGRAM_FORMATS)
GapsFormat = _choices("GapsFormat", GAP_FORMATS)
ComplaintsFormat = _choices("ComplaintsFormat", COMPLAINT_FORMATS)
MeasureEngine = _choices("MeasureEngine", ("duckdb", "spark"))
GAPS_TEXT = GapsFormat("text")  # type: ignore[operator]
COMPLAINTS_TEXT = ComplaintsFormat("text")  # type: ignore[operator]


class ColorMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class EngineChoice(StrEnum):
    auto = "auto"
    embedded = "embedded"
    dot = "dot"


def period_value(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def day_value(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date written YYYY-MM-DD") from None


ColorOption = Annotated[ColorMode, typer.Option(metavar="auto|always|never",
                                                help="Colour the text output.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                  help="Write to a file.")]
PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(metavar="PATHS",
                   help="Files or folders (default: the workspace's `paths` setting)."),
]
ActualsOption = Annotated[
    list[Path] | None,
    typer.Option("--actuals", metavar="PATH",
                 help="Actuals CSV files or folders (default: settings `actuals`)."),
]
SurveyOption = Annotated[
    list[Path] | None,
    typer.Option("--survey", metavar="PATH",
                 help="Survey CSV files or folders (default: settings `surveys`)."),
]
ComplaintsOption = Annotated[
    list[Path] | None,
    typer.Option("--complaints", metavar="PATH",
                 help="Complaints register CSV files or folders (default: settings "
                 "`complaints`)."),
]
PeriodOption = Annotated[Period | None, typer.Option(
    metavar="PERIOD", parser=period_value,
    help="The period reported on, e.g. 2026-Q3 (default: the quarter of the latest figure).")]
AsOfOption = Annotated[date | None, typer.Option(
    "--as-of", metavar="DATE", parser=day_value,
    help="The day open actions and complaints are aged on, YYYY-MM-DD (default: today).")]
