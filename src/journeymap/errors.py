"""The few errors that cross module boundaries, each mapped to an exit code once (cli/).

Invalid *content* (a bad journey file) is never an exception: it becomes a Finding and the run
goes on. Exceptions are for what stops a command: misuse, bad settings, an output that cannot
be written.
"""

from __future__ import annotations

from collections.abc import Mapping


class JourneymapError(Exception):
    """Base class: a message for the user, no traceback."""

    exit_code = 2


class UsageError(JourneymapError):
    """The command line asks for something impossible (a missing path, an unknown code)."""


class ConfigError(JourneymapError):
    """journeymap.toml or [tool.journeymap] is unreadable or invalid."""


class ContentError(JourneymapError):
    """Input content is invalid and the command cannot go on (exit 1).

    Raised by commands that need valid input (diagram, gaps, handbook); `findings` are printed
    like validate prints them, with `sources` (file name -> text) for the snippets.
    """

    exit_code = 1

    def __init__(self, message: str, findings: list | None = None,
                 sources: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []
        self.sources = sources or {}


class RenderError(JourneymapError):
    """A diagram backend failed or is missing (exit 2: the environment, not the input)."""
