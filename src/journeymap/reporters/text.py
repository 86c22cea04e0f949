"""Human output: `file:line:col: CODE message`, the source line with a caret, a summary."""

from __future__ import annotations

from journeymap.reporters import Report
from journeymap.textsafe import terminal

_STYLES = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "dim": "2", "green": "32"}


def _style(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if color else text


def _snippet(lines: list[str], line: int, column: int, color: bool) -> list[str]:
    if not 1 <= line <= len(lines):
        return []
    source = terminal(lines[line - 1].replace("\t", " "))
    if len(source) > 160:
        start = max(0, column - 80)
        source, column = source[start : start + 160], column - start
    gutter = f"{line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^"
    return [_style(gutter, "dim", color) + source, _style(caret, "red", color)]


def render(report: Report) -> str:
    color, out = report.color, []
    lines: dict[str, list[str]] = {}  # each source split once: linear in findings
    for finding in report.findings:
        if report.quiet and finding.severity != "error":
            continue
        level = _style(finding.severity, "red" if finding.severity == "error" else "yellow", color)
        out.append(
            f"{_style(terminal(finding.location), 'bold', color)}: "
            f"{_style(finding.code, 'cyan', color)} {level}: {terminal(finding.message)}"
        )
        if finding.line and not report.quiet:
            if finding.file not in lines:
                lines[finding.file] = report.sources.get(finding.file, "").splitlines()
            out.extend(_snippet(lines[finding.file], finding.line, finding.column, color))
    s = report.summary
    left_out = f" ({s.left_out})" if s.left_out else ""
    if s.errors or s.warnings:
        counts = f"{s.errors} error{'s' * (s.errors != 1)}, " \
            f"{s.warnings} warning{'s' * (s.warnings != 1)}"
        out.append(_style(f"Found {counts} in {s.files} file{'s' * (s.files != 1)}"
                          f"{left_out}.", "bold", color))
    elif not report.quiet or left_out:
        out.append(_style(f"All clear: {s.files} file{'s' * (s.files != 1)} checked"
                          f"{left_out}.", "green", color))
    return "\n".join(out) + ("\n" if out else "")
