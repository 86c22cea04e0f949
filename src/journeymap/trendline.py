"""A standard's figures over every period, drawn small: a sparkline in text, an inline SVG in
HTML (no script, no library from the internet), with the target as a dashed line and the
periods where an action started or took effect marked.
"""

from __future__ import annotations

from html import escape

from journeymap.targets import Target, format_number

BARS = "▁▂▃▄▅▆▇█"
WIDTH, HEIGHT, PAD = 132, 34, 4


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
              marks: dict[str, str] | None = None) -> str:
    """An inline SVG chart of the figures; `marks` maps a period to what happened in it."""
    if len(history) < 2:
        return ""
    marks = marks or {}
    values = [v for _, v in history]
    bounds = [*values, *([target.value] if target else [])]
    low, high = min(bounds), max(bounds)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / (len(values) - 1)

    def x(i: int) -> float:
        return PAD + i * step

    def y(v: float) -> float:
        return PAD + (high - v) / span * (HEIGHT - 2 * PAD)

    parts = [f'<svg class="trend" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
             f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img">',
             f"<title>{escape(series_text(history, target.unit if target else None))}"
             f"{escape(f'; target {target}' if target else '')}"
             + "".join(f"; {escape(p)}: {escape(m)}" for p, m in sorted(marks.items()))
             + "</title>"]
    for i, (period, _) in enumerate(history):
        if period in marks:
            parts.append(f'<line class="mark" x1="{x(i):.1f}" y1="0" x2="{x(i):.1f}" '
                         f'y2="{HEIGHT}"/>')
    if target:
        parts.append(f'<line class="target" x1="0" y1="{y(target.value):.1f}" x2="{WIDTH}" '
                     f'y2="{y(target.value):.1f}"/>')
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{points}"/>')
    for i, v in enumerate(values):
        met = "met" if target is None or target.is_met(v) else "missed"
        parts.append(f'<circle class="{met}" cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5"/>')
    parts.append("</svg>")
    return "".join(parts)
