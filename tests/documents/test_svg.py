"""Static SVG charts drawn on the server: round axis ticks, one bar per shown value, gaps for hidden ones."""

from __future__ import annotations

import re

from levensfase.documents.model import Chart
from levensfase.documents.svg import chart_svg, nice_ticks


def test_ticks_are_round_numbers_that_cover_the_data():
    assert nice_ticks(17.3) == [0, 5, 10, 15, 20]
    assert nice_ticks(0.875) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(6) == [0, 2, 4, 6]  # 6 / 5 = 1.2 → steps of 2
    assert nice_ticks(3, low=-2) == [-2, -1, 0, 1, 2, 3]


def test_grouped_bars_skip_hidden_values_and_get_a_legend():
    chart = Chart("Instroom", [{"type": "bar", "x": ["20-24", "25-29", "30-34"], "y": [3, None, 5], "name": "a"},
                               {"type": "bar", "x": ["20-24", "25-29", "30-34"], "y": [1, 2, 0], "name": "b"}], "k")
    svg = chart_svg(chart, "nl")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<rect") == 5 + 2  # five shown values (the hidden one is a gap) and two legend keys
    assert ">Instroom<" in svg and ">20-24<" in svg and ">a<" in svg


def test_line_with_dutch_axis_numbers():
    chart = Chart("Behoud", [{"type": "scatter", "x": [2021, 2022, 2023], "y": [0.5, 0.75, 0.9], "name": "x"}], "k")
    svg = chart_svg(chart, "nl")
    assert ">0,2<" in svg and ">1,0<" in svg and ">2022<" in svg  # years are not 2.022
    points = re.search(r"points='([^']*)'", svg).group(1).split()
    assert len(points) == 3 and svg.count("<circle") == 3
    assert ">0.2<" in chart_svg(chart, "en")
    days = Chart("Aantal", [{"type": "scatter", "x": ["2024-06-30", "2025-06-30"], "y": [3, 4]}], "k")
    assert ">30 juni 2025<" in chart_svg(days, "nl")


def test_nothing_to_draw_gives_no_chart():
    assert chart_svg(Chart("Leeg", [{"type": "bar", "x": ["a"], "y": [None]}], "k")) == ""

