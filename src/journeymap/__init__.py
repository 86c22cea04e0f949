"""journeymap: customer journeys, moments of truth and service standards kept as YAML."""

__version__ = "0.3.0"
VERSION_LINE = f"journeymap {__version__}\n"  # what `journeymap --version` prints
