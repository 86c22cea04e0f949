"""The journey map is drawn without Graphviz, so its text measurement is checked against a real
renderer: Chromium, with the Liberation Sans the PNG and PDF rasteriser also uses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeymap.diagrams import Drawing, diagram_jobs, draw, draw_parts
from journeymap.diagrams.textwidth import width, wrap
from journeymap.workspace import open_workspace
from tests.conftest import REPO, browser


def _has_liberation_sans() -> bool:
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(["fc-list", ":family"], capture_output=True, text=True,
                            check=False).stdout
    return "Liberation Sans" in listed


#: the widths are Liberation Sans's: Chromium must draw with it, not with a fallback font
liberation = pytest.mark.skipif(
    not _has_liberation_sans() and os.environ.get("JOURNEYMAP_REQUIRE_TOOLS") != "1",
    reason="Liberation Sans is not installed (Debian: fonts-liberation; .ci/run installs it)")

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
@liberation
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
@liberation
@pytest.mark.parametrize("view", ["map", "blueprint"])
def test_text_stays_inside_its_boxes(chromium, tmp_path: Path, view: str) -> None:
    """Every example map and blueprint opened in Chromium: each card's text lies inside its
    card, and nothing reaches past the drawing's edge."""
    ws = open_workspace(REPO)
    for job in diagram_jobs(ws, None, [view]):
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


# --- laid out for a page ----------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def _pages(ws, job, page: str) -> list:
    return [ET.fromstring(svg) for svg in draw_parts(ws, job, Drawing("svg", page=page))]


@pytest.mark.parametrize("view", ["map", "blueprint"])
@pytest.mark.parametrize("page", ["16:9", "a3", "a1", "a0", "16:9-portrait", "a3-portrait",
                                  "a1-portrait", "a0-portrait"])
def test_every_view_fits_its_page_with_readable_text(page: str, view: str) -> None:
    """Each example journey's map and blueprint, laid out for each page: every part is the
    page's size, its smallest text as drawn on the page is at least 18 px on a 1920x1080
    screen or 9 pt on paper, and across the parts every touchpoint is drawn once."""
    from journeymap.diagrams.pages import PAGES

    ws = open_workspace(REPO)
    size = PAGES[page]
    for job in diagram_jobs(ws, None, [view]):
        parts = _pages(ws, job, page)
        cards = []
        for root in parts:
            assert (root.get("width"), root.get("height")) == size.size
            box = [float(v) for v in root.get("viewBox").split()]
            scale = size.width / box[2]
            assert size.height / box[3] == pytest.approx(scale, rel=1e-3)  # the page shape
            sizes = [float(t.get("font-size") or root.get("font-size"))
                     for t in root.iter(f"{SVG}text")]
            smallest = min(sizes) * scale
            assert smallest >= size.min_text * 0.999, (job.name, page, smallest)  # rounding
            cards += [g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g")
                      if g.get("class") == "touchpoint"]
        journey = job.journeys[0].item
        assert cards == [tp.title for stage in journey.stages for tp in stage.touchpoints]


@pytest.mark.parametrize("page", ["16:9", "a3", "a1", "a0", "16:9-portrait", "a3-portrait",
                                  "a1-portrait", "a0-portrait"])
def test_graphviz_views_are_scaled_to_the_page_and_say_when_text_is_too_small(
        page: str) -> None:
    """The lifecycle and the chain (all journeys on one page where they read, else a page
    each) scaled onto each page: every part is the page's size; on a landscape page every
    example's text reads (>= 18 px at 1920x1080, >= 9 pt on paper); a part whose smallest
    text does not is drawn and warned of, by name, and no other part is."""
    from journeymap.diagrams.pages import PAGES

    ws = open_workspace(REPO)
    size = PAGES[page]
    for job in diagram_jobs(ws, None, ["lifecycle", "chain"]):
        warnings: list[str] = []
        parts = [ET.fromstring(svg) for svg in draw_parts(ws, job, Drawing(
            "svg", page=page, warn=warnings.append))]
        if job.view == "chain":  # every journey's box on one page, or a page each
            texts = [" ".join(t.text or "" for t in root.iter(f"{SVG}text")) for root in parts]
            if len(parts) == 1:
                assert all(e.item.title.split(",")[0] in texts[0] for e in ws.journeys)
                assert page in ("a1", "a0", "a1-portrait", "a0-portrait"), page
            else:
                assert [f"Internal customer/supplier chain in {e.item.title}:" in text
                        for text, e in zip(texts, ws.journeys, strict=True)] == \
                    [True] * len(ws.journeys)
        small = []
        for number, root in enumerate(parts, 1):
            assert (root.get("width"), root.get("height")) == size.size
            box = [float(v) for v in root.get("viewBox").split()]
            scale = min(size.width / box[2], size.height / box[3])
            smallest = min(float(t.get("font-size")) for t in root.iter(f"{SVG}text")) * scale
            if smallest < size.min_text * 0.999:
                small.append(f"{job.name}-{number}" if len(parts) > 1 else job.name)
        assert [w.split(":")[0] for w in warnings] == small, (job.name, warnings)
        if not page.endswith("portrait"):
            assert small == [], (job.name, page)


