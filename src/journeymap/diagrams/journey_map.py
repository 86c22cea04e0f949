"""The journey map as practitioners draw it, written directly as SVG.

Stages are columns, each touchpoint a column inside its stage, and the rows (swimlanes) read
down: what the customer does, the touchpoint (channel, owner, moment of truth), the emotion
curve (a line through each touchpoint's expected feeling, 1..5, moments of truth marked), pain
points, opportunities and the standards (with actuals: met, missed, no data, and the period).

Why not Graphviz: the map is a grid with a line chart in it, which a graph layout cannot
place; here every position is computed, with the drawing kit it shares with the blueprint
(diagrams.canvas): text never spills out of its column, and nothing is ever cut short.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from journeymap.diagrams.canvas import (
    GAP,
    INK,
    LABELS,
    LINE,
    MARGIN,
    MOMENT_KEY,
    MUTED,
    PAD,
    ROW_GAP,
    SMALL,
    STATUS_KEYS,
    SWATCH,
    TEXT,
    WASH,
    Band,
    Column,
    Key,
    Line,
    Page,
    Svg,
    card_lines,
    columns_of,
    compose,
    counted,
    document,
    draw_card,
    draw_stages,
    filled_bands,
    frame,
    height,
    label_lines,
    lay_out,
    legend,
    lines,
    num,
    place,
    stage_heads,
    title_lines,
)
from journeymap.diagrams.dot import (
    EMOTION_FILLS,
    EMOTION_NAMES,
    MOMENT,
    NO_EMOTION,
    STATUS_TEXT,
)
from journeymap.diagrams.textwidth import width as text_width
from journeymap.loader import Entry
from journeymap.model import Journey, Persona, Touchpoint
from journeymap.statuses import Statuses, period_text
from journeymap.workspace import PlacedTouchpoint, Workspace

SCOPE = "journey"  # one diagram per journey
MISSED = STATUS_TEXT["missed"]
GUIDE = "#808991"  # the feeling levels' guides: 3:1 on the stages' wash


@dataclass(frozen=True)
class Lens:
    """What the map is looked at with: a survey wave by touchpoint (journeymap.gaps.
    perception.perceived) on its scale, and the persona whose journey it is."""

    survey: dict[str, Any]  # "journey/touchpoint" -> DimensionGap, all dimensions
    scale: tuple[float, float]
    persona: Persona | None


EXPECT = "They expect"  # the persona's row
OUTPUT = "svg"  # drawn directly, not laid out by Graphviz

CURVE = 150  # px: the emotion row's height (five levels, 27 px apart)


def standards_cell(ws: Workspace, placed: PlacedTouchpoint, counts: dict[str, int] | None,
                   room: float) -> list[Line]:
    """The standards' ids, or with actuals how many are met, missed (how many of those within
    noise) or without data."""
    if not placed.touchpoint.standards:
        return [Line("none yet", SMALL, fill=MUTED)]
    if counts is None:
        return lines(", ".join(s.id for s in ws.applied_at(placed)), SMALL, width=room)
    noise = counts.get("within noise", 0)
    return [Line(f"{n} {status}" + (f" ({noise} within noise)" if status == "missed" and noise
                                    else ""), TEXT, True, STATUS_TEXT[status])
            for status, n in counts.items() if n and status in STATUS_TEXT]


#: the rows, top to bottom: (name, a touchpoint's cell: (ws, placed, counts, room) -> lines)
ROWS: list[tuple[str, Callable[..., list[Line]]]] = [
    ("Customer does", lambda ws, placed, counts, room: lines(
        placed.touchpoint.action, TEXT, width=room) if placed.touchpoint.action else []),
    ("Touchpoint", lambda ws, placed, counts, room: card_lines(ws, placed, room)),
    ("Feeling", lambda ws, placed, counts, room: []),  # the curve; the survey, when given
    ("Pain points", lambda ws, placed, counts, room: [
        line for p in placed.touchpoint.pain_points
        for line in lines(p, SMALL, bullet="• ", width=room)]),
    ("Opportunities", lambda ws, placed, counts, room: [
        line for o in placed.touchpoint.opportunities
        for line in lines(o, SMALL, bullet="+ ", width=room)]),
    ("Standards", standards_cell),
]


def build(ws: Workspace, journeys: list[Entry[Journey]], statuses: Statuses | None = None,
          lens: Lens | None = None) -> str:
    """The whole journey on one canvas, its natural size."""
    return build_pages(ws, journeys, statuses, None, lens)[0]


def build_pages(ws: Workspace, journeys: list[Entry[Journey]], statuses: Statuses | None,
                page: Page | None, lens: Lens | None = None) -> list[str]:
    """The map laid out for a page: stages wrap into bands (a stage wider than a band splits,
    `continued`) and bands go onto pages, keeping every text at or above the page's smallest
    size; of the column widths that do, the one taking fewest pages. Without a page: one
    band, one canvas, at the natural size."""
    entry = journeys[0]
    journey = entry.item
    period = period_text(statuses)
    keys = _keys(statuses is not None)
    parts = lay_out(
        page, journey,
        lambda width, per_band: [
            _band(b, period) for b in filled_bands(
                lambda w: _columns(ws, entry, statuses, w, lens), width, per_band)],
        lambda width: frame(  # the longest title a part can have
            _header(journey, width, _subtitle(9999, 9999, period, (99, 99)), lens), width, keys))
    columns = [c for part in parts for band in part for c in band.columns]
    moments = sum(bool(c.touchpoint and c.touchpoint.is_moment_of_truth) for c in columns)
    touchpoints = sum(c.touchpoint is not None for c in columns)
    slides = compose(parts, lambda width, part: _header(
        journey, width, _subtitle(touchpoints, moments, period, part), lens), keys,
        f"{journey.title}: journey map", page, desc=describe(journey))
    if page is None or len(slides) == 1:
        return slides
    return [overview(ws, entry, page), *slides]


def describe(journey: Journey) -> str:
    """The map in words, for a screen reader (the SVG's `desc`): the stages in order, each
    touchpoint with its expected feeling and whether it is a moment of truth."""
    def feeling(tp: Touchpoint) -> str:
        said = f"feeling {tp.emotion} of 5" if tp.emotion else "feeling not set"
        return f"{tp.title} ({said}{', a moment of truth' if tp.is_moment_of_truth else ''})"
    return " ".join(f"Stage {n}, {stage.title}: "
                    + ("; ".join(feeling(tp) for tp in stage.touchpoints) or "no touchpoints")
                    + "." for n, stage in enumerate(journey.stages, 1))


def overview(ws: Workspace, entry: Entry[Journey], page: Page) -> str:
    """The deck's first page: the whole journey at a glance, its stages across the page (as
    wide as their touchpoints), the emotion curve through every touchpoint, and the moments
    of truth named, every text at least at the page's readable size: drawn as narrow (so as
    large) as still fits the page's height and keeps each stage's words whole, down to 60 %
    of the width at which the smallest text is just readable."""
    widest = page.width * SMALL / page.min_text  # drawing px: SMALL just reads on the page
    width, (svg, bottom, _) = widest, _overview(ws, entry, widest)
    for step in range(1, 9):
        narrower = widest * (1 - step * 0.05)
        tried, tall, whole = _overview(ws, entry, narrower)
        if tall > narrower * page.height / page.width or not whole:
            break
        width, svg, bottom = narrower, tried, tall
    return document(svg, f"{entry.item.title}: journey map, overview", width, bottom, page,
                    desc=describe(entry.item))


def _overview(ws: Workspace, entry: Entry[Journey], width: float
              ) -> tuple[Svg, float, bool]:
    """The overview drawn `width` px wide: its parts, its height, and whether every word of
    the stages' titles fits its box whole."""
    journey = entry.item
    touchpoints = sum(len(stage.touchpoints) for stage in journey.stages)
    moments = sum(tp.is_moment_of_truth for stage in journey.stages for tp in stage.touchpoints)
    svg = Svg()
    shown = (counted(touchpoints, "touchpoint", "touchpoints"),
             counted(len(journey.stages), "stage", "stages"),
             counted(moments, "moment of truth", "moments of truth"))
    header = title_lines(journey.title, f"Overview · {shown[0]} in {shown[1]} · {shown[2]} · "
                         "each stage in full on the other pages", width)
    y = svg.text(MARGIN, MARGIN - 8, header) + 24
    left, room = MARGIN + LABELS, width - MARGIN - (MARGIN + LABELS)
    slots = [max(1, len(stage.touchpoints)) for stage in journey.stages]
    slot = room / sum(slots)
    placed_at = {id(p.touchpoint): p for p in ws.touchpoints_in(entry)}
    heads, columns, x = [], [], left
    for stage, n in zip(journey.stages, slots, strict=True):
        heads.append((stage, n, x, lines(stage.title, 17, True, width=n * slot - 2 * PAD)[:3]))
        for i, tp in enumerate(stage.touchpoints):
            columns.append(Column(stage, placed_at[id(tp)], {}, width=slot - 2 * GAP,
                                  x=x + i * slot + GAP))
        x += n * slot
    tallest = max(height(block) for *_, block in heads)
    whole = all(text_width(word, 17, True) <= n * slot - 2 * PAD
                for stage, n, _, _ in heads for word in stage.title.split())
    svg.text(MARGIN, y + PAD, label_lines("Stages"))
    for _, n, x0, block in heads:
        svg.add("rect", x=x0 + 4, y=y, width=n * slot - 8, height=tallest + 2 * PAD, rx=10,
                fill=WASH, stroke=LINE)
        svg.text(x0 + PAD, y + PAD, block)
    y += tallest + 2 * PAD + 24
    svg.text(MARGIN, y, label_lines("Feeling"))
    emotion_curve(svg, columns, y, width)
    y += CURVE + 16
    named = [c for c in columns if c.touchpoint and c.touchpoint.is_moment_of_truth]
    if named:
        svg.text(MARGIN, y, label_lines("Moments of truth"))
        block = [line for c in named for line in lines(
            f"{c.touchpoint.title} ({c.stage.title})" + (
                f": {c.touchpoint.moment_reason}" if c.touchpoint.moment_reason
                else ""), TEXT, width=room, bullet="▲ ")]
        y = svg.text(left, y, block)
    return svg, legend(svg, y + 24, width, _keys(False)) + MARGIN, whole


