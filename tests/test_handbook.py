"""`journeymap handbook`: structure, safety and determinism; then checked in a real browser."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO, browser, run_cli

XSS = "<script>alert(1)</script>"


class Links(HTMLParser):
    """Every href and id of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for key in ("href", "src"):
            value = values.get(key)
            if value and re.match(r"^[a-z]+:|^//", value):
                self.external.append(value)
            elif value and key == "href":
                self.hrefs.append(value)


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text())
    return links


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handbook")
    result = run_cli("handbook", "-o", out / "site", "--single-file", out / "one.html",
                     "--actuals", "actuals", "--engine", "embedded", cwd=REPO)
    assert result.code == 0, result.text
    return out


def test_pages(site: Path) -> None:
    names = sorted(p.name for p in (site / "site").iterdir())
    assert {"index.html", "library.html", "complaints.html", "teams.html", "search.js",
            "search-index.js", "journey-fault-repair.html",
            "team-contact-centre.html"} <= set(names)


def test_every_internal_link_resolves_and_nothing_is_external(site: Path) -> None:
    pages = {p.name: parse(p) for p in (site / "site").glob("*.html")}
    for name, links in pages.items():
        assert links.external == [], name
        for href in links.hrefs:
            target, _, anchor = href.partition("#")
            page = pages[target or name]
            assert not anchor or anchor in page.ids, f"{name}: {href}"
    single = parse(site / "one.html")
    assert single.external == []
    assert all(h.startswith("#") and h[1:] in single.ids for h in single.hrefs)


def test_stable_standard_anchors(site: Path) -> None:
    ids = parse(site / "site" / "journey-broadband-onboarding.html").ids
    assert "std-broadband-onboarding-support-call-answer-within-20s" in ids
    assert "std-broadband-onboarding-online-order-ORD-01" in ids


def _table_rows(page: Path) -> list[str]:
    """Each row of a page's tables as text: cells joined by ' | ', line breaks as '; '."""
    def text(cell: str) -> str:
        plain = re.sub(r"<[^>]+>", "", re.sub(r"\s*<br>", "; ", cell))
        return " ".join(html.unescape(plain).split())

    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page.read_text(), re.S)
    return [" | ".join(map(text, re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)))
            for row in rows]


def test_team_page_shows_the_supplier_chain_by_journey(site: Path) -> None:
    """Provisioning's page: its touchpoints grouped by journey, each with the standards the
    team owns there (statement and target first, then the id), the other teams' touchpoints
    it serves and those it relies on."""
    rows = _table_rows(site / "site" / "team-provisioning.html")
    assert rows == [
        "Touchpoint | Standards we own | Serves | Relies on",
        "New home broadband, from order to first bill",
        "Address and line check | Return the line check result within 3 seconds <= 3 s LINE-01"
        " met 2026-Q3; Online services are available 99.9% of the time >= 99.9 %"
        " site-available missed 2026-Q3 | Online order form (Digital Sales) | -",
        "Line activation | Activate the line on the install date before 9am >= 98 % ACT-01"
        " met 2026-Q3 | Engineer installation visit (Field Engineering) | Online order form"
        " (Digital Sales)",
        "Leaving Northwave, and leaving the door open",
        "Line cease | Cease the line on the date the customer asked for >= 99 % CEASE-01 met"
        " 2026-Q3 | Final bill (Billing Operations); Router return (Logistics) | Cancellation"
        " call (Customer Retention); Cancellation online (Digital Sales)",
        "Moving home, with the broadband moving too",
        "Line check at the new address | Online services are available 99.9% of the time"
        " >= 99.9 % site-available missed 2026-Q3 | - | Home move request (Digital Sales)",
        "Line transfer | Service live at the new address on the moving date >= 95 % MOVE-02"
        " missed 2026-Q3 | Engineer visit at the new home (Field Engineering); First bill after"
        " the move (Billing Operations) | -",
    ]


