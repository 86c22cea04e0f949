"""`journeymap diagram`: every view draws every title, safely, deterministically, atomically."""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymap.diagrams import diagram_jobs, draw, source
from journeymap.diagrams.dot import EMOTION_NAMES
from journeymap.diagrams.render import render
from journeymap.workspace import open_workspace
from tests.conftest import REPO, run_cli

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ('<script>alert(1)</script> \\N \\l \\G "quoted" back\\slash & <b>bold</b> ☃ é '
           "&amp; &#60;")
REQUIRE_TOOLS = os.environ.get("JOURNEYMAP_REQUIRE_TOOLS") == "1"


def node_texts(svg: bytes) -> list[str]:
    """The text of each node and cluster, lines joined by spaces."""
    root = ET.fromstring(svg)
    texts = []
    for group in root.iter(f"{SVG}g"):
        # Graphviz's groups, and the map's own (it is drawn without Graphviz)
        if group.get("class") in ("node", "cluster", "graph", "touchpoint", "stage"):
            texts.append(" ".join(t.text or "" for t in group.iter(f"{SVG}text")))
    return texts


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    return open_workspace(REPO)


@pytest.mark.parametrize("view", ["map", "blueprint", "lifecycle"])
def test_every_title_is_drawn(examples, view: str) -> None:
    for job in diagram_jobs(examples, None, [view]):
        svg = draw(examples, job, "svg", engine="embedded")
        texts = " | ".join(node_texts(svg))
        journey = job.journeys[0].item
        for stage in journey.stages:
            assert stage.title.split()[0] in texts
            for tp in stage.touchpoints:
                if view != "lifecycle":
                    assert " ".join(tp.title.split()) in texts, (view, tp.title)


def test_map_has_legend_emotion_curve_and_moments(examples) -> None:
    job = diagram_jobs(examples, ["broadband-onboarding"], ["map"])[0]
    svg = draw(examples, job, "svg")
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Key" in texts and "1 very unhappy" in texts and "Feeling" in texts
    journey = job.journeys[0].item
    touchpoints = [tp for stage in journey.stages for tp in stage.touchpoints]
    cards = [t for t in node_texts(svg) if t.startswith("▲ MOMENT OF TRUTH")]
    assert len(cards) == sum(tp.is_moment_of_truth for tp in touchpoints) == 4
    # the curve: a mark per touchpoint with a feeling, named in its tooltip, in file order
    marks = [g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g")
             if g.get("class") == "feeling"]
    assert marks == [f"{tp.title}: expected feeling {tp.emotion} of 5 "
                     f"({EMOTION_NAMES[tp.emotion]})"
                     + ("; a moment of truth" if tp.is_moment_of_truth else "")
                     for tp in touchpoints if tp.emotion]
    # the line joins neighbouring feelings, and its heights follow them: higher is happier
    at_x = {}
    for g, tp in zip([g for g in root.iter(f"{SVG}g") if g.get("class") == "feeling"],
                     [tp for tp in touchpoints if tp.emotion], strict=True):
        shape = g.find(f"{SVG}circle")
        x = shape.get("cx") if shape is not None else \
            g.find(f"{SVG}path").get("d")[1:].split(",")[0]
        at_x[float(x)] = tp.emotion
    points = [tuple(map(float, p.split(","))) for line in root.iter(f"{SVG}polyline")
              for p in line.get("points").split()]
    neighbours = sum(1 for a, b in itertools.pairwise(touchpoints) if a.emotion and b.emotion)
    assert len(points) == neighbours + len(list(root.iter(f"{SVG}polyline")))
    by_emotion = {}
    for x, y in points:
        by_emotion.setdefault(at_x[x], set()).add(y)
    assert all(len(ys) == 1 for ys in by_emotion.values())
    ys = [by_emotion[e].pop() for e in sorted(by_emotion)]
    assert ys == sorted(ys, reverse=True) and len(set(ys)) == len(ys)


def test_map_shows_pain_points_opportunities_and_the_period(examples) -> None:
    from journeymap.data import DataFiles, read
    from journeymap.periods import parse_period

    files = DataFiles.of(examples, [REPO / "actuals"]).only("actuals")
    statuses = read(examples, files, parse_period("2026-Q2")).statuses(examples)
    job = diagram_jobs(examples, ["broadband-onboarding"], ["map"])[0]
    root = ET.fromstring(draw(examples, job, "svg", statuses=statuses))
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "• Address lookup fails for new-build homes" in text
    assert "+ Offer a callback when lookup fails" in text
    assert "standards in 2026-Q2" in text and "Standards, 2026-Q2" in text
    assert "card border: missed" in text


