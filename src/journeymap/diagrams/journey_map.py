"""The journey map as practitioners draw it, written directly as SVG.

Stages are columns, each touchpoint a column inside its stage, and the rows (swimlanes) read
down: what the customer does, the touchpoint (channel, owner, moment of truth), the emotion
curve (a line through each touchpoint's expected feeling, 1..5, moments of truth marked), pain
points, opportunities and the standards (with actuals: met, missed, no data, and the period).

Why not Graphviz: the map is a grid with a line chart in it, which a graph layout cannot
place; here every position is computed, text is wrapped with Liberation Sans's measured widths
(diagrams.textwidth) so it never spills out of its column, and nothing is ever cut short.
What the user typed is drawn as typed: XML-escaped, never markup, entities left as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from journeymap.diagrams.dot import (
    EMOTION_FILLS,
    EMOTION_NAMES,
    MOMENT,
    NO_EMOTION,
    STATUS_COLOURS,
    clean,
)
from journeymap.diagrams.textwidth import width as text_width
from journeymap.diagrams.textwidth import wrap
from journeymap.loader import Entry
from journeymap.model import Journey, Stage, Touchpoint
from journeymap.statuses import Statuses
from journeymap.workspace import Workspace

SCOPE = "journey"  # one diagram per journey
OUTPUT = "svg"  # drawn directly, not laid out by Graphviz

FAMILY = "Liberation Sans,Arial,Helvetica,sans-serif"
INK, MUTED, LINE, WASH = "#1f2328", "#57606a", "#d0d7de", "#f6f8fa"
MARGIN, LABELS, COLUMN, GAP, PAD = 32, 190, 230, 14, 12  # px
TEXT, SMALL = 16, 14  # px: readable projected at 1920 px wide, the map scaled to fit
CURVE = 200  # px: the emotion row's height


def team_name(ws: Workspace, team_id: str | None) -> str:
    team = ws.team(team_id)
    return team.name if team else (team_id or "no owner")


@dataclass(frozen=True)
class Line:
    text: str
    size: int = TEXT
    bold: bool = False
    fill: str = INK


def lines(text: str, size: int = TEXT, bold: bool = False, fill: str = INK,
          width: float = COLUMN - 2 * PAD, bullet: str = "") -> list[Line]:
    wrapped = wrap(clean(f"{bullet}{text}"), width, size, bold)
    return [Line(t, size, bold, fill) for t in wrapped]


def height(block: list[Line]) -> float:
    return sum(line.size * 1.3 for line in block)


class Svg:
    """An SVG document written in order, every number rounded: the same map, the same bytes."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, tag: str, body: str = "", **attrs: object) -> None:
        rendered = "".join(f" {k.rstrip('_').replace('_', '-')}={quoteattr(_num(v))}"
                           for k, v in attrs.items() if v is not None)
        self.parts.append(f"<{tag}{rendered}>{body}</{tag}>" if body else f"<{tag}{rendered}/>")

    def text(self, x: float, y: float, block: list[Line], anchor: str = "start") -> float:
        """Draw lines from top `y`; the y below them."""
        for line in block:
            y += line.size * 1.3
            self.add("text", escape(line.text), x=x, y=y - line.size * 0.3,
                     font_size=line.size, font_weight="bold" if line.bold else None,
                     fill=line.fill if line.fill != INK else None,
                     text_anchor=anchor if anchor != "start" else None)
        return y


def _num(value: object) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


@dataclass
class Column:
    """One touchpoint's column: its x and what each row shows."""

    stage: Stage
    touchpoint: Touchpoint
    x: float
    cells: dict[str, list[Line]]


def card(ws: Workspace, journey: Journey, tp: Touchpoint) -> list[Line]:
    block = [Line("▲ MOMENT OF TRUTH", SMALL, True, MOMENT)] if tp.is_moment_of_truth else []
    placed = ws.touchpoint(tp.id, journey.id)
    owner = team_name(ws, placed.owner if placed else tp.owner)
    return [*block, *lines(tp.title, 17, True), *lines(f"{tp.channel} · {owner}", SMALL,
                                                       fill=MUTED)]


def standards_cell(ws: Workspace, journey: Journey, tp: Touchpoint,
                   statuses: Statuses | None) -> list[Line]:
    if not tp.standards:
        return [Line("none yet", SMALL, fill=MUTED)]
    placed = ws.touchpoint(tp.id, journey.id)
    if statuses is None or placed is None:
        applied = ws.applied_at(placed) if placed else []
        return lines(", ".join(s.id for s in applied), SMALL)
    counts = statuses.counts(placed)
    return [Line(f"{n} {status}", TEXT, True, STATUS_COLOURS[status])
            for status, n in counts.items() if n]


