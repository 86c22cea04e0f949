"""Finding: one problem at one place. Sortable and comparable, so tests compare lists of them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]


def format_path(path: tuple[Any, ...]) -> str:
    """`stages[0].touchpoints[2].target` from ('stages', 0, 'touchpoints', 2, 'target')."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int  # 1-based; 0 when the finding is about the whole file or folder
    column: int
    code: str
    message: str
    severity: Severity = field(default="error", compare=False)
    path: str = field(default="", compare=False)
    #: files whose failure to load may explain this finding (a reference into them): while
    #: one of them is broken, the finding is folded into that file's own error
    causes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    def named_from(self, base: Path, top: Path) -> str:
        """Its file (named relative to `base`) named from `top` instead, in `/` form, as CI
        systems and baselines know it; its whole path where it lies outside `top`."""
        path = Path(os.path.normpath(base / self.file))
        try:
            return path.relative_to(top).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class Summary:
    files: int
    errors: int
    warnings: int
    ignored: int = 0  # left out by ignore comments
    baselined: int = 0  # left out as known in the baseline
    fixed: int = 0  # baseline entries no longer found

    @classmethod
    def of(cls, findings: list[Finding], files: int, ignored: int = 0, baselined: int = 0,
           fixed: int = 0) -> Summary:
        errors = sum(1 for f in findings if f.severity == "error")
        return cls(files, errors, len(findings) - errors, ignored, baselined, fixed)

    @property
    def left_out(self) -> str:
        """What was not reported and why, said in every summary so nothing hides silently:
        "2 ignored by comments, 5 known in the baseline", or ""."""
        parts = [f"{self.ignored} ignored by comments" if self.ignored else "",
                 f"{self.baselined} known in the baseline" if self.baselined else "",
                 f"{self.fixed} baseline entries fixed (drop them: --update-baseline)"
                 if self.fixed else ""]
        return ", ".join(p for p in parts if p)