def test_chain_links_teams_across_journeys(examples) -> None:
    job = diagram_jobs(examples, None, ["chain"])[0]
    svg = draw(examples, job, "svg", engine="embedded")
    texts = " | ".join(node_texts(svg))
    assert "Network Provisioning" in texts and "Digital Sales" in texts
    edges = [" ".join(t.text or "" for t in g.findall(f"{SVG}text"))
             for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "edge"]
    assert any("Address and line check → Online order form" in e for e in edges), edges


def test_counts_are_singular_for_one(examples) -> None:
    job = diagram_jobs(examples, ["broadband-complaint"], ["map"])[0]
    assert "Journey map · 9 touchpoints · 1 moment of truth" in draw(examples, job, "svg").decode()


def test_chain_groups_teams_by_journey(examples) -> None:
    """A box per journey, titled with it; a team appears once in each journey where it hands
    work to another team or takes it from one, and nowhere else."""
    from journeymap.diagrams.chain import links

    job = diagram_jobs(examples, None, ["chain"])[0]
    root = ET.fromstring(draw(examples, job, "svg", engine="embedded"))
    boxes = sorted(" ".join(t.text or "" for t in g.iter(f"{SVG}text"))
                   for g in root.iter(f"{SVG}g") if g.get("class") == "cluster")
    teams = sorted(" ".join(t.text or "" for t in g.iter(f"{SVG}text"))
                   for g in root.iter(f"{SVG}g") if g.get("class") == "node")
    places = {place for pair in links(examples, examples.journeys) for place in pair}
    assert boxes == sorted(e.item.title for e in examples.journeys)
    assert teams == sorted(examples.team_name(team) for _, team in places)
    assert teams.count("Digital Sales") == 4


def test_chain_of_one_journey_is_named_for_it(workspace: Path) -> None:
    result = run_cli("diagram", "-v", "chain", "-j", "shop", "--output-dir", "out",
                     cwd=workspace)
    assert result.code == 0, result.text
    assert sorted(p.name for p in (workspace / "out").iterdir()) == ["shop-chain.svg"]
    # the SVG's titles (a tooltip in the browser, a name to a screen reader) name the teams
    titles = re.findall(r"<title>([^<]*)</title>", (workspace / "out" / "shop-chain.svg")
                        .read_text())
    assert "Operations&#45;&gt;Customer Care" in titles or \
        "Customer Care&#45;&gt;Operations" in titles, titles
    assert not [t for t in titles if re.search(r"\bn\d+\b", t)]


def hostile_workspace(root: Path) -> Path:
    (root / "journeys").mkdir(parents=True)
    (root / "standards").mkdir()
    (root / "standards" / "lib.yaml").write_text("teams:\n  - id: t\n    name: 'Team <i>x</i>'\n")
    quoted = '"' + HOSTILE.replace("\\", "\\\\").replace('"', '\\"') + '"'
    (root / "journeys" / "j.yaml").write_text(f"""\
id: j
title: {quoted}
owner: t
stages:
  - id: s
    title: {quoted}
    lifecycle: new
    touchpoints:
      - id: a
        title: {quoted}
        channel: web
        action: {quoted}
        emotion: 2
      - id: b
        title: {quoted}
        channel: phone
        lane: backstage
        depends_on: [a]
""")
    return root


@pytest.mark.parametrize("view", ["map", "blueprint", "lifecycle", "chain"])
def test_user_text_is_never_markup_or_escapes(tmp_path: Path, view: str) -> None:
    root = hostile_workspace(tmp_path)
    result = run_cli("diagram", "--engine", "embedded", "--view", view, "--output-dir", "out",
                     cwd=root)
    assert result.code == 0, result.text
    [svg_path] = (root / "out").iterdir()
    svg = svg_path.read_bytes()
    tree = ET.fromstring(svg)  # still well-formed XML
    assert not [e for e in tree.iter() if e.tag.endswith("script")]
    if view != "chain":
        texts = " ".join(node_texts(svg))
        for literal in ("<script>alert(1)</script>", "\\N", "\\l", '"quoted"', "back\\slash",
                        "<b>bold</b>", "☃ é", "&amp; &#60;"):
            assert literal in texts, literal


def test_dot_and_svg_are_deterministic(examples) -> None:
    for job in diagram_jobs(examples, None, ["map", "blueprint", "chain", "lifecycle"]):
        assert source(examples, job) == source(examples, job)
        assert draw(examples, job, "svg", "embedded") == draw(examples, job, "svg", "embedded")