def test_a_long_journey_takes_several_pages_and_one_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from tests.conftest import run_cli

    args = ("diagram", "-j", "broadband-onboarding", "--page", "a3")
    svg = run_cli(*args, "--output-dir", tmp_path / "svg", cwd=REPO)
    assert svg.code == 0, svg.text
    names = sorted(p.name for p in (tmp_path / "svg").iterdir())
    assert names == [f"broadband-onboarding-map-{n}.svg" for n in range(1, len(names) + 1)]
    assert len(names) > 1
    pdf = run_cli(*args, "-o", tmp_path / "map.pdf", cwd=REPO)
    assert pdf.code == 0, pdf.text
    pages = PdfReader(tmp_path / "map.pdf").pages
    assert len(pages) == len(names)
    for p in pages:  # A3 landscape, in points
        assert (round(float(p.mediabox.width) / 72 * 25.4),
                round(float(p.mediabox.height) / 72 * 25.4)) == (420, 297)
    one = run_cli("diagram", "-j", "broadband-onboarding", "--page", "a0", "-o",
                  tmp_path / "poster.svg", cwd=REPO)
    assert one.code == 0 and (tmp_path / "poster.svg").exists()


def test_page_is_for_the_map_and_named_pages(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    wrong = run_cli("diagram", "--page", "a5", "--output-dir", tmp_path, cwd=REPO)
    assert wrong.code == 2 and "--page 'a5' is not one of 16:9, a4, a3, a1, a0" in wrong.err
    dot = run_cli("diagram", "-f", "mermaid", "--page", "a3", "--output-dir", tmp_path,
                  cwd=REPO)
    assert dot.code == 2 and "--page lays out SVG, PNG or PDF" in dot.err
    assert list(tmp_path.iterdir()) == []
    tall = run_cli("diagram", "-v", "chain", "-j", "fault-repair", "--page", "16:9-portrait",
                   "--output-dir", tmp_path, cwd=REPO)
    assert tall.code == 0 and [p.name for p in tmp_path.iterdir()] == ["fault-repair-chain.svg"]
    assert "journeymap: fault-repair-chain: its smallest text is" in tall.err
    assert "under the 18 px that reads there; try a larger or a landscape page" in tall.err


@pytest.mark.parametrize("page", ["16:9", "a3", "a1", "a0", "16:9-portrait", "a3-portrait",
                                  "a1-portrait", "a0-portrait"])
def test_with_actuals_and_survey_every_page_still_reads(page: str, tmp_path: Path) -> None:
    """The fullest maps and blueprints (standards' status, the survey under the curve) on
    every page: no part warns that its text is too small (the warning itself is tested
    below and with the Graphviz views)."""
    from tests.conftest import run_cli

    result = run_cli("diagram", "-v", "map", "-v", "blueprint", "--actuals", "actuals",
                     "--survey", "surveys", "--page", page, "--output-dir", tmp_path, cwd=REPO)
    assert result.code == 0 and result.err == "", result.text


def test_a_band_too_tall_for_the_page_is_drawn_and_warned_of(tmp_path: Path) -> None:
    """One touchpoint with so many pain points that its column alone is taller than a slide
    allows at 18 px: the slide is drawn (smaller) and the warning names it."""
    from tests.conftest import run_cli

    pains = "".join(f"\n          - Pain point number {n} in a long list" for n in range(80))
    (tmp_path / "j.yaml").write_text(
        "id: j\ntitle: J\nowner: t\nstages:\n  - id: s\n    title: S\n    touchpoints:\n"
        f"      - id: a\n        title: A\n        channel: web\n        pain_points:{pains}\n")
    (tmp_path / "lib.yaml").write_text("teams:\n  - id: t\n    name: T\n")
    result = run_cli("diagram", "j.yaml", "lib.yaml", "--page", "16:9", "--output-dir", "out",
                     cwd=tmp_path)
    assert result.code == 0, result.text
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["j-map.svg"]
    assert "journeymap: j-map: its smallest text is" in result.err
    assert "under the 18 px that reads there" in result.err
    fits = run_cli("diagram", "j.yaml", "lib.yaml", "--page", "a0-portrait", "--output-dir",
                   "out", cwd=tmp_path)
    assert fits.code == 0 and fits.err == ""


@browser
def test_pngs_have_no_line_on_their_edges(chromium) -> None:
    """Every view of every example journey as PNG: the outermost rows and columns of pixels
    are the white background (a stray grey line there shows on a projector)."""
    import base64

    ws = open_workspace(REPO)
    page = chromium.new_page()
    marked = {}
    for job in diagram_jobs(ws, None, ["map", "blueprint", "chain", "lifecycle"]):
        png = base64.b64encode(draw(ws, job, "png")).decode()
        edges = page.evaluate("""async (data) => {
          const img = new Image();
          img.src = 'data:image/png;base64,' + data;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.width; canvas.height = img.height;
          const ctx = canvas.getContext('2d');
          ctx.drawImage(img, 0, 0);
          const dark = (x, y, w, h) => {
            const d = ctx.getImageData(x, y, w, h).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) if (Math.min(d[i], d[i + 1], d[i + 2]) < 250) n++;
            return n;
          };
          const [w, h] = [img.width, img.height];
          return dark(0, 0, w, 1) + dark(0, h - 1, w, 1) + dark(0, 0, 1, h) + dark(w - 1, 0, 1, h);
        }""", png)
        if edges:
            marked[job.name] = edges
    page.close()
    assert marked == {}


def test_the_survey_sits_beside_the_expected_feeling(tmp_path: Path) -> None:
    """With --survey the map writes, under each surveyed touchpoint's point on the curve,
    what customers perceived against what they expected, from the wave of the period."""
    import csv
    import xml.etree.ElementTree as ET

    from tests.conftest import run_cli

    survey = (REPO / "surveys" / "2026-perception-survey.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(survey.splitlines()))
    for period in ("2026-Q2", "2026-Q3"):
        out = tmp_path / f"{period}.svg"
        result = run_cli("diagram", "-j", "broadband-onboarding", "--survey", "surveys",
                         "--period", period, "-o", out, cwd=REPO)
        assert result.code == 0, result.text
        root = ET.fromstring(out.read_bytes())
        texts = [t.text or "" for t in root.iter(f"{SVG}text")]
        shown = sorted(text for text, below in zip(texts, texts[2:], strict=False)
                       if text.startswith("Perceived ") and below.startswith(f"survey {period}, "))
        expected = {}
        for row in rows:
            journey, _, touchpoint = row["touchpoint"].partition("/")
            if row["period"] == period and journey == "broadband-onboarding":
                seen = expected.setdefault(touchpoint, [0.0, 0])
                seen[0] += float(row["perception"]) * int(row["respondents"])
                seen[1] += int(row["respondents"])
        assert shown == sorted(f"Perceived {round(total / n, 2):g} of 7"
                               for total, n in expected.values())
        assert shown


def test_the_map_as_a_persona_takes_it(tmp_path: Path) -> None:
    """--persona: whose journey it is, their needs and wants, and under each touchpoint their
    expectations for its standards' metrics beside our targets; only the journeys they take."""
    import xml.etree.ElementTree as ET

    from tests.conftest import run_cli

    ws = open_workspace(REPO)
    persona = ws.persona("busy-household")
    result = run_cli("diagram", "--persona", "busy-household", "--output-dir", tmp_path,
                     cwd=REPO)
    assert result.code == 0, result.text
    taken = sorted(f"{e.item.id}-map.svg" for e in ws.journeys
                   if "busy-household" in e.item.personas)
    assert sorted(p.name for p in tmp_path.iterdir()) == taken
    root = ET.fromstring((tmp_path / "broadband-onboarding-map.svg").read_bytes())
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "As Busy household takes it. Needs:" in text and "They expect" in text
    journey = ws.journey("broadband-onboarding")
    metrics = {s.metric: s for e in ws.journeys if e.item is journey
               for placed in ws.touchpoints_in(e) for s in ws.applied_at(placed)}
    assert sum(e.metric in metrics for e in persona.expectations) >= 2
    for expectation in persona.expectations:
        if expectation.metric in metrics:  # shown, with our target for the same metric
            ours = metrics[expectation.metric]
            assert f"they expect {expectation.target}; our {ours.id}: {ours.target}" in \
                " ".join(text.split()), expectation.metric
    unknown = run_cli("diagram", "--persona", "busy-houshold", cwd=REPO)
    assert unknown.code == 2 and "did you mean 'busy-household'?" in unknown.err


def _long_journey(root: Path) -> Path:
    """A generated 40-touchpoint journey whose stages hold 1 to 7 touchpoints."""
    sizes = [1, 5, 2, 7, 3, 1, 4, 6, 2, 1, 5, 3]
    stages = []
    n = 0
    for s, size in enumerate(sizes):
        tps = []
        for _ in range(size):
            n += 1
            tps.append(f"      - {{id: t{n}, title: Touchpoint number {n}, channel: web, "
                       f"emotion: {1 + n % 5}}}")
        stages.append(f"  - id: s{s}\n    title: Stage {s} of the long journey\n"
                      "    touchpoints:\n" + "\n".join(tps))
    (root / "journeys").mkdir(parents=True)
    (root / "standards").mkdir()
    (root / "standards" / "teams.yaml").write_text("teams:\n  - {id: care, name: Care}\n")
    (root / "journeys" / "long.yaml").write_text(
        "id: long\ntitle: A long journey\nowner: care\nstages:\n" + "\n".join(stages) + "\n")
    assert n == 40
    return root


@pytest.mark.parametrize("view", ["map", "blueprint"])
@pytest.mark.parametrize("page", ["16:9", "a3"])
def test_slides_and_sheets_are_filled_and_never_hold_a_lone_touchpoint(
        tmp_path: Path, page: str, view: str) -> None:
    """On the three examples and a generated 40-touchpoint journey: every page's cards reach
    at least 80 % of its width, no page holds one touchpoint of a journey that has more, and
    a deck opens with an overview of the whole journey whose text reads too."""
    from journeymap.diagrams.pages import PAGES

    under, lone, small = [], [], []
    for root in (REPO, REPO / "examples" / "hospital", REPO / "examples" / "insurer",
                 _long_journey(tmp_path / "long")):
        ws = open_workspace(root)
        for job in diagram_jobs(ws, None, [view]):
            parts = _pages(ws, job, page)
            if len(parts) > 1 and view == "map":
                assert (parts[0].findtext(f"{SVG}title") or "").endswith(", overview")
            for number, svg in enumerate(parts, 1):
                width = float(svg.get("viewBox").split()[2])
                scale = PAGES[page].width / width
                if min(float(t.get("font-size") or svg.get("font-size"))
                       for t in svg.iter(f"{SVG}text")) * scale < PAGES[page].min_text * 0.999:
                    small.append((job.name, number))
                cards = [g.find(f"{SVG}rect") for g in svg.iter(f"{SVG}g")
                         if g.get("class") == "touchpoint"]
                if not cards:
                    continue  # the overview
                right = max(float(r.get("x")) + float(r.get("width")) for r in cards)
                if (right + 32) / width < 0.8:
                    under.append((job.name, number, round((right + 32) / width, 2)))
                if len(cards) == 1 < sum(len(s.touchpoints) for s in job.journeys[0].item.stages):
                    lone.append((job.name, number))
    assert (under, lone, small) == ([], [], [])


def test_the_curve_goes_on_at_a_pages_edge() -> None:
    """Fault repair on slides: the curve leaves the first slide's edge towards the feeling
    on the next, and comes in on the second from it (dashed)."""
    ws = open_workspace(REPO)
    [job] = diagram_jobs(ws, ["fault-repair"], ["map"])
    parts = [p for p in _pages(ws, job, "16:9")
             if any(g.get("class") == "touchpoint" for g in p.iter(f"{SVG}g"))]
    stubs = [[line for line in p.iter(f"{SVG}polyline")
              if line.get("stroke-dasharray") == "6 5"] for p in parts]
    assert [len(s) for s in stubs] == [1, 1]


def test_the_map_says_in_words_what_it_draws() -> None:
    """The SVG's desc, for a screen reader: each stage, each touchpoint with its feeling."""
    ws = open_workspace(REPO)
    [job] = diagram_jobs(ws, ["fault-repair"], ["map"])
    for svg in _pages(ws, job, "16:9"):
        desc = svg.findtext(f"{SVG}desc") or ""
        assert desc.startswith("Stage 1, Report the fault: Fault reported in the app "
                               "(feeling 2 of 5); Fault reported by phone (feeling 1 of 5, "
                               "a moment of truth). Stage 2, Diagnose: Remote line test "
                               "(feeling not set)."), desc


@pytest.mark.parametrize("page", ["16:9", "a4"])
def test_the_overview_keeps_every_stages_words_whole(page: str) -> None:
    """The overview is drawn as large as the page allows, but never so narrow that a stage's
    title breaks inside a word ("First week" / "s")."""
    for root in (REPO, REPO / "examples" / "hospital", REPO / "examples" / "insurer"):
        ws = open_workspace(root)
        for job in diagram_jobs(ws, None, ["map"]):
            parts = _pages(ws, job, page)
            if len(parts) == 1:
                continue
            words = {w for t in parts[0].iter(f"{SVG}text") for w in (t.text or "").split()}
            for stage in job.journeys[0].item.stages:
                assert set(stage.title.split()) <= words, (job.name, stage.title)
