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
