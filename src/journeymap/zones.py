"""Time zones by their IANA names, checked where they are written (calendars, sources), so an
engine never meets one it cannot read. The `tzdata` package carries the database, so the check
gives the same answer on every machine."""

from __future__ import annotations

import zoneinfo
from functools import cache

from journeymap.hints import did_you_mean


def time_zone(name: str) -> str:
    """`name` when it is a time zone both engines know; ValueError, with the nearest names,
    otherwise."""
    known = _known()
    if name not in known:
        hint = did_you_mean(name, sorted(known)) or "; e.g. Europe/Dublin, UTC"
        raise ValueError(f"time zone {name!r} is not an IANA time zone name{hint}")
    return name


@cache
def _known() -> frozenset[str]:
    """The database's names, listed once a run (the listing reads every zone's file)."""
    return frozenset(zoneinfo.available_timezones() | {"UTC"})
