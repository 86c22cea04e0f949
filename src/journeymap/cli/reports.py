"""`journeymap gaps` (the gap report) and `journeymap complaints` (the register report)."""

import sys
from typing import Annotated

import typer

from journeymap.cli.app import app
from journeymap.cli.options import (
    COMPLAINTS_TEXT,
    GAPS_TEXT,
    ActualsOption,
    AsOfOption,
    ColorMode,
    ColorOption,
    ComplaintsFormat,
    ComplaintsOption,
    GapsFormat,
    OutputOption,
    PathsArg,
    PeriodOption,
    SurveyOption,
    one_of,
)
from journeymap.cli.run import emit, emit_lines, guard, load_valid, say, use_color
from journeymap.complaints import FORMATS as COMPLAINT_FORMATS
from journeymap.errors import UsageError
from journeymap.gaps import FAIL_ON
from journeymap.gaps import FORMATS as GAP_FORMATS


@app.command()
def gaps(
    paths: PathsArg = None,
    actuals: ActualsOption = None,
    survey: SurveyOption = None,
    period: PeriodOption = None,
    output_format: Annotated[
        GapsFormat,  # type: ignore[valid-type]
        typer.Option("--format", "-f", metavar=one_of(GAP_FORMATS), help="Output format.")
    ] = GAPS_TEXT,
    output: OutputOption = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(metavar="KIND", help="Exit 1 when a finding of this kind is present: "
                     f"{', '.join(FAIL_ON)} (missed-mot: a missed moment of truth; no-data: "
                     "the period has no actuals at all; unplanned-miss: a missed moment of "
                     "truth with no open action; overdue: an open action past its due date)."),
    ] = None,
    count_noise: Annotated[
        bool, typer.Option("--count-noise", help="Let --fail-on count misses within noise "
                           "(whose 95 % interval holds the target) too.")] = False,
    register: ComplaintsOption = None,
    as_of: AsOfOption = None,
    color: ColorOption = ColorMode.auto,
) -> None:
    """Gap report: standards missing, missed, or out of step with expectations and promises."""
    from journeymap.data import DataFiles, read
    from journeymap.gaps import render_lines
    from journeymap.gaps.analysis import analyse, failing

    kinds = [k.strip() for value in fail_on or [] for k in value.split(",")]
    if "" in kinds:
        raise UsageError(f"--fail-on: an empty kind in {', '.join(map(repr, fail_on or []))}; "
                         f"use one or more of {', '.join(FAIL_ON)}")
    ws = load_valid(paths)
    data = read(ws, DataFiles.of(ws, actuals, survey, register), period, as_of)
    report = analyse(ws, data)
    present = failing(report, kinds, count_noise)
    if report.unmeasured_period:
        say(f"warning: no actuals for {report.period or 'any period'}: every standard is "
            "without data")
    colour = output is None and use_color(color, sys.stdout)
    emit_lines(render_lines(output_format.value, report, colour), output,
               lambda: guard(ws, data.inputs), output_format.value)
    if present:
        sys.stderr.write(f"journeymap: failing on {', '.join(present)} (--fail-on)\n")
        raise typer.Exit(1)


@app.command()
def complaints(
    paths: PathsArg = None,
    register: ComplaintsOption = None,
    by: Annotated[str | None, typer.Option(
        metavar="COLUMN", help="Also a Pareto of this column of the register (e.g. product).")
    ] = None,
    output_format: Annotated[
        ComplaintsFormat,  # type: ignore[valid-type]
        typer.Option("--format", "-f", metavar=one_of(COMPLAINT_FORMATS), help="Output format.")
    ] = COMPLAINTS_TEXT,
    output: OutputOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Complaints register: volume by channel, closed channels, the clock, the Pareto of causes."""
    from journeymap.complaints import render
    from journeymap.complaints.report import complaints_report
    from journeymap.data import DataFiles, read

    ws = load_valid(paths)
    data = read(ws, DataFiles.of(ws, complaints=register).only("complaints"), as_of=as_of,
                by_column=by.strip().lower() if by else None)
    if data.register is None:
        raise UsageError("no complaints register: pass --complaints PATH or put CSV files in "
                         f"{', '.join(ws.settings.complaints)}/")
    report = complaints_report(ws, data.register, data.as_of)
    emit(render(output_format.value, report), output, lambda: guard(ws, data.inputs),
         output_format.value)
