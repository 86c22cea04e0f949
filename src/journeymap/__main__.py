"""The `journeymap` command (and `python -m journeymap`): a validate run whose result is
known and still true is printed from journeymap.runcache, before pydantic and typer load;
everything else goes to the CLI."""

import atexit
import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["validate"]:  # other commands do not even load the cache
        from journeymap import runcache

        code = runcache.replay(sys.argv[1:])
        if code is not None:
            _end(code)
    from journeymap.cli import main as cli

    try:
        cli()
    except SystemExit as done:
        _end(done.code)


def _end(code: object) -> None:
    """End the process once its output is out, without tearing the interpreter down.

    A normal exit then frees every module and what they hold one by one (typer, click, rich,
    pydantic): 15-20 ms of a `journeymap --version` of about 100, for memory the system
    takes back at once. Exit handlers still run, output is flushed; the code means what
    sys.exit makes of it (None is 0, a text is printed and is 1).
    """
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
    status = code if isinstance(code, int) else 0 if code is None else 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the reader went away (`journeymap rules | head -1`)
        status = status or 1
    os._exit(status)


if __name__ == "__main__":
    main()
