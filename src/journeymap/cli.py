"""The command line: a thin Typer layer that parses options and calls one core function.

Heavy modules (rules, reporters, graphviz, jinja2, rich tables) are imported inside the commands
that need them, so `journeymap validate` on one file starts fast enough for pre-commit.
Exit codes: 0 clean; 1 invalid content (or warnings with --strict); 2 misuse, settings or an
internal error. Every error reaches the user as a message, never as a traceback.

No `from __future__ import annotations` here: typer reads every command's signature on every
run, and annotations kept as strings would make it compile some 280 of them each time (about
8 ms of `journeymap --version`). Names imported only for type checking are quoted.
"""

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from journeymap import VERSION_LINE
from journeymap.complaints import FORMATS as COMPLAINT_FORMATS
from journeymap.diagrams import FORMATS as DIAGRAM_FORMATS
from journeymap.diagrams import VIEWS
from journeymap.errors import ContentError, JourneymapError, UsageError
from journeymap.gaps import FAIL_ON
from journeymap.gaps import FORMATS as GAP_FORMATS
from journeymap.reporters import REPORTERS

if TYPE_CHECKING:
    from journeymap.findings import Finding
    from journeymap.output import Guard
    from journeymap.periods import Period
    from journeymap.workspace import Workspace


def _no_conversion_of_absent_flags() -> None:
    """Hand an absent flag's None straight through, as typer's conversion would.

    typer converts every parameter through a pydantic adapter, even the None of a flag not
    given (every command's `--help`); that first adapter imports pydantic, 70 ms that
    `journeymap rules` or `--help` would pay for nothing. Nothing else changes: a given
    value is converted by typer, and a typer without this hook is left as it is.
    """
    parameter = getattr(typer.core, "_TyperParameter", None)
    convert = getattr(parameter, "process_value", None)
    if convert is None or getattr(convert, "passes_none", False):
        return

    def process_value(self: Any, ctx: Any, value: Any) -> Any:
        descriptor = getattr(self, "type_descriptor", None)
        if value is None and not self.required and getattr(descriptor, "annotation", None) \
                is bool:
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


def _one_of(names: Iterable[str]) -> str:
    return "|".join(names)


def _choices(name: str, names: Iterable[str]) -> type[StrEnum]:
    """A CLI choice type made from a registry's names: the registry is the one list."""
    return StrEnum(name, {n: n for n in names})  # type: ignore[return-value]


ValidateFormat = _choices("ValidateFormat", REPORTERS)
View = _choices("View", [*VIEWS, "all"])
DiagramFormat = _choices("DiagramFormat", DIAGRAM_FORMATS)
GapsFormat = _choices("GapsFormat", GAP_FORMATS)
ComplaintsFormat = _choices("ComplaintsFormat", COMPLAINT_FORMATS)
COMPLAINTS_DEFAULT = ComplaintsFormat("text")
GAPS_DEFAULT = GapsFormat("text")


class ColorMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOption = Annotated[ColorMode, typer.Option(metavar="auto|always|never",
                                                help="Colour the text output.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                  help="Write to a file.")]
PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(metavar="PATHS",
                   help="Files or folders (default: the workspace's `paths` setting)."),
]


def use_color(mode: ColorMode, stream: object) -> bool:
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


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


def _print_findings(findings: list["Finding"], sources: Mapping[str, str]) -> None:
    """Findings to stderr, as validate's text format prints them."""
    from journeymap.findings import Summary
    from journeymap.reporters import Report, render
    from journeymap.textsafe import ci_commands

    report = Report(findings, Summary.of(findings, len({f.file for f in findings})), sources,
                    color=use_color(ColorMode.auto, sys.stderr))
    sys.stderr.write(ci_commands(render("text", report)))


def _guard(ws: "Workspace", *more: list[Path] | None) -> "Guard":
    """What outputs of this run may not overwrite: every input, the workspace root and above."""
    from journeymap.inputs import files_under
    from journeymap.output import Guard

    extra = [f for paths in more if paths for f in files_under(paths)]
    return Guard.of(ws.root, [*ws.input_paths(), *extra])


def _wrote(path: Path) -> None:
    """Say what was written, unless it went to standard output (`-o -`) itself."""
    if str(path) != "-":
        sys.stdout.write(f"wrote {path}\n")


def _emit(text: str, output: Path | None, guard: Callable[[], "Guard"],
          fmt: str = "text") -> str:
    """A report to `output` (safely: journeymap.output, with the run's `guard()`, worked out
    only when there is a file to write) or to stdout; returns the text as written."""
    text = _inert(text, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        from journeymap.output import write_file

        write_file(output, text, guard())
    return text


def _emit_lines(lines: Iterable[str], output: Path | None, guard: Callable[[], "Guard"],
                fmt: str) -> None:
    """A report that comes in whole lines as they are made: to a file, written so (a large
    JSON report is never held whole); to stdout, as `_emit` writes it (whole, once made)."""
    if output is None:
        _emit("".join(lines), output, guard, fmt)
        return
    from journeymap.output import write_file

    # each piece is whole lines, so each is made inert alone
    write_file(output, (_inert(piece, fmt) for piece in lines), guard())


def _inert(text: str, fmt: str) -> str:
    """Every format but `github` (whose annotations are the point) made inert for CI runners."""
    from journeymap.textsafe import ci_commands

    return text if fmt == "github" else ci_commands(text, json=fmt in ("json", "sarif"))


def load_valid(paths: list[Path] | None) -> "Workspace":
    """The workspace, or ContentError (exit 1) with its errors: nothing is half-drawn."""
    from journeymap.workspace import open_workspace

    ws = open_workspace(Path.cwd(), paths)
    _refuse_invalid(ws, _errors(ws))
    return ws


def _errors(ws: "Workspace") -> list["Finding"]:
    from journeymap.rules import check_workspace

    return [f for f in check_workspace(ws) if f.severity == "error"]


def _refuse_invalid(ws: "Workspace", errors: list["Finding"]) -> None:
    if errors:
        raise ContentError(f"the workspace has {len(errors)} error(s); nothing was written",
                           errors, ws.texts)


@app.command()
def validate(
    paths: PathsArg = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option("--format", "-f", metavar=_one_of(REPORTERS),
                     help="Output format (github when GITHUB_ACTIONS is set)."),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(metavar="CODES", help="Only these codes or prefixes (e.g. JM1,JM002).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(metavar="CODES", help="Skip these codes or prefixes.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
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
    from journeymap.findings import Summary
    from journeymap.reporters import Report, render
    from journeymap.rules import check_workspace
    from journeymap.workspace import open_workspace

    if output_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = ValidateFormat.github if github else ValidateFormat.text
    selected, ignored = _codes(select), _codes(ignore)
    with runcache.recording(output is None) as remember:  # a report to a file: never replayed
        ws = open_workspace(Path.cwd(), paths)
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
        )
        text = _emit(render(output_format.value, report), output, lambda: _guard(ws),
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
        _wrote(target)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(metavar="[DIR]",
                                           help="Where to create the workspace.")] = Path("."),
) -> None:
    """Start a workspace: a journey, a library, settings, schemas and a pre-commit hook."""
    from journeymap.scaffold import init_workspace

    for path in init_workspace(folder):
        sys.stdout.write(f"created {path}\n")
    sys.stdout.write("Next: cd into it and run `journeymap validate`.\n")


class EngineChoice(StrEnum):
    auto = "auto"
    embedded = "embedded"
    dot = "dot"


ActualsOption = Annotated[
    list[Path] | None,
    typer.Option("--actuals", metavar="PATH",
                 help="Actuals CSV files or folders (default: settings `actuals`)."),
]
PeriodOption = Annotated[str | None, typer.Option(
    metavar="PERIOD", help="The period reported on, e.g. 2026-Q3 (default: the latest).")]

ComplaintsOption = Annotated[
    list[Path] | None,
    typer.Option("--complaints", metavar="PATH",
                 help="Complaints register CSV files or folders (default: settings "
                 "`complaints`)."),
]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", help="The day open actions and complaints are aged on, "
    "YYYY-MM-DD (default: today).")]


