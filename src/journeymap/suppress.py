"""Findings a team has chosen not to fix yet: ignore comments in the YAML, and a baseline file.

Both let a large existing workspace adopt the gate without fixing everything first, and
neither hides anything silently: every run counts what each left out.

- `# journeymap: ignore[JM110]` at the end of a line leaves out findings of those codes on
  that line; on a line of its own, on the next line and everything indented under it (a
  touchpoint, a standard). Codes are required: a bare `ignore` would hide problems nobody
  has seen yet.
- A baseline (`validate --baseline FILE`) lists the findings known when it was written, keyed
  by file (from the workspace root), code and YAML path (or, for a finding with no path, its
  message), so moving lines keeps a finding known and a new one of the same code elsewhere is
  still reported. Each entry covers one finding: a second one at the same place is new.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from journeymap.findings import Finding

_IGNORE = re.compile(r"#\s*journeymap:\s*ignore\[([A-Za-z0-9_,\s]+)\]")
BASELINE_VERSION = 1


def _codes(text: str) -> set[str]:
    return {c.strip().upper() for c in text.split(",") if c.strip()}


def ignored_lines(text: str) -> dict[int, set[str]]:
    """Line number -> codes that ignore comments leave out there."""
    lines = text.splitlines()
    out: dict[int, set[str]] = {}
    for number, line in enumerate(lines, 1):
        match = _IGNORE.search(line)
        if not match:
            continue
        codes = _codes(match.group(1))
        if line[:match.start()].strip():  # after content: that line
            out.setdefault(number, set()).update(codes)
            continue
        for covered in _block_after(lines, number):  # on its own: the block that follows
            out.setdefault(covered, set()).update(codes)
    return out


def _block_after(lines: list[str], comment: int) -> list[int]:
    """The line after `comment` (1-based) holding content, and the lines indented deeper
    than it (its keys, its list's items)."""
    start = next((i for i in range(comment, len(lines))
                  if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    if start is None:
        return []
    indent = _indent(lines[start])
    block = [start + 1]
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and _indent(lines[i]) <= indent:
            break
        block.append(i + 1)
    return block


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def apply_ignores(findings: Iterable[Finding], texts: Mapping[str, str]
                  ) -> tuple[list[Finding], int]:
    """(the findings no ignore comment leaves out, how many were left out)."""
    by_file: dict[str, dict[int, set[str]]] = {}
    kept, left_out = [], 0
    for finding in findings:
        if finding.file not in by_file:
            by_file[finding.file] = ignored_lines(texts.get(finding.file, ""))
        if finding.code in by_file[finding.file].get(finding.line, ()):
            left_out += 1
        else:
            kept.append(finding)
    return kept, left_out


@dataclass(frozen=True)
class Baseline:
    """The findings known when the baseline was written, as keys with counts."""

    known: Counter[tuple[str, str, str]]

    @staticmethod
    def key(finding: Finding, root: Path, base: Path) -> tuple[str, str, str]:
        return finding.named_from(base, root), finding.code, finding.path or finding.message

    @classmethod
    def of(cls, findings: Iterable[Finding], root: Path, base: Path) -> Baseline:
        return cls(Counter(cls.key(f, root, base) for f in findings))

    @classmethod
    def parse(cls, text: str) -> Baseline:
        """ValueError when the text is not a baseline journeymap wrote."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION \
                or not isinstance(data.get("findings"), list):
            raise ValueError(f"not a journeymap baseline (version {BASELINE_VERSION})")
        known: Counter[tuple[str, str, str]] = Counter()
        for entry in data["findings"]:
            if not isinstance(entry, dict) or not all(
                    isinstance(entry.get(k), str) for k in ("file", "code", "at")):
                raise ValueError("each finding needs `file`, `code` and `at` as text")
            known[(entry["file"], entry["code"], entry["at"])] += 1
        return cls(known)

    def text(self) -> str:
        """Sorted, one finding per entry: the same findings give the same bytes."""
        entries = [{"file": f, "code": c, "at": a}
                   for (f, c, a), n in sorted(self.known.items()) for _ in range(n)]
        return json.dumps({"version": BASELINE_VERSION, "findings": entries}, indent=2,
                          ensure_ascii=False) + "\n"

    def apply(self, findings: Iterable[Finding], root: Path, base: Path
              ) -> tuple[list[Finding], int, int]:
        """(the findings it does not know, how many it knew, its entries no longer found:
        fixed, and worth dropping with --update-baseline)."""
        left = Counter(self.known)
        kept, known = [], 0
        for finding in findings:
            key = self.key(finding, root, base)
            if left[key] > 0:
                left[key] -= 1
                known += 1
            else:
                kept.append(finding)
        return kept, known, sum(left.values())