def _columns(ws: Workspace, entry: Entry[Journey], statuses: Statuses | None,
             width: float, lens: Lens | None = None) -> list[Column]:
    """Every touchpoint's column; under the feeling, what the survey measured there; with a
    persona, what they expect."""

    def cells(placed: PlacedTouchpoint, counts: dict[str, int] | None,
              room: float) -> dict[str, list[Line]]:
        found = {name: cell(ws, placed, counts, room) for name, cell in ROWS}
        measured = lens.survey.get(placed.key) if lens else None
        if measured:
            found["Feeling"] = perceived_lines(measured, lens.scale, room)
        if lens and lens.persona:
            found[EXPECT] = expected_lines(ws, placed, lens.persona, room)
        return found

    return columns_of(ws, entry, statuses, width, cells)


def expected_lines(ws: Workspace, placed: PlacedTouchpoint, persona: Persona,
                   room: float) -> list[Line]:
    """The persona's expectations for the metrics of this touchpoint's standards, each with
    the target we set for it."""
    ours = {s.metric: s for s in ws.applied_at(placed) if s.metric}
    out = []
    for expectation in persona.expectations:
        standard = ours.get(expectation.metric)
        if standard is not None:
            out += lines(f"“{expectation.statement}”" if expectation.statement
                         else expectation.metric, SMALL, width=room)
            out += lines(f"they expect {expectation.target}; our {standard.id}: "
                         f"{standard.target or 'no target'}", SMALL, fill=MUTED, width=room)
    return out