def border(tp: Touchpoint, counts: dict[str, int] | None) -> str:
    """Red when a standard is missed, green when all are met (with actuals); else orange for a
    moment of truth."""
    if counts:
        if counts["missed"]:
            return STATUS_COLOURS["missed"]
        if counts["met"] == len(tp.standards):
            return STATUS_COLOURS["met"]
        return STATUS_COLOURS["no data"]
    return MOMENT if tp.is_moment_of_truth else "#6e7781"


ROWS: list[tuple[str, Callable[..., list[Line]]]] = [
    ("Customer does", lambda ws, j, tp, st: lines(tp.action, TEXT) if tp.action else []),
    ("Touchpoint", lambda ws, j, tp, st: card(ws, j, tp)),
    ("Feeling", lambda ws, j, tp, st: []),
    ("Pain points", lambda ws, j, tp, st: [line for p in tp.pain_points
                                           for line in lines(p, SMALL, bullet="• ")]),
    ("Opportunities", lambda ws, j, tp, st: [line for o in tp.opportunities
                                             for line in lines(o, SMALL, bullet="+ ")]),
    ("Standards", standards_cell),
]


def build(ws: Workspace, journeys: list[Entry[Journey]], statuses: Statuses | None = None) -> str:
    journey = journeys[0].item
    columns, x = [], float(MARGIN + LABELS)
    spans: list[tuple[Stage, float, float]] = []
    for stage in journey.stages:
        start = x
        for tp in stage.touchpoints or []:
            cells = {name: cell(ws, journey, tp, statuses) for name, cell in ROWS}
            columns.append(Column(stage, tp, x, cells))
            x += COLUMN + GAP
        if not stage.touchpoints:
            x += COLUMN + GAP
        spans.append((stage, start, x - GAP))
        x += GAP  # a wider gap between stages
    width = max(x - 2 * GAP + MARGIN, MARGIN * 2 + LABELS + COLUMN)

    svg = Svg()
    period = statuses.period.text if statuses is not None and statuses.period else None
    title = lines(journey.title, 28, True, width=width - 2 * MARGIN)
    moments = sum(c.touchpoint.is_moment_of_truth for c in columns)
    subtitle = f"Journey map · {len(columns)} touchpoints · {moments} moments of truth"
    subtitle += f" · standards in {period}" if period else ""
    y = svg.text(MARGIN, MARGIN - 8, [*title, *lines(subtitle, TEXT, fill=MUTED,
                                                     width=width - 2 * MARGIN)]) + 16

    # stage headers
    heads = {id(stage): [*lines(stage.title, 19, True, width=right - left - 2 * PAD),
                         *([Line(f"({stage.lifecycle})", SMALL, fill=MUTED)]
                           if stage.lifecycle else []),
                         *(lines(f"Goal: {stage.goal}", SMALL, fill=MUTED,
                                 width=right - left - 2 * PAD) if stage.goal else [])]
             for stage, left, right in spans}
    head_h = max(height(h) for h in heads.values()) + 2 * PAD
    top = y
    row_tops, row_heights = {}, {}
    y += head_h + GAP
    for name, _ in ROWS:
        needed = CURVE if name == "Feeling" else max(
            [height(c.cells[name]) for c in columns] + [height(lines(name, TEXT, True,
                                                                     width=LABELS - PAD))])
        if name == "Touchpoint":
            needed += 2 * PAD
        row_tops[name], row_heights[name] = y, needed + PAD
        y += needed + PAD + GAP
    bottom = y - GAP

    # stage columns behind everything, then the row bands and their names
    for stage, left, right in spans:
        svg.add("rect", x=left - GAP / 2, y=top, width=right - left + GAP, height=bottom - top,
                rx=8, fill=WASH, stroke=LINE)
        svg.add("g", "".join(_text_parts(left + PAD, top + PAD, heads[id(stage)])),
                class_="stage")
    for name, _ in ROWS:
        label = f"Standards, {period}" if name == "Standards" and period else name
        svg.text(MARGIN, row_tops[name], lines(label, TEXT, True, width=LABELS - PAD))
        svg.add("line", x1=MARGIN, x2=width - MARGIN, y1=row_tops[name] - GAP / 2,
                y2=row_tops[name] - GAP / 2, stroke=LINE)

    for column in columns:
        tp = column.touchpoint
        for name, _ in ROWS:
            if name == "Touchpoint":
                placed = ws.touchpoint(tp.id, journey.id)
                counts = statuses.counts(placed) if statuses is not None and tp.standards \
                    and placed else None
                body = "".join([
                    f"<title>{escape(clean(tp.title))}</title>",
                    _rect(column.x, row_tops[name], COLUMN, row_heights[name] - PAD,
                          EMOTION_FILLS.get(tp.emotion or 0, NO_EMOTION), border(tp, counts),
                          4 if tp.is_moment_of_truth else 1.5),
                    *_text_parts(column.x + PAD, row_tops[name] + PAD - 2, column.cells[name])])
                svg.parts.append(f'<g class="touchpoint">{body}</g>')
            elif column.cells[name]:
                svg.text(column.x + PAD, row_tops[name], column.cells[name])
    emotion_curve(svg, columns, row_tops["Feeling"], width)
    total_h = legend(svg, bottom + 24, width, statuses is not None) + MARGIN
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" '
            f'height="{_num(total_h)}" viewBox="0 0 {_num(width)} {_num(total_h)}" '
            f'font-family="{FAMILY}" font-size="{TEXT}" fill="{INK}">'
            f"<title>{escape(clean(journey.title))}: journey map</title>"
            f'<rect width="100%" height="100%" fill="#ffffff"/>')
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + head + "\n".join(
        ["", *svg.parts, "</svg>\n"])


