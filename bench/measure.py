"""Run a command in a child process; print its wall time and peak memory (RSS) as JSON.

Each measurement runs in a fresh process of its own, so ru_maxrss is that command's alone.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path


def tool(name: str) -> str:
    """A command installed beside this Python (the venv), or on PATH; exits if missing."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    return found or sys.exit(f"{name} is not installed (pip install '.[bench]')")


def measure(cmd: list[str], cwd: str | None = None) -> dict:
    """{'seconds', 'peak_mb', 'code'} of running cmd (through this script, in a fresh child)."""
    wrapper = [sys.executable, __file__, *cmd]
    out = subprocess.run(wrapper, cwd=cwd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    start = time.perf_counter()
    done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "code": done.returncode}))
