"""The service blueprint: stages as columns, lanes as rows, the hand-offs as arrows.

Lanes, top to bottom: customer actions, frontstage, backstage, support processes, parted by
the line of interaction, the line of visibility and the line of internal interaction, each
drawn across the whole blueprint. An arrow runs from the touchpoint that supplies to the one it
serves (the internal customer/supplier chain).

Written directly as SVG with the map's drawing kit (diagrams.canvas) rather than laid out by
Graphviz, whose curved edges crossed stage boxes and whose lines of visibility could only be a
stub per stage. Here every touchpoint has a column of its own, so an arrow can be routed
without touching another card: up or down its supplier's column, along the gap between two
lanes (each arrow on a track of its own there), and into the card it serves. A supplier that
is not on the same band of the page, or is in another journey, is named on the card instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.diagrams.canvas import (
    GAP,
    LABELS,
    MARGIN,
    MOMENT_KEY,
    MUTED,
    PAD,
    ROW_GAP,
    SMALL,
    STATUS_KEYS,
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
    draw_card,
    draw_stages,
    filled_bands,
    frame,
    height,
    label_lines,
    lay_out,
    lines,
    num,
    place,
    stage_heads,
    title_lines,
)
from journeymap.loader import Entry
from journeymap.model import Journey
from journeymap.statuses import Statuses, period_text
from journeymap.workspace import PlacedTouchpoint, Workspace

SCOPE = "journey"  # one diagram per journey
OUTPUT = "svg"  # drawn directly, not laid out by Graphviz

LANES = [("customer", "Customer actions"), ("frontstage", "Frontstage"),
         ("backstage", "Backstage"), ("support", "Support processes")]
LANE_FILL = {"customer": "#ddf4ff", "frontstage": "#ffffff", "backstage": "#fff8c5",
             "support": "#eaeef2"}
#: the line under each lane but the last: its name and its dashes (None: solid)
DIVIDERS = [("line of interaction", None), ("line of visibility", "10 6"),
            ("line of internal interaction", "2 5")]
HANDOFF = "#0969da"
DIVIDER_ROOM, TRACK = 28, 14  # px: a divider's share of the gap under a lane; between tracks
ARROW = ('<defs><marker id="handoff" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="5" '
         f'markerHeight="5" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{HANDOFF}"/>'
         '</marker></defs>')
KEYS: list[Key] = [("path", {"d": "M0,15 h24", "stroke": HANDOFF, "stroke_width": 2.5,
                             "marker_end": "url(#handoff)"},
                    "hand-off: the supplying touchpoint serves the one it points to"),
                   MOMENT_KEY]


def build(ws: Workspace, journeys: list[Entry[Journey]], statuses: Statuses | None = None,
          lens: object = None) -> str:
    """The whole journey on one canvas, its natural size."""
    return build_pages(ws, journeys, statuses, None)[0]


def build_pages(ws: Workspace, journeys: list[Entry[Journey]], statuses: Statuses | None,
                page: Page | None, lens: object = None) -> list[str]:
    """The blueprint laid out for a page as the map is (diagrams.canvas.fit), or on one
    canvas at its natural size."""
    entry = journeys[0]
    journey = entry.item
    period = period_text(statuses)
    keys = KEYS + (STATUS_KEYS if statuses is not None else [])
    parts = lay_out(
        page, journey,
        lambda width, per_band: [
            _band(ws, b) for b in filled_bands(
                lambda w: _columns(ws, entry, statuses, w), width, per_band)],
        lambda width: frame(  # the longest title a part can have
            title_lines(journey.title, _subtitle(9999, 9999, 9999, period, (99, 99)), width),
            width, keys))
    placed = [c.placed for part in parts for band in part for c in band.columns if c.placed]
    counts = (len(placed), sum(p.touchpoint.is_moment_of_truth for p in placed),
              sum(len(ws.suppliers(p)) for p in placed))
    return compose(parts, lambda width, part: title_lines(
        journey.title, _subtitle(*counts, period, part), width), keys,
        f"{journey.title}: service blueprint", page, ARROW)


def _subtitle(touchpoints: int, moments: int, handoffs: int, period: str | None,
              part: tuple[int, int]) -> str:
    text = (f"Service blueprint · {counted(touchpoints, 'touchpoint', 'touchpoints')} · "
            f"{counted(moments, 'moment of truth', 'moments of truth')} · "
            f"{counted(handoffs, 'hand-off', 'hand-offs')}")
    text += f" · card borders: standards in {period}" if period else ""
    return text + (f" · part {part[0]} of {part[1]}" if part[1] > 1 else "")


def _columns(ws: Workspace, entry: Entry[Journey], statuses: Statuses | None,
             width: float) -> list[Column]:
    """Every touchpoint's column with its card."""
    return columns_of(ws, entry, statuses, width, lambda placed, counts, room: {
        "card": card_lines(ws, placed, room)})