@app.command()
def diagram(
    paths: PathsArg = None,
    journey: Annotated[
        list[str] | None, typer.Option("--journey", "-j", metavar="ID",
                                       help="Only these journey ids.")
    ] = None,
    view: Annotated[list[View] | None, typer.Option(
        "--view", "-v", metavar=_one_of([*VIEWS, "all"]), help="What to draw.")] = None,
    output_format: Annotated[
        DiagramFormat | None, typer.Option("--format", "-f", metavar=_one_of(DIAGRAM_FORMATS),
                                           help="Output format (default: the -o file's "
                                           "extension, else svg).")
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
        metavar="16:9|a3|a1|a0[-portrait]",
        help="Lay the map or blueprint out for a screen or paper: text stays readable (at "
        "least 18 px at 1920x1080, 9 pt on paper), over as many pages as that takes; the "
        "chain (a page per journey where one page is too small) and the lifecycle are scaled "
        "to fit.")] = None,
    watch: Annotated[bool, typer.Option("--watch",
                                        help="Redraw whenever the files change.")] = False,
) -> None:
    """Draw journey maps (with the emotion curve), service blueprints, the supplier chain and
    lifecycles: for the screen, a projector or a poster."""
    from journeymap.diagrams import diagram_jobs, format_for, write_diagrams

    fmt = format_for(output, output_format.value if output_format else None)
    views = [v.value for v in view or [View("map")]]
    if "all" in views:  # every view this format can draw
        from journeymap.diagrams import drawn_directly

        views = ["map"] if fmt == "mermaid" else \
            [v for v in VIEWS if fmt != "dot" or not drawn_directly(v)]
    views = list(dict.fromkeys(views))

    def build() -> list[Path]:
        ws = load_valid(paths)
        statuses = _statuses(ws, actuals, period)
        if statuses is None and period is not None and survey is None:
            raise UsageError("--period needs --actuals or --survey: the period of which "
                             "figures?")
        lens = _lens(ws, survey, period, persona)
        jobs = diagram_jobs(ws, _taken_by(ws, persona, journey) if persona else journey, views)
        return write_diagrams(ws, jobs, fmt, engine.value, statuses, output, output_dir,
                              _guard(ws, actuals, survey), page, lens, _say)

    if not watch:
        for path in build():
            _wrote(path)
        return
    _watch(paths, actuals, build)


def _statuses(ws: "Workspace", actuals: list[Path] | None, period: str | None):
    """With --actuals, each standard's status in the period (the latest by default)."""
    if actuals is None:
        return None
    from journeymap.statuses import load_statuses

    return load_statuses(ws, actuals, period)


def _lens(ws: "Workspace", survey: list[Path] | None, period: str | None,
          persona: str | None):
    """What the map is looked at with: the survey wave of `period` (the latest by default) by
    touchpoint, and the persona."""
    if survey is None and persona is None:
        return None
    from journeymap.diagrams.journey_map import Lens
    from journeymap.gaps.perception import perceived

    try:
        measured = perceived(ws, survey, period) if survey is not None else {}
    except ValueError as exc:  # a period that is not one
        raise UsageError(f"--period: {exc}") from None
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


def _watched(paths: list[Path] | None, actuals: list[Path] | None) -> list[Path]:
    """The folders and files a live command watches: the inputs, the actuals, the settings."""
    from journeymap.config import find_root, load_settings

    root, settings_file = find_root(Path.cwd())  # the CLI, not the core, knows the folder
    settings = load_settings(settings_file)
    folders = [*(paths or [root / p for p in settings.paths]),
               *(actuals if actuals is not None else [root / p for p in settings.actuals]),
               *([settings_file] if settings_file else [])]
    return [f for f in folders if f.exists()]


