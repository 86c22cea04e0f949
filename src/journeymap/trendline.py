"""A standard's figures over every period, drawn small: a sparkline in text, an inline SVG in
HTML (no script, no library from the internet): the process behaviour chart, with its central
line and natural process limits (journeymap.check), the points where a detection rule fires
ringed, the target as a dashed line and the periods where an action started or took effect
marked.
"""

from __future__ import annotations

from html import escape

from journeymap.check import Chart
from journeymap.targets import Target, format_number

BARS = "▁▂▃▄▅▆▇█"
WIDTH, HEIGHT, PAD = 160, 44, 6
#: px between two figures at least, so a year of months stays readable; at most this wide
STEP, MAX_WIDTH = 11, 320


def spark_text(values: list[float]) -> str:
    """`▁▃▅█`: each figure as a bar between the lowest and the highest."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = high - low
    return "".join(BARS[round((v - low) / span * (len(BARS) - 1)) if span else 3]
                   for v in values)


def series_text(history: tuple[tuple[str, float], ...], unit: str | None) -> str:
    """`2025-Q4 6.3, 2026-Q1 5.9, ... min`: the figures in words, for a title or a cell."""
    suffix = f" {unit}" if unit else ""
    return ", ".join(f"{period} {format_number(round(value, 2))}" for period, value in history) \
        + suffix


def spark_svg(history: tuple[tuple[str, float], ...], target: Target | None,
              marks: dict[str, str] | None = None, chart: Chart | None = None) -> str:
    """An inline SVG chart of the figures; `marks` maps a period to what happened in it."""
    if len(history) < 2:
        return ""
    marks = marks or {}
    values = [v for _, v in history]
    limits = chart.limits if chart else None
    ringed = set(chart.signal_periods) if chart else set()
    lines = [limits.lower, limits.centre, limits.upper] if limits else []
    bounds = [*values, *lines, *([target.value] if target else [])]
    low, high = min(bounds), max(bounds)
    span = (high - low) or 1.0
    width = min(MAX_WIDTH, max(WIDTH, 2 * PAD + STEP * (len(values) - 1)))
    step = (width - 2 * PAD) / (len(values) - 1)
    dot = 2.5 if step >= 9 else 1.8

    def x(i: int) -> float:
        return PAD + i * step

    def y(v: float) -> float:
        return PAD + (high - v) / span * (HEIGHT - 2 * PAD)

    parts = [f'<svg class="trend" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}" role="img">',
             f"<title>{escape(series_text(history, target.unit if target else None))}"
             f"{escape(f'; target {target}' if target else '')}"
             + "".join(f"; {escape(p)}: {escape(m)}" for p, m in sorted(marks.items()))
             + (f"; {escape(chart.verdict)}" if chart and chart.verdict else "")
             + "</title>"]
    for i, (period, _) in enumerate(history):
        if period in marks:
            parts.append(f'<line class="mark" x1="{x(i):.1f}" y1="0" x2="{x(i):.1f}" '
                         f'y2="{HEIGHT}"/>')
    if target:
        parts.append(f'<line class="target" x1="0" y1="{y(target.value):.1f}" x2="{width}" '
                     f'y2="{y(target.value):.1f}"/>')
    for name, level in zip(("limit", "centre", "limit"), lines, strict=False):
        parts.append(f'<line class="{name}" x1="0" y1="{y(level):.1f}" x2="{width}" '
                     f'y2="{y(level):.1f}"/>')
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{points}"/>')
    for i, v in enumerate(values):
        met = "met" if target is None or target.is_met(v) else "missed"
        parts.append(f'<circle class="{met}" cx="{x(i):.1f}" cy="{y(v):.1f}" r="{dot}"/>')
        if history[i][0] in ringed:
            parts.append(f'<circle class="signal" cx="{x(i):.1f}" cy="{y(v):.1f}" r="{dot + 2}"/>')
    parts.append("</svg>")
    return "".join(parts)
