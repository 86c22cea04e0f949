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
from typing import Any
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
from journeymap.model import Journey, Persona, Stage, Touchpoint
from journeymap.statuses import Statuses
from journeymap.workspace import PlacedTouchpoint, Workspace

SCOPE = "journey"  # one diagram per journey
MISSED = STATUS_COLOURS["missed"]


@dataclass(frozen=True)
class Lens:
    """What the map is looked at with: a survey wave by touchpoint (journeymap.gaps.
    perception.perceived) on its scale, and the persona whose journey it is."""

    survey: dict[str, Any]  # "journey/touchpoint" -> DimensionGap, all dimensions
    scale: tuple[float, float]
    persona: Persona | None


EXPECT = "They expect"  # the persona's row
OUTPUT = "svg"  # drawn directly, not laid out by Graphviz

FAMILY = "Liberation Sans,Arial,Helvetica,sans-serif"
INK, MUTED, LINE, WASH = "#1f2328", "#57606a", "#d0d7de", "#f6f8fa"
MARGIN, LABELS, COLUMN, GAP, PAD = 32, 190, 230, 14, 12  # px
ROW_GAP = 8  # px between rows: a slide has little height to spare
TEXT, SMALL = 16, 14  # px: readable projected at 1920 px wide, the map scaled to fit
LEADING = 1.3  # a line's height, in font sizes
CURVE = 150  # px: the emotion row's height (five levels, 27 px apart)


@dataclass(frozen=True)
class Line:
    text: str
    size: int = TEXT
    bold: bool = False
    fill: str = INK


def lines(text: str, size: int = TEXT, bold: bool = False, fill: str = INK, *, width: float,
          bullet: str = "") -> list[Line]:
    """`text` wrapped to `width` px."""
    wrapped = wrap(clean(f"{bullet}{text}"), width, size, bold)
    return [Line(t, size, bold, fill) for t in wrapped]


def height(block: list[Line]) -> float:
    return sum(line.size * LEADING for line in block)


class Svg:
    """An SVG document written in order, every number rounded: the same map, the same bytes."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, tag: str, body: str = "", **attrs: object) -> None:
        rendered = _attributes(attrs)
        self.parts.append(f"<{tag}{rendered}>{body}</{tag}>" if body else f"<{tag}{rendered}/>")

    def group(self, inner: Svg, title: str | None = None, **attrs: object) -> None:
        """`inner`'s parts in a `<g>`, with a tooltip `title` (user text) first."""
        head = f"<title>{escape(clean(title))}</title>" if title is not None else ""
        self.parts.append(f"<g{_attributes(attrs)}>{head}{''.join(inner.parts)}</g>")

    def text(self, x: float, y: float, block: list[Line], anchor: str = "start") -> float:
        """Draw lines from top `y`; the y below them."""
        for line in block:
            y += line.size * LEADING
            self.add("text", escape(line.text), x=x, y=y - line.size * 0.3,
                     font_size=line.size, font_weight="bold" if line.bold else None,
                     fill=line.fill if line.fill != INK else None,
                     text_anchor=anchor if anchor != "start" else None)
        return y


def _attributes(attrs: dict[str, object]) -> str:
    """` name="value"` for each attribute given (`class_` is `class`, `font_size` is
    `font-size`), numbers rounded."""
    return "".join(f" {k.rstrip('_').replace('_', '-')}={quoteattr(_num(v))}"
                   for k, v in attrs.items() if v is not None)


def _num(value: object) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


@dataclass
class Column:
    """One touchpoint's column (or an empty stage's): what each row shows, and its x in its
    band once laid out."""

    stage: Stage
    placed: PlacedTouchpoint | None  # None: an empty stage's column
    cells: dict[str, list[Line]]
    counts: dict[str, int] | None = None  # met / missed / no data, with actuals
    first_in_stage: bool = True
    width: float = COLUMN
    x: float = 0.0

    @property
    def touchpoint(self) -> Touchpoint | None:
        return self.placed.touchpoint if self.placed else None


@dataclass(frozen=True)
class Page:
    """A page or screen the map is laid out for: its size in px at 96 dpi (how SVG measures),
    as written on the SVG, and the smallest text it may carry, in those px."""

    name: str
    width: float
    height: float
    size: tuple[str, str]  # the SVG's width and height attributes
    min_text: float

    def portrait(self) -> Page:
        return Page(f"{self.name}-portrait", self.height, self.width, self.size[::-1],
                    self.min_text)


def _a_size(name: str, long_mm: int, short_mm: int) -> Page:
    px = 96 / 25.4
    return Page(name, long_mm * px, short_mm * px, (f"{long_mm}mm", f"{short_mm}mm"),
                9 * 96 / 72)  # 9 pt