def test_team_page_names_the_owner_of_a_touchpoint_it_only_sets_standards_at(
        site: Path) -> None:
    rows = _table_rows(site / "site" / "team-customer-relations.html")
    assert any("(owned by Retail Stores)" in row for row in rows), rows


def test_statuses_carry_their_unit_and_period(site: Path) -> None:
    rows = _table_rows(site / "site" / "journey-broadband-onboarding.html")
    line_check = next(r for r in rows if r.startswith("LINE-01"))
    assert "| met; 2.4 s (2026-Q3); " in line_check, line_check
    text = (site / "site" / "journey-broadband-onboarding.html").read_text()
    assert "<dt>Standards met</dt><dd>38% in 2026-Q3" in text


def test_a_misnamed_template_override_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "indx.html.j2").write_text("<h1>Ours</h1>")
    result = run_cli("handbook", "-o", tmp_path / "site", "--templates", tmp_path / "mine",
                     "--no-diagrams", cwd=REPO)
    assert result.code == 2
    assert "indx.html.j2 replaces no template of journeymap's and no other template uses it; " \
        "did you mean 'index.html.j2'?" in result.err
    assert not (tmp_path / "site").exists()
    # a partial of the user's own, included by an override, is fine
    (tmp_path / "mine" / "indx.html.j2").rename(tmp_path / "mine" / "our-footer.html.j2")
    (tmp_path / "mine" / "index.html.j2").write_text(
        '{% extends "handbook-base.html.j2" %}{% set title = "Ours" %}'
        '{% block content %}{% include "our-footer.html.j2" %}{% endblock %}')
    result = run_cli("handbook", "-o", tmp_path / "site", "--templates", tmp_path / "mine",
                     "--no-diagrams", cwd=REPO)
    assert result.code == 0, result.text
    assert "<h1>Ours</h1>" in (tmp_path / "site" / "index.html").read_text()


def test_deterministic(site: Path, tmp_path: Path) -> None:
    again = run_cli("handbook", "-o", tmp_path / "site", "--single-file", tmp_path / "one.html",
                    "--actuals", "actuals", "--engine", "embedded", cwd=REPO)
    assert again.code == 0
    for path in (site / "site").iterdir():
        assert path.read_bytes() == (tmp_path / "site" / path.name).read_bytes(), path.name
    assert (site / "one.html").read_bytes() == (tmp_path / "one.html").read_bytes()


def test_template_override_by_name(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "index.html.j2").write_text(
        '{% extends "handbook-base.html.j2" %}{% set title = "Ours" %}'
        "{% block content %}<h1>Our own front page</h1>{% endblock %}")
    result = run_cli("handbook", "-o", tmp_path / "site", "--templates", tmp_path / "mine",
                     "--no-diagrams", cwd=REPO)
    assert result.code == 0, result.text
    assert "Our own front page" in (tmp_path / "site" / "index.html").read_text()
    journey = tmp_path / "site" / "journey-broadband-onboarding.html"
    assert "Online order form" in journey.read_text()


def test_broken_template_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "index.html.j2").write_text("{{ no_such_thing }}")
    result = run_cli("handbook", "-o", tmp_path / "site", "--templates", tmp_path / "mine",
                     "--no-diagrams", cwd=REPO)
    assert result.code == 2 and "template error" in result.err and "no_such_thing" in result.err
    assert not (tmp_path / "site").exists()


def test_failed_build_keeps_the_old_site(tmp_path: Path, monkeypatch) -> None:
    first = run_cli("handbook", "-o", tmp_path / "site", "--no-diagrams", cwd=REPO)
    assert first.code == 0
    before = (tmp_path / "site" / "index.html").read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("journeymap.output._swap", boom)
    second = run_cli("handbook", "-o", tmp_path / "site", "--no-diagrams", cwd=REPO)
    assert second.code == 2 and "disk full" in second.err and "internal error" not in second.err
    assert (tmp_path / "site" / "index.html").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary folder left


def test_needs_an_output(workspace: Path) -> None:
    result = run_cli("handbook", cwd=workspace)
    assert result.code == 2 and "-o DIR" in result.err


