"""Colour with redundancy and contrast, computed from the SVG the map and the blueprint draw:

- every text reads at 4.5:1 or better on what it sits on (a card's fill, else the page's white
  or the stages' wash), and every meaningful line (card borders, the emotion curve, the
  feeling guides) at 3:1 (WCAG 2.2, 1.4.3 and 1.4.11);
- the five feelings' fills (neighbours) and the three status borders (each pair) stay at least
  20 apart in CIELAB (ΔE*ab, CIE 1976) for normal vision and as deuteranopes, protanopes and
  tritanopes see them (the simulation of Machado, Oliveira and Fernandes, 2009, severity 1);
- the feeling is a number beside its colour on the curve, and a status is a word.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import REPO, run_cli

SVG = "{http://www.w3.org/2000/svg}"
WHITE, WASH = "#ffffff", "#f6f8fa"
MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def linear(colour: str) -> tuple[float, ...]:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return tuple(channel(int(colour[i:i + 2], 16)) for i in (1, 3, 5))


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        r, g, b_ = linear(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_
    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


def lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen(colour: str, vision: str) -> tuple[float, float, float]:
    rgb = linear(colour)
    if vision in MACHADO:
        rgb = tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
                    for row in MACHADO[vision])
    return lab(rgb)


def closest(colours: list[str], pairs: list[tuple[int, int]]) -> tuple[float, str]:
    return min((math.dist(seen(colours[i], v), seen(colours[j], v)), f"{v} {i + 1}-{j + 1}")
               for v in ("normal", *MACHADO) for i, j in pairs)


@pytest.fixture(scope="module")
def drawings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ET.Element]:
    out = tmp_path_factory.mktemp("colour")
    found = {}
    for view in ("map", "blueprint"):
        for journey in ("fault-repair", "broadband-onboarding"):
            path = out / f"{journey}-{view}.svg"
            result = run_cli("diagram", "-v", view, "-j", journey, "--actuals", "actuals",
                             "-o", path, cwd=REPO)
            assert result.code == 0, result.text
            found[path.name] = ET.parse(path).getroot()
    return found


def walk(node: ET.Element, fill: str, ground: str, card: bool):
    """Each element with its inherited fill, what it is drawn on, and whether in a card."""
    fill = node.get("fill", fill)
    for child in node:
        if child.tag == f"{SVG}g" and child.get("class") == "touchpoint":
            rect = child.find(f"{SVG}rect")
            assert rect is not None
            yield from walk(child, fill, rect.get("fill", WHITE), True)
        elif child.tag == f"{SVG}g" and child.get("class") == "feeling":
            mark = child.find(f"{SVG}circle")
            yield from walk(child, fill, mark.get("fill", WHITE) if mark is not None else "",
                            False)
        else:
            yield child, child.get("fill", fill), ground, card
            yield from walk(child, child.get("fill", fill), ground, card)


def test_every_text_reads_at_4_5_to_1(drawings: dict[str, ET.Element]) -> None:
    faint = set()
    for name, root in drawings.items():
        for element, fill, ground, _ in walk(root, "#000000", "", False):
            if element.tag != f"{SVG}text" or not (element.text or "").strip():
                continue
            grounds = [ground] if ground else [WHITE, WASH]
            for under in grounds:
                if contrast(fill, under) < 4.5:
                    faint.add((name, element.text, fill, under,
                               round(contrast(fill, under), 2)))
    assert faint == set()


def test_every_meaningful_line_reads_at_3_to_1(drawings: dict[str, ET.Element]) -> None:
    faint = set()
    for name, root in drawings.items():
        for element, _, _, card in walk(root, "#000000", "", False):
            stroke = element.get("stroke")
            # a white stroke is a halo that parts a mark from what is under it
            if not stroke or stroke in ("none", WHITE) or element.tag == f"{SVG}text":
                continue
            meaningful = ((card and element.tag == f"{SVG}rect")  # a card's border
                          or element.tag == f"{SVG}polyline"  # the curve, hand-off arrows
                          or element.get("stroke-dasharray") == "2 6")  # a feeling's guide
            if meaningful:
                for under in (WHITE, WASH):
                    if contrast(stroke, under) < 3:
                        faint.add((name, element.tag, stroke, under))
    assert faint == set()


def legend(root: ET.Element) -> dict[str, ET.Element]:
    """The key's swatches by their words."""
    keys = {}
    for group in root.iter(f"{SVG}g"):
        shape, text = group.find(f"{SVG}rect"), group.find(f"{SVG}text")
        if group.get("transform") and shape is not None and text is not None:
            keys[text.text or ""] = shape
    return keys


def test_feelings_and_statuses_stay_apart_for_every_colour_vision(
        drawings: dict[str, ET.Element]) -> None:
    keys = legend(drawings["fault-repair-map.svg"])
    feelings = [keys[f"{n} {name}"].get("fill", "") for n, name in
                enumerate(["very unhappy", "unhappy", "neutral", "happy", "delighted"], 1)]
    distance, where = closest(feelings, [(i, i + 1) for i in range(4)])
    assert distance >= 20, where
    statuses = [keys[f"card border: {s}"].get("stroke", "") for s in ("met", "missed",
                                                                         "no data")]
    distance, where = closest(statuses, list(itertools.combinations(range(3), 2)))
    assert distance >= 20, where


def test_the_feeling_is_a_number_and_the_status_a_word(drawings: dict[str, ET.Element]
                                                        ) -> None:
    root = drawings["fault-repair-map.svg"]
    marks = [g for g in root.iter(f"{SVG}g") if g.get("class") == "feeling"]
    for mark in marks:
        title = mark.findtext(f"{SVG}title") or ""
        number = title.split("expected feeling ")[1][0]
        assert [t.text for t in mark.iter(f"{SVG}text")] == [number], title
    words = {t.text for t in root.iter(f"{SVG}text")}
    assert {"1 met", "1 missed"} <= words


def test_the_old_palette_would_fail() -> None:
    """The check can fail: the fills and borders before this palette were near-identical
    to a deuteranope (very unhappy and delighted, met and missed)."""
    old = ["#f4a6a0", "#fbcfa2", "#fdf0b0", "#cfe9b0", "#9fd89a"]
    assert closest(old, [(i, i + 1) for i in range(4)])[0] < 20
    assert closest(["#1a7f37", "#cf222e", "#8c959f"], [(0, 1), (0, 2), (1, 2)])[0] < 20