def test_png_draws_text(examples) -> None:
    """The rasteriser must find a font: the same box with and without a label must differ."""
    with_text = render('digraph { a [shape=box, label="Readable text"] }', "png", "embedded")
    without = render('digraph { a [shape=box, label="             "] }', "png", "embedded")
    assert with_text.startswith(b"\x89PNG") and with_text != without
    job = diagram_jobs(examples, ["fault-repair"], ["map"])[0]
    assert draw(examples, job, "png", "embedded").startswith(b"\x89PNG")


def test_pdf_without_system_graphviz(examples) -> None:
    job = diagram_jobs(examples, ["fault-repair"], ["lifecycle"])[0]
    assert draw(examples, job, "pdf", "embedded").startswith(b"%PDF")


def test_mermaid_journey(examples) -> None:
    job = diagram_jobs(examples, ["moving-home"], ["map"])[0]
    text = draw(examples, job, "mermaid").decode()
    lines = text.splitlines()
    assert lines[0] == "journey"
    assert lines[1] == "    title Moving home, with the broadband moving too"
    assert "    section Moving day" in lines
    assert "      Engineer visit at the new home ▲: 3: Field Engineering" in lines
    tasks = [line for line in lines if line.startswith("      ")]
    assert len(tasks) == 5 and all(line.count(":") == 2 for line in tasks)


def test_cli_writes_every_view(tmp_path: Path) -> None:
    for folder in ("journeys", "standards", "sources"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    result = run_cli("diagram", "--view", "all", "--engine", "embedded", cwd=tmp_path)
    assert result.code == 0, result.text
    names = sorted(p.name for p in (tmp_path / "build" / "diagrams").iterdir())
    assert len(names) == 16 and "chain.svg" in names and "fault-repair-blueprint.svg" in names


def test_invalid_workspace_is_refused_and_nothing_written(workspace: Path) -> None:
    path = workspace / "journeys" / "shop.yaml"
    path.write_text(path.read_text().replace("owner: ops", "owner: nobody"))
    result = run_cli("diagram", "--engine", "embedded", cwd=workspace)
    assert result.code == 1
    assert "unknown team 'nobody'" in result.err and "nothing was written" in result.err
    assert not (workspace / "build").exists()


def test_failed_render_leaves_old_files(workspace: Path, monkeypatch) -> None:
    out = workspace / "out"
    out.mkdir()
    (out / "shop-map.svg").write_text("old")
    from journeymap.errors import RenderError

    calls = []

    def failing(source: str, fmt: str, engine: str = "auto") -> bytes:
        calls.append(fmt)  # the map is drawn without Graphviz: the lifecycle fails
        raise RenderError("boom")

    monkeypatch.setattr("journeymap.diagrams.render.render", failing)
    result = run_cli("diagram", "--view", "map", "--view", "lifecycle", "--output-dir", "out",
                     cwd=workspace)
    assert result.code == 2 and "boom" in result.err and calls == ["svg"]
    assert (out / "shop-map.svg").read_text() == "old"
    assert sorted(p.name for p in out.iterdir()) == ["shop-map.svg"]


def test_one_output_file_needs_one_diagram(workspace: Path) -> None:
    result = run_cli("diagram", "-o", "x.svg", "--view", "all", cwd=workspace)
    assert result.code == 2 and "names one file" in result.err
    ok = run_cli("diagram", "-o", "x.svg", "--engine", "embedded", cwd=workspace)
    assert ok.code == 0 and (workspace / "x.svg").read_bytes().startswith(b"<?xml")


def test_long_journey_stays_readable(tmp_path: Path) -> None:
    """60 touchpoints with 300-character titles: the map wraps them whole (nothing cut) in
    lines that fit their column."""
    lines = ["id: big", "title: Big", "owner: t", "stages:"]
    for s in range(6):
        lines += [f"  - id: s{s}", f"    title: Stage {s}", "    touchpoints:"]
        for t in range(10):
            lines += [f"      - id: t{s}-{t}", f"        title: {'word ' * 60}end",
                      "        channel: web"]
    (tmp_path / "big.yaml").write_text("\n".join(lines) + "\n")
    (tmp_path / "lib.yaml").write_text("teams:\n  - id: t\n    name: T\n")
    result = run_cli("diagram", "big.yaml", "lib.yaml", "--engine", "embedded", "-o", "big.svg",
                     cwd=tmp_path)
    assert result.code == 0, result.text
    svg = (tmp_path / "big.svg").read_bytes()
    cards = [g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "touchpoint"]
    assert len(cards) == 60
    assert max(len(t.text or "") for card in cards for t in card.iter(f"{SVG}text")) <= 30
    assert all(f"{'word ' * 60}end" in t for t in node_texts(svg) if "word" in t)


def test_cut_text_keeps_its_whole_in_a_tooltip(tmp_path: Path) -> None:
    """The Graphviz views wrap a long title in a few lines and cut it: the full title is the
    box's tooltip, so nothing the user typed is lost."""
    long_title = "A very long stage title " * 6 + "& the end"
    (tmp_path / "j.yaml").write_text(
        "id: j\ntitle: J\nowner: t\nstages:\n  - id: s\n    lifecycle: prospect\n"
        f"    title: '{long_title}'\n    touchpoints:\n"
        "      - id: a\n        title: A\n        channel: web\n")
    (tmp_path / "lib.yaml").write_text("teams:\n  - id: t\n    name: T\n")
    result = run_cli("diagram", "j.yaml", "lib.yaml", "-v", "lifecycle", "-o", "b.svg",
                     cwd=tmp_path)
    assert result.code == 0, result.text
    root = ET.fromstring((tmp_path / "b.svg").read_bytes())
    titles = [a.get("{http://www.w3.org/1999/xlink}title") for a in root.iter(f"{SVG}a")]
    assert " ".join(long_title.split()) in titles
    shown = " ".join(node_texts((tmp_path / "b.svg").read_bytes()))
    assert "…" in shown and " ".join(long_title.split()) not in shown


def test_a_png_too_large_to_hold_is_refused(tmp_path: Path) -> None:
    lines = ["id: big", "title: Big", "owner: t", "stages:", "  - id: s", "    title: S",
             "    touchpoints:"]
    for t in range(400):
        lines += [f"      - id: t{t}", f"        title: Step {t}", "        channel: web"]
    (tmp_path / "big.yaml").write_text("\n".join(lines) + "\n")
    (tmp_path / "lib.yaml").write_text("teams:\n  - id: t\n    name: T\n")
    result = run_cli("diagram", "big.yaml", "lib.yaml", "-o", "big.png", cwd=tmp_path)
    assert result.code == 1 and "too large for a PNG" in result.err, result.text
    assert not (tmp_path / "big.png").exists()
    assert run_cli("diagram", "big.yaml", "lib.yaml", "-o", "big.svg", cwd=tmp_path).code == 0


@contextlib.contextmanager
def watching(folder: Path) -> Iterator[list[float]]:
    """journeymap's watch of `folder` in a thread, stopped on the way out; yields the times
    of its builds as they come."""
    import threading

    from journeymap.diagrams.watch import watch

    builds: list[float] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=([folder], lambda: builds.append(
        time.monotonic()), stop))
    watcher.start()
    try:
        yield builds
    finally:
        stop.set()
        watcher.join(10)


