"""`journeymap handbook`: the standards handbook as a static site for front-line teams."""

from pathlib import Path
from typing import Annotated

import typer

from journeymap.cli.app import app
from journeymap.cli.options import (
    ActualsOption,
    AsOfOption,
    ComplaintsOption,
    EngineChoice,
    PathsArg,
    PeriodOption,
)
from journeymap.cli.run import guard, load_valid, wrote
from journeymap.errors import UsageError


@app.command()
def handbook(
    paths: PathsArg = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="DIR",
                                  help="Folder for the static site.")
    ] = None,
    single_file: Annotated[
        Path | None, typer.Option(metavar="FILE",
                                  help="Also (or only) write one self-contained HTML file.")
    ] = None,
    templates: Annotated[
        Path | None, typer.Option(metavar="DIR",
                                  help="Folder of templates overriding the defaults by name.")
    ] = None,
    actuals: ActualsOption = None,
    period: PeriodOption = None,
    diagrams: Annotated[bool, typer.Option(
        "--diagrams/--no-diagrams", show_default=False,
        help="Draw each journey's map inline (the default).")] = True,
    # accepted for scripts written when the map went through Graphviz; it now draws itself
    engine: Annotated[EngineChoice, typer.Option(metavar="auto|embedded|dot",
                                                 hidden=True)] = EngineChoice.auto,
    register: ComplaintsOption = None,
    as_of: AsOfOption = None,
    jobs: Annotated[int, typer.Option(
        min=1, max=256, metavar="N", help="Render the pages over N processes: faster on several "
        "cores, but each process needs about as much memory as the workspace.")] = 1,
) -> None:
    """Publish the standards handbook: HTML for front-line teams, managers and auditors. With
    actuals and a complaints register (the settings' folders, or --actuals and
    --complaints), it shows each standard's status and the register's clock."""
    from journeymap.complaints.report import complaints_report
    from journeymap.data import DataFiles, read
    from journeymap.handbook import Publish, Shown, build_handbook

    if output is None and single_file is None:
        raise UsageError("say where the handbook goes: -o DIR and/or --single-file FILE")
    ws = load_valid(paths)
    files = DataFiles.of(ws, actuals, complaints=register).only("actuals", "complaints")
    data = read(ws, files, period, as_of)
    summary = complaints_report(ws, data.register, data.as_of) if data.register else None
    safe = guard(ws, data.inputs, [templates] if templates else None)
    shown = Shown(data.statuses(ws), summary, data.as_of, diagrams, engine.value)
    for path in build_handbook(ws, shown, Publish(output, single_file, templates, safe, jobs)):
        wrote(path)
