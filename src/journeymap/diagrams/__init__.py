"""Diagrams from the same models: journey map, service blueprint, supplier chain, lifecycle.

Two registries say what can be drawn, and the CLI's choices come from them: VIEWS (name ->
the module that builds its DOT text) and FORMATS (name -> file extension). A view module has
`SCOPE` ("journey": one diagram per journey; "workspace": one of all selected journeys) and
`build(ws, journeys, statuses)`, which returns DOT text for Graphviz to lay out, or, where the
module says `OUTPUT = "svg"` (the map and the blueprint, drawn with diagrams.canvas), the
finished SVG, and `build_pages(..., page, lens)` for a page. View modules are imported only
when drawn. A new view is a module and one line in VIEWS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from journeymap.errors import UsageError
from journeymap.hints import did_you_mean

if TYPE_CHECKING:
    from journeymap.diagrams.journey_map import Lens
    from journeymap.diagrams.render import Engine
    from journeymap.loader import Entry
    from journeymap.model import Journey
    from journeymap.output import Guard
    from journeymap.statuses import Statuses
    from journeymap.workspace import Workspace

VIEWS = {
    "map": "journeymap.diagrams.journey_map",
    "blueprint": "journeymap.diagrams.blueprint",
    "chain": "journeymap.diagrams.chain",
    "lifecycle": "journeymap.diagrams.lifecycle",
}
#: format -> file extension; `dot` and `mermaid` are text, the others are laid out
FORMATS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "mermaid": "mmd"}


def format_for(output: Path | None, asked: str | None) -> str:
    """The format to draw: as asked, else the -o file's extension, else svg; a format that
    contradicts the extension is misuse (an SVG in `map.png` helps nobody)."""
    by_extension = {ext: fmt for fmt, ext in FORMATS.items()}
    implied = by_extension.get(output.suffix.lstrip(".").lower()) if output else None
    if asked and implied and asked != implied:
        raise UsageError(f"-o {output} is a .{output.suffix.lstrip('.')} file but --format is "
                         f"{asked}: drop --format, or name a .{FORMATS[asked]} file")
    if output is not None and not asked and not implied:
        raise UsageError(f"-o {output}: say the format with --format, or use one of the "
                         f"extensions {', '.join('.' + e for e in FORMATS.values())}")
    return asked or implied or "svg"


def view_module(view: str) -> ModuleType:
    return import_module(VIEWS[view])


@dataclass(frozen=True)
class Job:
    """One diagram: a view of one journey (or of all selected journeys, for `chain`)."""

    view: str
    journeys: tuple[Entry[Journey], ...]
    name: str  # file stem: `<journey>-<view>`; for the chain `chain`, or `<journey>-chain` with -j


def diagram_jobs(ws: Workspace, journey_ids: list[str] | None, views: list[str]) -> list[Job]:
    selected = list(ws.journeys)
    if journey_ids:
        known = {e.item.id: e for e in ws.journeys}
        missing = [j for j in journey_ids if j not in known]
        if missing:
            hint = did_you_mean(missing[0], known) or f"; known: {', '.join(sorted(known))}"
            raise UsageError(f"unknown journey {missing[0]!r}{hint}")
        selected = [known[j] for j in journey_ids]
    jobs = []
    for view in views:
        if view_module(view).SCOPE == "workspace":  # named for the journeys it is drawn for
            jobs.append(Job(view, tuple(selected), "-".join([*(journey_ids or []), view])))
        else:
            jobs.extend(Job(view, (e,), f"{e.item.id}-{view}") for e in selected)
    return jobs


def drawn_directly(view: str) -> bool:
    """Whether a view writes its SVG itself rather than through Graphviz."""
    return getattr(view_module(view), "OUTPUT", "dot") == "svg"


def source(ws: Workspace, job: Job, statuses: Statuses | None = None,
           fmt: str = "svg", lens: Lens | None = None) -> str:
    """The DOT (or Mermaid) text of a job; for a view drawn directly, its SVG."""
    if fmt == "mermaid":
        if job.view != "map":
            raise UsageError("the mermaid format draws the map view only (--view map)")
        from journeymap.diagrams import mermaid

        return mermaid.build(ws, job.journeys[0])
    if fmt == "dot" and drawn_directly(job.view):
        raise UsageError(f"the {job.view} view is drawn as SVG, without Graphviz: use "
                         "--format svg, png or pdf (or mermaid for the map), or --view chain "
                         "or lifecycle for DOT")
    if drawn_directly(job.view):  # the map with the survey and the persona, if given
        return view_module(job.view).build(ws, list(job.journeys), statuses, lens)
    return view_module(job.view).build(ws, list(job.journeys), statuses)


@dataclass(frozen=True)
class Drawing:
    """How diagrams are drawn: the format, the Graphviz engine, the statuses and the lens
    (survey, persona) they show, the page they are laid out for, and where a warning goes."""

    fmt: str
    engine: Engine = "auto"
    statuses: Statuses | None = None
    lens: Lens | None = None
    page: str | None = None
    warn: Callable[[str], None] | None = None


def draw(ws: Workspace, job: Job, fmt: str, engine: Engine = "auto",
         statuses: Statuses | None = None, lens: Lens | None = None) -> bytes:
    """One diagram's bytes."""
    return draw_parts(ws, job, Drawing(fmt, engine, statuses, lens))[0]


