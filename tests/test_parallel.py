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


def test_beside_does_the_work_in_another_process() -> None:
    _run("""
        import os
        from journeymap.parallel import Beside
        with Beside(os.getpid) as child, Beside(lambda: [n * n for n in range(10**5)]) as big:
            assert child.result() != os.getpid()
            assert big.result() == [n * n for n in range(10**5)]  # more than a pipe holds
            assert child.result() == child.result()  # asked again: the same, not done again
        print("ok")
    """)


def test_beside_does_failed_work_again_here_so_its_error_is_raised_here() -> None:
    _run("""
        import os
        from journeymap.parallel import Beside
        parent = os.getpid()
        def dies():  # as the kernel kills a process out of memory
            if os.getpid() != parent:
                os._exit(9)
            return "done here"
        def fails_there():
            if os.getpid() != parent:
                raise RuntimeError("child")
            return "done here"
        def fails():
            raise ValueError(f"failed in {'the parent' if os.getpid() == parent else 'a child'}")
        with Beside(dies) as a, Beside(fails_there) as b, Beside(fails) as c:
            assert a.result() == b.result() == "done here"
            try:
                c.result()
            except ValueError as exc:
                assert str(exc) == "failed in the parent", exc
            else:
                raise AssertionError("no error")
        print("ok")
    """)


def test_a_child_never_asked_for_its_result_is_stopped_not_left_behind() -> None:
    _run("""
        import os, time
        from journeymap.parallel import Beside
        start = time.monotonic()
        with Beside(lambda: time.sleep(60)) as slow:
            pid = slow._pid
            assert pid
        assert time.monotonic() - start < 10
        try:
            os.waitpid(pid, os.WNOHANG)  # reaped already: no such child
        except ChildProcessError:
            print("ok")
    """)


def test_beside_works_here_where_fork_is_unsafe() -> None:
    """With a thread running, a lock it holds would stay held in a forked child forever."""
    _run("""
        import os, threading
        from journeymap.parallel import Beside
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait, daemon=True)
        thread.start()
        with Beside(os.getpid) as here:
            assert here.result() == os.getpid()
        stop.set()
        print("ok")
    """)
