"""The `journeymap` command (and `python -m journeymap`): a validate run whose result is
known and still true is printed from journeymap.runcache, before pydantic and typer load;
everything else goes to the CLI."""

import sys


def main() -> None:
    if sys.argv[1:2] == ["validate"]:  # other commands do not even load the cache
        from journeymap import runcache

        code = runcache.replay(sys.argv[1:])
        if code is not None:
            sys.exit(code)
    from journeymap.cli import main as cli

    cli()


if __name__ == "__main__":
    main()
