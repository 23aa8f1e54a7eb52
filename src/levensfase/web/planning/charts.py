"""Planning figures, in the one look of ui/charts.py (its layout is reused, not copied)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from levensfase.web.ui.charts import _layout as layout

# One colour per Kooij bundle, development first (the same order as the catalog's BUNDLES).
BUNDLE_COLOURS = {"development": "#1f5f8b", "utilisation": "#3f9b6e", "maintenance": "#c7892b",
                  "accommodative": "#8a5a9e"}
SCENARIO_COLOURS = ("#1f5f8b", "#c7892b", "#3f9b6e", "#8a5a9e")
SCENARIO_DASHES = ("solid", "dash", "dot", "dashdot")


def stacked_bars(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None], str]], *,
                 x_title: str, y_title: str) -> str:
    fig = go.Figure()
    for name, values, colour in series:
        fig.add_trace(go.Bar(x=list(labels), y=list(values), name=name, marker={"color": colour},
                             hovertemplate="%{x}: %{y:,.0f}<extra>" + name + "</extra>"))
    fig.update_layout(barmode="stack")
    return layout(fig, x_title=x_title, y_title=y_title, height=400)


def horizontal_bars(labels: Sequence[str], values: Sequence[float], *, x_title: str) -> str:
    fig = go.Figure(go.Bar(y=list(labels), x=list(values), orientation="h", marker={"color": "#1f5f8b"},
                           hovertemplate="%{y}: %{x:.2f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return layout(fig, x_title=x_title, legend=False, height=max(220, 60 + 32 * len(labels)))


def fan(years: Sequence[int], bands: Sequence[tuple[str, Sequence[float], Sequence[float], Sequence[float]]], *,
        y_title: str, x_title: str) -> str:
    """Per scenario a shaded P10–P90 band and its P50 line (dash per scenario: readable in greyscale)."""
    fig = go.Figure()
    for i, (name, p10, p50, p90) in enumerate(bands):
        colour = SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)]
        fill = _rgba(colour, 0.18)
        fig.add_trace(go.Scatter(x=list(years), y=list(p90), mode="lines", line={"width": 0}, showlegend=False,
                                 hoverinfo="skip", legendgroup=name))
        fig.add_trace(go.Scatter(x=list(years), y=list(p10), mode="lines", line={"width": 0}, fill="tonexty",
                                 fillcolor=fill, name=f"{name} P10–P90", legendgroup=name, hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=list(years), y=list(p50), mode="lines+markers", name=f"{name} P50",
                                 legendgroup=name,
                                 line={"color": colour, "width": 2.5, "dash": SCENARIO_DASHES[i % 4]}))
    fig.update_xaxes(dtick=1)
    return layout(fig, x_title=x_title, y_title=y_title, height=400)


def grouped_bars(labels: Sequence[object], series: Sequence[tuple[str, Sequence[float | None]]], *,
                 x_title: str, y_title: str) -> str:
    fig = go.Figure()
    for i, (name, values) in enumerate(series):
        fig.add_trace(go.Bar(x=list(labels), y=list(values), name=name,
                             marker={"color": SCENARIO_COLOURS[i % 4], "pattern": {"shape": ("", "/", ".", "x")[i % 4]}}))
    fig.update_layout(barmode="group")
    fig.update_xaxes(dtick=1)
    return layout(fig, x_title=x_title, y_title=y_title, height=380)


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
