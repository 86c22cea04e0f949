"""Mermaid `journey` text, which GitHub and GitLab render inside Markdown.

Sections are stages, tasks are touchpoints, the score is the expected emotion (3 when not
set: Mermaid needs one) and the actors are the owning teams. Mermaid's syntax gives `:` and
line ends meaning, so they are replaced in titles (`:` by a look-alike `꞉`).
"""

from __future__ import annotations

from journeymap.diagrams.journey_map import team_name
from journeymap.loader import Entry
from journeymap.model import Journey
from journeymap.workspace import Workspace


def _text(value: str) -> str:
    cleaned = " ".join(str(value).split())  # no line ends, tabs or runs of spaces
    return cleaned.replace(":", "꞉").replace(";", ",")  # no `:` fields, no `#..;` entities


def build(ws: Workspace, entry: Entry[Journey]) -> str:
    journey = entry.item
    lines = ["journey", f"    title {_text(journey.title)}"]
    for stage in journey.stages:
        lines.append(f"    section {_text(stage.title)}")
        for tp in stage.touchpoints:
            actor = _text(team_name(ws, ws.touchpoint(tp.id, journey.id).owner)).replace(",", " ")
            mark = " ▲" if tp.is_moment_of_truth else ""
            lines.append(f"      {_text(tp.title)}{mark}: {tp.emotion or 3}: {actor}")
    return "\n".join(lines) + "\n"
