"""The `journeymap` command (and `python -m journeymap`). What needs neither typer nor the
models is answered before either loads: `--version`, `rules`, and a validate run whose result
is known and still true (journeymap.runcache). Everything else goes to the CLI."""

import atexit
import os
import sys


def main() -> None:
    _usable_streams()
    args = sys.argv[1:]
    if args in (["--version"], ["rules"]):  # the same text as the CLI's (a test compares)
        sys.stdout.write(_at_once(args[0]))
        _end(0)
    if args[:1] == ["validate"]:  # other commands do not even load the cache
        from journeymap import runcache

        code = runcache.replay(args)
        if code is not None:
            _end(code)
    from journeymap.cli import main as cli

    try:
        cli()
    except SystemExit as done:
        _end(done.code)


def _usable_streams() -> None:
    """stdout and stderr that cannot crash a run, whatever answers it: a closed one (`>&-`)
    writes nowhere, and a character the terminal's encoding lacks is written as an escape
    instead of raising."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
        elif hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _at_once(command: str) -> str:
    if command == "rules":
        from journeymap.codes import listing

        return listing()
    from journeymap import VERSION_LINE

    return VERSION_LINE


def _end(code: object) -> None:
    """End the process once its output is out, without tearing the interpreter down.

    A normal exit then frees every module and what they hold one by one (typer, click, rich,
    pydantic): 15-20 ms of a `journeymap --version` through the CLI, for memory the system
    takes back at once. Exit handlers still run, output is flushed; the code means what
    sys.exit makes of it (None is 0, a text is printed and is 1).
    """
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
    status = code if isinstance(code, int) else 0 if code is None else 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # the reader went away (`journeymap rules | head -1`)
            status = status or 1
    os._exit(status)


if __name__ == "__main__":
    main()
