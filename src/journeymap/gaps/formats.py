"""Gap report output formats: text (rich), markdown (for pull requests), json, csv, html.

A new format is a function here and one line in journeymap.gaps.FORMATS.

Every format renders the same GapReport; all are deterministic (no timestamps, stable order).
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator

from journeymap.gaps.report import GAP_TITLES, GapFinding, GapReport
from journeymap.gaps.revenue import BASES
from journeymap.statuses import StandardStatus
from journeymap.templating import money, number, percent
from journeymap.textsafe import csv_cell, json_lines, markdown, terminal
from journeymap.trendline import spark_text

JSON_VERSION = 2
CSV_COLUMNS = ("gap_number", "gap", "kind", "journey", "touchpoint", "standard", "team",
               "team_name", "moment_of_truth", "actual", "target", "miss", "miss_share", "sample",
               "low", "high", "certainty", "signal", "revenue_at_risk", "revenue_basis",
               "not_costed", "actions", "message")
ACTION_COLUMNS = ("action", "owner", "status", "due", "verdict", "evidence")


def headline(report: GapReport) -> list[str]:
    total = len(report.statuses)
    met = sum(s.status == "met" for s in report.statuses)
    missed = sum(s.status == "missed" for s in report.statuses)
    share = (f"{percent(report.met_share)} of measured standards met"
             if report.met_share is not None else "none measured yet")
    noise = sum(s.status == "missed" and s.within_noise for s in report.statuses)
    lines = [
        f"Period {report.period or '(no actuals)'}: {total} standards, {met} met, {missed} "
        f"missed{f' ({noise} within noise)' if noise else ''}, {total - met - missed} without "
        f"data ({share})",
        f"Missed moments of truth: {report.missed_moment_count} of {report.moment_count}. "
        f"Revenue at risk: {_total(report)}.",
        "Findings by section: " + ", ".join(f"{name} {n}" for name, n in report.counts().items()),
    ]
    if report.unassessed:
        count = len(report.unassessed)
        lines.append(f"Gap 1 not assessed for {count} customer expectation{'s' * (count != 1)}: "
                     "no standard measuring them records `assumed_expectation` (what we "
                     "believed customers expect)")
    if report.actions or report.unplanned_misses:
        verdicts = {v: sum(r.verdict == v for r in report.actions)
                    for v in dict.fromkeys(r.verdict for r in report.actions)}
        unplanned = report.unplanned_misses
        at_moments = sum(f.moment_of_truth for f in unplanned)
        lines.append(f"Improvement actions on {report.as_of}: {len(report.actions)} ("
                     + ", ".join(f"{n} {v}" for v, n in verdicts.items())
                     + f"); misses with no open action: {len(unplanned)} ({at_moments} at "
                     "moments of truth)")
    if report.unmeasured_period:
        lines.insert(0, f"Warning: no actuals for {report.period or 'any period'}: every "
                     "standard is without data (check --period and the actuals files)")
    return lines


def _total(report: GapReport) -> str:
    """`EUR 3,111,099 a year: EUR 0 measured, ... declared, ... assumed; ... with TARP's
    large-loss loyalty`, or why it is not computed."""
    revenue = report.revenue
    total = revenue.get("total")
    if total is None:
        return f"not computed ({revenue.get('not_computed') or 'no customer figures'})"
    currency = report.currency
    parts = revenue.get("basis") or {}
    split = ", ".join(f"{money(parts.get(b, 0), currency)} {b}" for b in BASES)
    inputs = revenue.get("inputs", {})
    resolved = inputs.get("resolved_share_basis")
    text = (f"{money(total, currency)} a year ({split}; "
            f"{money(revenue.get('total_large_loss'), currency)} with TARP's large-loss "
            f"loyalty); resolved share {percent(inputs.get('resolved_share'))} {resolved}")
    return text + ("" if currency else "; no currency set (`currency` in journeymap.toml)")


def revenue_rows(report: GapReport) -> list[list[str]]:
    """journey, customers, with a problem, lost, value, at risk, basis: one row per journey,
    then its touchpoints indented, whose figures add up to the journey's."""
    rows = []
    currency = report.currency
    for j in report.revenue.get("journeys", []):
        if j["at_risk"] is None:
            rows.append([j["journey"], number(j["customers"], 0), "-", "-",
                         money(j["annual_value"], currency),
                         f"not computed: {j['not_computed']}", "-"])
            continue
        parts = {b: v for b, v in j["basis"].items() if v}
        rows.append([j["journey"], number(j["customers"], 0),
                     f"{number(j['customers_with_a_problem'], 0)} "
                     f"({j['share_with_a_problem'] * 100:.1f}%)",
                     number(j["customers_lost"], 0), money(j["annual_value"], currency),
                     money(j["at_risk"], currency),
                     ", ".join(parts) if parts else "-"])
        for t in j["touchpoints"]:
            reach = f"reach {percent(t['reach'])}" + (" assumed" if t["reach_basis"] ==
                                                       "assumed" else "")
            rows.append([f"  {t['touchpoint']}", reach,
                         f"P {t['P'] * 100:.1f}%" + (", complaint" if t["complaint"] else ""),
                         "", "", money(t["at_risk"], currency), t["basis"]])
    return rows