@dataclass
class _Card:
    """A card placed in its lane: its column, its lines (with the suppliers not drawn as
    arrows) and its box once the lanes are measured."""

    column: Column
    lane: int
    body: list[Line]
    top: float = 0.0

    @property
    def height(self) -> float:
        return height(self.body) + 2 * PAD


@dataclass
class _Handoff:
    supplier: _Card
    served: _Card
    gap: int  # the gap under this lane carries the arrow across
    sides: tuple[str, str]  # the side of each card it leaves and enters by: top or bottom
    track: int = 0
    ports: tuple[float, float] = (0.0, 0.0)  # the x it leaves and enters at


def _band(ws: Workspace, columns: list[Column]) -> Band:
    """Stage columns, the lanes and the lines between them, the cards, the hand-offs."""
    width = place(columns)
    spans, y = stage_heads(columns)
    lane_index = {name: i for i, (name, _) in enumerate(LANES)}
    cards: dict[str, _Card] = {}
    for column in columns:
        if column.placed is not None:
            cards[column.placed.key] = _Card(column, lane_index[column.touchpoint.lane],
                                             list(column.cells["card"]))
    handoffs = []
    for card in cards.values():
        for supplier in ws.suppliers(card.column.placed):
            if supplier.key in cards:
                handoffs.append(_handoff(cards[supplier.key], card))
            else:
                card.body += _elsewhere(supplier, card.column)
    gaps = _tracks(handoffs)
    svg = Svg()
    names = [label_lines(title) for _, title in LANES]
    lane_tops, lane_heights, gap_tops = [], [], []
    for i, name in enumerate(names):
        in_lane = [card for card in cards.values() if card.lane == i]
        lane_height = max([card.height for card in in_lane] + [height(name), 48.0])
        for card in in_lane:
            card.top = y + (lane_height - card.height) / 2
        lane_tops.append(y)
        lane_heights.append(lane_height)
        y += lane_height + ROW_GAP
        gap_tops.append(y)
        tracks = gaps.get(i, 0)
        y += (DIVIDER_ROOM if i < len(DIVIDERS) else 0) + tracks * TRACK + (PAD if tracks else 0)
    bottom = y
    draw_stages(svg, spans, bottom)
    for name, top, lane_height in zip(names, lane_tops, lane_heights, strict=True):
        svg.text(MARGIN, top + (lane_height - height(name)) / 2, name)
    for (name, dashes), top in zip(DIVIDERS, gap_tops, strict=False):
        line_y = top + DIVIDER_ROOM / 2 - ROW_GAP / 2
        svg.add("text", name, x=MARGIN, y=line_y + 5, font_size=SMALL, font_style="italic",
                fill=MUTED)
        svg.add("line", x1=MARGIN + LABELS - 8, x2=width - MARGIN + GAP / 2, y1=line_y, y2=line_y,
                stroke="#8c959f", stroke_width=1.5, stroke_dasharray=dashes)
    for card in cards.values():
        draw_card(svg, card.column, (card.top, card.height),
                  LANE_FILL[card.column.touchpoint.lane], card.body)
    for handoff in handoffs:
        _draw_handoff(svg, handoff, gap_tops)
    return Band(svg.parts, width, bottom, columns)


