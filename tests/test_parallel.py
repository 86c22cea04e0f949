"""Work over several processes: the same results, in order, and never a hang."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from journeymap.parallel import ordered


def _run(script: str) -> None:
    """A script in its own interpreter: a hang fails at the timeout, not the whole suite."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(script)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout == "ok\n", result.stderr


def test_results_come_in_order_from_any_number_of_processes() -> None:
    expected = [n * n for n in range(50)]
    for jobs in (1, 2, 3):
        assert list(ordered(lambda n: n * n, 50, jobs)) == expected


def test_a_worker_that_dies_does_not_hang_the_run() -> None:
    """A worker killed mid-run (as the kernel kills one out of memory): the run finishes, with
    every result, in order, the rest done in the parent. In a child process, so that a hang
    fails the test at its timeout rather than stopping the suite."""
    _run("""
        import os
        from journeymap.parallel import ordered
        parent = os.getpid()
        def work(n):
            if n == 9 and os.getpid() != parent:
                os._exit(9)
            return n * n
        assert list(ordered(work, 40, 2)) == [n * n for n in range(40)]
        print("ok")
    """)


def test_a_fork_that_fails_leaves_the_work_to_this_process() -> None:
    """No process can be forked (a limit on processes): every result all the same, in order."""
    _run("""
        import os
        from journeymap.parallel import ordered
        def no_fork():
            raise BlockingIOError(11, "Resource temporarily unavailable")
        os.fork = no_fork
        assert list(ordered(lambda n: n + 1, 30, 3)) == list(range(1, 31))
        print("ok")
    """)


def test_workers_end_with_the_process_that_forked_them(tmp_path) -> None:
    """The parent killed with -9 mid-run: its workers end too, none left behind."""
    import os
    import signal
    import time

    pids = tmp_path / "pids"
    script = textwrap.dedent(f"""
        import os, time
        from journeymap.parallel import ordered
        def work(n):
            with open({str(pids)!r}, "a") as out:
                out.write(f"{{os.getpid()}}\\n")
            time.sleep(60)
            return n
        list(ordered(work, 8, 2))
    """)
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while (not pids.exists() or len(set(pids.read_text().split())) < 2) \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = {int(p) for p in pids.read_text().split()}
        assert len(workers) == 2 and parent.pid not in workers
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        with open(f"/proc/{pid}/stat") as stat:  # a zombie waiting to be reaped is gone too
            return stat.read().split(")")[-1].split()[0] != "Z"

    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)
