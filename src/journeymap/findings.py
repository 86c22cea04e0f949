"""Finding: one problem at one place. Sortable and comparable, so tests compare lists of them."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class Summary:
    files: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, findings: list[Finding], files: int) -> Summary:
        errors = sum(1 for f in findings if f.severity == "error")
        return cls(files=files, errors=errors, warnings=len(findings) - errors)
