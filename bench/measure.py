"""Run a command in a child process; print its wall time and peak memory (RSS) as JSON.

Each measurement runs in a fresh process of its own, so ru_maxrss is that command's alone (of
its largest process, where it forks: gaps checks the workspace in a second process).
`alternated` compares commands on a shared machine: it runs them in turns (A B A B ...), so a
burst of load from elsewhere falls on both, and reports min and median of each; a ratio is
the ratio of medians. Each command runs once untimed first, as an installed tool has run
before: Python has written its bytecode cache (an environment with PYTHONDONTWRITEBYTECODE
would otherwise time the compiler on every run) and a replayed validate has its entry.

`journeymap validate` always checks in full (JOURNEYMAP_NO_CACHE), except for the commands
named in `replaying`: they replay a known result from journeymap.runcache, kept in a
temporary folder.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: `journeymap ARGS` with the collector left to itself: journeymap.memory.paused_gc (which
#: pauses it while building, then freezes what was built) made a no-op, to show what it gains
_COLLECTOR_UNTOUCHED = ("import contextlib, sys\n"
                        "import journeymap.memory\n"
                        "journeymap.memory.paused_gc = contextlib.nullcontext\n"
                        "sys.argv[0] = 'journeymap'\n"
                        "from journeymap.cli import main\n"
                        "main()\n")


def collector_untouched(args: list[str]) -> list[str]:
    """The command line of `journeymap *args` without journeymap's handling of the GC."""
    return [sys.executable, "-c", _COLLECTOR_UNTOUCHED, *args]


def ratio(a: dict, b: dict) -> str:
    """a / b as a ratio of medians."""
    return f"{a['seconds'] / b['seconds']:.2f}x"


def tool(name: str) -> str:
    """A command installed beside this Python (the venv), or on PATH; exits if missing."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    return found or sys.exit(f"{name} is not installed (pip install '.[bench]')")


def median_of(cmd: list[str], runs: int, cwd: str | None = None, ok: tuple = (0,)) -> dict:
    """Median wall time and highest peak memory of `runs` measurements; exits on a failure."""
    results = [measure(cmd, cwd) for _ in range(runs)]
    for result in results:
        if result["code"] not in ok:
            sys.exit(f"{' '.join(cmd[:3])} exited {result['code']}")
    return {"seconds": statistics.median(r["seconds"] for r in results),
            "peak_mb": max(r["peak_mb"] for r in results)}


def alternated(commands: dict[str, list[str]], runs: int, cwd: str | None = None,
               ok: tuple = (0,), replaying: tuple[str, ...] = ()) -> dict[str, dict]:
    """name -> {'min', 'seconds' (the median), 'peak_mb'} of `runs` turns of every command,
    after one untimed turn."""
    results: dict[str, list[dict]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as cache:
        envs = {name: _environment(cache if name in replaying else None) for name in commands}
        for turn in range(runs + 1):
            for name, cmd in commands.items():
                result = measure(cmd, cwd, envs[name])
                if result["code"] not in ok:
                    sys.exit(f"{' '.join(cmd[:3])} exited {result['code']}")
                if turn:
                    results[name].append(result)
    return {name: {"min": min(r["seconds"] for r in rs),
                   "seconds": statistics.median(r["seconds"] for r in rs),
                   "peak_mb": max(r["peak_mb"] for r in rs)}
            for name, rs in results.items()}


def _environment(cache: str | None = None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items()
           if name not in ("PYTHONDONTWRITEBYTECODE", "JOURNEYMAP_CACHE_DIR")}
    if cache is None:
        env["JOURNEYMAP_NO_CACHE"] = "1"
    else:
        env.pop("JOURNEYMAP_NO_CACHE", None)
        env["JOURNEYMAP_CACHE_DIR"] = cache
    return env


def measure(cmd: list[str], cwd: str | None = None, env: dict[str, str] | None = None) -> dict:
    """{'seconds', 'peak_mb', 'code'} of running cmd (through this script, in a fresh child)."""
    wrapper = [sys.executable, __file__, *cmd]
    out = subprocess.run(wrapper, cwd=cwd, capture_output=True, text=True, check=True,
                         env=env or _environment())
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    start = time.perf_counter()
    done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "code": done.returncode}))
