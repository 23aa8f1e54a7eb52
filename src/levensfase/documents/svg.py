"""Static charts as SVG, drawn on the server from the same traces as the web page's plotly charts.

No browser, no network, no plotting library: grouped bars for `bar` traces, lines with markers for
`scatter` traces. Missing values (suppressed groups) leave a gap. Axis numbers in the reader's format.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from levensfase.analytics.findings.numbers import day, number
from levensfase.documents.cells import iso_day
from levensfase.documents.model import Chart

__all__ = ["chart_svg", "nice_ticks"]

COLOURS = ("#1f5f8b", "#b35900", "#2e7d32", "#7b1fa2", "#8a1c1c", "#4d4d4d")
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP = 56, 12, 34


def nice_ticks(high: float, low: float = 0.0, count: int = 5) -> list[float]:
    """Round axis ticks from `low` (≤ 0) up to at least `high`: 0, 20, 40 … rather than 0, 17.3 …"""
    span = max(high - low, 1e-9)
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = [start]
    while ticks[-1] < high - 1e-9:
        ticks.append(ticks[-1] + step)
    return [round(t, 10) for t in ticks]


def _values(trace: dict[str, Any]) -> list[float | None]:
    return [None if v is None or isinstance(v, bool) else float(v) for v in trace.get("y") or []]


def _label(value: Any, lang: str) -> str:
    """A category on the x axis: years and group names as they are, days and fractions the reader's way."""
    if iso_day(value, "day"):
        return day(value, lang)
    return number(value, lang, 1) if isinstance(value, float) else str(value)


def chart_svg(chart: Chart, lang: str = "nl") -> str:
    """The chart as an inline <svg> element; an empty string when it has nothing to draw."""
    traces = [t for t in chart.traces if any(v is not None for v in _values(t))]
    if not traces:
        return ""
    categories: list[Any] = []
    for t in traces:
        categories += [x for x in t.get("x") or [] if x not in categories]
    values = [v for t in traces for v in _values(t) if v is not None]
    ticks = nice_ticks(max(max(values), 0.0), min(min(values), 0.0))
    low, high = ticks[0], ticks[-1]
    long_labels = max(len(_label(c, lang)) for c in categories) * len(categories) > 70
    bottom = 80 if long_labels else 40
    legend = 18 * len(traces) if len(traces) > 1 else 0
    height = HEIGHT + legend
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - bottom
    y_of = lambda v: TOP + plot_h * (1 - (v - low) / ((high - low) or 1))  # noqa: E731
    slot = plot_w / len(categories)
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' class='chart' viewBox='0 0 {WIDTH} {height}' "
           f"width='{WIDTH}' height='{height}' role='img' aria-label='{escape(chart.title)}'>",
           f"<text x='{LEFT}' y='18' font-size='13' font-weight='bold'>{escape(chart.title)}</text>"]
    for tick in ticks:
        y = y_of(tick)
        digits = 0 if all(float(t).is_integer() for t in ticks) else (1 if all(round(t, 1) == t for t in ticks) else 2)
        out.append(f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{y:.1f}' y2='{y:.1f}' stroke='#ddd'/>"
                   f"<text x='{LEFT - 6}' y='{y + 4:.1f}' font-size='10' text-anchor='end'>"
                   f"{escape(number(tick, lang, digits))}</text>")
    for i, c in enumerate(categories):
        x = LEFT + slot * (i + 0.5)
        text = escape(_label(c, lang))
        y = TOP + plot_h + 14
        transform = f" transform='rotate(-35 {x:.1f} {y})' text-anchor='end'" if long_labels else " text-anchor='middle'"
        out.append(f"<text x='{x:.1f}' y='{y}' font-size='10'{transform}>{text}</text>")
    bars = [t for t in traces if t.get("type", "scatter") == "bar"]
    width = slot * 0.8 / max(len(bars), 1)
    zero = y_of(max(low, 0.0))
    for n, t in enumerate(traces):
        colour = COLOURS[n % len(COLOURS)]
        points = [(categories.index(x), v) for x, v in zip(t.get("x") or [], _values(t)) if v is not None]
        if t in bars:
            b = bars.index(t)
            for i, v in points:
                x = LEFT + slot * i + slot * 0.1 + width * b
                top, bottom_y = sorted((y_of(v), zero))
                out.append(f"<rect x='{x:.1f}' y='{top:.1f}' width='{width:.1f}' height='{bottom_y - top:.1f}' "
                           f"fill='{colour}'/>")
        else:
            xy = [(LEFT + slot * (i + 0.5), y_of(v)) for i, v in points]
            out.append(f"<polyline fill='none' stroke='{colour}' stroke-width='2' points='"
                       + " ".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "'/>")
            out += [f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3' fill='{colour}'/>" for x, y in xy]
        if legend:
            y = HEIGHT + 18 * n + 4
            out.append(f"<rect x='{LEFT}' y='{y}' width='12' height='12' fill='{colour}'/>"
                       f"<text x='{LEFT + 18}' y='{y + 10}' font-size='11'>{escape(str(t.get('name', '')))}</text>")
    out.append(f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{zero:.1f}' y2='{zero:.1f}' stroke='#333'/></svg>")
    return "".join(out)
