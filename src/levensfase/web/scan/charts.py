"""The scan's two figures, as plotly JSON in the dashboards' one look (ui/charts.py):
a unit × dimension heat map whose cells print their value (or "< k", never coloured), and a
profile per unit (bars per dimension and round). Both have their table right below them."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from levensfase.web.ui.charts import _layout
from levensfase.web.ui.colours import PALETTE

# Sequential, colour-blind safe and readable in greyscale (light = low, dark = high); the value is
# printed in every cell, so the colour only repeats it.
HEAT_SCALE = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]


def heat_map(*, units: Sequence[str], dimensions: Sequence[str], values: Sequence[Sequence[float | None]],
             texts: Sequence[Sequence[str]], low: float, high: float) -> str:
    wrapped = [_wrap(d) for d in dimensions]
    fig = go.Figure(go.Heatmap(
        z=[list(row) for row in values], x=wrapped, y=list(units), zmin=low, zmax=high,
        colorscale=HEAT_SCALE, text=[list(row) for row in texts], texttemplate="%{text}",
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>", hoverongaps=False, xgap=2, ygap=2,
        colorbar={"thickness": 12},
    ))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top", tickangle=0, automargin=True)
    fig.update_traces(textfont={"size": 14})
    text = _layout(fig, height=140 + 44 * len(units), legend=False)
    return text


def _wrap(label: str, width: int = 14) -> str:
    """A long dimension name over two or three lines, so the columns need no slanted labels."""
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def profile(*, dimensions: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], low: float,
            high: float, y_title: str) -> str:
    """Bars per dimension, one series per round (and the organisation's for comparison)."""
    fig = go.Figure()
    for index, (name, values) in enumerate(series):
        fig.add_trace(go.Bar(x=list(dimensions), y=list(values), name=name,
                             marker={"color": PALETTE[index % len(PALETTE)]},
                             hovertemplate="%{x}: %{y:.1f}<extra>" + name + "</extra>"))
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[low - 1 if low > 0 else 0, high])
    return _layout(fig, y_title=y_title)