def _handoff(supplier: _Card, served: _Card) -> _Handoff:
    """The gap the arrow crosses in: the one above the served card's lane when the supplier
    is higher, else the one under it; it leaves and enters each card by the side facing it."""
    gap = served.lane - 1 if supplier.lane < served.lane else served.lane
    return _Handoff(supplier, served, gap, ("top" if supplier.lane > gap else "bottom",
                                            "bottom" if served.lane <= gap else "top"))


def _tracks(handoffs: list[_Handoff]) -> dict[int, int]:
    """Spread the arrows along each card side (ordered by where their other end is), and give
    each arrow a track in its gap no other arrow's run along the gap overlaps; the tracks each
    gap needs."""
    at_side: dict[tuple[int, str], list[tuple[float, int, _Card]]] = {}
    for n, handoff in enumerate(handoffs):
        for card, side, other in ((handoff.supplier, handoff.sides[0], handoff.served),
                                  (handoff.served, handoff.sides[1], handoff.supplier)):
            at_side.setdefault((id(card), side), []).append((other.column.x, n, card))
    ports: dict[tuple[int, int], float] = {}  # (hand-off, card) -> the x it meets the card at
    for ends in at_side.values():
        ends.sort(key=lambda end: end[:2])
        for k, (_, n, card) in enumerate(ends):
            ports[n, id(card)] = card.column.x + card.column.width * (k + 1) / (len(ends) + 1)
    runs: dict[int, list[float]] = {}  # gap -> each track's rightmost x
    order = sorted(range(len(handoffs)), key=lambda n: (
        handoffs[n].gap, min(handoffs[n].supplier.column.x, handoffs[n].served.column.x),
        max(handoffs[n].supplier.column.x, handoffs[n].served.column.x)))
    for n in order:
        handoff = handoffs[n]
        handoff.ports = (ports[n, id(handoff.supplier)], ports[n, id(handoff.served)])
        left, right = sorted(handoff.ports)
        ends = runs.setdefault(handoff.gap, [])
        free = [t for t, end in enumerate(ends) if end + TRACK < left]
        handoff.track = free[0] if free else len(ends)
        if free:
            ends[handoff.track] = right
        else:
            ends.append(right)
    return {gap: len(ends) for gap, ends in runs.items()}


def _elsewhere(supplier: PlacedTouchpoint, column: Column) -> list[Line]:
    """A supplier drawn elsewhere (another band or journey), named on the card it serves."""
    where = (supplier.stage.title if supplier.journey.item is column.placed.journey.item
             else supplier.journey.item.title)
    return lines(f"from {supplier.touchpoint.title} ({where})", SMALL, fill=MUTED,
                 width=column.width - 2 * PAD)


def _draw_handoff(svg: Svg, handoff: _Handoff, gap_tops: list[float]) -> None:
    """Out of the supplier, along its track in the gap, into the card it serves; on a white
    halo, so where arrows cross, the later one reads as passing over."""
    supplier, served = handoff.supplier, handoff.served
    leave, enter = handoff.sides
    track_y = gap_tops[handoff.gap] + (DIVIDER_ROOM if handoff.gap < len(DIVIDERS) else 0) \
        + PAD / 2 + handoff.track * TRACK
    start_y = supplier.top + (supplier.height if leave == "bottom" else 0)
    end_y = served.top + (served.height if enter == "bottom" else 0)
    points = " ".join(f"{num(x)},{num(y)}" for x, y in [
        (handoff.ports[0], start_y), (handoff.ports[0], track_y), (handoff.ports[1], track_y),
        (handoff.ports[1], end_y)])
    arrow = Svg()
    arrow.add("polyline", points=points, fill="none", stroke="#ffffff", stroke_width=6,
              stroke_linejoin="round")
    arrow.add("polyline", points=points, fill="none", stroke=HANDOFF, stroke_width=2.5,
              stroke_linejoin="round", marker_end="url(#handoff)")
    svg.group(arrow, f"{supplier.column.touchpoint.title} serves "
                     f"{served.column.touchpoint.title}", class_="handoff")

