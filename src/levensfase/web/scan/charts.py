"""The scan's two figures, as plotly JSON in the dashboards' one look (dashboards/charts.py):
a unit × dimension heat map whose cells print their value (or "< k", never coloured), and a
profile per unit (bars per dimension and round). Both have their table right below them."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from levensfase.web.dashboards.charts import _layout
from levensfase.web.dashboards.selectors.common import PALETTE

# Sequential, colour-blind safe and readable in greyscale (light = low, dark = high); the value is
# printed in every cell, so the colour only repeats it.
HEAT_SCALE = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]


def heat_map(*, units: Sequence[str], dimensions: Sequence[str], values: Sequence[Sequence[float | None]],
             texts: Sequence[Sequence[str]], low: float, high: float) -> str:
    fig = go.Figure(go.Heatmap(
        z=[list(row) for row in values], x=list(dimensions), y=list(units), zmin=low, zmax=high,
        colorscale=HEAT_SCALE, text=[list(row) for row in texts], texttemplate="%{text}",
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>", hoverongaps=False, xgap=2, ygap=2,
        colorbar={"thickness": 12},
    ))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=max(260, 60 + 34 * len(units)), legend=False)


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
