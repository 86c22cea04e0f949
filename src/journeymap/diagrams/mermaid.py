"""Mermaid `journey` text, which GitHub and GitLab render inside Markdown.

Sections are stages, tasks are touchpoints, the score is the expected emotion and the actors
are the owning teams. Mermaid needs a score on every task: a touchpoint whose feeling is not
set is drawn at the middle, 3, and its title says "(feeling not set)", so the curve does not
claim a feeling nobody gave.

Mermaid's journey grammar gives meaning to characters and words that ordinary titles hold:
`#` and `%%` start comments, `:` and `;` separate fields and statements, a line break ends a
statement, and a text starting with `title`, `section`, `accTitle` or `accDescr` (any case) is
read as that keyword, so "Section 21 notice" would become a section and its task vanish; an
actor's `,` separates it from the next. The grammar has no escapes (an entity code starts with
`#`, a comment), so each such character is written as its look-alike, keeping the text as it
reads: `:` as `꞉`, `;` as `；`, `#` as `＃`, `%` as `％` where two meet, a `,` in a team's
name as `‚`; line breaks become spaces, and a word joiner (invisible) goes before a leading
keyword.
tests/test_ci_clients.py renders the output with the real mermaid-cli.
"""

from __future__ import annotations

from journeymap.diagrams.textwidth import MAX_DRAWN
from journeymap.loader import Entry
from journeymap.model import Journey
from journeymap.workspace import Workspace

_KEYWORDS = ("title", "section", "acctitle", "accdescr", "journey")
_WORD_JOINER = "\u2060"


def _text(value: str, actor: bool = False) -> str:
    """One line Mermaid reads as text (an actor's too), cut with an ellipsis past MAX_DRAWN
    characters."""
    text = str(value)
    if len(text) > MAX_DRAWN:
        text = text[:MAX_DRAWN] + "…"
    cleaned = " ".join(text.split())  # no line ends, tabs or runs of spaces
    cleaned = cleaned.replace(":", "꞉").replace(";", "；").replace("#", "＃")
    cleaned = cleaned.replace("%%", "％％")
    if actor:
        cleaned = cleaned.replace(",", "‚")
    if cleaned.lower().startswith(_KEYWORDS):
        cleaned = _WORD_JOINER + cleaned
    return cleaned or "-"


def build(ws: Workspace, entry: Entry[Journey]) -> str:
    journey = entry.item
    lines = ["journey", f"    title {_text(journey.title)}"]
    for stage in journey.stages:
        lines.append(f"    section {_text(stage.title)}")
        for tp in stage.touchpoints:
            actor = _text(ws.team_name(ws.touchpoint(tp.id, journey.id).owner), actor=True)
            mark = " ▲" if tp.is_moment_of_truth else ""
            unset = " (feeling not set)" if tp.emotion is None else ""
            lines.append(f"      {_text(tp.title)}{mark}{unset}: {tp.emotion or 3}: {actor}")
    return "\n".join(lines) + "\n"
