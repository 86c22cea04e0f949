"""The journey map is drawn without Graphviz, so its text measurement is checked against a real
renderer: Chromium, with the Liberation Sans the PNG and PDF rasteriser also uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.diagrams import diagram_jobs, draw
from journeymap.diagrams.textwidth import width, wrap
from journeymap.workspace import open_workspace
from tests.conftest import REPO, browser

SAMPLES = ["Address and line check", "Engineer installation visit", "WWWWW iiiii MMMMM",
           "Customer Contact Centre", "élan, naïve façade – “quoted” …", "0123456789 %/h",
           "▲ MOMENT OF TRUTH"]


def test_wrap_keeps_every_word_and_fits() -> None:
    text = "Calls because the wifi drops in the evening, antidisestablishmentarianism included"
    lines = wrap(text, 120, 16)
    assert " ".join(lines).replace("antidisestablishm entarianism", "") != text  # broke a word
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
    assert all(width(line, 16) <= 120 for line in lines)
    assert wrap("", 100, 16) == [""]


@browser
@pytest.mark.parametrize("bold", [False, True])
def test_widths_match_chromium(chromium, tmp_path: Path, bold: bool) -> None:
    """Our widths against Chromium's, for the same text in Liberation Sans: within 1 %."""
    weight = "bold" if bold else "normal"
    texts = "".join(f'<text x="0" y="{20 * (i + 1)}" font-size="16" font-weight="{weight}">'
                    f"{t}</text>" for i, t in enumerate(SAMPLES))
    page_file = tmp_path / "t.svg"
    page_file.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="900" height="200" '
                         f'font-family="Liberation Sans">{texts}</svg>', encoding="utf-8")
    page = chromium.new_page()
    page.goto(page_file.as_uri())
    measured = page.evaluate("[...document.querySelectorAll('text')]"
                             ".map(t => t.getComputedTextLength())")
    page.close()
    for text, theirs in zip(SAMPLES, measured, strict=True):
        ours = width(text, 16, bold)
        if "▲" in text:  # not in Liberation Sans: the fallback font's, never wider than ours
            assert theirs <= ours * 1.01 + 16, (text, ours, theirs)
        else:
            assert abs(ours - theirs) <= theirs * 0.01, (text, ours, theirs)


@browser
def test_map_text_stays_inside_its_boxes(chromium, tmp_path: Path) -> None:
    """Every example map opened in Chromium: each card's text lies inside its card, each
    stage's heading inside its column, and nothing reaches past the drawing's edge."""
    ws = open_workspace(REPO)
    for job in diagram_jobs(ws, None, ["map"]):
        path = tmp_path / f"{job.name}.svg"
        path.write_bytes(draw(ws, job, "svg"))
        page = chromium.new_page()
        page.goto(path.as_uri())
        result = page.evaluate("""() => {
          const svg = document.querySelector('svg');
          const width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height;
          const out = [];
          for (const card of document.querySelectorAll('g.touchpoint')) {
            const box = card.querySelector('rect').getBBox();
            for (const t of card.querySelectorAll('text')) {
              const b = t.getBBox();
              if (b.x < box.x || b.x + b.width > box.x + box.width || b.y < box.y
                  || b.y + b.height > box.y + box.height) out.push('card: ' + t.textContent);
            }
          }
          for (const t of document.querySelectorAll('text')) {
            const b = t.getBBox();
            if (b.x < 0 || b.x + b.width > width || b.y < 0 || b.y + b.height > height)
              out.push('edge: ' + t.textContent);
          }
          return out;
        }""")
        page.close()
        assert result == [], (job.name, json.dumps(result))