def not_costed_lines(report: GapReport) -> list[str]:
    """`standard: why`, for each standard of the period that is not costed."""
    return [f"{n['standard']}: {n['why']}" for n in report.revenue.get("not_costed", [])]


REVENUE_COLUMNS = ("journey / touchpoint", "customers (N)", "with a problem", "lost",
                   "value (V)", "at risk", "basis")


def where(finding: GapFinding) -> str:
    return f"{finding.journey}/{finding.touchpoint}" if finding.touchpoint else finding.journey


def plan_lines(report: GapReport, finding: GapFinding) -> list[str]:
    """Under a miss: its chart as a sparkline with its limits, what the miss asks for
    (routine or special cause), then its open actions or "no action"."""
    if finding.kind not in ("missed", "outcome-missed"):
        return []
    status = report.status_of(finding.standard)
    lines = []
    if status and len(status.history) > 1:
        lines.append(chart_line(status))
    if status and status.reading:
        lines.append(status.reading)
    lines += [f"action: {report.action_summaries[a]}" for a in finding.actions or ()] \
        or ["no action"]
    return lines


def chart_line(status: StandardStatus) -> str:
    """`chart ▃▅▂▇ 2026-01 to 2026-09, limits 6.51–9.49 (provisional)`."""
    first, last = status.history[0][0], status.history[-1][0]
    values = [v for _, v in status.history]
    limits = status.chart.limits if status.chart else None
    text = f"chart {spark_text(values)} {first} to {last}"
    if limits is not None:
        text += (f", limits {number(limits.lower, 2)}–{number(limits.upper, 2)}"
                 + (" (provisional)" if limits.provisional else ""))
    return text


def action_rows(report: GapReport) -> list[list[str]]:
    return [[f'{r.action.id} "{r.action.title}"', r.owner_label, r.action.status,
             str(r.action.due or "-"), r.verdict, r.evidence] for r in report.actions]


