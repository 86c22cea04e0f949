"""`journeymap init`: a small workspace that validates clean, to start from."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from journeymap.errors import UsageError
from journeymap.output import create_files

#: packaged file -> where it goes in the new workspace
FILES = {
    "journeymap.toml": "journeymap.toml",
    "journeys/first-journey.yaml": "journeys/first-journey.yaml",
    "standards/library.yaml": "standards/library.yaml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}


HOOK = ".pre-commit-config.yaml"


def init_workspace(folder: Path) -> tuple[list[Path], str | None]:
    """Write the scaffold and the schemas into `folder`: all of it, or nothing; and what the
    user still has to do, if anything.

    The pre-commit configuration goes where pre-commit reads it, the top of the git repository
    (validate finds a workspace in a sub-folder from there); when the repository has one
    already, it is left alone and the hook to add is returned. Refuses, changing nothing, if
    any of the files exists already.
    """
    from journeymap.config import repository_top
    from journeymap.schema import schema_text

    _refuse_unsafe(folder)
    package = resources.files("journeymap.scaffold")
    files = {folder / dest: package.joinpath(name).read_bytes() for name, dest in FILES.items()}
    here = folder.resolve()
    top = repository_top(here)
    todo = None
    if top is not None and top != here:
        where = json.dumps(here.relative_to(top).as_posix())
        entry = b"        entry: journeymap validate --tracked-only\n"
        hook = files.pop(folder / HOOK).replace(
            entry, entry + f"        args: [--root, {where}]\n".encode())
        if (top / HOOK).exists():
            files[folder / "pre-commit-hook.yaml"] = hook
            todo = (f"copy the hook in {folder / 'pre-commit-hook.yaml'} into the "
                    f"{HOOK} at the top of the repository")
        else:
            files[top / HOOK] = hook
    for kind in ("journey", "library"):
        files[folder / ".journeymap" / f"{kind}.schema.json"] = schema_text(kind).encode()
    create_files(files)
    return list(files), todo


def _refuse_unsafe(folder: Path) -> None:
    """Refuse a folder that is a workspace already (a second library and complaint policy
    would leave it failing validation), and one whose sub-folders lead out of it through a
    symlink (init would write where the link points)."""
    for name in ("journeys", "standards"):
        sub = folder / name
        if sub.is_symlink():
            raise UsageError(f"{sub}: is a symlink; init writes only inside {folder} (remove "
                             "the link, or init another folder)")
        if sub.is_dir() and any(sub.glob("*.y*ml")):
            raise UsageError(f"{folder}: holds a workspace already ({name}/ has YAML files); "
                             "init starts a new one in an empty folder")
    if (folder / ".journeymap").is_symlink():
        raise UsageError(f"{folder / '.journeymap'}: is a symlink; init writes only inside "
                         f"{folder}")
