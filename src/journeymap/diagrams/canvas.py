"""The drawing kit of the views written directly as SVG (the journey map, the blueprint).

Both are grids: stages as columns, one column per touchpoint, rows read down. What they share
lives here so they keep one look: the SVG writer (every number rounded: the same drawing, the
same bytes), text wrapped with Liberation Sans's measured widths (diagrams.textwidth), the
stage columns, the key, the pages and the layout that fits a page (stages wrap into bands,
bands go onto pages, every text kept at or above the page's smallest size).
What the user typed is drawn as typed: XML-escaped, never markup, entities left as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from xml.sax.saxutils import escape, quoteattr

from journeymap.diagrams.dot import MOMENT, STATUS_COLOURS, clean
from journeymap.diagrams.pages import Page
from journeymap.diagrams.textwidth import MAX_DRAWN, wrap
from journeymap.diagrams.textwidth import width as text_width
from journeymap.loader import Entry
from journeymap.model import Journey, Stage, Touchpoint
from journeymap.statuses import Statuses
from journeymap.workspace import PlacedTouchpoint, Workspace

FAMILY = "Liberation Sans,Arial,Helvetica,sans-serif"
INK, MUTED, LINE, WASH = "#1f2328", "#57606a", "#d0d7de", "#f6f8fa"
MARGIN, LABELS, COLUMN, GAP, PAD = 32, 190, 230, 14, 12  # px
ROW_GAP = 8  # px between rows: a slide has little height to spare
BAND_GAP = 24  # px between bands
TEXT, SMALL = 16, 14  # px: readable projected at 1920 px wide, the drawing scaled to fit
LEADING = 1.3  # a line's height, in font sizes


@dataclass(frozen=True)
class Line:
    text: str
    size: int = TEXT
    bold: bool = False
    fill: str = INK


def lines(text: str, size: int = TEXT, bold: bool = False, fill: str = INK, *, width: float,
          bullet: str = "") -> list[Line]:
    """`text` wrapped to `width` px; past MAX_DRAWN characters it is cut with an ellipsis (a
    card's tooltip still carries the touchpoint's whole title)."""
    if len(text) > MAX_DRAWN:
        text = text[:MAX_DRAWN] + "…"
    wrapped = wrap(clean(f"{bullet}{text}"), width, size, bold)
    return [Line(t, size, bold, fill) for t in wrapped]


def label_lines(text: str) -> list[Line]:
    """A row's or a lane's name, in the labels' column at the left."""
    return lines(text, TEXT, True, width=LABELS - PAD)


def title_lines(title: str, subtitle: str, width: float) -> list[Line]:
    """A drawing's title and, under it, what it shows."""
    return [*lines(title, 28, True, width=width - 2 * MARGIN),
            *lines(subtitle, TEXT, fill=MUTED, width=width - 2 * MARGIN)]


def counted(n: int, thing: str, things: str) -> str:
    """`1 touchpoint`, `2 touchpoints`."""
    return f"{n} {thing if n == 1 else things}"


def height(block: list[Line]) -> float:
    return sum(line.size * LEADING for line in block)


class Svg:
    """An SVG document written in order, every number rounded: the same drawing, the same
    bytes."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, tag: str, body: str = "", **attrs: object) -> None:
        rendered = attributes(attrs)
        self.parts.append(f"<{tag}{rendered}>{body}</{tag}>" if body else f"<{tag}{rendered}/>")

    def group(self, inner: Svg, title: str | None = None, **attrs: object) -> None:
        """`inner`'s parts in a `<g>`, with a tooltip `title` (user text) first."""
        head = f"<title>{escape(clean(title))}</title>" if title is not None else ""
        self.parts.append(f"<g{attributes(attrs)}>{head}{''.join(inner.parts)}</g>")

    def text(self, x: float, y: float, block: list[Line], anchor: str = "start") -> float:
        """Draw lines from top `y`; the y below them."""
        for line in block:
            y += line.size * LEADING
            self.add("text", escape(line.text), x=x, y=y - line.size * 0.3,
                     font_size=line.size, font_weight="bold" if line.bold else None,
                     fill=line.fill if line.fill != INK else None,
                     text_anchor=anchor if anchor != "start" else None)
        return y


def attributes(attrs: dict[str, object]) -> str:
    """` name="value"` for each attribute given (`class_` is `class`, `font_size` is
    `font-size`), numbers rounded."""
    return "".join(f" {k.rstrip('_').replace('_', '-')}={quoteattr(num(v))}"
                   for k, v in attrs.items() if v is not None)