def to_text(report: GapReport, color: bool = False, width: int | None = None) -> str:
    """Tables as wide as COLUMNS says, else the terminal when printing to one, else 120
    columns (at least 80), so a file written twice the same way is the same."""
    if width is None:
        width = max(80, shutil.get_terminal_size((120, 24)).columns)
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    def cell(value: object) -> Text:  # a Text is never read as rich markup
        return Text(terminal(value))

    def findings_table(title: str, what: str) -> Table:
        # Where and who share a column, so the finding keeps its room at 80 columns.
        table = Table(title=title, title_justify="left", expand=True)
        table.add_column("journey / touchpoint / team", ratio=2, overflow="fold", min_width=24)
        table.add_column(what, ratio=3, overflow="fold")
        return table

    def finding_text(f: GapFinding) -> Text:
        """The message, then (dimmed) the chart, the reading and the actions of a miss."""
        return Text("\n").join([cell(f.message), *(Text(terminal(line), style="dim")
                                                   for line in plan_lines(report, f))])

    def where_and_who(f: GapFinding, mark: str = "") -> Text:
        lines = [cell(f.journey), *([cell(mark + f.touchpoint)] if f.touchpoint else []),
                 Text(f"team: {terminal(f.team_label)}", style="dim")]
        return Text("\n").join(lines)

    console = Console(file=io.StringIO(), width=width, color_system="standard" if color else None,
                      force_terminal=color, highlight=False, emoji=False)
    console.print("[bold]journeymap gap report[/bold]")
    for line in headline(report):
        console.print(cell(line))
    if report.missed_moments:
        table = findings_table("Missed moments of truth", "missed")
        for misses in report.moments_missed():
            table.add_row(where_and_who(misses[0]),
                          Text("\n").join(finding_text(f) for f in misses))
        console.print()
        console.print(table)
    for name, items in report.by_gap().items():
        if not items:
            continue
        with_risk = any(f.revenue_at_risk for f in items)
        table = findings_table(f"{GAP_TITLES[name]} ({len(items)})", "finding")
        if with_risk:
            table.add_column("at risk", justify="right", min_width=12, no_wrap=True)
        for f in items:
            cells = [where_and_who(f, "▲ " if f.moment_of_truth else ""), finding_text(f)]
            if with_risk:
                cells.append(cell(money(f.revenue_at_risk, report.currency)
                                  if f.revenue_at_risk else ""))
            table.add_row(*cells, style="bold red" if f.missed_moment else None)
        console.print()
        console.print(table)
    if report.actions:
        table = Table(title=f"Improvement actions on {report.as_of} (plan-do-check-act)",
                      title_justify="left", expand=True)
        for column, ratio in zip(ACTION_COLUMNS, (3, 2, 0, 0, 2, 4), strict=True):
            table.add_column(column, ratio=ratio or None, overflow="fold", no_wrap=not ratio)
        for row in action_rows(report):
            table.add_row(*map(cell, row))
        console.print()
        console.print(table)
    overall = [d for d in report.dimensions if d.touchpoint is None]
    if overall:
        wave = f", survey wave {overall[0].wave}" if overall[0].wave else ""
        table = Table(title=f"Perceived service by SERVQUAL dimension (worst first{wave})",
                      title_justify="left")
        changes = any(d.change is not None for d in overall)
        for column in ("dimension", "expectation", "perception", "gap", "respondents",
                       *(["change since the last wave"] if changes else [])):
            table.add_column(column, justify="left" if column == "dimension" else "right")
        for d in overall:
            change = [f"{d.change:+.2f}" if d.change is not None else "-"] if changes else []
            table.add_row(cell(d.dimension), number(d.expectation), number(d.perception),
                          f"{d.gap:+.2f}", str(d.respondents), *change)
        console.print()
        console.print(table)
    console.print()
    table = Table(title="Revenue at risk, per journey (touchpoint rows add up to it)",
                  title_justify="left", expand=True)
    for column in REVENUE_COLUMNS:
        first = column.startswith("journey")
        table.add_column(column, justify="left" if first else "right", overflow="fold",
                         min_width=22 if first else None, ratio=2 if first else 1)
    for row in revenue_rows(report):
        table.add_row(*map(cell, row))
    console.print(table)
    console.print(cell(f"Revenue at risk: {_total(report)}"))
    if report.revenue.get("not_costed"):
        console.print("Not costed:")
        for line in not_costed_lines(report):
            console.print(Text("  ") + cell(line))
    console.print(cell(f"How: {report.revenue.get('formula', '')}; inputs: " + ", ".join(
        f"{k} {v}" for k, v in report.revenue.get("inputs", {}).items())))
    return console.file.getvalue()  # type: ignore[attr-defined]


def to_markdown(report: GapReport, color: bool = False) -> str:
    out = ["## journeymap gap report", ""]
    out += [f"- {markdown(line)}" for line in headline(report)]
    out.append("")
    if report.missed_moments:
        out += ["**Missed moments of truth**", "", "| Where | Team | Missed |", "|---|---|---|"]
        out += [f"| {markdown(where(misses[0]))} | {markdown(misses[0].team_label)} | "
                + "<br>".join(markdown(line) for f in misses
                              for line in [f.message, *plan_lines(report, f)]) + " |"
                for misses in report.moments_missed()]
        out.append("")
    for name, items in report.by_gap().items():
        if not items:
            continue
        out += [f"<details><summary>{markdown(GAP_TITLES[name])} ({len(items)})</summary>", "",
                "| Where | Team | Finding | At risk |", "|---|---|---|---:|"]
        for f in items:
            mark = "▲ " if f.moment_of_truth else ""
            risk = markdown(money(f.revenue_at_risk, report.currency)) if f.revenue_at_risk \
                else ""
            text = "<br>".join(markdown(line) for line in [f.message, *plan_lines(report, f)])
            out.append(f"| {mark}{markdown(where(f))} | {markdown(f.team_label)} | "
                       f"{text} | {risk} |")
        out += ["", "</details>", ""]
    if report.actions:
        out += [f"**Improvement actions on {markdown(report.as_of)}**", "",
                "| " + " | ".join(ACTION_COLUMNS) + " |", "|---" * len(ACTION_COLUMNS) + "|"]
        out += ["| " + " | ".join(markdown(c) for c in row) + " |" for row in action_rows(report)]
        out.append("")
    out += ["<details><summary>Revenue at risk, per journey</summary>", "",
            "| " + " | ".join(REVENUE_COLUMNS) + " |", "|---|---:|---:|---:|---:|---:|---:|"]
    out += ["| " + " | ".join(markdown(c) for c in row) + " |" for row in revenue_rows(report)]
    out += ["", f"Revenue at risk: {markdown(_total(report))}"]
    if report.revenue.get("not_costed"):
        out += ["", "Not costed:", ""] + [f"- {markdown(line)}"
                                          for line in not_costed_lines(report)]
    out += ["", markdown(report.revenue.get("formula", "")), "", "| Input | Value |",
            "|---|---:|"]
    out += [f"| {markdown(k)} | {markdown(v)} |"
            for k, v in report.revenue.get("inputs", {}).items()]
    out += ["", "</details>", ""]
    return "\n".join(out)


