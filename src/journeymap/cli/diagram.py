"""`journeymap diagram`: journey maps, service blueprints, the supplier chain and lifecycles."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeymap.cli.app import app
from journeymap.cli.live import watch_and_redraw
from journeymap.cli.options import (
    ActualsOption,
    DiagramFormat,
    EngineChoice,
    PathsArg,
    PeriodOption,
    View,
    one_of,
)
from journeymap.cli.run import guard, load_valid, say, wrote
from journeymap.diagrams import FORMATS as DIAGRAM_FORMATS
from journeymap.diagrams import VIEWS
from journeymap.errors import UsageError

if TYPE_CHECKING:
    from journeymap.data import RunData
    from journeymap.periods import Period
    from journeymap.workspace import Workspace


@app.command()
def diagram(
    paths: PathsArg = None,
    journey: Annotated[
        list[str] | None, typer.Option("--journey", "-j", metavar="ID",
                                       help="Only these journey ids.")
    ] = None,
    view: Annotated[list[View] | None, typer.Option(  # type: ignore[valid-type]
        "--view", "-v", metavar=one_of([*VIEWS, "all"]), help="What to draw.")] = None,
    output_format: Annotated[
        DiagramFormat | None,  # type: ignore[valid-type]
        typer.Option("--format", "-f", metavar=one_of(DIAGRAM_FORMATS),
                     help="Output format (default: the -o file's extension, else svg).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="One diagram to FILE.")
    ] = None,
    output_dir: Annotated[
        Path, typer.Option("--output-dir", metavar="DIR",
                           help="Where `<journey>-<view>.<ext>` files go.")
    ] = Path("build/diagrams"),
    engine: Annotated[
        EngineChoice,
        typer.Option(metavar="auto|embedded|dot",
                     help="Graphviz: embedded (auto, same output everywhere) or the system dot."),
    ] = EngineChoice.auto,
    actuals: ActualsOption = None,
    period: PeriodOption = None,
    survey: Annotated[list[Path] | None, typer.Option(
        "--survey", metavar="PATH",
        help="Survey CSV files or folders: the map shows what customers perceived beside the "
        "feeling expected.")] = None,
    persona: Annotated[str | None, typer.Option(
        metavar="ID", help="The map as this persona takes the journey: their needs, wants "
        "and expectations (only the journeys they take).")] = None,
    page: Annotated[str | None, typer.Option(
        metavar="16:9|a4|a3|a1|a0[-portrait]",
        help="Lay the map or blueprint out for a screen or paper: text stays readable (at "
        "least 18 px at 1920x1080, 9 pt on paper), over as many pages as that takes; the "
        "chain (a page per journey where one page is too small) and the lifecycle are scaled "
        "to fit.")] = None,
    watch: Annotated[bool, typer.Option("--watch",
                                        help="Redraw whenever the files change.")] = False,
) -> None:
    """Draw journey maps (with the emotion curve), service blueprints, the supplier chain and
    lifecycles: for the screen, a projector or a poster. With actuals (settings `actuals` or
    --actuals), cards and the standards row show each standard's status in the period."""
    from journeymap.data import DataFiles, read
    from journeymap.diagrams import Drawing, diagram_jobs, format_for, write_diagrams

    fmt = format_for(output, output_format.value if output_format else None)
    views = [v.value for v in view or [View("map")]]
    if "all" in views:  # every view this format can draw
        from journeymap.diagrams import drawn_directly

        views = ["map"] if fmt == "mermaid" else \
            [v for v in VIEWS if fmt != "dot" or not drawn_directly(v)]
    views = list(dict.fromkeys(views))

    def build() -> list[Path]:
        ws = load_valid(paths)
        files = DataFiles.of(ws, actuals, survey).only("actuals", *(["surveys"] if survey else []))
        data = read(ws, files, period)
        jobs = diagram_jobs(ws, _taken_by(ws, persona, journey) if persona else journey, views)
        how = Drawing(fmt, engine.value, data.statuses(ws), _lens(ws, data, period, persona),
                      page, say)
        return write_diagrams(ws, jobs, how, output, output_dir, guard(ws, data.inputs))

    if not watch:
        for path in build():
            wrote(path)
        return
    watch_and_redraw(paths, actuals, build)


def _lens(ws: "Workspace", data: "RunData", period: "Period | None", persona: str | None):
    """What the map is looked at with: the survey wave of `period` (the latest by default) by
    touchpoint, when --survey was given, and the persona."""
    surveyed = bool(data.files.surveys)
    if not surveyed and persona is None:
        return None
    from journeymap.diagrams.journey_map import Lens
    from journeymap.gaps.perception import perceived

    measured = perceived(data.surveys, period) if surveyed else {}
    return Lens(measured, tuple(ws.settings.survey_scale),
                ws.persona(persona) if persona else None)


def _taken_by(ws: "Workspace", persona: str, asked: list[str] | None) -> list[str]:
    """The journeys (of those asked for) that list the persona; misuse if none does."""
    from journeymap.hints import did_you_mean

    if ws.persona(persona) is None:
        known = [e.item.id for e in ws.personas]
        raise UsageError(f"unknown persona {persona!r}"
                         f"{did_you_mean(persona, known) or '; known: ' + ', '.join(known)}")
    taken = [e.item.id for e in ws.journeys if persona in e.item.personas
             and (not asked or e.item.id in asked)]
    if not taken:
        raise UsageError(f"persona {persona!r} takes none of the journeys drawn (a journey "
                         "lists its personas under `personas:`)")
    return taken
