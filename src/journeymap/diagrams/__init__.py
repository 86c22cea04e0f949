"""Diagrams from the same models: journey map, service blueprint, supplier chain, lifecycle.

`diagram_jobs` decides what to draw and where; `draw` renders one job. Views are plain
functions from models to DOT (or Mermaid) text; rendering is separate (render.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journeymap.diagrams import blueprint, chain, journey_map, lifecycle, mermaid
from journeymap.diagrams.render import Engine, render, within_budget
from journeymap.diagrams.status import Statuses
from journeymap.errors import UsageError
from journeymap.loader import Entry, Workspace
from journeymap.model import Journey
from journeymap.output import NO_GUARD, Guard

VIEWS = ("map", "blueprint", "chain", "lifecycle")
EXTENSIONS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "mermaid": "mmd"}


@dataclass(frozen=True)
class Job:
    """One diagram: a view of one journey (or of all selected journeys, for `chain`)."""

    view: str
    journeys: tuple[Entry[Journey], ...]
    name: str  # file stem: `<journey>-<view>`, or `chain`


def diagram_jobs(ws: Workspace, journey_ids: list[str] | None, views: list[str]) -> list[Job]:
    selected = list(ws.journeys)
    if journey_ids:
        known = {e.item.id: e for e in ws.journeys}
        missing = [j for j in journey_ids if j not in known]
        if missing:
            raise UsageError(f"unknown journey {missing[0]!r}; known: {', '.join(sorted(known))}")
        selected = [known[j] for j in journey_ids]
    jobs = []
    for view in views:
        if view == "chain":
            jobs.append(Job(view, tuple(selected), "chain"))
        else:
            jobs.extend(Job(view, (e,), f"{e.item.id}-{view}") for e in selected)
    return jobs


def source(ws: Workspace, job: Job, statuses: Statuses | None = None,
           fmt: str = "svg") -> str:
    """The DOT (or Mermaid) text of a job."""
    if fmt == "mermaid":
        if job.view != "map":
            raise UsageError("the mermaid format draws the map view only (--view map)")
        return mermaid.build(ws, job.journeys[0])
    if job.view == "map":
        return journey_map.build(ws, job.journeys[0], statuses)
    if job.view == "blueprint":
        return blueprint.build(ws, job.journeys[0])
    if job.view == "lifecycle":
        return lifecycle.build(ws, job.journeys[0])
    return chain.build(ws, list(job.journeys))


def draw(ws: Workspace, job: Job, fmt: str, engine: Engine = "auto",
         statuses: Statuses | None = None) -> bytes:
    text = source(ws, job, statuses, fmt)
    if fmt in ("mermaid", "dot"):
        return text.encode("utf-8")
    limits = ws.settings.limits
    text = within_budget(text, job.name, limits.max_diagram_elements,
                         limits.max_diagram_labelled_edges)
    return render(text, fmt, engine)


def output_path(job: Job, fmt: str, output_dir: Path) -> Path:
    return output_dir / f"{job.name}.{EXTENSIONS[fmt]}"


def write_diagrams(ws: Workspace, jobs: list[Job], fmt: str, engine: Engine,
                   statuses: Statuses | None, output: Path | None, output_dir: Path,
                   guard: Guard = NO_GUARD) -> list[Path]:
    """Render every job, then write them all (atomically each): a failure writes nothing."""
    from journeymap.output import write_file

    if output is not None and len(jobs) != 1:
        raise UsageError(f"-o/--output names one file, but this draws {len(jobs)} diagrams: "
                         "use --output-dir, or pick one --journey and one --view")
    rendered = [(output or output_path(job, fmt, output_dir), draw(ws, job, fmt, engine, statuses))
                for job in jobs]
    for path, data in rendered:
        write_file(path, data, guard)
    return [path for path, _ in rendered]