def perceived_lines(measured: Any, scale: tuple[float, float], room: float) -> list[Line]:
    """What customers said: the survey's perception against their expectation, on its scale,
    red when below it."""
    below = measured.perception < measured.expectation
    wave = f"survey {measured.wave}" if measured.wave else "survey"
    return [*lines(f"Perceived {measured.perception:g} of {scale[1]:g}", SMALL, True,
                   MISSED if below else INK, width=room),
            *lines(f"expected {measured.expectation:g} ({measured.gap:+.2f})", SMALL,
                   fill=MUTED, width=room),
            *lines(f"{wave}, {measured.respondents} answers", SMALL, fill=MUTED, width=room)]


def _subtitle(touchpoints: int, moments: int, period: str | None, part: tuple[int, int]) -> str:
    text = (f"Journey map · {counted(touchpoints, 'touchpoint', 'touchpoints')} · "
            f"{counted(moments, 'moment of truth', 'moments of truth')}")
    text += f" · standards in {period}" if period else ""
    return text + (f" · part {part[0]} of {part[1]}" if part[1] > 1 else "")


def _header(journey: Journey, width: float, subtitle: str, lens: Lens | None) -> list[Line]:
    """The title, the subtitle and, with a persona, whose journey it is and what they need."""
    persona = lens.persona if lens else None
    whose = []
    if persona is not None:
        needs = "; ".join(str(n) for n in persona.needs) or "-"
        wants = "; ".join(str(w) for w in persona.wants) or "-"
        whose = lines(f"As {persona.name} takes it. Needs: {needs}. Wants: {wants}.", TEXT,
                      width=width - 2 * MARGIN)
    return [*title_lines(journey.title, subtitle, width), *whose]