def xss_workspace(root: Path) -> Path:
    """Every text field of a journey carries a script tag."""
    (root / "journeys").mkdir(parents=True)
    (root / "standards").mkdir()
    value = f'"{XSS}"'
    (root / "standards" / "lib.yaml").write_text(f"""\
teams:
  - {{id: t, name: {value}, lead: {value}, description: {value}}}
personas:
  - {{id: p, name: {value}, needs: [{value}], wants: [{value}]}}
complaints:
  channels: [web]
  description: {value}
""")
    (root / "journeys" / "j.yaml").write_text(f"""\
id: j
title: {value}
owner: t
personas: [p]
description: {value}
stages:
  - id: s
    title: {value}
    goal: {value}
    touchpoints:
      - id: a
        title: {value}
        channel: web
        kind: complaint
        action: {value}
        moment_of_truth: {value}
        needs: [{value}]
        wants: [{value}]
        pain_points: [{value}]
        opportunities: [{value}]
        promise: {value}
        standards:
          - id: S
            statement: {value}
            metric: m
            target: "<= 1 d"
            source: {value}
""")
    return root


def test_user_text_is_escaped_in_the_html(tmp_path: Path) -> None:
    root = xss_workspace(tmp_path)
    result = run_cli("handbook", "-o", "site", "--single-file", "one.html", "--engine",
                     "embedded", cwd=root)
    assert result.code == 0, result.text
    for path in [*(root / "site").glob("*.html"), root / "one.html"]:
        assert XSS not in path.read_text(), path.name
    parts = sorted((root / "site").glob("search-*.js"))
    assert [p.name for p in parts] == ["search-0001.js", "search-index.js"]
    for path in parts:
        assert XSS not in path.read_text(), path.name


# --- in a real browser -----------------------------------------------------------------------

def open_page(chromium, path: Path):
    page = chromium.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.goto(path.as_uri())
    return page, problems


@browser
def test_no_console_errors_on_any_page(site: Path, chromium) -> None:
    for path in [*sorted((site / "site").glob("*.html")), site / "one.html"]:
        page, problems = open_page(chromium, path)
        page.wait_for_load_state("load")
        assert problems == [], f"{path.name}: {problems}"
        page.close()


