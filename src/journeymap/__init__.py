"""journeymap: customer journeys, moments of truth and service standards kept as YAML.

The Python API (journeymap.api) is here too, loaded on first use so that `import journeymap`
and the command line's quick commands stay light: `journeymap.load_workspace`,
`journeymap.validate`, `journeymap.standard_statuses`, `journeymap.gap_report`.
"""

from typing import Any

__version__ = "0.4.0"
VERSION_LINE = f"journeymap {__version__}\n"  # what `journeymap --version` prints

API = ("gap_report", "load_workspace", "standard_statuses", "validate")
__all__ = ["__version__", *API]


def __getattr__(name: str) -> Any:
    if name in API:
        from journeymap import api

        return getattr(api, name)
    raise AttributeError(f"module 'journeymap' has no attribute {name!r}")