def to_json(report: GapReport, color: bool = False) -> Iterator[str]:
    document = {
        "version": JSON_VERSION,
        "period": report.period,
        "currency": report.currency,
        "summary": {
            "standards": len(report.statuses),
            "met": sum(s.status == "met" for s in report.statuses),
            "missed": sum(s.status == "missed" for s in report.statuses),
            "no_data": sum(s.status == "no data" for s in report.statuses),
            "moments_of_truth": report.moment_count,
            "missed_moments_of_truth": report.missed_moment_count,
            "revenue_at_risk": report.revenue.get("total"),
            "findings_by_gap": report.counts(),
            "actions": len(report.actions),
            "misses_without_action": len(report.unplanned_misses),
        },
        "as_of": report.as_of,
        "missed_moments_of_truth": [
            {"journey": misses[0].journey, "touchpoint": misses[0].touchpoint,
             "team": misses[0].team, "standards": [f.standard for f in misses]}
            for misses in report.moments_missed()],
        # generators: each record is written as it is made (textsafe.json_lines)
        "findings": (f.as_dict() for f in report.findings),
        "standards": (
            {"standard": s.standard, "journey": s.journey, "touchpoint": s.touchpoint,
             "team": s.team, "metric": s.metric, "target": s.target, "status": s.status,
             "actual": s.actual, "period": s.period, "sample": s.sample, "low": s.low,
             "high": s.high, "certainty": s.certainty, "interval": s.interval_text,
             "rolled_up": s.rolled_up, "signal": s.signal, "reading": s.reading,
             "limits": _limits(s), "stale": s.stale,
             "history": [{"period": p, "value": v} for p, v in s.history],
             "actions": [r.action.id for r in report.actions_by_standard.get(s.standard, ())]}
            for s in report.statuses
        ),
        "actions": [r.as_dict() for r in report.actions],
        "perception": [vars(d) for d in report.dimensions],
        "revenue": report.revenue,
    }
    return json_lines(document)


def _limits(status: StandardStatus) -> dict | None:
    limits = status.chart.limits if status.chart else None
    if limits is None:
        return None
    return {"centre": round(limits.centre, 9), "lower": round(limits.lower, 9),
            "upper": round(limits.upper, 9), "moving_range": round(limits.mr_bar, 9),
            "upper_range": round(limits.upper_range, 9), "provisional": limits.provisional,
            "signal_periods": list(status.chart.signal_periods) if status.chart else []}


def to_csv(report: GapReport, color: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in report.findings:
        row = f.as_dict()
        row["actions"] = " ".join(row["actions"]) if row["actions"] is not None else None
        writer.writerow([csv_cell(row[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def to_html(report: GapReport, color: bool = False) -> str:
    from journeymap.actions import marks
    from journeymap.templating import environment, render
    from journeymap.trendline import spark_svg

    def trend_svg(finding: GapFinding) -> str:
        status = report.status_of(finding.standard)
        if status is None or status.applied is None:
            return ""
        return spark_svg(status.history, status.applied.target,
                         marks(report.actions_by_standard.get(status.standard, []),
                               status.history), status.chart)

    return render(environment(), "gaps.html.j2", report=report, plan_lines=plan_lines,
                  trend_svg=trend_svg, action_rows=action_rows, action_columns=ACTION_COLUMNS,
                  headline=headline(report), titles=GAP_TITLES, where=where,
                  revenue_rows=revenue_rows(report), revenue_columns=REVENUE_COLUMNS,
                  revenue_total=_total(report), not_costed=not_costed_lines(report))
