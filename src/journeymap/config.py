"""Settings from journeymap.toml or [tool.journeymap] in pyproject.toml.

The workspace root is the nearest folder, from the current one upwards, holding either file
or the default folders side by side (journeys/ and standards/), stopping at a git root. Run
from the top of a repository whose one workspace lives in a sub-folder (a monorepo's `cx/`),
it is the folder of that sub-folder's journeymap.toml; `--root` names it outright. Without
any, the current folder with defaults.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from journeymap import codes, inputs
from journeymap.errors import ConfigError, UsageError
from journeymap.hints import did_you_mean
from journeymap.inputs import InputProblem, read_bounded

#: settings files are small; a larger one is refused before it is read
MAX_SETTINGS_BYTES = 1 << 20

#: where journeys, the library and the improvement actions live, by default
WORKSPACE_FOLDERS = ("journeys", "standards", "actions", "sources")
#: of those, the folders that may be empty (or absent)
OPTIONAL_FOLDERS = ("actions", "sources")
RuleLevel = Literal["error", "warning", "off"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EngineSettings(_Strict):
    """Where `journeymap measure` runs and within what (docs/measures.md)."""

    backend: Literal["duckdb", "spark"] = "duckdb"
    memory_limit: str = Field("2GB", pattern=r"^[1-9][0-9]{0,4}(MB|GB)$",
                              description="DuckDB's memory limit (and the Spark driver's).")
    threads: int = Field(2, ge=1, le=256)


class LimitSettings(_Strict):
    """Bounds on every input, so that no file can hang a run or exhaust memory
    (docs/settings.md)."""

    max_file_bytes: int = Field(5 * 1024 * 1024, gt=0)
    max_depth: int = Field(64, gt=0, le=1_000)
    max_expanded_nodes: int = Field(200_000, gt=0)
    max_expanded_bytes: int = Field(10 * 1024 * 1024, gt=0)
    max_csv_bytes: int = Field(64 * 1024 * 1024, gt=0)
    #: the complaints register is read as a stream: its size costs time, not memory
    max_register_bytes: int = Field(4 * 1024 * 1024 * 1024, gt=0)
    max_diagram_elements: int = Field(10_000, gt=0)
    max_diagram_labelled_edges: int = Field(400, gt=0)


class ComplaintModel(_Strict):
    """Inputs of the revenue-at-risk estimate (docs/gaps.md cites where the defaults come from)."""

    baseline_loyalty: float = Field(0.90, ge=0, le=1)
    problem_share: float = Field(0.05, ge=0, le=1)
    complain_share: float = Field(0.04, ge=0, le=1)
    resolved_share: float = Field(0.60, ge=0, le=1)
    loyalty_resolved: float = Field(0.70, ge=0, le=1)
    loyalty_unresolved: float = Field(0.46, ge=0, le=1)
    loyalty_silent: float = Field(0.37, ge=0, le=1)


class Settings(_Strict):
    paths: list[str] = Field(default_factory=lambda: list(WORKSPACE_FOLDERS))
    actuals: list[str] = Field(default_factory=lambda: ["actuals"])
    surveys: list[str] = Field(default_factory=lambda: ["surveys"])
    complaints: list[str] = Field(default_factory=lambda: ["complaints"])
    customers: list[str] = Field(default_factory=lambda: ["customers"])
    currency: str | None = Field(None, max_length=12, description="The currency of customers' "
                                 "annual_value; none: amounts are shown without one.")
    docs_url: str | None = Field(
        None, pattern=r"^https?://[^\s]+$", max_length=500,
        description="Where your team serves journeymap's documentation site (it builds with "
        "mkdocs): SARIF results link each rule's page there.")
    units: list[str] = Field(default_factory=list)
    survey_scale: tuple[float, float] = (1, 7)
    rules: dict[str, RuleLevel] = Field(default_factory=dict)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    engine: EngineSettings = Field(default_factory=EngineSettings)
    complaint_model: ComplaintModel = Field(default_factory=ComplaintModel)


def find_root(start: Path, root: Path | None = None) -> tuple[Path, Path | None]:
    """(workspace root, settings file or None): `root` when given, else found from `start`."""
    if root is not None:
        if not inputs.is_dir(root):
            raise UsageError(f"--root {root}: no such folder")
        folder = Path(inputs.realpath(root))
        return folder, _settings_in(folder)
    start = Path(inputs.realpath(start))
    for folder in (start, *start.parents):
        settings = _settings_in(folder)
        if settings is not None:
            return folder, settings
        if all(inputs.is_dir(folder / name) for name in WORKSPACE_FOLDERS[:2]):
            return folder, None  # journeys/ and standards/ side by side: a workspace
        if inputs.exists(folder / ".git"):
            if folder == start:
                return _nested(start)
            break
    return start, None


def repository_top(folder: Path) -> Path | None:
    """The top of the git repository holding `folder`, if any: CI systems name files from
    there."""
    for each in (folder, *folder.parents):
        if inputs.exists(each / ".git"):
            return each
    return None


def _settings_in(folder: Path) -> Path | None:
    candidate = folder / "journeymap.toml"
    if inputs.is_file(candidate):
        return candidate
    pyproject = folder / "pyproject.toml"
    if inputs.is_file(pyproject) and re.search(
        rb"^\[tool\.journeymap", _read(pyproject, b""), re.MULTILINE
    ):
        return pyproject
    return None


#: folders never searched for a monorepo's workspace
_NOT_SEARCHED = ("node_modules", "venv", "site-packages", "__pycache__")


def _nested(top: Path, depth: int = 3) -> tuple[Path, Path | None]:
    """The one workspace (its journeymap.toml) in a sub-folder of the repository top `top`,
    at most `depth` folders down; several are misuse (which one is meant?)."""
    found: list[Path] = []
    level = [top]
    for _ in range(depth):
        level = [folder / name for folder in level for name in inputs.folders(folder)
                 if name not in _NOT_SEARCHED]
        found += [f / "journeymap.toml" for f in level if inputs.is_file(f / "journeymap.toml")]
    if len(found) > 1:
        names = ", ".join(f.parent.relative_to(top).as_posix() + "/" for f in found)
        raise UsageError(f"this repository holds several workspaces ({names}): pass --root "
                         "with the one to use")
    return (found[0].parent, found[0]) if found else (top, None)


def _read(path: Path, fallback: bytes | None = None) -> bytes:
    """A settings file's bytes; ConfigError when it cannot be read (or `fallback`)."""
    try:
        return read_bounded(path, MAX_SETTINGS_BYTES, "a settings file's size")
    except InputProblem as problem:
        if fallback is not None:
            return fallback
        raise ConfigError(f"{path}: cannot read settings: {problem}") from None