#: landscape; `<name>-portrait` turns it. 16:9: a projector at 1920x1080, text >= 18 px
PAGES = {page.name: page for page in [
    Page("16:9", 1920, 1080, ("1920", "1080"), 18),
    _a_size("a3", 420, 297), _a_size("a1", 841, 594), _a_size("a0", 1189, 841)]}
PAGES.update({f"{name}-portrait": page.portrait() for name, page in list(PAGES.items())})


def card(ws: Workspace, placed: PlacedTouchpoint, counts: dict[str, int] | None,
         room: float) -> list[Line]:
    tp = placed.touchpoint
    block = [Line("▲ MOMENT OF TRUTH", SMALL, True, MOMENT)] if tp.is_moment_of_truth else []
    return [*block, *lines(tp.title, 17, True, width=room),
            *lines(f"{tp.channel} · {ws.team_name(placed.owner)}", SMALL, fill=MUTED,
                   width=room)]


def standards_cell(ws: Workspace, placed: PlacedTouchpoint, counts: dict[str, int] | None,
                   room: float) -> list[Line]:
    """The standards' ids, or with actuals how many are met, missed or without data."""
    if not placed.touchpoint.standards:
        return [Line("none yet", SMALL, fill=MUTED)]
    if counts is None:
        return lines(", ".join(s.id for s in ws.applied_at(placed)), SMALL, width=room)
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


