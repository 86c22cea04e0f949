"""axe-core in Chromium: no violations on any handbook page (the site and the single file),
the gap report and the complaints report in HTML, and serve's page.

axe-core is installed by .ci/run with npm (JOURNEYMAP_NODE_TOOLS names the node_modules);
without it or Chromium these tests skip, saying why, except in CI
(JOURNEYMAP_REQUIRE_TOOLS=1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, browser, run_cli
from tests.test_ci_clients import tool
from tests.test_serve import start_serve

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => v.id + " (" + v.impact + "): " +
    v.nodes.map(n => n.target.join(" ")).join(", "));
}"""


def violations(chromium, url: str, wait_for: str | None = None) -> list[str]:
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    if wait_for:
        page.wait_for_selector(wait_for)
    page.add_script_tag(path=str(tool("axe-core/axe.min.js")))
    found = page.evaluate(RUN_AXE)
    page.close()
    return found


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("outputs")
    for args in (["handbook", "-o", out / "site", "--single-file", out / "one.html"],
                 ["gaps", "-f", "html", "-o", out / "gaps.html"],
                 ["complaints", "-f", "html", "-o", out / "complaints.html"]):
        result = run_cli(*args, cwd=REPO)
        assert result.code == 0, result.text
    return out


@browser
def test_no_violations_on_any_page(outputs: Path, chromium) -> None:
    pages = [*sorted((outputs / "site").glob("*.html")), outputs / "one.html",
             outputs / "gaps.html", outputs / "complaints.html"]
    assert len(pages) > 20
    found = {path.name: v for path in pages if (v := violations(chromium, path.as_uri()))}
    assert found == {}


@browser
def test_no_violations_on_serves_page(tmp_path: Path, chromium) -> None:
    for folder in ("journeys", "standards", "sources", "actuals"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    process, url = start_serve(tmp_path)
    with process:
        try:
            assert violations(chromium, url, wait_for="#drawing svg") == []
        finally:
            process.terminate()
            process.wait(10)
