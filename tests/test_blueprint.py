"""The service blueprint, read back from its SVG as a facilitator would read it: the lines of
interaction, visibility and internal interaction run across the whole blueprint, each hand-off
is an arrow from its supplier to the card it serves, and no arrow runs through another card."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeymap.diagrams import Drawing, diagram_jobs, draw, draw_parts
from journeymap.workspace import open_workspace
from tests.conftest import REPO, run_cli

SVG = "{http://www.w3.org/2000/svg}"
DIVIDERS = ["line of interaction", "line of visibility", "line of internal interaction"]

TWO_JOURNEYS = {
    "standards/library.yaml": """\
teams:
  - {id: care, name: Customer Care}
  - {id: ops, name: Operations}
""",
    "journeys/order.yaml": """\
id: order
title: Order
owner: care
stages:
  - id: buy
    title: Buy
    touchpoints:
      - {id: browse, title: Browse, channel: web, lane: customer}
      - {id: check, title: Stock check, channel: self-service, lane: support, owner: ops}
      - {id: pay, title: Pay, channel: web, depends_on: [browse, check]}
  - id: get
    title: Get it
    touchpoints:
      - {id: pack, title: Pack, channel: field-visit, lane: backstage, owner: ops,
         depends_on: [pay, deliver/van]}
      - {id: confirm, title: Confirm by email, channel: email, depends_on: [pack, pay]}
""",
    "journeys/deliver.yaml": """\
id: deliver
title: Deliver
owner: ops
stages:
  - id: road
    title: On the road
    touchpoints:
      - {id: van, title: Van loading, channel: mail, lane: backstage}
