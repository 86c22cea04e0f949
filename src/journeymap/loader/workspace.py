"""Assemble a Workspace from paths: discover files, load each safely, validate its shape.

One bad file never hides the others: every file's problems become Findings and loading goes
on. Files named on the command line are the *scope* (what is reported); the workspace's own
folders are always loaded as *context*, so a journey checked alone in pre-commit still
resolves its teams, personas and library standards.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from yaml.nodes import Node

from journeymap.config import Settings
from journeymap.errors import UsageError
from journeymap.findings import Finding, format_path
from journeymap.inputs import InputProblem, read_bounded, walk
from journeymap.loader import yamlsafe
from journeymap.loader.shape import shape_findings
from journeymap.model import (
    LIBRARY_KEYS,
    ComplaintPolicy,
    Journey,
    Library,
    LibraryStandard,
    Persona,
    Team,
)

T = TypeVar("T")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class SourceFile:
    """One file as loaded: its display name and text; its node tree on demand, for positions.

    Node trees are not kept after loading: for a large workspace they cost more memory than
    the data itself. Only a file that has a finding is composed again, once.
    """

    path: Path
    name: str
    text: str = ""
    parsed: bool = False  # loaded as YAML: positions can be looked up
    _root: Node | None = field(default=None, repr=False)

    @property
    def root(self) -> Node | None:
        if self._root is None and self.parsed:
            self._root = yamlsafe.compose(self.text)
        return self._root

    def locate(self, path: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
        return yamlsafe.locate(self.root, path, at_key)

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


@dataclass
class Workspace:
    root: Path
    settings: Settings
    settings_file: Path | None = None
    files: list[SourceFile] = field(default_factory=list)
    journeys: list[Entry[Journey]] = field(default_factory=list)
    teams: list[Entry[Team]] = field(default_factory=list)
    personas: list[Entry[Persona]] = field(default_factory=list)
    standards: list[Entry[LibraryStandard]] = field(default_factory=list)
    complaints: list[Entry[ComplaintPolicy]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: display names of the files to report on; None means all.
    scope: set[str] | None = None
    #: lookups by id, built on first use (see `_index`)
    indexes: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    #: every applied standard, resolved once (see `resolve.applied_standards`)
    applied: list[Any] | None = field(default=None, repr=False)

    def team(self, team_id: str | None) -> Team | None:
        return self._index("teams").get(team_id) if team_id else None

    def persona(self, persona_id: str) -> Persona | None:
        return self._index("personas").get(persona_id)

    def library_standard(self, standard_id: str) -> LibraryStandard | None:
        return self._index("standards").get(standard_id)

    def journey(self, journey_id: str) -> Journey | None:
        return self._index("journeys").get(journey_id)

    def _index(self, name: str) -> dict[str, Any]:
        """The first entry of each id in `name` (duplicates are rule JM101's business)."""
        if name not in self.indexes:
            index: dict[str, Any] = {}
            for entry in getattr(self, name):
                index.setdefault(entry.item.id, entry.item)
            self.indexes[name] = index
        return self.indexes[name]

    def input_paths(self) -> list[Path]:
        """Every file this workspace was read from: no output may overwrite one."""
        return [*(f.path for f in self.files), *filter(None, [self.settings_file])]

    @property
    def complaint_policy(self) -> Entry[ComplaintPolicy] | None:
        return self.complaints[0] if self.complaints else None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic structures.

    Loading, checking and rendering a large workspace allocate millions of objects that stay
    alive; each automatic collection rescans them all, which more than doubled load time in
    bench/validate.py. Nothing built here forms reference cycles, and reference counting still
    frees everything, so nothing leaks while the collector waits.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def display_name(path: Path) -> str:
    """The file's path relative to the current folder (absolute outside it), symlinks resolved.

    os.path.realpath rather than Path.resolve: it does not raise on a symlink loop.
    """
    real, here = os.path.realpath(path), os.path.realpath(Path.cwd())
    return Path(os.path.relpath(real, here)).as_posix() if real.startswith(here + os.sep) \
        else Path(real).as_posix()


def discover(paths: Iterable[Path], findings: list[Finding]) -> list[Path]:
    """YAML files under `paths`, in a stable order; a folder without any is a finding.

    A named path that exists but is not a folder is taken as a file whatever it is (a pipe, a
    device, a symlink loop): reading it turns that into a finding instead of a hang.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            files, unlisted = walk(path, YAML_SUFFIXES)
            findings.extend(Finding(display_name(folder), 0, 0, "JM006", why)
                            for folder, why in unlisted)
            if not files and not unlisted:
                findings.append(
                    Finding(display_name(path), 0, 0, "JM006", "no YAML files (*.yaml, *.yml) here")
                )
            found.update(dict.fromkeys(Path(os.path.realpath(f)) for f in files))
        elif os.path.lexists(path):
            found[Path(os.path.realpath(path))] = None
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(found)


def _add_library(ws: Workspace, library: Library, source: SourceFile) -> None:
    for name in ("teams", "personas", "standards"):
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


def load_file(ws: Workspace, path: Path, limits: yamlsafe.Limits) -> None:
    """Load one file into the workspace; every problem becomes a Finding."""
    source = SourceFile(path, display_name(path))
    ws.files.append(source)
    try:
        raw = read_bounded(path, limits.max_file_bytes, "limits.max_file_bytes")
        source.text, data = yamlsafe.load(raw, limits)
        source.parsed = data is not yamlsafe.EMPTY
    except InputProblem as problem:
        code = "JM004" if problem.too_large else "JM006"
        ws.findings.append(Finding(source.name, 0, 0, code, problem.message))
        return
    except yamlsafe.YamlProblem as problem:
        if problem.code != "JM004" or problem.line:
            source.text = raw[: 1 << 20].decode("utf-8", "replace").removeprefix("\ufeff")
        ws.findings.append(
            Finding(source.name, problem.line, problem.column, problem.code, problem.message)
        )
        return
    if not source.parsed:
        ws.findings.append(Finding(source.name, 0, 0, "JM006", "file is empty"))
        return
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
                "JM006",
                "neither a journey (no `stages:`) nor a library file (none of "
                + ", ".join(f"`{key}:`" for key in LIBRARY_KEYS)
                + ")",
            )
        ]
    ws.findings.extend(problems)


def load_workspace(
    root: Path, settings: Settings, paths: list[Path] | None = None,
    settings_file: Path | None = None,
) -> Workspace:
    """Load the workspace under `root`, reporting on `paths` (all of it when None)."""
    ws = Workspace(root=root, settings=settings, settings_file=settings_file)
    context = [root / p for p in settings.paths if (root / p).exists()]
    if paths:
        scoped = discover(paths, ws.findings)
        ws.scope = {display_name(p) for p in scoped} | {f.file for f in ws.findings}
        files = list(dict.fromkeys([*scoped, *discover(context, [])]))
    else:
        if not context:
            raise UsageError(
                f"no workspace here: none of {', '.join(settings.paths)} exists in {root} "
                "(pass files or folders, or run `journeymap init`)"
            )
        files = discover(context, ws.findings)
    limits = yamlsafe.Limits(
        settings.limits.max_file_bytes, settings.limits.max_depth,
        settings.limits.max_expanded_nodes, settings.limits.max_expanded_bytes)
    with paused_gc():
        for path in files:
            load_file(ws, path, limits)
    return ws


def iter_touchpoints(ws: Workspace) -> Iterator[tuple[Entry[Journey], Any, Any, tuple[Any, ...]]]:
    """(journey entry, stage, touchpoint, path of the touchpoint) for every touchpoint."""
    for entry in ws.journeys:
        for si, stage, ti, tp in entry.item.touchpoints():
            yield entry, stage, tp, ("stages", si, "touchpoints", ti)


def open_workspace(paths: list[Path] | None = None) -> Workspace:
    """The workspace around the current folder, with its settings, reporting on `paths`."""
    from journeymap.config import find_root, load_settings

    root, settings_file = find_root(Path.cwd())
    return load_workspace(root, load_settings(settings_file), paths or None, settings_file)
