"""Plotly figures built in Python (plotly.graph_objects) and handed to the page as JSON.

One look everywhere: system font, no title inside the chart (the page has a heading), axis
titles, a fixed colour per life phase and exit reason (see ui.colours), readable in
greyscale because every chart also has its table right below it.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from django.utils.formats import number_format
from django.utils.translation import get_language

FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"


# Whole numbers on the axes ("118.000", not "118k" or "118M"), with a thousands separator from 1.000.
_NUMBERS = {"exponentformat": "none", "separatethousands": True}


def separators() -> str:
    """Plotly's decimal and thousands separators in the UI language: "0,5" and "1.234" in Dutch.
    (plotly.js's nl locale file is not in the installed package; the separators are all it would add
    for these charts, whose axes are numbers and years, never dates.)"""
    return ".," if (get_language() or "nl").startswith("en") else ",."


def _layout(fig: go.Figure, *, x_title: str = "", y_title: str = "", height: int = 360, legend: bool = True) -> str:
    fig.update_layout(
        separators=separators(),
        font={"family": FONT, "size": 13, "color": "#1b1f23"}, height=height,
        margin={"l": 60, "r": 20, "t": 20, "b": 50}, paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
        showlegend=legend, legend={"orientation": "h", "y": -0.2},
        xaxis={"title": {"text": x_title}, "gridcolor": "#e3e7ea", "zerolinecolor": "#4a545e", **_NUMBERS},
        yaxis={"title": {"text": y_title}, "gridcolor": "#e3e7ea", "zerolinecolor": "#4a545e", **_NUMBERS},
    )
    if fig.layout.xaxis.dtick == 1:  # one tick per year: 2024 stays "2024", not "2.024"
        fig.update_xaxes(separatethousands=False)
    # Safe inside <script type="application/json">: no "</script>" can come from a unit name.
    return fig.to_json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def bars(labels: Sequence[str], values: Sequence[float | None], colours: Sequence[str], *, x_title: str,
         y_title: str) -> str:
    fig = go.Figure(go.Bar(x=list(labels), y=list(values), marker={"color": list(colours)},
                           hovertemplate="%{x}: %{y}<extra></extra>"))
    return _layout(fig, x_title=x_title, y_title=y_title, legend=False)


def pyramid(bands: Sequence[str], series: Sequence[tuple[str, Sequence[int | None], str, int]], *,
            x_title: str, y_title: str) -> str:
    """Horizontal bars per age band; a series with sign −1 grows to the left (women), +1 to the right."""
    fig = go.Figure()
    for name, values, colour, sign in series:
        fig.add_trace(go.Bar(
            y=list(bands), x=[None if v is None else sign * v for v in values], name=name, orientation="h",
            marker={"color": colour}, customdata=list(values), hovertemplate="%{y}: %{customdata}<extra>" + name + "</extra>",
        ))
    fig.update_layout(barmode="relative", bargap=0.1)
    top = max((v for _, values, _, _ in series for v in values if v is not None), default=1)
    step = _nice(top / 3)
    ticks = [i * step for i in range(-int(top // step) - 1, int(top // step) + 2)]
    fig.update_xaxes(tickvals=ticks, ticktext=[number_format(abs(t), force_grouping=True) for t in ticks])  # both sides count people
    return _layout(fig, x_title=x_title, y_title=y_title, height=420)


def _nice(raw: float) -> int:
    """A round tick step (1, 2 or 5 times a power of ten) near `raw`."""
    power = 1
    while power * 10 <= raw:
        power *= 10
    return next((m * power for m in (1, 2, 5) if m * power >= raw), 10 * power)


def sankey(nodes: Sequence[str], colours: Sequence[str], links: Sequence[tuple[int, int, int]]) -> str:
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node={"label": list(nodes), "color": list(colours), "pad": 14, "thickness": 16, "line": {"color": "#4a545e", "width": 0.5}},
        link={"source": [s for s, _, _ in links], "target": [t for _, t, _ in links], "value": [v for _, _, v in links],
              "color": "rgba(74,84,94,0.25)"},
    ))
    return _layout(fig, height=460, legend=False)


def lines(x: Sequence[object], series: Sequence[tuple[str, Sequence[float | None], str]], *, x_title: str,
          y_title: str, step: bool = False, percent: bool = False) -> str:
    fig = go.Figure()
    dashes = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
    for i, (name, values, colour) in enumerate(series):
        xs = x[i] if step else x  # step curves carry their own time axis per series
        if step:  # a point per event day: 4 decimals of a year (an hour) and of a percent are plenty on screen,
            # and the page is a third of the size (17 digits each otherwise)
            xs, values = [round(v, 4) for v in xs], [None if v is None else round(v, 4) for v in values]
        fig.add_trace(go.Scatter(
            x=list(xs), y=list(values), name=name, mode="lines" if step else "lines+markers",
            line={"color": colour, "shape": "hv" if step else "linear", "dash": dashes[i % len(dashes)], "width": 2.5},
            connectgaps=False,
        ))
    if percent:
        fig.update_yaxes(ticksuffix="%")
    if not step:
        fig.update_xaxes(dtick=1)
    return _layout(fig, x_title=x_title, y_title=y_title)
