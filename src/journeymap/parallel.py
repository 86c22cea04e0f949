"""Work spread over several processes: the same output as one process.

`ordered` is for many independent pieces over data already built (the handbook's pages).
Workers are forked, so they start with that data and nothing is pickled on the way in; each
result comes back pickled. A fork that fails, or a worker that dies, leaves the rest to this
process; workers end with the process that forked them. The cost is memory: CPython writes a
reference count on every object a worker touches, so each worker soon holds its own copy of
most of the data (at 500 journeys, two workers took the handbook from 395 MB to 747 MB in all).
Where fork is not the platform's safe default (only Linux is assumed to have it), or where this
process runs threads (a lock held at the fork would never be released in the child), the work
runs here, in turn.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

_work: Callable[[int], object] | None = None  # what the forked workers call, set before fork
_parent = 0  # the pid of the process that forks them, set before fork


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _die_with_parent() -> None:
    """A worker ends when the process that forked it ends (Linux's PR_SET_PDEATHSIG): a
    handbook build killed with -9 leaves no worker behind."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux's C library: nothing to set
        return
    if os.getppid() != _parent:  # the parent ended before the signal was armed
        os._exit(1)


def _call(index: int) -> tuple[bool, object]:
    """(True, the result), or (False, None) when the work failed: an exception does not
    always survive the way back (one whose arguments do not pickle would stop the pool), so
    the failed piece is done again in the parent, where its error is raised as it is."""
    assert _work is not None
    try:
        return True, _work(index)
    except Exception:
        return False, None


def ordered(work: Callable[[int], T], count: int, jobs: int) -> Iterator[T]:
    """work(0), work(1), ... work(count - 1), in that order, over `jobs` processes. A worker
    that dies (killed for memory, say) does not hang the run: what is left is done here."""
    global _work, _parent
    if jobs <= 1 or count < 2 or not _can_fork():
        yield from (work(index) for index in range(count))
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _work, _parent = work, os.getpid()
    gc.freeze()  # the collector of a worker leaves what it inherited alone: fewer pages copied
    done_upto = 0
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_die_with_parent) as pool:
            for index, (done, result) in enumerate(pool.map(_call, range(count), chunksize=4)):
                yield result if done else work(index)  # type: ignore[misc]
                done_upto = index + 1
    except (BrokenProcessPool, OSError):  # a worker died, or none could be forked
        yield from (work(index) for index in range(done_upto, count))
    finally:
        _work = None
