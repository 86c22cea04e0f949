"""Load files from paths: discover them, load each safely, validate its shape.

One bad file never hides the others: every file's problems become Findings and loading goes
on. Files named on the command line are the *scope* (what is reported); the workspace's own
folders are always loaded as *context*, so a journey checked alone in pre-commit still
resolves its teams, personas and library standards.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from yaml.nodes import Node

from journeymap import codes, inputs
from journeymap.config import OPTIONAL_FOLDERS, Settings
from journeymap.errors import UsageError
from journeymap.findings import Finding, format_path
from journeymap.inputs import InputProblem, read_bounded, walk
from journeymap.loader import yamlhelp, yamlpos, yamlsafe
from journeymap.loader.shape import shape_findings
from journeymap.memory import paused_gc
from journeymap.model import (
    LIBRARY_KEYS,
    Action,
    Calendar,
    ComplaintPolicy,
    Journey,
    Library,
    LibraryStandard,
    Persona,
    Source,
    Team,
)

T = TypeVar("T")
YAML_SUFFIXES = (".yaml", ".yml")
NOT_READ = codes.NOT_A_WORKSPACE_FILE.code


@dataclass
class SourceFile:
    """One file as loaded: its display name and text; its node tree on demand, for positions.

    Neither is kept whole after loading: for a large workspace the node trees cost more
    memory than the data itself, and the text a tenth as much (30 MB at 500 journeys). The
    text is kept compressed (to about a fourteenth, at some 350 MB/s) and unpacked for a file
    that has a finding, which is also the only one composed again.
    """

    path: Path
    name: str
    parsed: bool = False  # loaded as YAML: positions can be looked up
    _packed: bytes = field(default=b"", repr=False)
    _root: Node | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return zlib.decompress(self._packed).decode("utf-8") if self._packed else ""

    @text.setter
    def text(self, text: str) -> None:
        self._packed = zlib.compress(text.encode("utf-8"), 1)

    @property
    def root(self) -> Node | None:
        if self._root is None and self.parsed:
            self._root = yamlsafe.compose(self.text)
        return self._root

    def locate(self, path: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
        return yamlpos.locate(self.root, path, at_key)

    def finding(
        self, code: str, message: str, path: tuple[Any, ...] = (), *, at_key: bool = False
    ) -> Finding:
        """A Finding at `path` in this file; severity is applied later, by the rule runner."""
        line, column = self.locate(path, at_key) if self.parsed else (1, 1)
        return Finding(self.name, line, column, code, message, path=format_path(path))


@dataclass(frozen=True)
class Entry(Generic[T]):
    """A model object with where it came from, so rules can point at it."""

    item: T
    source: SourceFile
    path: tuple[Any, ...]

    def finding(self, code: str, message: str, *sub: Any, at_key: bool = False) -> Finding:
        return self.source.finding(code, message, (*self.path, *sub), at_key=at_key)


class SourceTexts(Mapping[str, str]):
    """File name -> text, for the snippets under findings: unpacked only when looked up."""

    def __init__(self, files: list[SourceFile]) -> None:
        self._files = {source.name: source for source in files}

    def __getitem__(self, name: str) -> str:
        return self._files[name].text

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


@dataclass
class LoadedFiles:
    """What loading produces: every file with its text, the valid models with their places,
    and the findings of files that did not load. journeymap.workspace resolves it."""

    root: Path
    settings: Settings
    settings_file: Path | None = None
    #: the folder file names are shown relative to (the current folder, given by the CLI)
    base: Path = Path("/")
    files: list[SourceFile] = field(default_factory=list)
    journeys: list[Entry[Journey]] = field(default_factory=list)
    teams: list[Entry[Team]] = field(default_factory=list)
    personas: list[Entry[Persona]] = field(default_factory=list)
    standards: list[Entry[LibraryStandard]] = field(default_factory=list)
    complaints: list[Entry[ComplaintPolicy]] = field(default_factory=list)
    actions: list[Entry[Action]] = field(default_factory=list)
    sources: list[Entry[Source]] = field(default_factory=list)
    calendars: list[Entry[Calendar]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: display names of the files to report on; None means all.
    scope: set[str] | None = None

    @property
    def texts(self) -> SourceTexts:
        return SourceTexts(self.files)


def display_name(path: Path, base: Path) -> str:
    """The file's path relative to `base` (absolute outside it), symlinks resolved.

    os.path.realpath rather than Path.resolve: it does not raise on a symlink loop.
    """
    real, here = inputs.realpath(path), inputs.realpath(base)
    return Path(os.path.relpath(real, here)).as_posix() if real.startswith(here + os.sep) \
        else Path(real).as_posix()


def discover(paths: Iterable[Path], findings: list[Finding], base: Path,
             may_be_empty: Iterable[Path] = ()) -> list[Path]:
    """YAML files under `paths`, in a stable order; a folder without any is a finding, but
    for those in `may_be_empty`.

    A named path that exists but is not a folder is taken as a file whatever it is (a pipe, a
    device, a symlink loop): reading it turns that into a finding instead of a hang.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if inputs.is_dir(path):
            files, unlisted = walk(path, YAML_SUFFIXES)
            findings.extend(Finding(display_name(folder, base), 0, 0, NOT_READ, why)
                            for folder, why in unlisted)
            if not files and not unlisted and path not in may_be_empty:
                findings.append(Finding(display_name(path, base), 0, 0, NOT_READ,
                                        "no YAML files (*.yaml, *.yml) here"))
            found.update(dict.fromkeys(Path(inputs.realpath(f)) for f in files))
        elif inputs.lexists(path):
            found[Path(inputs.realpath(path))] = None
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(found)


