"""Settings from journeymap.toml or [tool.journeymap] in pyproject.toml.

The workspace root is the nearest folder, from the current one upwards, holding either file
(stopping at a git root); without one, the current folder with defaults.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from journeymap import codes
from journeymap.errors import ConfigError
from journeymap.inputs import InputProblem, read_bounded

#: settings files are small; a larger one is refused before it is read
MAX_SETTINGS_BYTES = 1 << 20

RuleLevel = Literal["error", "warning", "off"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LimitSettings(_Strict):
    """Bounds on every input, so that no file can hang a run or exhaust memory (README)."""

    max_file_bytes: int = Field(5 * 1024 * 1024, gt=0)
    max_depth: int = Field(64, gt=0, le=1_000)
    max_expanded_nodes: int = Field(200_000, gt=0)
    max_expanded_bytes: int = Field(10 * 1024 * 1024, gt=0)
    max_csv_bytes: int = Field(64 * 1024 * 1024, gt=0)
    max_diagram_elements: int = Field(10_000, gt=0)
    max_diagram_labelled_edges: int = Field(400, gt=0)


class ComplaintModel(_Strict):
    """Inputs of the revenue-at-risk estimate (docs/gaps.md cites where the defaults come from)."""

    problem_share: float = Field(0.05, ge=0, le=1)
    complain_share: float = Field(0.04, ge=0, le=1)
    resolved_share: float = Field(0.60, ge=0, le=1)
    loyalty_resolved: float = Field(0.70, ge=0, le=1)
    loyalty_unresolved: float = Field(0.46, ge=0, le=1)
    loyalty_silent: float = Field(0.37, ge=0, le=1)


class Settings(_Strict):
    paths: list[str] = Field(default_factory=lambda: ["journeys", "standards"])
    actuals: list[str] = Field(default_factory=lambda: ["actuals"])
    surveys: list[str] = Field(default_factory=lambda: ["surveys"])
    currency: str = "EUR"
    units: list[str] = Field(default_factory=list)
    survey_scale: tuple[float, float] = (1, 7)
    rules: dict[str, RuleLevel] = Field(default_factory=dict)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    complaint_model: ComplaintModel = Field(default_factory=ComplaintModel)


def find_root(start: Path) -> tuple[Path, Path | None]:
    """(workspace root, settings file or None)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "journeymap.toml"
        if candidate.is_file():
            return folder, candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and re.search(
            rb"^\[tool\.journeymap", _read(pyproject, b""), re.MULTILINE
        ):
            return folder, pyproject
        if (folder / ".git").exists():
            break
    return start, None


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
        data = tomllib.loads(_read(path).decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: cannot read settings: not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        data = tool.get("journeymap", {}) if isinstance(tool, dict) else {}
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"{path}: invalid settings: {problems}") from None
    unknown = sorted(set(settings.rules) - set(codes.ALL))
    if unknown:
        raise ConfigError(f"{path}: [rules] names unknown code {unknown[0]!r}")
    return settings