#: the rows, top to bottom: (name, a touchpoint's cell: (ws, placed, counts, room) -> lines)
ROWS: list[tuple[str, Callable[..., list[Line]]]] = [
    ("Customer does", lambda ws, placed, counts, room: lines(
        placed.touchpoint.action, TEXT, width=room) if placed.touchpoint.action else []),
    ("Touchpoint", card),
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
    period = statuses.period.text if statuses is not None and statuses.period else None
    if page is None:
        parts = [[_band(_columns(ws, entry, statuses, COLUMN, lens), period)]]
    else:
        parts = _fit(ws, entry, statuses, period, page, lens)
    columns = [c for part in parts for band in part for c in band.columns]
    moments = sum(bool(c.touchpoint and c.touchpoint.is_moment_of_truth) for c in columns)
    touchpoints = sum(c.touchpoint is not None for c in columns)
    width = max(band.width for part in parts for band in part)
    out = []
    for number, part in enumerate(parts, 1):
        svg = Svg()
        subtitle = _subtitle(touchpoints, moments, period, (number, len(parts)))
        y = svg.text(MARGIN, MARGIN - 8, _header(journey, width, subtitle, lens)) + 16
        for band in part:
            svg.parts.append(f'<g transform="translate(0,{_num(y)})">{"".join(band.parts)}</g>')
            y += band.height + 24
        bottom = legend(svg, y, width, statuses is not None) + MARGIN
        out.append(_document(svg, journey.title, width, bottom, page))
    return out


def _fit(ws: Workspace, entry: Entry[Journey], statuses: Statuses | None, period: str | None,
         page: Page, lens: Lens | None) -> list[list[Band]]:
    """The pages' bands: of n columns a band (their width filling the page), readable first,
    then the fewest pages, then the largest text."""
    scale = SMALL / page.min_text  # drawing px per page px, at the least
    room = (page.width * scale, page.height * scale)
    journey = entry.item
    layouts = []
    for per_band in range(1, sum(len(stage.touchpoints) or 1 for stage in journey.stages) + 1):
        width = (room[0] - 2 * MARGIN - LABELS) / per_band - 2 * GAP
        if width < 180 and per_band > 1:  # narrower columns only wrap text more
            break
        columns = _columns(ws, entry, statuses, min(width, 340), lens)
        bands = [_band(b, period) for b in _split(columns, per_band)]
        widest = max(b.width for b in bands)
        frame = _header_height(journey, widest, period, lens) + \
            legend(Svg(), 0, widest, statuses is not None) + MARGIN
        pages = _paginate(bands, room[1] - frame)
        tallest = max(sum(band.height + 24 for band in part) for part in pages) + frame
        fit = min(page.width / widest, page.height / tallest)  # page px per drawing px
        layouts.append((fit * SMALL < page.min_text * 0.999, len(pages), -fit, pages))
    return min(layouts, key=lambda layout: layout[:3])[3]


def _columns(ws: Workspace, entry: Entry[Journey], statuses: Statuses | None,
             width: float, lens: Lens | None = None) -> list[Column]:
    """Every touchpoint's column (an empty stage gets an empty one), in file order; under
    the feeling, what the survey measured there; with a persona, what they expect."""
    room = width - 2 * PAD
    placed_at = {id(placed.touchpoint): placed for placed in ws.touchpoints_in(entry)}
    columns = []
    for stage in entry.item.stages:
        if not stage.touchpoints:
            columns.append(Column(stage, None, {}, width=width))
        for i, tp in enumerate(stage.touchpoints):
            placed = placed_at[id(tp)]
            counts = statuses.counts(placed) if statuses is not None and tp.standards else None
            cells = {name: cell(ws, placed, counts, room) for name, cell in ROWS}
            measured = lens.survey.get(placed.key) if lens else None
            if measured:
                cells["Feeling"] = perceived_lines(measured, lens.scale, room)
            if lens and lens.persona:
                cells[EXPECT] = expected_lines(ws, placed, lens.persona, room)
            columns.append(Column(stage, placed, cells, counts, i == 0, width))
    return columns


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


@dataclass
class Band:
    """One row of stages, drawn from y = 0."""

    parts: list[str]
    width: float
    height: float
    columns: list[Column]


def _split(columns: list[Column], per_band: int) -> list[list[Column]]:
    """Columns into bands of at most `per_band`: whole stages while they fit, a stage longer
    than a band split where it must."""
    bands: list[list[Column]] = [[]]
    for stage_columns in _by_stage(columns):
        if bands[-1] and len(bands[-1]) + len(stage_columns) > per_band:
            bands.append([])
        for column in stage_columns:
            if len(bands[-1]) == per_band:
                bands.append([])
            bands[-1].append(column)
    return bands


def _by_stage(columns: list[Column]) -> list[list[Column]]:
    groups: list[list[Column]] = []
    for column in columns:
        if groups and groups[-1][0].stage is column.stage:
            groups[-1].append(column)
        else:
            groups.append([column])
    return groups


def _paginate(bands: list[Band], room: float) -> list[list[Band]]:
    """Bands onto pages, in order, as many as fit the height a page leaves (at least one)."""
    pages: list[list[Band]] = [[]]
    used = 0.0
    for band in bands:
        if pages[-1] and used + band.height + 24 > room:
            pages.append([])
            used = 0.0
        pages[-1].append(band)
        used += band.height + 24
    return pages


def _subtitle(touchpoints: int, moments: int, period: str | None, part: tuple[int, int]) -> str:
    text = f"Journey map · {touchpoints} touchpoints · {moments} moments of truth"
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
    return [*lines(journey.title, 28, True, width=width - 2 * MARGIN),
            *lines(subtitle, TEXT, fill=MUTED, width=width - 2 * MARGIN), *whose]


def _header_height(journey: Journey, width: float, period: str | None,
                   lens: Lens | None) -> float:
    """The most the title and subtitle can take (as if there were 99 parts)."""
    longest = _subtitle(9999, 9999, period, (99, 99))
    return MARGIN - 8 + height(_header(journey, width, longest, lens)) + 16


def _band(columns: list[Column], period: str | None) -> Band:
    """Stage headers, the rows with their names, each column's cells, the emotion curve."""
    x = float(MARGIN + LABELS)
    for previous, column in zip([None, *columns], columns, strict=False):
        if previous is not None and previous.stage is not column.stage:
            x += GAP  # a wider gap between stages
        column.x = x
        x += column.width + GAP
    width = x - GAP + MARGIN
    groups = _by_stage(columns)
    spans = [(group[0].stage, group[0].x, group[-1].x + group[-1].width) for group in groups]
    svg = Svg()
    heads = {}
    for group, (stage, left, right) in zip(groups, spans, strict=True):
        room = right - left - 2 * PAD
        continued = not group[0].first_in_stage
        heads[id(stage)] = [
            *lines(stage.title + (" (continued)" if continued else ""), 19, True, width=room),
            *([Line(f"Lifecycle: {stage.lifecycle}", SMALL, fill=MUTED)]
              if stage.lifecycle else []),
            *(lines(f"Goal: {stage.goal}", SMALL, fill=MUTED, width=room)
              if stage.goal else [])]
    y = max(height(h) for h in heads.values()) + 2 * PAD + ROW_GAP
    names = [name for name, _ in ROWS] + ([EXPECT] if any(EXPECT in c.cells for c in columns)
                                          else [])
    row_tops, row_heights = {}, {}
    for name in names:
        needed = CURVE + max(height(c.cells.get(name, [])) for c in columns) \
            if name == "Feeling" else max(
            [height(c.cells.get(name, [])) for c in columns]
            + [height(lines(name, TEXT, True, width=LABELS - PAD))])
        if name == "Touchpoint":
            needed += 2 * PAD
        row_tops[name], row_heights[name] = y, needed + PAD
        y += needed + PAD + ROW_GAP
    bottom = y - ROW_GAP
    for stage, left, right in spans:  # stage columns behind everything
        svg.add("rect", x=left - GAP / 2, y=0, width=right - left + GAP, height=bottom,
                rx=8, fill=WASH, stroke=LINE)
        head = Svg()
        head.text(left + PAD, PAD, heads[id(stage)])
        svg.group(head, class_="stage")
    for name in names:
        label = f"Standards, {period}" if name == "Standards" and period else name
        svg.text(MARGIN, row_tops[name], lines(label, TEXT, True, width=LABELS - PAD))
        svg.add("line", x1=MARGIN, x2=width - MARGIN, y1=row_tops[name] - ROW_GAP / 2,
                y2=row_tops[name] - ROW_GAP / 2, stroke=LINE)
    for column in columns:
        tp = column.touchpoint
        if tp is None:
            continue
        for name in names:
            if name == "Touchpoint":
                body = Svg()
                body.add("rect", x=column.x, y=row_tops[name], width=column.width,
                         height=row_heights[name] - PAD, rx=10,
                         fill=EMOTION_FILLS.get(tp.emotion or 0, NO_EMOTION),
                         stroke=border(tp, column.counts),
                         stroke_width=4 if tp.is_moment_of_truth else 1.5)
                body.text(column.x + PAD, row_tops[name] + PAD - 2, column.cells[name])
                svg.group(body, tp.title, class_="touchpoint")
            elif column.cells.get(name):
                svg.text(column.x + PAD, row_tops[name] + (CURVE if name == "Feeling" else 0),
                         column.cells[name])
    emotion_curve(svg, [c for c in columns if c.touchpoint], row_tops["Feeling"], width)
    return Band(svg.parts, width, bottom, columns)


def _document(svg: Svg, title: str, width: float, height_: float, page: Page | None) -> str:
    """The SVG document: its natural size, or the page's, the drawing scaled to fit it (top
    and centre)."""
    if page is None:
        size, box = (_num(width), _num(height_)), f"0 0 {_num(width)} {_num(height_)}"
    else:
        fit = min(page.width / width, page.height / height_)
        box_w, box_h = page.width / fit, page.height / fit
        size = page.size
        box = f"{_num(-(box_w - width) / 2)} 0 {_num(box_w)} {_num(box_h)}"
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size[0]}" height="{size[1]}" '
            f'viewBox="{box}" font-family="{FAMILY}" font-size="{TEXT}" fill="{INK}">'
            f"<title>{escape(clean(title))}: journey map</title>"
            f'<rect x="-100000" y="-100000" width="200000" height="200000" fill="#ffffff"/>')
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + head + "\n".join(
        ["", *svg.parts, "</svg>\n"])


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
            run.append(f"{_num(column.x + column.width / 2)},"
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
        cx, cy = column.x + column.width / 2, emotion_level(tp.emotion, top)
        what = (f"{tp.title}: expected feeling {tp.emotion} of 5 ({EMOTION_NAMES[tp.emotion]})"
                + ("; a moment of truth" if tp.is_moment_of_truth else ""))
        mark = Svg()
        if tp.is_moment_of_truth:
            mark.add("path", d=f"M{_num(cx)},{_num(cy - 13)} l12,21 h-24 z", fill=MOMENT,
                     stroke="#ffffff", stroke_width=2)
        else:
            mark.add("circle", cx=cx, cy=cy, r=8, fill=EMOTION_FILLS[tp.emotion], stroke=INK,
                     stroke_width=2)
        svg.group(mark, what, class_="feeling")


def legend(svg: Svg, y: float, width: float, with_status: bool) -> float:
    """The keys, flowing onto more lines where the map is narrow: the card colours, the
    moment-of-truth mark, and with actuals the card borders. Returns the y below them."""
    swatch = {"x": 0, "y": 4, "width": 22, "height": 22, "rx": 5}
    keys = [("rect", {**swatch, "fill": EMOTION_FILLS[level], "stroke": "#6e7781"},
             f"{level} {EMOTION_NAMES[level]}") for level in range(1, 6)]
    keys.append(("rect", {**swatch, "fill": NO_EMOTION, "stroke": "#6e7781"},
                 "feeling not set"))
    keys.append(("path", {"d": "M11,3 l12,21 h-24 z", "fill": MOMENT},
                 "moment of truth (heavy border on its card)"))
    if with_status:
        keys += [("rect", {**swatch, "fill": "#ffffff", "stroke": colour, "stroke_width": 3},
                  f"card border: {name}") for name, colour in STATUS_COLOURS.items()]
    svg.add("text", "Key", x=MARGIN, y=y + 20, font_weight="bold")
    x = left = MARGIN + 50
    for tag, attrs, text in keys:
        needed = 30 + text_width(text, SMALL) + 24
        if x > left and x + needed > width - MARGIN:
            x, y = left, y + 34
        key = Svg()
        key.add(tag, **attrs)
        key.add("text", escape(text), x=30, y=20, font_size=SMALL)
        svg.group(key, transform=f"translate({_num(x)},{_num(y)})")
        x += needed
    return y + 34