def _rect(x: float, y: float, w: float, h: float, fill: str, stroke: str, pen: float) -> str:
    return (f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" rx="10" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{_num(pen)}"/>')


def _text_parts(x: float, y: float, block: list[Line]) -> list[str]:
    inner = Svg()
    inner.text(x, y, block)
    return inner.parts


def emotion_level(level: int, top: float) -> float:
    """The y of feeling 1..5 in the emotion row (5 at the top)."""
    return top + 20 + (5 - level) * (CURVE - 40) / 4


def emotion_curve(svg: Svg, columns: list[Column], top: float, width: float) -> None:
    """Guides for 1..5 across the map, then the line through each touchpoint's feeling
    (broken where a touchpoint has none), a dot per touchpoint, a ▲ on moments of truth."""
    for level in range(1, 6):
        y = emotion_level(level, top)
        svg.add("line", x1=MARGIN + LABELS - 8, x2=width - MARGIN, y1=y, y2=y,
                stroke="#eaeef2", stroke_dasharray="4 4")
        svg.add("text", escape(f"{level} {EMOTION_NAMES[level]}"), x=MARGIN + LABELS - 14,
                y=y + 5, font_size=SMALL, fill=MUTED, text_anchor="end")
    run: list[str] = []
    runs = []
    for column in columns:
        if column.touchpoint.emotion:
            run.append(f"{_num(column.x + COLUMN / 2)},"
                       f"{_num(emotion_level(column.touchpoint.emotion, top))}")
        elif run:
            runs.append(run)
            run = []
    runs.append(run)
    for points in runs:
        if len(points) > 1:
            svg.add("polyline", points=" ".join(points), fill="none", stroke=INK,
                    stroke_width=3, stroke_linejoin="round")
    for column in columns:
        tp = column.touchpoint
        if not tp.emotion:
            continue
        cx, cy = column.x + COLUMN / 2, emotion_level(tp.emotion, top)
        what = (f"{clean(tp.title)}: expected feeling {tp.emotion} of 5 "
                f"({EMOTION_NAMES[tp.emotion]})"
                + ("; a moment of truth" if tp.is_moment_of_truth else ""))
        if tp.is_moment_of_truth:
            shape = (f'<path d="M{_num(cx)},{_num(cy - 13)} l12,21 h-24 z" fill="{MOMENT}" '
                     'stroke="#ffffff" stroke-width="2"/>')
        else:
            shape = (f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="8" '
                     f'fill="{EMOTION_FILLS[tp.emotion]}" stroke="{INK}" stroke-width="2"/>')
        svg.parts.append(f'<g class="feeling"><title>{escape(what)}</title>{shape}</g>')


def legend(svg: Svg, y: float, width: float, with_status: bool) -> float:
    """The keys, flowing onto more lines where the map is narrow: the card colours, the
    moment-of-truth mark, and with actuals the card borders. Returns the y below them."""
    keys = [(f'<rect x="0" y="4" width="22" height="22" rx="5" fill="{EMOTION_FILLS[level]}" '
             'stroke="#6e7781"/>', f"{level} {EMOTION_NAMES[level]}") for level in range(1, 6)]
    keys.append((f'<rect x="0" y="4" width="22" height="22" rx="5" fill="{NO_EMOTION}" '
                 'stroke="#6e7781"/>', "feeling not set"))
    keys.append((f'<path d="M11,3 l12,21 h-24 z" fill="{MOMENT}"/>',
                 "moment of truth (heavy border on its card)"))
    if with_status:
        keys += [(f'<rect x="0" y="4" width="22" height="22" rx="5" fill="#ffffff" '
                  f'stroke="{colour}" stroke-width="3"/>', f"card border: {name}")
                 for name, colour in STATUS_COLOURS.items()]
    svg.add("text", "Key", x=MARGIN, y=y + 20, font_weight="bold")
    x = left = MARGIN + 50
    for swatch, text in keys:
        needed = 30 + text_width(text, SMALL) + 24
        if x > left and x + needed > width - MARGIN:
            x, y = left, y + 34
        svg.parts.append(f'<g transform="translate({_num(x)},{_num(y)})">{swatch}'
                         f'<text x="30" y="20" font-size="{SMALL}">{escape(text)}</text></g>')
        x += needed
    return y + 34