def draw_parts(ws: Workspace, job: Job, how: Drawing) -> list[bytes]:
    """A job's files: one, or with a page one per page it takes (PDF: one document of that
    many pages). The map and the blueprint are laid out for the page; the views Graphviz lays
    out are scaled to fit it, the chain of several journeys a page each where they do not
    read on one. A page whose smallest text is below what reads there is drawn all the same,
    and `how.warn` says so."""
    fmt, engine, statuses, lens, page, warn = (how.fmt, how.engine, how.statuses, how.lens,
                                               how.page, how.warn)
    if page is not None and fmt not in ("svg", "png", "pdf"):
        raise UsageError(f"--page lays out SVG, PNG or PDF, not {fmt}")
    if fmt in ("mermaid", "dot"):
        return [source(ws, job, statuses, fmt, lens).encode("utf-8")]
    from journeymap.diagrams.pages import PAGES
    from journeymap.diagrams.render import (
        convert,
        join_pdfs,
        on_page,
        render,
        smallest_text,
        within_budget,
    )

    if page is not None and page not in PAGES:
        raise UsageError(f"--page {page!r} is not one of {', '.join(PAGES)}"
                         f"{did_you_mean(page.lower(), PAGES)}")
    size = PAGES[page] if page else None
    if drawn_directly(job.view):
        svgs = [svg.encode("utf-8") for svg in view_module(job.view).build_pages(
            ws, list(job.journeys), statuses, size, lens)]
    else:  # laid out by Graphviz, within the layout budget
        limits = ws.settings.limits

        def laid_out(part: Job) -> bytes:
            text = within_budget(source(ws, part, statuses), job.name,
                                 limits.max_diagram_elements, limits.max_diagram_labelled_edges)
            return render(text, fmt if size is None else "svg", engine)

        if size is None:
            return [laid_out(job)]
        svgs = [on_page(laid_out(job), size)]
        if len(job.journeys) > 1 and not size.reads(smallest_text(svgs[0], size)):
            # the chain of every journey does not read on one page: a page for each
            svgs = [on_page(laid_out(Job(job.view, (entry,), job.name)), size)
                    for entry in job.journeys]
    if size is not None and warn is not None:
        for number, svg in enumerate(svgs, 1):
            smallest = smallest_text(svg, size)
            if not size.reads(smallest):
                name = f"{job.name}-{number}" if len(svgs) > 1 else job.name
                warn(f"{name}: its smallest text is {smallest:.1f} px on the {size.name} "
                     f"page, under the {size.min_text:.0f} px that reads there; try a larger "
                     "or a landscape page")
    if fmt == "svg":
        return svgs
    converted = [convert(svg, fmt) for svg in svgs]
    return [join_pdfs(converted)] if fmt == "pdf" else converted


def output_path(job: Job, fmt: str, output_dir: Path) -> Path:
    return output_dir / f"{job.name}.{FORMATS[fmt]}"


def part_paths(path: Path, parts: int) -> list[Path]:
    """`map.svg`, or `map-1.svg`, `map-2.svg` ... for a map that takes several pages."""
    if parts == 1:
        return [path]
    return [path.with_name(f"{path.stem}-{n}{path.suffix}") for n in range(1, parts + 1)]


def write_diagrams(ws: Workspace, jobs: list[Job], how: Drawing, output: Path | None,
                   output_dir: Path, guard: Guard | None = None) -> list[Path]:
    """Render every job, then write them all (atomically each): a failure writes nothing."""
    from journeymap.output import NO_GUARD, write_file

    if output is not None and len(jobs) != 1:
        raise UsageError(f"-o/--output names one file, but this draws {len(jobs)} diagrams: "
                         "use --output-dir, or pick one --journey and one --view")
    rendered = []
    for job in jobs:
        parts = draw_parts(ws, job, how)
        paths = part_paths(output or output_path(job, how.fmt, output_dir), len(parts))
        rendered += zip(paths, parts, strict=True)
    for path, data in rendered:
        write_file(path, data, guard or NO_GUARD)
    for job in jobs:
        _remove_stale_pages(output or output_path(job, how.fmt, output_dir),
                            {path for path, _ in rendered})
    return [path for path, _ in rendered]


def _remove_stale_pages(path: Path, written: set[Path]) -> None:
    """Remove the pages an earlier run wrote for this diagram and this one did not: `map.svg`
    after a run on pages, `map-4.svg` after a run of three pages (numbered on from the first
    one not written, so a gap keeps the rest)."""
    stale = [path] if path not in written else []
    number = 1
    while path.with_name(f"{path.stem}-{number}{path.suffix}") in written:
        number += 1
    while (page := path.with_name(f"{path.stem}-{number}{path.suffix}")).is_file() \
            and (number > 1 or path in written):
        stale.append(page)
        number += 1
    for page in stale:
        page.unlink(missing_ok=True)