def _band(columns: list[Column], period: str | None) -> Band:
    """Stage headers, the rows with their names, each column's cells, the emotion curve."""
    width = place(columns)
    spans, y = stage_heads(columns)
    svg = Svg()
    names = [name for name, _ in ROWS] + ([EXPECT] if any(EXPECT in c.cells for c in columns)
                                          else [])
    row_tops, row_heights = {}, {}
    for name in names:
        needed = CURVE + max(height(c.cells.get(name, [])) for c in columns) \
            if name == "Feeling" else max(
            [height(c.cells.get(name, [])) for c in columns]
            + [height(label_lines(name))])
        if name == "Touchpoint":
            needed += 2 * PAD
        row_tops[name], row_heights[name] = y, needed + PAD
        y += needed + PAD + ROW_GAP
    bottom = y - ROW_GAP
    draw_stages(svg, spans, bottom)
    for name in names:
        label = f"Standards, {period}" if name == "Standards" and period else name
        svg.text(MARGIN, row_tops[name], label_lines(label))
        svg.add("line", x1=MARGIN, x2=width - MARGIN, y1=row_tops[name] - ROW_GAP / 2,
                y2=row_tops[name] - ROW_GAP / 2, stroke=LINE)
    for column in columns:
        tp = column.touchpoint
        if tp is None:
            continue
        for name in names:
            if name == "Touchpoint":
                draw_card(svg, column, (row_tops[name], row_heights[name] - PAD),
                          EMOTION_FILLS.get(tp.emotion or 0, NO_EMOTION), column.cells[name],
                          PAD - 2)
            elif column.cells.get(name):
                svg.text(column.x + PAD, row_tops[name] + (CURVE if name == "Feeling" else 0),
                         column.cells[name])
    emotion_curve(svg, [c for c in columns if c.touchpoint], row_tops["Feeling"], width)
    return Band(svg.parts, width, bottom, columns)


def emotion_level(level: int, top: float) -> float:
    """The y of feeling 1..5 in the emotion row (5 at the top)."""
    return top + 20 + (5 - level) * (CURVE - 40) / 4


