"""An event source's files, confined to the workspace.

A journey or a source file in a pull request must never make the engine read anything outside
the workspace: the `path` is resolved here, by journeymap, to a list of regular files inside
the workspace (no absolute path, no `..`, no URL, no link that leads out, no pipe or device),
and the engine is handed that list and nothing else (it is started with access to no other
file: journeymap.measures.engines).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from journeymap.model import Source

#: the files of a source at most: a glob over a whole disk is a mistake, not a data set
MAX_FILES = 10_000
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FORMATS = {".csv": "csv", ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet",
            ".jsonl": "json", ".ndjson": "json", ".json": "json"}


class SourceProblem(Exception):
    """Why a source's files cannot be read; the message is for the user."""


def source_files(root: Path, source: Source) -> list[Path]:
    """The regular files `source.path` names inside `root`, sorted (SourceProblem if none,
    or if the path reaches outside)."""
    pattern = source.path or ""
    parts = Path(pattern).parts
    if _SCHEME.match(pattern) or pattern.startswith(("/", "\\", "~")) or ".." in parts:
        raise SourceProblem(f"path {pattern!r} must be relative to the workspace, without "
                            "`..` or a URL")
    base = os.path.realpath(root)
    found: list[Path] = []
    for match in sorted(root.glob(pattern)):
        real = os.path.realpath(match)
        if os.path.commonpath([base, real]) != base:
            raise SourceProblem(f"{match.relative_to(root)} leads outside the workspace")
        try:
            mode = os.stat(real).st_mode
        except OSError as exc:
            raise SourceProblem(f"{match.relative_to(root)}: {exc.strerror}") from None
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            raise SourceProblem(f"{match.relative_to(root)} is not a regular file (a pipe or a "
                                "device)")
        found.append(Path(real))
        if len(found) > MAX_FILES:
            raise SourceProblem(f"path {pattern!r} names more than {MAX_FILES:,} files")
    if not found:
        raise SourceProblem(f"path {pattern!r} names no file in the workspace")
    return found


def file_format(source: Source, files: list[Path]) -> str:
    """csv, parquet or json: as given, else from the files' extension (all alike)."""
    if source.format:
        return source.format
    kinds = {_FORMATS.get(f.suffix.lower()) for f in files}
    if len(kinds) != 1 or None in kinds:
        raise SourceProblem("cannot tell the files' format from their names: give `format: "
                            "csv`, `parquet` or `json`")
    return kinds.pop()  # type: ignore[return-value]
