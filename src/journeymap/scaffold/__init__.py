"""`journeymap init`: a small workspace that validates clean, to start from."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from journeymap.errors import UsageError
from journeymap.output import write_atomic

#: packaged file -> where it goes in the new workspace
FILES = {
    "journeymap.toml": "journeymap.toml",
    "journeys/first-journey.yaml": "journeys/first-journey.yaml",
    "standards/library.yaml": "standards/library.yaml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}


def init_workspace(folder: Path) -> list[Path]:
    """Write the scaffold into `folder`; refuses (changing nothing) if any file exists."""
    targets = {name: folder / dest for name, dest in FILES.items()}
    existing = [str(path) for path in targets.values() if path.exists()]
    if existing:
        raise UsageError(
            "refusing to overwrite existing files: " + ", ".join(existing)
        )
    package = resources.files("journeymap.scaffold")
    for name, path in targets.items():
        write_atomic(path, package.joinpath(name).read_bytes())
    from journeymap.schema import schema_text

    for kind in ("journey", "library"):
        write_atomic(folder / ".journeymap" / f"{kind}.schema.json", schema_text(kind))
    return list(targets.values())
