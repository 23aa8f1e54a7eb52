"""The retention page's selectors in whole years, on the hand-built organisation (no database).

Cohort of 1 January 2022 followed to 31 December 2024 (three whole years): generation Y is A, C
(leaves 31 December 2023) and F (leaves 31 December 2024); generation X is B and H, who stay.
"""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.retention_years import Steps
from levensfase.web.dashboards.selectors.retention import exits_panel, retention_panel, summary

START, END = date(2022, 1, 1), date(2024, 12, 31)


def test_summary_reads_every_column_at_whole_years(hand_built):
    table, curves = summary(hand_built, start=START, end=END, by="generation", k=1)
    rows = {r["value"]: r for r in table.iter_rows(named=True)}
    assert list(rows) == ["X", "Y"]  # oldest generation first
    y = rows["Y"]
    assert (y["population"], y["events"], y["median_years"], y["survival_5y"]) == (3, 2, 3, None)
    assert (y["survival_1y"], y["survival_2y"]) == (1.0, pytest.approx(2 / 3))
    assert (rows["X"]["events"], rows["X"]["survival_2y"], rows["X"]["median_years"]) == (0, 1.0, None)
    assert curves == {"X": Steps(population=2, left=(0, 0, 0)), "Y": Steps(population=3, left=(0, 1, 2))}


def test_small_groups_are_withheld_with_their_steps(hand_built):
    table, curves = summary(hand_built, start=START, end=END, by="generation", k=3)
    # X has 2 people (< 3); Y goes with it, or the cohort of 5 would give X away
    assert dict(zip(table["value"], table["suppressed"])) == {"X": True, "Y": True}
    assert table["events"].to_list() == [None, None] and curves == {}


def test_panels_draw_one_point_per_whole_year(hand_built):
    panel = retention_panel(hand_built, start=START, end=END, by="generation", k=1)
    assert '"x":[0,1,2,3]' in panel.figure.replace(" ", "")
    assert any("whole year" in str(n) or "heel jaar" in str(n) for n in panel.notes)  # and says why
    exits = exits_panel(hand_built, start=START, end=END, k=1)
    # voluntary: C and F, 0 of 5 by the first anniversary, 1 by the second, 2 (40%) by the third
    assert [c.text for c in exits.table.rows[0].cells][1:] == ["2", "0,0%", "20,0%", "40,0%"]