def emotion_curve(svg: Svg, columns: list[Column], top: float, width: float) -> None:
    """Guides for 1..5 across the map, then the line through each touchpoint's feeling
    (broken where a touchpoint has none), a dot per touchpoint, a ▲ on moments of truth."""
    for level in range(1, 6):
        y = emotion_level(level, top)
        svg.add("line", x1=MARGIN + LABELS - 8, x2=width - MARGIN, y1=y, y2=y,
                stroke=GUIDE, stroke_dasharray="2 6")
        svg.add("text", escape(f"{level} {EMOTION_NAMES[level]}"), x=MARGIN + LABELS - 14,
                y=y + 5, font_size=SMALL, fill=MUTED, text_anchor="end")
    run: list[str] = []
    runs = []
    for column in columns:
        if column.touchpoint.emotion:
            run.append(f"{num(column.x + column.width / 2)},"
                       f"{num(emotion_level(column.touchpoint.emotion, top))}")
        elif run:
            runs.append(run)
            run = []
    runs.append(run)
    for points in runs:
        if len(points) > 1:
            svg.add("polyline", points=" ".join(points), fill="none", stroke=INK,
                    stroke_width=3, stroke_linejoin="round")
    _edge_stubs(svg, columns, top)
    for column in columns:
        tp = column.touchpoint
        if not tp.emotion:
            continue
        cx, cy = column.x + column.width / 2, emotion_level(tp.emotion, top)
        what = (f"{tp.title}: expected feeling {tp.emotion} of 5 ({EMOTION_NAMES[tp.emotion]})"
                + ("; a moment of truth" if tp.is_moment_of_truth else ""))
        mark = Svg()  # the feeling as a number too: its colour is not the only way to read it
        if tp.is_moment_of_truth:
            mark.add("path", d=f"M{num(cx)},{num(cy - 13)} l12,21 h-24 z", fill=MOMENT,
                     stroke="#ffffff", stroke_width=2)
            mark.add("text", str(tp.emotion), x=cx + 15, y=cy + 6, font_size=SMALL,
                     font_weight="bold", fill=INK)
        else:
            mark.add("circle", cx=cx, cy=cy, r=11, fill=EMOTION_FILLS[tp.emotion], stroke=INK,
                     stroke_width=2)
            mark.add("text", str(tp.emotion), x=cx, y=cy + 5, font_size=SMALL,
                     font_weight="bold", fill=INK, text_anchor="middle")
        svg.group(mark, what, class_="feeling")


def _edge_stubs(svg: Svg, columns: list[Column], top: float) -> None:
    """Where the journey goes on from a page's edge, the curve goes on to the edge, half way
    towards the feeling there (dashed), so that a slide shows where the line comes from and
    where it goes."""
    if not columns:
        return
    first, last = columns[0], columns[-1]
    for column, other, edge in ((first, first.before, first.x),
                                (last, last.after, last.x + last.width)):
        feeling = column.touchpoint.emotion if column.touchpoint else None
        if feeling and other:
            x, y = column.x + column.width / 2, emotion_level(feeling, top)
            y_edge = (y + emotion_level(other, top)) / 2
            svg.add("polyline", points=f"{num(x)},{num(y)} {num(edge)},{num(y_edge)}",
                    fill="none", stroke=INK, stroke_width=3, stroke_dasharray="6 5")


def _keys(with_status: bool) -> list[Key]:
    """The map's keys: the card colours, the moment-of-truth mark, and with actuals the card
    borders."""
    keys: list[Key] = [("rect", {**SWATCH, "fill": EMOTION_FILLS[level], "stroke": "#6e7781"},
                        f"{level} {EMOTION_NAMES[level]}") for level in range(1, 6)]
    keys.append(("rect", {**SWATCH, "fill": NO_EMOTION, "stroke": "#6e7781"},
                 "feeling not set"))
    return [*keys, MOMENT_KEY, *(STATUS_KEYS if with_status else [])]