@browser
def test_no_page_scrolls_sideways_on_a_phone(site: Path, chromium) -> None:
    """At 390 px wide (a phone), every page fits: tables become cards or scroll inside
    themselves, and the journey map scrolls inside its figure."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    wide = {}
    for path in [*sorted((site / "site").glob("*.html")), site / "one.html"]:
        page.goto(path.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[path.name] = width
    page.close()
    assert wide == {}


BROKEN_WORDS = """() => {
  // words (of 2+ letters or digits) whose letters land on two lines: broken mid-word
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector("main"),
                                           NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.offsetParent) continue;  // not shown
    for (const match of node.textContent.matchAll(/[\\p{L}\\p{N}][\\p{L}\\p{N}.,%]+/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                           .map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


@browser
def test_no_word_breaks_mid_word_on_a_phone(site: Path, chromium) -> None:
    """At 390 px, tables keep words and numbers whole: a cell is a card, or its table
    scrolls inside itself."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    found = {}
    for path in sorted((site / "site").glob("*.html")):
        page.goto(path.as_uri())
        if broken := page.evaluate(BROKEN_WORDS):
            found[path.name] = broken[:5]
    page.close()
    assert found == {}


@browser
def test_journey_pages_print_without_stranded_headings(site: Path, chromium) -> None:
    """Each journey page printed to A4 by Chromium: at most three pages; no page ends on a
    stage's heading or its customer goal; the last page holds more than the footer; and the
    map, which on A4 would be text of 2 pt, is printed as the journey's overview on an A4
    landscape page of its own, its text at 9 pt."""
    import io

    from pypdf import PdfReader

    page = chromium.new_page()
    for path in sorted((site / "site").glob("journey-*.html")):
        page.goto(path.as_uri())
        headings = [h.strip() for h in page.locator("h2").all_inner_texts()]
        printed = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        pages = [[line.strip() for line in p.extract_text().splitlines() if line.strip()]
                 for p in printed.pages]
        assert len(pages) <= 3, (path.name, len(pages))  # a desk copy
        landscape = [n for n, p in enumerate(printed.pages)
                     if float(p.mediabox.width) > float(p.mediabox.height)]
        assert len(landscape) == 1 and pages[landscape[0]][1].startswith("Overview ·")
        assert not any("Customer does" in line for lines in pages for line in lines)
        svg = page.locator("figure.overview svg")
        width_px = 277 * 96 / 25.4
        drawing = float((svg.get_attribute("viewBox") or "").split()[2])
        smallest = min(float(size) for size in page.locator("figure.overview svg text")
                       .evaluate_all("ts => ts.map(t => t.getAttribute('font-size') || 16)"))
        assert svg.get_attribute("width") == "277mm"
        assert smallest * width_px / drawing >= 12 * 0.999  # 9 pt
        for number, lines in enumerate(pages[:-1], 1):
            last = lines[-1]
            assert not any(h.endswith(last) for h in headings), (path.name, number, last)
            assert not last.startswith("Customer goal"), (path.name, number, last)
        assert len(pages[-1]) > 1, path.name  # not the footer alone
    page.close()


@browser
@pytest.mark.parametrize("entry", ["site/index.html", "one.html"])
def test_search_finds_a_standard_by_a_word_of_its_statement(site: Path, chromium,
                                                             entry: str) -> None:
    from playwright.sync_api import expect

    page, problems = open_page(chromium, site / entry)
    page.fill("#q", "pro-rata")  # from BILL-01's statement
    # a folder handbook loads its index in parts once someone types: wait for the last one
    expect(page.locator("#q-status")).to_have_text("1 match")
    results = page.locator("#q-results li")
    assert results.count() == 1
    assert "First bills match the order price" in results.first.inner_text()
    href = results.first.locator("a").get_attribute("href")
    assert href.endswith("#std-broadband-onboarding-first-bill-email-BILL-01")
    results.first.locator("a").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("std-broadband-onboarding-first-bill-email-BILL-01")
    assert problems == []
    page.close()


ANSWER = "Answer 80% of calls within 20 seconds (the 80/20 service level)"


@browser
@pytest.mark.parametrize("question", ["answer call", "answering a call", "pick up the phone",
                                      "calls answered"])
def test_search_finds_what_an_agent_types_first(site: Path, chromium, question: str) -> None:
    """Stems (answering, answered), a service synonym (pick up: answer; phone: call), stop
    words left out, and the statement's match ranked first."""
    from playwright.sync_api import expect

    page, problems = open_page(chromium, site / "one.html")
    page.fill("#q", question)
    expect(page.locator("#q-status")).not_to_have_text("")
    first = page.locator("#q-results li").first
    assert first.locator("a").inner_text() == ANSWER, question
    assert problems == []
    page.close()


@browser
def test_search_for_a_wait_finds_the_waits(site: Path, chromium) -> None:
    from playwright.sync_api import expect

    page, _ = open_page(chromium, site / "site" / "index.html")
    page.fill("#q", "hold")
    expect(page.locator("#q-status")).to_have_text(re.compile(r"^\d+ match(es)?$"))
    titles = page.locator("#q-results li a").all_inner_texts()
    assert "Engineer repair visit" in titles, titles  # "Waits in for the engineer"
    page.close()


@browser
def test_a_result_lands_with_its_words_marked(site: Path, chromium) -> None:
    from playwright.sync_api import expect

    page, problems = open_page(chromium, site / "site" / "index.html")
    page.fill("#q", "pro-rata bills")
    expect(page.locator("#q-status")).to_have_text("1 match")
    page.locator("#q-results li a").first.click()
    page.wait_for_load_state("load")
    marked = page.locator(".search-hit mark").all_inner_texts()
    assert {"pro", "rata", "bills"} <= {m.lower() for m in marked}, marked
    assert problems == []
    page.close()


@browser
def test_script_in_every_field_shows_as_text(tmp_path: Path, chromium) -> None:
    from playwright.sync_api import expect

    root = xss_workspace(tmp_path)
    assert run_cli("handbook", "-o", "site", "--single-file", "one.html", "--engine",
                   "embedded", cwd=root).code == 0
    for path in [root / "site" / "journey-j.html", root / "site" / "index.html",
                 root / "site" / "team-t.html", root / "one.html"]:
        page, problems = open_page(chromium, path)
        assert XSS in page.inner_text("main"), path.name
        assert page.locator("main script").count() == 0
        if path.name in ("index.html", "one.html"):
            page.fill("#q", "alert")
            expect(page.locator("#q-results")).to_contain_text(XSS)
        assert problems == [], f"{path.name}: {problems}"
        page.close()


@browser
def test_keyboard_reaches_the_search(site: Path, chromium) -> None:
    page, _ = open_page(chromium, site / "site" / "index.html")
    focused = []
    for _ in range(15):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert "q" in focused
    page.close()


def test_library_page_reads_one_row_per_journey(workspace: Path) -> None:
    """A standard applied at many touchpoints: one row per journey, the count, and only the
    touchpoints that change it named."""
    override = {2: ', target: ">= 90 %"'}
    calls = "".join(
        f"      - {{id: call-{n}, title: Call {n}, channel: phone, standards: "
        f"[{{use: answer-fast{override.get(n, '')}}}]}}\n" for n in range(1, 6))
    (workspace / "journeys" / "help.yaml").write_text(
        "id: help\ntitle: Get help\nowner: care\nstages:\n  - id: ask\n    title: Ask\n"
        f"    touchpoints:\n{calls}")
    result = run_cli("handbook", "-o", "site", "--no-diagrams", cwd=workspace)
    assert result.code == 0, result.text
    page = (workspace / "site" / "library.html").read_text()
    rows = re.findall(r"<tr><td>(.*?)</tr>", page, re.S)
    text = [html.unescape(re.sub(r"<[^>]+>", "", row)).split() for row in rows]
    assert "Applied at 6 touchpoints in 2 journeys." in page
    assert [" ".join(cells) for cells in text] == [  # journeys in file order
        "Get help 5 touchpoints >= 80 %, >= 90 % Call 2: target",
        "Shop Call us >= 80 % none"]


@browser
def test_search_index_parts_load_only_when_someone_searches(site: Path, chromium) -> None:
    from playwright.sync_api import expect

    page = chromium.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url.rsplit("/", 1)[-1]))
    page.goto((site / "site" / "index.html").as_uri())
    page.wait_for_load_state("load")
    assert not [name for name in requested if name.startswith("search-0")]
    page.fill("#q", "phone")
    expect(page.locator("#q-status")).not_to_contain_text("searching")
    parts = sorted(name for name in requested if name.startswith("search-0"))
    assert parts == [p.name for p in sorted((site / "site").glob("search-0*.js"))]
    wheres = page.locator("#q-results li span").all_inner_texts()
    assert len({where.split(" › ")[0] for where in wheres}) > 1  # more than one journey's part
    page.close()