def test_watch_redraws_on_change(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n")
    with watching(tmp_path) as builds:
        deadline = time.monotonic() + 10
        while not builds and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)  # the watcher is listening
        (tmp_path / "notes.txt").write_text("not a workspace file")
        saved = time.monotonic()
        (tmp_path / "a.yaml").write_text("x: 22\n")
        while len(builds) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    assert len(builds) == 2  # the first draw, and once after the save (not for notes.txt)
    assert builds[1] - saved < 2.0


def test_watch_keeps_going_after_an_invalid_edit(monkeypatch, capsys) -> None:
    from journeymap.cli.live import watch_and_redraw
    from journeymap.errors import ContentError

    outcomes = iter([ContentError("the workspace has 1 error(s); nothing was written"), None])

    def build():
        outcome = next(outcomes)
        if outcome:
            raise outcome
        return [Path("x.svg")]

    def fake_watch(folders, rebuild, stop=None):
        rebuild()
        rebuild()

    monkeypatch.setattr("journeymap.diagrams.watch.watch", fake_watch)
    watch_and_redraw(None, None, build)
    captured = capsys.readouterr()
    assert "nothing was written; keeping the last good diagrams" in captured.err
    assert "drew 1 diagram(s)" in captured.out


@pytest.mark.skipif(not shutil.which("dot") and not REQUIRE_TOOLS,
                    reason="Graphviz's dot is not installed (optional: embedded is the default)")
def test_system_dot_draws_the_same_text(examples) -> None:
    job = diagram_jobs(examples, ["fault-repair"], ["lifecycle"])[0]
    embedded = sorted(node_texts(draw(examples, job, "svg", "embedded")))
    system = sorted(node_texts(draw(examples, job, "svg", "dot")))
    assert embedded == system