def num(value: object) -> str:
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
    #: the feelings of the touchpoints just before and after, where those are in another band
    #: (a page's edge): the emotion curve is carried to the edge towards them
    before: int | None = None
    after: int | None = None

    @property
    def touchpoint(self) -> Touchpoint | None:
        return self.placed.touchpoint if self.placed else None


@dataclass
class Band:
    """One row of stages, drawn from y = 0."""

    parts: list[str]
    width: float
    height: float
    columns: list[Column]


def _border(tp: Touchpoint, counts: dict[str, int] | None) -> str:
    """A card's border: red when a standard is missed, green when all are met (with
    actuals); else orange for a moment of truth."""
    if counts:
        if counts["missed"]:
            return STATUS_COLOURS["missed"]
        if counts["met"] == len(tp.standards):
            return STATUS_COLOURS["met"]
        return STATUS_COLOURS["no data"]
    return MOMENT if tp.is_moment_of_truth else "#6e7781"


def draw_card(svg: Svg, column: Column, span: tuple[float, float], fill: str,
              body: list[Line], inset: float = PAD) -> None:
    """A touchpoint's card over `span` (its top and height): its box, bordered by its
    standards' status or as a moment of truth, and its lines `inset` from the top; the
    touchpoint's title is the tooltip."""
    tp = column.touchpoint
    top, height_ = span
    card = Svg()
    card.add("rect", x=column.x, y=top, width=column.width, height=height_, rx=10, fill=fill,
             stroke=_border(tp, column.counts), stroke_width=4 if tp.is_moment_of_truth else 1.5)
    card.text(column.x + PAD, top + inset, body)
    svg.group(card, tp.title, class_="touchpoint")


def card_lines(ws: Workspace, placed: PlacedTouchpoint, room: float) -> list[Line]:
    """A touchpoint's card: the moment-of-truth mark, its title, its channel and owner."""
    tp = placed.touchpoint
    # in ink: only ink reads at 4.5:1 on every feeling's fill
    block = [Line("▲ MOMENT OF TRUTH", SMALL, True, INK)] if tp.is_moment_of_truth else []
    return [*block, *lines(tp.title, 17, True, width=room),
            *lines(f"{tp.channel} · {ws.team_name(placed.owner)}", SMALL, width=room)]


def columns_of(ws: Workspace, entry: Entry[Journey], statuses: Statuses | None, width: float,
               cells: Callable[[PlacedTouchpoint, dict[str, int] | None, float],
                               dict[str, list[Line]]]) -> list[Column]:
    """Every touchpoint's column, `width` wide, in file order, with what `cells(placed, its
    standards' counts with actuals, the room for text)` puts in its rows; an empty stage gets
    an empty column."""
    room = width - 2 * PAD
    placed_at = {id(placed.touchpoint): placed for placed in ws.touchpoints_in(entry)}
    columns = []
    for stage in entry.item.stages:
        if not stage.touchpoints:
            columns.append(Column(stage, None, {}, width=width))
        for i, tp in enumerate(stage.touchpoints):
            placed = placed_at[id(tp)]
            counts = statuses.counts(placed) if statuses is not None and tp.standards else None
            columns.append(Column(stage, placed, cells(placed, counts, room), counts, i == 0,
                                  width))
    return columns


def by_stage(columns: list[Column]) -> list[list[Column]]:
    groups: list[list[Column]] = []
    for column in columns:
        if groups and groups[-1][0].stage is column.stage:
            groups[-1].append(column)
        else:
            groups.append([column])
    return groups


#: a band at least this full may end at a stage's end rather than split the next stage
FULL = 0.8


def split(columns: list[Column], per_band: int) -> list[list[Column]]:
    """Columns into bands of at most `per_band`: whole stages while they fit; a stage that
    does not fit starts the next band when this one is full enough (FULL), else fills this one
    and continues in the next ("(continued)"), so no slide is left mostly empty; and the last
    band never holds a lone column that the one before it can take back a partner for."""
    bands: list[list[Column]] = [[]]
    for stage_columns in by_stage(columns):
        if bands[-1] and len(bands[-1]) + len(stage_columns) > per_band \
                and len(bands[-1]) >= FULL * per_band:
            bands.append([])
        for column in stage_columns:
            if len(bands[-1]) == per_band:
                bands.append([])
            bands[-1].append(column)
    if len(bands) > 1 and len(bands[-1]) == 1 and len(bands[-2]) > 2:
        bands[-1].insert(0, bands[-2].pop())  # two and two, not n and one
    return bands