def _watch(paths: list[Path] | None, actuals: list[Path] | None,
           build: Callable[[], list[Path]]) -> None:
    """Redraw on every change; an invalid edit prints its errors and keeps the last diagrams."""
    import time

    from journeymap.diagrams.watch import watch

    folders = _watched(paths, actuals)

    def rebuild() -> None:
        stamp = time.strftime("%H:%M:%S")
        try:
            written = build()
        except ContentError as exc:
            _print_findings(exc.findings, exc.sources)
            _say(f"[{stamp}] {exc}; keeping the last good diagrams")
            return
        except (JourneymapError, OSError) as exc:
            _say(f"[{stamp}] {exc}")
            return
        sys.stdout.write(f"[{stamp}] drew {len(written)} diagram(s); watching for changes "
                         "(Ctrl-C stops)\n")
        sys.stdout.flush()

    watch(folders, rebuild)


@app.command()
def gaps(
    paths: PathsArg = None,
    actuals: ActualsOption = None,
    survey: Annotated[
        list[Path] | None,
        typer.Option("--survey", metavar="PATH",
                     help="Survey CSV files or folders (default: settings `surveys`)."),
    ] = None,
    period: PeriodOption = None,
    output_format: Annotated[
        GapsFormat, typer.Option("--format", "-f", metavar=_one_of(GAP_FORMATS),
                                 help="Output format.")
    ] = GAPS_DEFAULT,
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
    from journeymap.gaps import render_lines
    from journeymap.gaps.analysis import analyse, data_files, failing
    from journeymap.memory import paused_gc

    kinds = [k.strip() for value in fail_on or [] for k in value.split(",") if k.strip()]
    ws = load_valid(paths)
    with paused_gc():  # a report of many small acyclic records (journeymap.memory)
        report = analyse(ws, actuals, survey, period, _day(as_of), register)
        present = failing(report, kinds, count_noise)
        if report.unmeasured_period:
            _say(f"warning: no actuals for {report.period or 'any period'}: every standard is "
                 "without data")
        colour = output is None and use_color(color, sys.stdout)
        _emit_lines(render_lines(output_format.value, report, colour), output,
                    lambda: _guard(ws, data_files(ws, actuals, survey, register)),
                    output_format.value)
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
        ComplaintsFormat, typer.Option("--format", "-f", metavar=_one_of(COMPLAINT_FORMATS),
                                       help="Output format.")
    ] = COMPLAINTS_DEFAULT,
    output: OutputOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Complaints register: volume by channel, closed channels, the clock, the Pareto of causes."""
    from journeymap.complaints import render
    from journeymap.complaints.report import complaint_paths, load_complaints
    from journeymap.readers import csv_files

    ws = load_valid(paths)
    files = csv_files(complaint_paths(ws, register))
    if not files:
        raise UsageError("no complaints register: pass --complaints PATH or put CSV files in "
                         f"{', '.join(ws.settings.complaints)}/")
    report = load_complaints(ws, register, _day(as_of),
                             by.strip().lower() if by else None)
    _emit(render(output_format.value, report), output, lambda: _guard(ws, files),
          output_format.value)


MeasureEngine = _choices("MeasureEngine", ("duckdb",))
MEASURE_DEFAULT = MeasureEngine("duckdb")  # type: ignore[operator]


@app.command()
def measure(
    paths: PathsArg = None,
    engine: Annotated[MeasureEngine, typer.Option(  # type: ignore[valid-type]
        metavar="duckdb", help="Where the events are measured: DuckDB, embedded.")
    ] = MEASURE_DEFAULT,
    since: Annotated[str | None, typer.Option(
        metavar="PERIOD", help="Only periods from this one on, e.g. 2026-01.")] = None,
    period: Annotated[str | None, typer.Option(
        metavar="PERIOD", help="Only periods up to this one, e.g. 2026-Q3.")] = None,
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

    def parsed(option: str, text: str | None) -> "Period | None":
        from journeymap.periods import parse_period

        try:
            return parse_period(text) if text is not None else None
        except ValueError as exc:
            raise UsageError(f"{option}: {exc}") from None

    if not any(standard.measure for standard in ws.applied):
        sys.stdout.write("No standard has a `measure:`: nothing to measure, nothing written "
                         "(docs/measures.md).\n")
        return
    result = measure_workspace(ws, engine.value, since=parsed("--since", since),
                               until=parsed("--period", period))
    guard = _guard(ws, result.files)
    write_file(output, actuals_csv(result), guard)
    _wrote(output)
    if result.customers:
        write_file(customers, customers_csv(result), guard)
        _wrote(customers)
    for source, (count, examples) in sorted(result.unreadable.items()):
        _say(f"source {source!r}: {count:,} event(s) without a readable time, not measured "
             f"(e.g. {', '.join(repr(e) for e in examples)})")
    for standard, count in sorted(result.unreadable_values.items()):
        _say(f"{standard}: {count:,} event(s) whose values cannot be read as the measure needs "
             "(a text where a time or a number should be), not measured")
    sys.stdout.write(f"{len({r.standard for r in result.rows}):,} standards measured: "
                     f"{len(result.rows):,} figures\n")


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
        min=1, metavar="N", help="Render the pages over N processes: faster on several "
        "cores, but each process needs about as much memory as the workspace.")] = 1,
) -> None:
    """Publish the standards handbook: HTML for front-line teams, managers and auditors."""
    from journeymap.handbook import build_handbook

    if output is None and single_file is None:
        raise UsageError("say where the handbook goes: -o DIR and/or --single-file FILE")
    ws = load_valid(paths)
    statuses = _statuses(ws, actuals, period)
    day = _day(as_of)
    summary = None
    if register is not None:
        from journeymap.complaints.report import load_complaints

        summary = load_complaints(ws, register, day)
    guard = _guard(ws, actuals, register, [templates] if templates else None)
    for path in build_handbook(ws, output, single_file, templates, statuses, diagrams,
                               engine.value, guard=guard, as_of=day, register=summary,
                               jobs=jobs):
        _wrote(path)


@app.command()
def serve(
    paths: PathsArg = None,
    port: Annotated[int, typer.Option(min=0, max=65535, metavar="PORT",
                                      help="Port (0: any free one).")] = 8000,
    host: Annotated[str, typer.Option(
        metavar="HOST",
        help="Address to listen on; the default lets only this computer in.")] = "127.0.0.1",
    actuals: ActualsOption = None,
    period: PeriodOption = None,
) -> None:
    """Serve a live workshop page: every journey's views and the handbook, redrawn in the
    browser within a second of a saved edit."""
    from journeymap.serve import Live
    from journeymap.serve import serve as run

    if period is not None and actuals is None:
        raise UsageError("--period needs --actuals: the period of which figures?")

    def load():
        ws = load_valid(paths)
        return ws, _statuses(ws, actuals, period)

    def ready(url: str) -> None:
        sys.stdout.write(f"Serving the workshop page on {url} (Ctrl-C stops)\n")
        sys.stdout.flush()

    try:
        run(Live(load), _watched(paths, actuals), host, port, ready)
    except OSError as exc:  # the port is taken, the address is not this computer's
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _day(text: str | None) -> date:
    """--as-of: a date (default: today), or misuse."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of {text!r} is not a date written YYYY-MM-DD") from None


def version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(VERSION_LINE)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True)
    ] = False,
) -> None:
    """Customer journeys as code."""


def _say(message: str) -> None:
    """One line to stderr: user text in it (a path, an id) stays text."""
    from journeymap.textsafe import ci_commands, terminal

    sys.stderr.write(ci_commands(f"journeymap: {terminal(message)}") + "\n")


def main() -> None:
    """Run the app and map every failure to a message and an exit code (the `journeymap`
    command is journeymap.__main__, which makes stdout and stderr safe first)."""
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
            _print_findings(exc.findings, exc.sources)
        _say(str(exc))
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
        _say(f"{where}{exc.strerror or exc}")
        sys.exit(2)
    except Exception as exc:  # the one broad handler: everything else is a bug
        _say(f"internal error ({type(exc).__name__}: {exc}).")
        sys.stderr.write("This is a bug in journeymap, not in your files; please report it "
                         "with the command you ran.\n")
        sys.exit(2)
    sys.exit(result if isinstance(result, int) else 0)