def test_outputs_get_normal_permissions(workspace: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run_cli("diagram", "-o", "x.svg", "--engine", "embedded", cwd=workspace).code == 0
        assert run_cli("handbook", "-o", "site", "--no-diagrams", cwd=workspace).code == 0
    finally:
        os.umask(old)
    assert (workspace / "x.svg").stat().st_mode & 0o777 == 0o644
    assert (workspace / "site").stat().st_mode & 0o777 == 0o755


def test_the_format_follows_the_output_extension(workspace: Path) -> None:
    png = run_cli("diagram", "-o", "map.png", cwd=workspace)
    assert png.code == 0 and (workspace / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    clash = run_cli("diagram", "-o", "map.png", "-f", "svg", cwd=workspace)
    assert clash.code == 2 and "is a .png file but --format is svg" in clash.err
    unknown = run_cli("diagram", "-o", "map.jpeg", cwd=workspace)
    assert unknown.code == 2 and "say the format with --format" in unknown.err
    direct = run_cli("diagram", "-o", "map.dot", cwd=workspace)
    assert direct.code == 2 and "the map view is drawn as SVG, without Graphviz" in direct.err
    assert run_cli("diagram", "-v", "lifecycle", "-o", "lc.dot", cwd=workspace).code == 0
    assert (workspace / "lc.dot").read_text().startswith("digraph")


def test_an_unknown_journey_suggests_the_closest(workspace: Path) -> None:
    result = run_cli("diagram", "-j", "shp", cwd=workspace)
    assert result.code == 2 and "unknown journey 'shp'; did you mean 'shop'?" in result.err


def test_the_compiled_graphviz_cache_never_changes_a_diagram(workspace: Path,
                                                             tmp_path: Path) -> None:
    """wasmtime caches the compiled Graphviz module in the user's cache folder; a cold run, a
    cached run and a run over a corrupted cache draw the same bytes."""
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}

    def draw_once(name: str) -> bytes:
        result = subprocess.run([sys.executable, "-m", "journeymap", "diagram", "-v",
                                 "lifecycle", "-o", name],
                                cwd=workspace, env=env, capture_output=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return (workspace / name).read_bytes()

    cold = draw_once("cold.svg")
    assert list((tmp_path / "cache").rglob("*")), "wasmtime wrote no cache"
    assert draw_once("warm.svg") == cold
    for entry in (tmp_path / "cache").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a compiled module")
    assert draw_once("corrupt.svg") == cold


def test_a_run_removes_the_pages_of_the_run_it_replaces(tmp_path: Path) -> None:
    """Pages, then one drawing, then pages again: the folder holds what the last run drew."""
    out = tmp_path / "maps"

    def drawn(*extra: str) -> list[str]:
        result = run_cli("diagram", "-j", "fault-repair", "--output-dir", out, *extra, cwd=REPO)
        assert result.code == 0, result.text
        return sorted(p.name for p in out.iterdir())

    paged = drawn("--page", "16:9")
    assert len(paged) >= 2 and "fault-repair-map.svg" not in paged
    assert drawn() == ["fault-repair-map.svg"]
    assert drawn("--page", "16:9") == paged


def test_watch_sees_a_folder_deleted_and_recreated(tmp_path: Path) -> None:
    """A `git checkout` deletes and recreates journeys/: the watch follows the new folder."""
    journeys = tmp_path / "journeys"
    journeys.mkdir()
    (journeys / "a.yaml").write_text("x: 1\n")

    def settled(builds: list[float], count: int) -> None:
        deadline = time.monotonic() + 10
        while len(builds) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(1.5)  # any rebuild still due has come

    with watching(journeys) as builds:
        settled(builds, 1)
        shutil.rmtree(journeys)
        journeys.mkdir()
        (journeys / "a.yaml").write_text("x: 2\n")
        settled(builds, 2)
        after_checkout = len(builds)
        (journeys / "a.yaml").write_text("x: 3\n")  # an edit in the new folder
        settled(builds, after_checkout + 1)
    assert after_checkout >= 2 and len(builds) == after_checkout + 1


def test_the_lifecycle_counts_in_words() -> None:
    """"1 touchpoint", "2 touchpoints": the stage boxes of a lifecycle say it as people do."""
    from journeymap.diagrams import diagram_jobs
    from journeymap.diagrams import source as dot_source
    from journeymap.workspace import open_workspace

    ws = open_workspace(REPO)
    texts = " ".join(dot_source(ws, job, None, "dot") for job in
                     diagram_jobs(ws, None, ["lifecycle"]))
    assert "1 touchpoint\\n" in texts or "1 touchpoint\\l" in texts
    assert "1 touchpoints" not in texts