#: the widest a column grows to fill a short band: lines stay short enough to read
WIDEST = 680


def filled_bands(make: Callable[[float], list[Column]], width: float, per_band: int
                 ) -> list[list[Column]]:
    """The columns `make(width)` gives, in bands of `per_band` (split); a band with fewer
    columns has them made wider, up to WIDEST, so that every band (and so every page) is as
    wide as a full one rather than partly empty."""
    columns = make(width)
    bands = split(columns, per_band)
    index = {id(column): i for i, column in enumerate(columns)}
    out = []
    for band in bands:
        if 0 < len(band) < per_band:
            wider = min((per_band * (width + 2 * GAP)) / len(band) - 2 * GAP, WIDEST)
            if wider > width:
                again = make(wider)
                band = [again[index[id(column)]] for column in band]
        out.append(band)
    for previous, band in pairwise(out):
        band[0].before = previous[-1].touchpoint.emotion if previous[-1].touchpoint else None
        previous[-1].after = band[0].touchpoint.emotion if band[0].touchpoint else None
    return out


def paginate(bands: list[Band], room: float) -> list[list[Band]]:
    """Bands onto pages, in order, as many as fit the height a page leaves (at least one)."""
    pages: list[list[Band]] = [[]]
    used = 0.0
    for band in bands:
        if pages[-1] and used + band.height + BAND_GAP > room:
            pages.append([])
            used = 0.0
        pages[-1].append(band)
        used += band.height + BAND_GAP
    return pages


def fit(page: Page, touchpoints: int, bands_for: Callable[[float, int], list[Band]],
        frame: Callable[[float], float]) -> list[list[Band]]:
    """The pages' bands for `page`: of n columns a band (their width filling the page; made
    by `bands_for(column width, n)`), readable first, then the fewest pages, then the largest
    text. `frame(width)` is the height the title and the key take at that width. Columns are
    at most 340 px wide, which keeps lines short; where no layout reads at that width (a
    column too tall for the page), columns may widen, to wrap less and so take less height."""
    scale = SMALL / page.min_text  # drawing px per page px, at the least
    room = (page.width * scale, page.height * scale)
    for widest_column in (340, 680):
        layouts = []
        for per_band in range(1, touchpoints + 1):
            width = (room[0] - 2 * MARGIN - LABELS) / per_band - 2 * GAP
            if width < 180 and per_band > 1:  # narrower columns only wrap text more
                break
            bands = bands_for(min(width, widest_column), per_band)
            widest = max(b.width for b in bands)
            around = frame(widest)
            pages = paginate(bands, room[1] - around)
            tallest = max(sum(band.height + BAND_GAP for band in part) for part in pages) \
                + around
            scaled = min(page.width / widest, page.height / tallest)  # page px per drawing px
            layouts.append((not page.reads(scaled * SMALL), len(pages), -scaled, pages))
        best = min(layouts, key=lambda layout: layout[:3])
        if not best[0]:  # readable
            break
    return best[3]


def lay_out(page: Page | None, journey: Journey,
            bands_for: Callable[[float, int], list[Band]],
            frame: Callable[[float], float]) -> list[list[Band]]:
    """The parts (pages) of bands of a journey's columns (one a touchpoint, one an empty
    stage): at the natural size one band of every column, else laid out for `page` (fit)."""
    columns = sum(len(stage.touchpoints) or 1 for stage in journey.stages)
    if page is None:
        return [bands_for(COLUMN, columns)]
    return fit(page, columns, bands_for, frame)


def frame(header: list[Line], width: float, keys: list[Key]) -> float:
    """The height a page's title (`header`) and key take at `width`."""
    return MARGIN - 8 + height(header) + 16 + legend(Svg(), 0, width, keys) + MARGIN


def compose(parts: list[list[Band]], header: Callable[[float, tuple[int, int]], list[Line]],
            keys: list[Key], title: str, page: Page | None, defs: str = "",
            desc: str = "") -> list[str]:
    """Each part's SVG document: its title (`header(width, (part, of parts))`), its bands,
    the key."""
    width = max(band.width for part in parts for band in part)
    out = []
    for number, part in enumerate(parts, 1):
        svg = Svg()
        y = svg.text(MARGIN, MARGIN - 8, header(width, (number, len(parts)))) + 16
        bottom = legend(svg, stack(svg, y, part), width, keys) + MARGIN
        out.append(document(svg, title, width, bottom, page, defs, desc))
    return out


