"""The `journeymap` command (and `python -m journeymap`). What needs neither typer nor the
models is answered before either loads: `--version`, `rules`, and a validate run whose result
is known and still true (journeymap.runcache). Everything else goes to the CLI."""

import contextlib
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
    """Exit once the output is out; a reader that went away (`journeymap rules | head -1`)
    ends the run quietly, with 1 where it would have been 0. The code means what sys.exit
    makes of it (None is 0, a text is printed and is 1)."""
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
    status = code if isinstance(code, int) else 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            status = status or 1
            # what is left in the buffer goes nowhere, not into a shutdown warning
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    sys.exit(status)


if __name__ == "__main__":
    main()