# --- pages rendered over several processes ----------------------------------------------------

def _many_journeys(root: Path, count: int = 60) -> Path:
    """`count` one-touchpoint journeys, a page each."""
    (root / "journeys").mkdir(parents=True)
    (root / "standards").mkdir()
    (root / "standards" / "teams.yaml").write_text("teams:\n  - id: t\n    name: Team\n")
    for n in range(count):
        (root / "journeys" / f"j{n:03}.yaml").write_text(
            f"id: j{n:03}\ntitle: Journey {n}\nowner: t\nstages:\n  - id: s\n    title: Stage\n"
            f"    touchpoints:\n      - id: tp\n        title: Touchpoint {n}\n"
            "        channel: web\n")
    return root


def test_pages_rendered_over_two_processes_are_the_same(tmp_path: Path, monkeypatch) -> None:
    """The same handbook, byte for byte, from one process and from two (the pages come back
    in order); the two-process build did hand the pages to the workers."""
    import journeymap.handbook as handbook
    from journeymap.parallel import ordered
    from journeymap.workspace import open_workspace

    ws = open_workspace(_many_journeys(tmp_path / "ws"))
    asked = []

    def spy(work, count, jobs):
        asked.append((count, jobs))
        return ordered(work, count, jobs)

    monkeypatch.setattr(handbook, "ordered", spy)
    for jobs in (1, 2):
        handbook.build_handbook(ws, handbook.Shown(engine="embedded"),
                                handbook.Publish(tmp_path / f"site{jobs}", jobs=jobs))
    assert asked == [(66, 1), (66, 2)]
    one, two = sorted((tmp_path / "site1").iterdir()), sorted((tmp_path / "site2").iterdir())
    assert [p.name for p in one] == [p.name for p in two]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two, strict=True))


