"""`journeymap init`: a small workspace that validates clean, to start from."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from journeymap.output import create_files

#: packaged file -> where it goes in the new workspace
FILES = {
    "journeymap.toml": "journeymap.toml",
    "journeys/first-journey.yaml": "journeys/first-journey.yaml",
    "standards/library.yaml": "standards/library.yaml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}


def init_workspace(folder: Path) -> list[Path]:
    """Write the scaffold and the schemas into `folder`: all of it, or nothing.

    Refuses, changing nothing, if any of the files exists already.
    """
    from journeymap.schema import schema_text

    package = resources.files("journeymap.scaffold")
    files = {folder / dest: package.joinpath(name).read_bytes() for name, dest in FILES.items()}
    for kind in ("journey", "library"):
        files[folder / ".journeymap" / f"{kind}.schema.json"] = schema_text(kind).encode()
    create_files(files)
    return list(files)
