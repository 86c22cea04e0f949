"""Complaints report formats: text, markdown, json, csv (one measure per row) and html.

All render the same ComplaintsReport and are deterministic (no timestamps, stable order).
"""

from __future__ import annotations

import csv
import io

from journeymap.complaints.report import Clock, ComplaintsReport, ParetoRow, Quarter
from journeymap.templating import number, percent
from journeymap.textsafe import code_fence, csv_cell, markdown, records_json, terminal

JSON_VERSION = 1
#: Pareto rows shown in text and markdown (JSON, CSV and HTML have all of them)
TOP = 8


def headline(report: ComplaintsReport) -> list[str]:
    lines = [f"{report.rows:,} complaints in {', '.join(report.files) or 'no register'}; "
             f"open ones aged on {report.as_of}"]
    lines += report.findings()
    return lines


def clock_text(name: str, c: Clock) -> str:
    if not c.count:
        return f"{name}: no times ({c.without} without)"
    within = f"{percent(c.within)} within {c.target}, " if c.within is not None else ""
    return (f"{name}: {within}median {number(c.median, 1)} {c.unit}, 90th percentile "
            f"{number(c.p90, 1)} {c.unit} ({c.count:,} timed, {c.without:,} without)")


def pareto_lines(title: str, rows: list[ParetoRow]) -> list[str]:
    if not rows:
        return []
    vital = [r for r in rows if r.vital]
    lines = [f"{title} (the {len(vital)} of {len(rows)} behind "
             f"{percent(vital[-1].cumulative)} of complaints marked *):"]
    lines += [f"  {'*' if r.vital else ' '} {r.count:>7,}  {percent(r.share):>4}  "
              f"{percent(r.cumulative):>4}  {r.key}" for r in rows[:TOP]]
    if len(rows) > TOP:
        lines.append(f"    ... {len(rows) - TOP} more")
    return lines


def quarter_lines(q: Quarter, by: str | None) -> list[str]:
    lines = [f"{q.period}: {q.count:,} complaints",
             "  by channel: " + ", ".join(f"{c} {n:,}" for c, n in q.channels),
             "  " + clock_text("acknowledged", q.acknowledge),
             "  " + clock_text("resolved", q.resolve),
             "  outcomes: " + ", ".join(f"{k} {v:,}" for k, v in q.outcomes.items())
             + (f"; resolved share {percent(q.resolved_share)} of those closed"
                if q.resolved_share is not None else "")]
    for title, rows in (("reasons", q.reasons), ("touchpoints", q.touchpoints),
                        (f"by {by}", q.by)):
        lines += ["  " + line for line in pareto_lines(title, rows)]
    if q.oldest_open:
        lines.append("  oldest open: " + "; ".join(
            f"{o['id']} ({o['channel']}, received {o['received']}, {o['age_days']} days)"
            for o in q.oldest_open))
    return lines


def _plain_lines(q: Quarter, by: str | None) -> list[str]:
    """A quarter's lines, each one line whatever the register's texts hold (a reason with a
    line break, a CR or an ESC is shown escaped, as journey text is)."""
    return [terminal(line) for line in quarter_lines(q, by)]


def to_text(report: ComplaintsReport) -> str:
    out = ["journeymap complaints report", *map(terminal, headline(report))]
    for q in report.quarters:
        out += ["", *_plain_lines(q, report.by_column)]
    return "\n".join(out) + "\n"


def to_markdown(report: ComplaintsReport) -> str:
    out = ["## journeymap complaints report", ""]
    out += [f"- {markdown(line)}" for line in headline(report)]
    for q in report.quarters:
        out += ["", f"### {markdown(q.period)}", "",
                *code_fence(_plain_lines(q, report.by_column))]
    return "\n".join(out) + "\n"


def _quarter_dict(q: Quarter) -> dict:
    def rows(items: list[ParetoRow]) -> list[dict]:
        return [{k: round(v, 9) if isinstance(v, float) else v for k, v in vars(r).items()}
                for r in items]

    return {"period": q.period, "complaints": q.count, "channels": dict(q.channels),
            "closed_channels": q.closed_channels, "acknowledge": vars(q.acknowledge),
            "resolve": vars(q.resolve), "outcomes": q.outcomes,
            "resolved_share": q.resolved_share, "reasons": rows(q.reasons),
            "touchpoints": rows(q.touchpoints), "by": rows(q.by),
            "oldest_open": q.oldest_open}


def to_json(report: ComplaintsReport) -> str:
    return records_json({
        "version": JSON_VERSION, "as_of": report.as_of, "files": report.files,
        "complaints": report.rows, "policy_channels": report.policy_channels,
        "by": report.by_column, "findings": report.findings(),
        "quarters": [_quarter_dict(q) for q in report.quarters]})


def to_csv(report: ComplaintsReport) -> str:
    """One measure per row (period, measure, key, value): a pivot table's input."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("period", "measure", "key", "value"))
    for q in report.quarters:
        rows: list[tuple[str, str, object]] = [("complaints", "", q.count)]
        rows += [("channel", c, n) for c, n in q.channels]
        for name, c in (("acknowledge", q.acknowledge), ("resolve", q.resolve)):
            rows += [(f"{name}_{k}", c.unit if k in ("median", "p90") else "", v)
                     for k, v in vars(c).items() if k not in ("target", "unit")]
        rows += [("outcome", k, v) for k, v in q.outcomes.items()]
        rows.append(("resolved_share", "", q.resolved_share))
        for measure, items in (("reason", q.reasons), ("touchpoint", q.touchpoints),
                               (f"by_{report.by_column}", q.by)):
            rows += [(measure, r.key, r.count) for r in items]
        for measure, key, value in rows:
            cell = round(value, 9) if isinstance(value, float) else value
            writer.writerow([q.period, measure, csv_cell(key), csv_cell(cell)])
    return buffer.getvalue()


def to_html(report: ComplaintsReport) -> str:
    from journeymap.templating import environment, render

    return render(environment(), "complaints-report.html.j2", report=report,
                  headline=headline(report))
