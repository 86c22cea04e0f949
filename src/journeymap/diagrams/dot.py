"""Writing DOT safely and deterministically.

Labels are quoted DOT strings with every backslash doubled, so Graphviz's escapes (`\\N`,
`\\l`, `\\G` ...) in user text stay literal text, and a quoted label is never HTML, so `<b>` is
text too. (The embedded Graphviz has no HTML-like labels, so none are used anywhere.)
Node ids are generated (`n0`, `n1`, ...), never taken from user text.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

FONT = "Helvetica"
BOLD = "Helvetica-Bold"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: object) -> str:
    """User text without the control characters XML and Graphviz cannot carry."""
    return _CONTROL.sub("", str(text))


def wrap(text: object, width: int = 26, max_lines: int = 4) -> list[str]:
    """Lines of at most `width` characters, cut with an ellipsis after `max_lines`. Only the
    text that can show is wrapped: a 5 MiB title costs what its first lines cost."""
    cleaned = clean(str(text)[: width * (max_lines + 1) * 2])
    lines = textwrap.wrap(cleaned, width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: width - 1] + "…"]
    return lines


def shortened(text: object, width: int, max_lines: int) -> tuple[list[str], dict[str, str]]:
    """`wrap`'s lines and, when they cut the text short, a tooltip attribute carrying it whole
    (Graphviz writes it as the SVG link title a browser shows on hover)."""
    whole = " ".join(clean(text).split())
    if len(whole) <= width * max_lines and \
            len(textwrap.wrap(whole, width=width, break_long_words=True)) <= max_lines:
        return wrap(text, width, max_lines), {}
    return wrap(text, width, max_lines), {
        "tooltip": whole.replace("\\", "\\\\").replace("&", "&amp;")}


def label(lines: Iterable[str], align: str = "left") -> str:
    """Escaped label text: one line each, left-aligned (`\\l`) or centred (`\\n`).

    `&` is written `&amp;`: Graphviz decodes entities in labels, so a title typed as
    `&amp; &#60;` would otherwise be drawn `& <`.
    """
    end = "\\l" if align == "left" else "\\n"
    return "".join(clean(line).replace("\\", "\\\\").replace("&", "&amp;") + end
                   for line in lines)


def quote(value: str) -> str:
    """A DOT double-quoted string. Backslashes in `value` are already label escapes."""
    return '"' + value.replace('"', '\\"') + '"'


def attrs(**values: object) -> str:
    return "[" + ", ".join(f"{key}={quote(str(value))}" for key, value in values.items()) + "]"


class Graph:
    """An ordered DOT document: lines are emitted in the order they are added."""

    def __init__(self, title: str, **graph_attrs: object) -> None:
        self.lines: list[str] = []
        self._ids: dict[object, str] = {}
        # Titles use the regular weight: without fontconfig Graphviz underestimates bold
        # widths, and a long bold title would be clipped at the drawing's edge.
        defaults = {"fontname": FONT, "fontsize": 24, "labelloc": "t", "bgcolor": "white",
                    "pad": "0.3", "label": label(wrap(title, 90, 2), "centre")}
        self.lines.append(f"graph {attrs(**{**defaults, **graph_attrs})};")
        self.lines.append(f"node {attrs(fontname=FONT, fontsize=14)};")
        self.lines.append(f"edge {attrs(fontname=FONT, fontsize=12)};")

    def node_id(self, key: object, name: str | None = None) -> str:
        """A stable id for a key: its readable `name` when given (the SVG's titles and
        tooltips show ids: "Customer Care->Field Engineering", not "n1->n2"), made unique,
        else generated (first come, first numbered)."""
        if key not in self._ids:
            if name is None:
                self._ids[key] = f"n{len(self._ids)}"
            else:
                text = " ".join(clean(name).replace("\\", "/").split()) or "node"
                taken, n = set(self._ids.values()), 1
                while quote(text if n == 1 else f"{text} ({n})") in taken:
                    n += 1
                self._ids[key] = quote(text if n == 1 else f"{text} ({n})")
        return self._ids[key]

    def node(self, key: object, **node_attrs: object) -> str:
        node_id = self.node_id(key)
        self.lines.append(f"{node_id} {attrs(**node_attrs)};")
        return node_id

    def edge(self, tail: str, head: str, **edge_attrs: object) -> None:
        self.lines.append(f"{tail} -> {head} {attrs(**edge_attrs) if edge_attrs else ''};")

    def open(self, name: str, **sub_attrs: object) -> None:
        self.lines.append(f"subgraph {name} {{")
        if sub_attrs:
            self.lines.append(f"graph {attrs(**sub_attrs)};")

    def close(self) -> None:
        self.lines.append("}")

    def same_rank(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            self.lines.append("{rank=same; " + "; ".join(ids) + ";}")

    def source(self) -> str:
        body = "\n".join("  " + line for line in self.lines)
        return f"digraph journeymap {{\n{body}\n}}\n"


#: expected emotion 1..5, as card fills: orange to blue through a grey, so that neighbours
#: stay apart (CIELAB distance of 20 or more) for deuteranopes, protanopes and tritanopes too,
#: and light enough that dark text reads on each at 4.5:1 or better (tests/test_colour.py)
EMOTION_FILLS = {1: "#f08a5d", 2: "#fbc9a5", 3: "#e8e8e0", 4: "#a9cbe8", 5: "#5fa2dd"}
EMOTION_NAMES = {1: "very unhappy", 2: "unhappy", 3: "neutral", 4: "happy", 5: "delighted"}
NO_EMOTION = "#ffffff"
MOMENT = "#b45309"  # marks and borders on white (5:1); never text on a card
#: card borders by the standards' status: apart for every colour vision, 3:1 or better on the
#: map's white and its stages' wash
STATUS_COLOURS = {"met": "#0b5d4a", "missed": "#c4261d", "no data": "#808991"}
#: the status words: as the borders, but "no data" darker, as text needs 4.5:1
STATUS_TEXT = {**STATUS_COLOURS, "no data": "#57606a"}
