"""`journeymap measure`: standards computed from their event sources, written as actuals."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from journeymap.cli.app import app
from journeymap.cli.options import MeasureEngine, PathsArg, period_value
from journeymap.cli.run import guard, load_valid, say, wrote
from journeymap.periods import Period


@app.command()
def measure(
    paths: PathsArg = None,
    engine: Annotated[MeasureEngine | None, typer.Option(  # type: ignore[valid-type]
        metavar="duckdb|spark", help="Where the events are measured (default: settings "
        "[engine] backend, else DuckDB, embedded); Spark: pip install \"journeymap[spark]\", "
        "SPARK_MASTER, else local.")
    ] = None,
    since: Annotated[Period | None, typer.Option(
        metavar="PERIOD", parser=period_value,
        help="Only periods from this one on, e.g. 2026-01.")] = None,
    period: Annotated[Period | None, typer.Option(
        metavar="PERIOD", parser=period_value,
        help="Only periods up to this one, e.g. 2026-Q3.")] = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE", help="The actuals file written.")
    ] = Path("actuals/measured.csv"),
    customers: Annotated[Path, typer.Option(
        metavar="FILE", help="Customers per journey, touchpoint and period (where sources "
        "name their customer column).")] = Path("customers/measured.csv"),
) -> None:
    """Measure standards from their event sources: monthly, quarterly and yearly figures with
    their sample and 95 % interval, written as actuals."""
    from journeymap.measures import actuals_csv, customers_csv, measure_workspace
    from journeymap.output import write_file

    ws = load_valid(paths)
    if not any(standard.measure for standard in ws.applied):
        sys.stdout.write("No standard has a `measure:`: nothing to measure, nothing written "
                         "(docs/measures.md).\n")
        return
    settings = ws.settings.engine
    result = measure_workspace(ws, engine.value if engine else settings.backend, since=since,
                               until=period, memory_limit=settings.memory_limit,
                               threads=settings.threads)
    safe = guard(ws, result.files)
    write_file(output, actuals_csv(result), safe)
    wrote(output)
    if result.customers:
        write_file(customers, customers_csv(result), safe)
        wrote(customers)
    for source, (count, examples) in sorted(result.unreadable.items()):
        say(f"source {source!r}: {count:,} event(s) without a readable time, not measured "
            f"(e.g. {', '.join(repr(e) for e in examples)})")
    for standard, count in sorted(result.unreadable_values.items()):
        say(f"{standard}: {count:,} event(s) whose values cannot be read as the measure needs "
            "(a text where a time or a number should be), not measured")
    sys.stdout.write(f"{len({r.standard for r in result.rows}):,} standards measured: "
                     f"{len(result.rows):,} figures\n")