def _add_library(ws: LoadedFiles, library: Library, source: SourceFile) -> None:
    for name in (key for key in LIBRARY_KEYS if key != "complaints"):  # lists of entries
        getattr(ws, name).extend(
            Entry(item, source, (name, index)) for index, item in enumerate(getattr(library, name))
        )
    if library.complaints is not None:
        ws.complaints.append(Entry(library.complaints, source, ("complaints",)))


def _validate(model: type[BaseModel], data: Any, source: SourceFile) -> tuple[Any, list[Finding]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, shape_findings(exc, model, source)


def load_file(ws: LoadedFiles, path: Path, limits: yamlsafe.Limits) -> None:
    """Load one file; every problem becomes a Finding."""
    source = SourceFile(path, display_name(path, ws.base))
    ws.files.append(source)
    try:
        raw = read_bounded(path, limits.max_file_bytes, "limits.max_file_bytes")
        text, data = yamlsafe.load(raw, limits)
        source.text = text
        source.parsed = data is not yamlsafe.EMPTY
    except InputProblem as problem:
        code = codes.LIMIT_EXCEEDED.code if problem.too_large else NOT_READ
        ws.findings.append(Finding(source.name, 0, 0, code, problem.message))
        return
    except yamlsafe.YamlProblem as problem:
        if problem.code != codes.LIMIT_EXCEEDED.code or problem.line:
            source.text = raw[: 1 << 20].decode("utf-8", "replace").removeprefix("\ufeff")
        ws.findings.append(
            Finding(source.name, problem.line, problem.column, problem.code, problem.message)
        )
        return
    if not source.parsed:
        ws.findings.append(Finding(source.name, 0, 0, NOT_READ, "file is empty"))
        return
    if " #" in text:
        ws.findings.extend(Finding(source.name, e.line, e.column, codes.INLINE_COMMENT.code,
                                   e.message) for e in yamlhelp.inline_comments(text))
    if isinstance(data, dict) and "stages" in data:
        journey, problems = _validate(Journey, data, source)
        if journey is not None:
            ws.journeys.append(Entry(journey, source, ()))
    elif isinstance(data, dict) and any(key in data for key in LIBRARY_KEYS):
        library, problems = _validate(Library, data, source)
        if library is not None:
            _add_library(ws, library, source)
    else:
        problems = [
            source.finding(
                NOT_READ,
                "neither a journey (no `stages:`) nor a library file (none of "
                + ", ".join(f"`{key}:`" for key in LIBRARY_KEYS)
                + ")",
            )
        ]
    ws.findings.extend(problems)


def load_files(root: Path, settings: Settings, paths: list[Path] | None = None, *,
               settings_file: Path | None = None, base: Path,
               left_out: set[Path] | None = None) -> LoadedFiles:
    """Load the workspace under `root`, reporting on `paths` (all of it when None), without
    the files in `left_out` (real paths).

    `base` is the folder names are shown relative to: the CLI passes the current folder.
    """
    ws = LoadedFiles(root=root, settings=settings, settings_file=settings_file, base=base)
    context = [root / p for p in settings.paths if inputs.exists(root / p)]
    if paths:
        scoped = discover(paths, ws.findings, base)
        ws.scope = {display_name(p, base) for p in scoped} | {f.file for f in ws.findings}
        files = list(dict.fromkeys([*scoped, *discover(context, [], base)]))
    else:
        if not context:
            raise UsageError(
                f"no workspace here: none of {', '.join(settings.paths)} exists in {root} "
                "(pass files or folders, or run `journeymap init`)"
            )
        # no improvement action yet is a state, not a mistake
        files = discover(context, ws.findings, base, [root / name for name in OPTIONAL_FOLDERS])
    limits = yamlsafe.Limits(
        settings.limits.max_file_bytes, settings.limits.max_depth,
        settings.limits.max_expanded_nodes, settings.limits.max_expanded_bytes)
    if left_out:
        files = [path for path in files if path not in left_out]
    with paused_gc():
        for path in files:
            load_file(ws, path, limits)
    return ws
