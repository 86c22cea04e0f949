"""GitHub Actions workflow commands: `::error file=..,line=..,col=..,title=..::message`.

Data needs `%`, CR and LF escaped; properties also `:` and `,`. GitHub shows only the first
10 error annotations of a step, so a summary line follows with the full count.
"""

from __future__ import annotations

from journeymap.reporters import Report


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    out = []
    for f in report.findings:
        props = [f"file={_property(report.ci_path(f))}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={_property(f.code)}")
        out.append(f"::{f.severity} {','.join(props)}::{_data(f.message)}")
    s = report.summary
    left_out = f" ({s.left_out})" if s.left_out else ""
    out.append(f"journeymap: {s.errors} error(s), {s.warnings} warning(s) in {s.files} file(s)"
               f"{left_out}")
    return "\n".join(out) + "\n"