""",
}


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _read(svg: bytes) -> list[dict]:
    """What each band of the blueprint shows (in the band's own coordinates): cards (title
    -> box and texts), hand-offs ((supplier, served) -> the arrow's points), the dividers
    (name -> their x span), the stage columns' x spans."""
    bands = []
    for band in ET.fromstring(svg).findall(f"{SVG}g[@transform]"):
        if not band.get("transform").startswith("translate(0,"):
            continue  # a key, not a band
        cards, handoffs = {}, {}
        for group in band.iter(f"{SVG}g"):
            kind, title = group.get("class"), group.findtext(f"{SVG}title")
            if kind == "touchpoint":
                rect = group.find(f"{SVG}rect")
                box = tuple(float(rect.get(k)) for k in ("x", "y", "width", "height"))
                cards[title] = (box, [t.text for t in group.iter(f"{SVG}text")])
            elif kind == "handoff":
                supplier, served = title.split(" serves ")
                line = group.findall(f"{SVG}polyline")[-1]
                handoffs[supplier, served] = [tuple(map(float, p.split(",")))
                                              for p in line.get("points").split()]
        stages = [(float(r.get("x")), float(r.get("x")) + float(r.get("width")))
                  for r in band.findall(f"{SVG}rect")]
        lines = [e for e in band.findall(f"{SVG}line") if e.get("stroke") == "#8c959f"]
        dividers = {}
        for text in band.findall(f"{SVG}text"):
            if text.text in DIVIDERS:
                y = float(text.get("y")) - 5
                dividers[text.text] = [(float(e.get("x1")), float(e.get("x2"))) for e in lines
                                       if abs(float(e.get("y1")) - y) < 0.2
                                       and abs(float(e.get("y2")) - y) < 0.2]
        bands.append({"cards": cards, "handoffs": handoffs, "dividers": dividers,
                      "stages": stages})
    return bands


def _crosses(segment: tuple[tuple[float, float], tuple[float, float]], box: tuple) -> bool:
    """Whether an axis-aligned segment passes through the inside of a box."""
    (x1, y1), (x2, y2) = segment
    x, y, w, h = box
    return (min(x1, x2) < x + w - 1 and max(x1, x2) > x + 1
            and min(y1, y2) < y + h - 1 and max(y1, y2) > y + 1)


def _check_geometry(drawn: dict) -> None:
    """Each arrow leaves its supplier's edge and ends on its served card's edge, runs in
    straight horizontal and vertical strokes, and passes through no card, its own included;
    no two arrows share a stretch of line."""
    boxes = {title: box for title, (box, _) in drawn["cards"].items()}
    strokes = []
    for (supplier, served), points in drawn["handoffs"].items():
        assert len(points) == 4
        (sx, sy), (ex, ey) = points[0], points[-1]
        s, e = boxes[supplier], boxes[served]
        on_edge = pytest.approx  # the SVG's numbers are rounded to 0.1 px
        assert s[0] < sx < s[0] + s[2] and sy in (on_edge(s[1], abs=0.2),
                                                   on_edge(s[1] + s[3], abs=0.2))
        assert e[0] < ex < e[0] + e[2] and ey in (on_edge(e[1], abs=0.2),
                                                   on_edge(e[1] + e[3], abs=0.2))
        for a, b in itertools.pairwise(points):
            assert a[0] == b[0] or a[1] == b[1], (supplier, served, points)
            for title, box in boxes.items():
                assert not _crosses((a, b), box), (supplier, served, title)
            strokes.append((a, b, (supplier, served)))
    for n, (a, b, one) in enumerate(strokes):
        for c, d, other in strokes[n + 1:]:
            if one != other and a[1] == b[1] == c[1] == d[1]:  # both along one gap
                assert max(a[0], b[0]) < min(c[0], d[0]) or max(c[0], d[0]) < min(a[0], b[0]), \
                    (one, other)
            if one != other and a[0] == b[0] == c[0] == d[0]:
                assert max(a[1], b[1]) < min(c[1], d[1]) or max(c[1], d[1]) < min(a[1], b[1]), \
                    (one, other)


def test_a_blueprint_pins_its_cards_handoffs_and_lines(tmp_path: Path) -> None:
    """The whole outcome for a small case: every hand-off within the journey is an arrow,
    the supplier in another journey is named on its card, the three lines run across."""
    ws = open_workspace(_write(tmp_path, TWO_JOURNEYS))
    [job] = diagram_jobs(ws, ["order"], ["blueprint"])
    svg = draw(ws, job, "svg")
    # six hand-offs: the five arrows and the one from the other journey
    subtitle = "Service blueprint · 5 touchpoints · 0 moments of truth · 6 hand-offs"
    assert subtitle in svg.decode()
    [drawn] = _read(svg)
    assert set(drawn["handoffs"]) == {("Browse", "Pay"), ("Stock check", "Pay"),
                                      ("Pay", "Pack"), ("Pack", "Confirm by email"),
                                      ("Pay", "Confirm by email")}
    assert drawn["cards"]["Pack"][1] == ["Pack", "field-visit · Operations",
                                         "from Van loading (Deliver)"]
    assert drawn["cards"]["Browse"][1] == ["Browse", "web · Customer Care"]
    left = min(x for x, _ in drawn["stages"])
    right = max(x for _, x in drawn["stages"])
    assert set(drawn["dividers"]) == set(DIVIDERS)
    for spans in drawn["dividers"].values():
        assert len(spans) == 1 and spans[0][0] <= left and spans[0][1] >= right
    _check_geometry(drawn)


def test_example_blueprints_route_every_handoff_around_the_cards() -> None:
    """Every example journey at its natural size and laid out for a slide (where stages wrap
    into bands): each dependency in the journey is drawn exactly once, as an arrow when both
    cards are on the band, else named on the served card; the arrows avoid every card."""
    ws = open_workspace(REPO)
    for job in diagram_jobs(ws, None, ["blueprint"]):
        journey = job.journeys[0].item
        titles = {tp.id: tp.title for *_, tp in journey.touchpoints()}
        expected = {(titles[ref], tp.title) for *_, tp in journey.touchpoints()
                    for ref in tp.depends_on}
        assert expected, job.name
        for page in (None, "16:9", "a3-portrait"):
            parts = draw_parts(ws, job, Drawing("svg", page=page))
            drawn_arrows, named = set(), set()
            for drawn in [band for svg in parts for band in _read(svg)]:
                _check_geometry(drawn)
                drawn_arrows |= set(drawn["handoffs"])
                named |= {(supplier, title) for title, (_, texts) in drawn["cards"].items()
                          for supplier in re.findall(r"from (.+?) \(", " ".join(texts))}
                assert set(drawn["dividers"]) == set(DIVIDERS)
                for [(start, end)] in drawn["dividers"].values():  # one, across the band
                    assert start <= min(drawn["stages"])[0] + 0.2  # rounded to 0.1 px
                    assert end >= max(right for _, right in drawn["stages"]) - 0.2
            assert drawn_arrows | named == expected and not drawn_arrows & named, \
                (job.name, page)
            if page is None:
                assert drawn_arrows == expected


def test_a_cycle_free_chain_of_many_handoffs_stays_clear(tmp_path: Path) -> None:
    """A wide journey where every touchpoint serves the next two, in lanes that alternate:
    arrows share gaps, and still never meet a card or run along another arrow."""
    lanes = ["customer", "frontstage", "backstage", "support"]
    rows = []
    for n in range(16):
        deps = [f"t{m}" for m in (n - 1, n - 3) if m >= 0]
        rows.append(f"      - {{id: t{n}, title: Step {n}, channel: web, "
                    f"lane: {lanes[(n * 3) % 4]}, depends_on: [{', '.join(deps)}]}}")
    files = {"standards/library.yaml": "teams:\n  - {id: care, name: Care}\n",
             "journeys/wide.yaml": "id: wide\ntitle: Wide\nowner: care\nstages:\n"
                                   "  - id: all\n    title: All\n    touchpoints:\n"
                                   + "\n".join(rows) + "\n"}
    ws = open_workspace(_write(tmp_path, files))
    [job] = diagram_jobs(ws, ["wide"], ["blueprint"])
    [drawn] = _read(draw(ws, job, "svg"))
    assert len(drawn["handoffs"]) == 15 + 13
    _check_geometry(drawn)


def test_the_blueprint_has_no_dot_text(tmp_path: Path) -> None:
    result = run_cli("diagram", "-j", "fault-repair", "-v", "blueprint", "-f", "dot",
                     "-o", tmp_path / "x.dot", cwd=REPO)
    assert result.code == 2 and "the blueprint view is drawn as SVG" in result.err
    assert list(tmp_path.iterdir()) == []
