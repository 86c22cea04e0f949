"""Outputs never destroy: no folder or file of the user's is deleted or overwritten, special
files stay special, and a build that fails or is killed leaves nothing behind.

Every case runs the real command in a child process (tests.conftest.run_process).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from journeymap.output import MANIFEST
from tests.conftest import copy_example, run_process


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "ws")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its content: what must not change."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def handbook(ws: Path, *args: str | Path):
    return run_process("handbook", "--no-diagrams", *args, cwd=ws)


def test_handbook_refuses_a_folder_with_other_files(example: Path, tmp_path: Path) -> None:
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "thesis.docx").write_bytes(b"years of work")
    result = handbook(example, "-o", mine)
    assert result.code == 2
    assert "not replaced" in result.err and "journeymap did not write it" in result.err
    assert tree(mine) == {"thesis.docx": b"years of work"}


@pytest.mark.parametrize("target", [".", "..", "journeys", "standards/.."])
def test_handbook_never_replaces_the_workspace_or_its_inputs(example: Path, target: str) -> None:
    (example / ".git").mkdir()
    (example / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = tree(example.parent)
    result = handbook(example, "-o", target)
    assert result.code == 2, result.err
    assert ("workspace root" in result.err) or ("holds input files" in result.err)
    assert tree(example.parent) == before


def test_handbook_replaces_its_own_folder_and_refuses_once_a_user_file_is_added(
        example: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()  # empty: fine to use
    assert handbook(example, "-o", site).code == 0
    listed = set((site / MANIFEST).read_text().split())
    assert listed == {p.name for p in site.iterdir()} - {MANIFEST}
    assert handbook(example, "-o", site).code == 0  # its own folder: replaced
    (site / "notes.txt").write_text("minutes of the workshop")
    result = handbook(example, "-o", site)
    assert result.code == 2 and "notes.txt" in result.err
    assert (site / "notes.txt").read_text() == "minutes of the workshop"


def test_handbook_output_through_a_symlink_keeps_the_link(example: Path, tmp_path: Path) -> None:
    real = tmp_path / "real-site"
    link = tmp_path / "site"
    link.symlink_to(real, target_is_directory=True)
    for _ in range(2):
        assert handbook(example, "-o", link).code == 0
        assert link.is_symlink() and (real / "index.html").is_file()


def test_killed_builds_are_cleaned_up_by_the_next(example: Path, tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    leftover = tmp_path / f".site.tmp-{dead}-abc123"
    leftover.mkdir()
    (leftover / MANIFEST).write_text("# journeymap: build in progress\n")
    (leftover / "index.html").write_text("half")
    unrelated = tmp_path / f".site.tmp-{dead}-keep"  # not journeymap's: no manifest
    unrelated.mkdir()
    assert handbook(example, "-o", tmp_path / "site").code == 0
    assert not leftover.exists() and unrelated.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [unrelated.name, "site", "ws"]


def test_concurrent_builds_to_one_folder_all_succeed(example: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    results = []
    threads = [threading.Thread(target=lambda: results.append(handbook(example, "-o", site)))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.code for r in results] == [0, 0, 0], [r.err for r in results]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "ws"]


@pytest.mark.parametrize(("command", "output"), [
    (["validate", "-f", "json"], "journeys/fault-repair.yaml"),
    (["gaps", "-f", "csv"], "actuals/2026-Q3.csv"),
    (["gaps", "-f", "json"], "surveys/2026-perception-survey.csv"),
    (["diagram", "-j", "fault-repair", "-v", "lifecycle", "-f", "dot"], "standards/teams.yaml"),
])
def test_reports_never_overwrite_an_input(example: Path, command: list[str], output: str) -> None:
    before = tree(example)
    result = run_process(*command, "-o", output, cwd=example)
    assert result.code == 2 and "is an input of this run" in result.err
    assert tree(example) == before


def test_output_to_a_folder_is_a_clear_error(example: Path) -> None:
    result = run_process("validate", "-o", "journeys", cwd=example)
    assert result.code == 2 and "is a folder" in result.err


def test_output_through_a_symlink_writes_the_target(example: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    (tmp_path / "link.json").symlink_to(target)
    assert run_process("validate", "-f", "json", "-o", tmp_path / "link.json",
                       cwd=example).code == 0
    assert (tmp_path / "link.json").is_symlink() and '"diagnostics"' in target.read_text()


def test_output_to_dev_stdout_and_a_pipe(example: Path, tmp_path: Path) -> None:
    result = run_process("validate", "-f", "json", "-o", "/dev/stdout", cwd=example)
    assert result.code == 0 and '"diagnostics": []' in result.out
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert run_process("validate", "-f", "json", "-o", fifo, cwd=example).code == 0
    reader.join(timeout=30)
    assert b'"diagnostics": []' in received[0]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_pipe_with_no_reader_is_an_error_not_a_hang(example: Path, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    result = run_process("validate", "-o", tmp_path / "pipe", cwd=example, timeout=30)
    assert result.code == 2 and "no reader" in result.err


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root")
def test_a_device_node_is_written_through_never_replaced(example: Path, tmp_path: Path) -> None:
    null = tmp_path / "null"  # a private copy of /dev/null, so a regression harms nothing
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert run_process("validate", "-o", null, cwd=example).code == 0
    assert stat.S_ISCHR(null.stat().st_mode)


def test_init_never_overwrites_and_never_leaves_half_a_workspace(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / ".journeymap").mkdir()
    (tmp_path / "ws" / ".journeymap" / "journey.schema.json").write_text("mine")
    result = run_process("init", "ws", cwd=tmp_path)
    assert result.code == 2 and "journey.schema.json" in result.err
    assert tree(tmp_path / "ws") == {".journeymap/journey.schema.json": b"mine"}

    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "standards").mkdir(mode=0o500)  # cannot be written into
    if os.geteuid() == 0:
        (tmp_path / "half" / "standards").rmdir()
        (tmp_path / "half" / "standards").write_text("a file where a folder must go")
    result = run_process("init", "half", cwd=tmp_path)
    assert result.code == 2
    assert sorted(p.name for p in (tmp_path / "half").iterdir()) == ["standards"]


@pytest.mark.parametrize("command", [
    ["diagram", "-j", "moving-home", "-f", "mermaid"],
    ["gaps", "-f", "csv"],
    ["gaps", "-f", "json"],  # written to its file a line at a time, to stdout whole
    ["validate", "-f", "json"],
])
def test_dash_is_standard_output(example: Path, tmp_path: Path, command: list[str]) -> None:
    """`-o -` writes to standard output what `-o FILE` writes to the file, with nothing else
    there, and no file named `-`."""
    before = tree(example)
    dashed = run_process(*command, "-o", "-", cwd=example)
    assert tree(example) == before
    written = tmp_path / "out.txt"
    to_file = run_process(*command, "-o", written, cwd=example)
    assert dashed.code == to_file.code and dashed.out == written.read_text() and dashed.out


def test_handbook_refuses_dash_as_a_folder(example: Path) -> None:
    before = tree(example)
    result = run_process("handbook", "-o", "-", cwd=example)
    assert result.code == 2 and "a handbook is a folder of pages" in result.err
    assert tree(example) == before
    single = run_process("handbook", "--single-file", "-", cwd=example)
    assert single.code == 0 and single.out.startswith("<!DOCTYPE html>")
    assert tree(example) == before


def test_a_report_that_fails_while_written_in_pieces_leaves_the_old_file(tmp_path: Path) -> None:
    """A report written as it is made (journeymap.output.write_file with lines): a failure
    halfway leaves the previous file as it was and no temporary file beside it."""
    from journeymap.output import write_file

    target = tmp_path / "report.json"
    target.write_text("previous report\n")

    def lines():
        yield "{\n"
        yield "x" * (3 << 20)  # more than one block: some of it reached the disk
        raise RuntimeError("a bug while rendering")

    with pytest.raises(RuntimeError):
        write_file(target, lines())
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    assert target.read_text() == "previous report\n"
    write_file(target, iter(["a\n", "é\n" * 3]))
    assert target.read_text(encoding="utf-8") == "a\n" + "é\n" * 3


@pytest.mark.parametrize(("end", "code", "err"), [
    ("None", 0, ""), ("3", 3, ""), ("'journeymap: stopped'", 1, "journeymap: stopped\n")])
def test_the_command_ends_without_teardown_yet_flushes_and_runs_exit_handlers(
        tmp_path: Path, end: str, code: int, err: str) -> None:
    """The entry point ends the process with os._exit (journeymap.__main__._end): what was
    printed still arrives whole, exit handlers still run, and the code means what sys.exit
    makes of it."""
    script = (
        "import atexit, sys\n"
        "from journeymap.__main__ import _end\n"
        f"atexit.register(lambda: open({str(tmp_path / 'ran')!r}, 'w').close())\n"
        "sys.stdout.write('x' * 300000)\n"
        f"_end({end})\n"
        "print('never reached')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (code, "x" * 300000, err)
    assert (tmp_path / "ran").exists()
