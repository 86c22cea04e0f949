"""Shared helpers: run the real CLI entry point in-process and capture what a user would see."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeymap.cli import main

REPO = Path(__file__).resolve().parents[1]

# Results of validate runs (journeymap.runcache) go to a folder of this test session, never
# to the user's cache; every journeymap process the tests start inherits it.
os.environ["JOURNEYMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="journeymap-cache-")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(*args: str | Path, cwd: Path | None = None) -> Run:
    """`journeymap ARGS` through main(), as the console script runs it."""
    out, err = io.StringIO(), io.StringIO()
    old_cwd, old_argv = Path.cwd(), sys.argv
    sys.argv = ["journeymap", *map(str, args)]
    code = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = old_argv
        os.chdir(old_cwd)
    return Run(code, out.getvalue(), err.getvalue())


LIBRARY = """\
teams:
  - id: care
    name: Customer Care
  - id: ops
    name: Operations
personas:
  - id: shopper
    name: Shopper
standards:
  - id: answer-fast
    statement: Answer within 20 seconds
    dimension: responsiveness
    metric: service_level_20s
    target: ">= 80 %"
    source: ACD report
    channels: [phone]
"""

JOURNEY = """\
id: shop
title: Shop
owner: care
personas: [shopper]
stages:
  - id: buy
    title: Buy
    touchpoints:
      - id: call
        title: Call us
        channel: phone
        moment_of_truth: First call
        emotion: 3
        standards:
          - use: answer-fast
      - id: pay
        title: Pay
        channel: web
        owner: ops
        depends_on: [call]
        standards:
          - id: PAY-1
            statement: Payment confirmed quickly
            dimension: reliability
            metric: pay_seconds
            target: "<= 5 s"
            source: Payment log
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A small valid workspace: journeys/shop.yaml and standards/library.yaml."""
    (tmp_path / "journeys").mkdir()
    (tmp_path / "standards").mkdir()
    (tmp_path / "journeys" / "shop.yaml").write_text(JOURNEY)
    (tmp_path / "standards" / "library.yaml").write_text(LIBRARY)
    return tmp_path


@dataclass
class Process:
    code: int
    out: str
    err: str
    seconds: float
    max_rss_mb: float


#: Runs journeymap as `python -m journeymap` does, then writes the process's peak resident
#: memory (VmHWM, which exec resets) to a file. ru_maxrss would not do: Linux carries the
#: forking parent's peak into the child's, so a large test process would count as the child.
_PEAK_WRAPPER = """
import atexit, runpy, sys
report = sys.argv[1]
def peak():
    with open("/proc/self/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    with open(report, "w") as out:
        out.write(str(kb))
atexit.register(peak)
sys.argv = ["journeymap", *sys.argv[2:]]
runpy.run_module("journeymap", run_name="__main__", alter_sys=True)
"""


def run_process(*args: str | Path, cwd: Path, timeout: float = 60, max_rss_mb: float = 1500,
                stdin: int | None = subprocess.DEVNULL) -> Process:
    """`python -m journeymap ARGS` in a child process, bounded in time and memory.

    A hang fails the test at `timeout` (the child is killed), not CI's time limit; the child's
    peak resident memory must stay under `max_rss_mb`. Output goes through files, so a child
    that prints a lot cannot block on a full pipe.
    """
    with tempfile.TemporaryDirectory() as scratch:
        peak, out_path, err_path = (Path(scratch) / n for n in ("peak", "out", "err"))
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            started = time.monotonic()
            child = subprocess.Popen(
                [sys.executable, "-c", _PEAK_WRAPPER, str(peak), *map(str, args)],
                cwd=cwd, stdin=stdin, stdout=out, stderr=err)
            try:
                code = child.wait(timeout)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
                pytest.fail(f"journeymap {' '.join(map(str, args))} hung: killed after "
                            f"{timeout:.0f} s")
        result = Process(code, out_path.read_text("utf-8", "replace"),
                         err_path.read_text("utf-8", "replace"), time.monotonic() - started,
                         int(peak.read_text()) / 1024)
    assert result.max_rss_mb < max_rss_mb, \
        f"journeymap {' '.join(map(str, args))} used {result.max_rss_mb:.0f} MB"
    assert "Traceback" not in result.err, result.err
    return result


def copy_example(to: Path) -> Path:
    """The bundled example workspace (journeys, library, event sources and their events,
    actuals, surveys) under `to`."""
    for name in ("journeys", "standards", "sources", "events", "actuals", "surveys",
                 "complaints"):
        shutil.copytree(REPO / name, to / name)
    return to


# --- a real browser, for the handbook and the diagrams -----------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
browser = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("JOURNEYMAP_REQUIRE_TOOLS") != "1",
    reason="Chromium is not installed (.ci/run installs it; journeymap itself needs none)",
)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