def load_settings(path: Path | None) -> Settings:
    if path is None:
        return Settings()
    try:
        text = _read(path).decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: cannot read settings: not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        prefix = ("tool", "journeymap")
        tool = data.get("tool")
        data = tool.get("journeymap", {}) if isinstance(tool, dict) else {}
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = tuple(str(p) for p in err["loc"])
        raise ConfigError(f"{path}:{_line_of(text, (*prefix, *loc))}: "
                          f"{_problem(err, loc)}") from None
    unknown = sorted(set(settings.rules) - set(codes.ALL))
    if unknown:
        hint = did_you_mean(unknown[0], codes.ALL) or " (see `journeymap rules`)"
        raise ConfigError(f"{path}:{_line_of(text, (*prefix, 'rules', unknown[0]))}: "
                          f"[rules] names unknown code {unknown[0]!r}{hint}")
    return settings


def _problem(err: dict, loc: tuple[str, ...]) -> str:
    """A settings error in the settings' own words, with "did you mean" for a key."""
    where = ".".join(loc) or "settings"
    if err["type"] == "extra_forbidden":
        model: type[BaseModel] = Settings
        for part in loc[:-1]:
            annotation = model.model_fields[part].annotation if part in model.model_fields \
                else None
            model = annotation if isinstance(annotation, type) and \
                issubclass(annotation, BaseModel) else Settings
        known = list(model.model_fields)
        hint = did_you_mean(loc[-1], known) or f"; known: {', '.join(known)}"
        return f"unknown setting {where!r}{hint}"
    return f"{where}: {err['msg'][0].lower()}{err['msg'][1:]}"


def _line_of(text: str, loc: tuple[str, ...]) -> int:
    """The line of a setting in TOML text: its `key =` line in its table (else the table's
    header, else 1). Enough for the flat settings file; no TOML parser gives positions."""
    lines = text.splitlines()
    table, key = loc[:-1], loc[-1] if loc else ""
    current: tuple[str, ...] = ()
    header_line = 1
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        header = re.match(r"^\[([^\[\]]+)\]", stripped)
        if header:
            current = tuple(part.strip().strip('"') for part in header.group(1).split("."))
            if current == table:
                header_line = number
            continue
        if current == table and re.match(rf"^[\"']?{re.escape(key)}[\"']?\s*=", stripped):
            return number
        if current == table[:-1] and table and re.match(
                rf"^{re.escape(table[-1])}\s*=", stripped):
            return number  # an inline table: `limits = {{...}}`
    return header_line