def place(columns: list[Column]) -> float:
    """Each column's x (a wider gap between stages); the band's width."""
    x = float(MARGIN + LABELS)
    for previous, column in zip([None, *columns], columns, strict=False):
        if previous is not None and previous.stage is not column.stage:
            x += GAP
        column.x = x
        x += column.width + GAP
    return x - GAP + MARGIN


def stage_heads(columns: list[Column]) -> tuple[list[tuple[Stage, float, float, list[Line]]],
                                                 float]:
    """Each stage's span in the band (stage, left, right, its heading: title, lifecycle,
    goal), and the y below the tallest heading."""
    spans = []
    for group in by_stage(columns):
        stage, left, right = group[0].stage, group[0].x, group[-1].x + group[-1].width
        room = right - left - 2 * PAD
        continued = not group[0].first_in_stage
        spans.append((stage, left, right, [
            *lines(stage.title + (" (continued)" if continued else ""), 19, True, width=room),
            *([Line(f"Lifecycle: {stage.lifecycle}", SMALL, fill=MUTED)]
              if stage.lifecycle else []),
            *(lines(f"Goal: {stage.goal}", SMALL, fill=MUTED, width=room)
              if stage.goal else [])]))
    return spans, max(height(head) for *_, head in spans) + 2 * PAD + ROW_GAP


def draw_stages(svg: Svg, spans: list[tuple[Stage, float, float, list[Line]]],
                bottom: float) -> None:
    """The stage columns, behind everything, with their headings."""
    for _stage, left, right, head_lines in spans:
        svg.add("rect", x=left - GAP / 2, y=0, width=right - left + GAP, height=bottom,
                rx=8, fill=WASH, stroke=LINE)
        head = Svg()
        head.text(left + PAD, PAD, head_lines)
        svg.group(head, class_="stage")


def stack(svg: Svg, y: float, bands: list[Band]) -> float:
    """Bands one under another from `y`; the y below them."""
    for band in bands:
        svg.parts.append(f'<g transform="translate(0,{num(y)})">{"".join(band.parts)}</g>')
        y += band.height + BAND_GAP
    return y


#: a key: (SVG tag, its attributes, drawn in a 30x30 box, the words beside it)
Key = tuple[str, dict[str, object], str]
SWATCH = {"x": 0, "y": 4, "width": 22, "height": 22, "rx": 5}
MOMENT_KEY: Key = ("path", {"d": "M11,3 l12,21 h-24 z", "fill": MOMENT},
                   "moment of truth (heavy border on its card)")
STATUS_KEYS: list[Key] = [
    ("rect", {**SWATCH, "fill": "#ffffff", "stroke": colour, "stroke_width": 3},
     f"card border: {name}") for name, colour in STATUS_COLOURS.items()]


def legend(svg: Svg, y: float, width: float, keys: list[Key]) -> float:
    """The keys, flowing onto more lines where the drawing is narrow; the y below them."""
    svg.add("text", "Key", x=MARGIN, y=y + 20, font_weight="bold")
    x = left = MARGIN + 50
    for tag, attrs, text in keys:
        needed = 30 + text_width(text, SMALL) + 24
        if x > left and x + needed > width - MARGIN:
            x, y = left, y + 34
        key = Svg()
        key.add(tag, **attrs)
        key.add("text", escape(text), x=30, y=20, font_size=SMALL)
        svg.group(key, transform=f"translate({num(x)},{num(y)})")
        x += needed
    return y + 34


def document(svg: Svg, title: str, width: float, height_: float, page: Page | None,
             defs: str = "", desc: str = "") -> str:
    """The SVG document: its natural size, or the page's, the drawing scaled to fit it (top
    and centre). `title` is the document's, user text."""
    if page is None:
        size, box = (num(width), num(height_)), f"0 0 {num(width)} {num(height_)}"
    else:
        scaled = min(page.width / width, page.height / height_)
        box_w, box_h = page.width / scaled, page.height / scaled
        size = page.size
        box = f"{num(-(box_w - width) / 2)} 0 {num(box_w)} {num(box_h)}"
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size[0]}" height="{size[1]}" '
            f'viewBox="{box}" font-family="{FAMILY}" font-size="{TEXT}" fill="{INK}">'
            f"<title>{escape(clean(title))}</title>"
            + (f"<desc>{escape(clean(desc))}</desc>" if desc else "") + f"{defs}"
            f'<rect x="-100000" y="-100000" width="200000" height="200000" fill="#ffffff"/>')
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + head + "\n".join(
        ["", *svg.parts, "</svg>\n"])