def test_a_page_that_fails_in_a_worker_is_the_usual_error(tmp_path: Path) -> None:
    """One journey page's template fails in a worker process: the error reaches the user as
    it does from one process (exit 2, the template's message), and nothing is written."""
    root = _many_journeys(tmp_path / "ws")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "journey.html.j2").write_text(
        "{% if jv.journey.id == 'j042' %}{{ no_such.thing }}{% endif %}fine")
    result = run_cli("handbook", "-o", tmp_path / "site", "--templates", tmp_path / "mine",
                     "--no-diagrams", "--jobs", "2", cwd=root)
    assert result.code == 2, result.text
    assert "template error" in result.err and "'no_such' is undefined" in result.err
    assert not (tmp_path / "site").exists()


ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch MARK').read() }}",
    "{{ joiner.__init__.__globals__.os.system('touch MARK') }}",
    "{{ namespace.__init__.__globals__.os.system('touch MARK') }}",
    "{{ lipsum.__globals__['os'].system('touch MARK') }}",
    "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch MARK') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.environ['JM_SECRET'] }}",
    "{{ '{0.__init__.__globals__[os].environ[JM_SECRET]}'.format(cycler) }}",
    "{{ '%s'|format(cycler.__init__.__globals__) }}",
    "{% set seen = [] %}{{ seen.append(cycler) }}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_a_template_override_cannot_run_code_or_read_the_environment(
        tmp_path: Path, payload: str, monkeypatch) -> None:
    """Templates are rendered in Jinja's immutable sandbox: an override (which anyone who may
    edit the repository can change) is refused at the first unsafe step, nothing is run, no
    secret is printed, and no site is written."""
    monkeypatch.setenv("JM_SECRET", "s3cr3t-token")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "index.html.j2").write_text(
        '{% extends "handbook-base.html.j2" %}{% set title = "Ours" %}'
        "{% block content %}" + payload + "{% endblock %}")
    result = run_cli("handbook", "-o", tmp_path / "site", "--templates", tmp_path / "mine",
                     "--no-diagrams", cwd=REPO)
    assert result.code == 2 and "journeymap: template error: " in result.err, result.text
    assert not (REPO / "MARK").exists() and not (tmp_path / "MARK").exists()
    assert "s3cr3t" not in result.text and not (tmp_path / "site").exists()


def test_a_touchpoint_leads_with_its_standards_and_folds_the_rest(site: Path) -> None:
    """What an agent needs first (who owns it, what the customer does, what we promised, the
    standards); needs, wants, the feeling and the hand-offs fold away under a summary."""
    page = (site / "site" / "journey-fault-repair.html").read_text()
    start = page.index('id="tp-fault-repair-repair-visit"')
    section = page[start:page.index("</section>", start)]
    assert section.index("We promise") < section.index('<table class="standards"') \
        < section.index('<details class="more">') < section.index("<dt>Needs</dt>")
