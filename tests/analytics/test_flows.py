"""Yearly flow tables: the identity opening + in − out ± transfers = closing, values by hand."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.flows import yearly_flows


def test_whole_organisation_2024_by_hand(hand_built):
    row = yearly_flows(hand_built, years=[2024]).row(0, named=True)
    # opening: A, B, D, F, H; in: C (re-hire), E, G; out: D, E, F (F on 31 Dec); closing: A, B, C, G, H
    assert row == {"year": 2024, "value": "all", "opening": 5, "inflow": 3, "outflow": 3, "transfers_net": 0,
                   "closing": 5, "internal_mobility": 2, "promotions": 1}


def test_closing_is_next_years_opening(hand_built):
    table = yearly_flows(hand_built, years=[2022, 2023, 2024, 2025])
    assert table["closing"].to_list()[:-1] == table["opening"].to_list()[1:]
    assert table["transfers_net"].to_list() == [0, 0, 0, 0]


def test_units_2024_by_hand(hand_built):
    rows = {r["value"]: r for r in yearly_flows(hand_built, years=[2024], by="unit").to_dicts()}
    # U1 opens with A, B (0.5 FTE there, its only job then), F, H; F moves out to U2 in July.
    assert rows["U1"]["opening"] == 4 and rows["U1"]["inflow"] == 2 and rows["U1"]["outflow"] == 1
    # B's 0.3 FTE job in U2 does not move B: B stays counted in U1, the main (largest) job.
    assert rows["U1"]["closing"] == 4 and rows["U1"]["transfers_net"] == -1
    assert (rows["U2"]["opening"], rows["U2"]["inflow"], rows["U2"]["outflow"], rows["U2"]["closing"]) == (1, 1, 2, 1)
    assert rows["U2"]["transfers_net"] == 1  # F moved in


@pytest.mark.parametrize("by", ["age_band", "generation", "unit", "job_family", "contract", "sex"])
def test_every_category_adds_up_to_the_total(hand_built, by):
    total = yearly_flows(hand_built, years=[2024]).row(0, named=True)
    split = yearly_flows(hand_built, years=[2024], by=by)
    for column in ("opening", "inflow", "outflow", "closing"):
        assert split[column].sum() == total[column]
    assert split["transfers_net"].sum() == 0


def test_whole_organisation_equals_the_plain_definitions_on_a_generated_organisation():
    """The whole-organisation path counts per year; the plain DESIGN §4 re-implementation per period."""
    from datetime import date

    from levensfase.ingest.generator import generate
    from levensfase.model.workforce import Workforce
    from support.reference_metrics import period, spells

    workforce = Workforce.from_tables(generate(employees=200, years=6, seed=3, as_of=date(2025, 6, 30)))
    assignments, jobs = workforce.assignments.to_dicts(), workforce.jobs.to_dicts()
    all_spells = spells(assignments)
    table = {r["year"]: r for r in yearly_flows(workforce, years=range(2019, 2026)).to_dicts()}
    assert sorted(table) == list(range(2019, 2026))
    for year, row in table.items():
        first, last = date(year, 1, 1), date(year, 12, 31)
        plain = period(assignments, jobs, first, last)
        assert row["opening"] == sum(s["start"] < first <= s["end"] for s in all_spells)
        assert row["closing"] == sum(s["start"] <= last < s["end"] for s in all_spells)
        assert (row["inflow"], row["outflow"]) == (plain["inflow"], plain["outflow"]["total"])
        assert (row["internal_mobility"], row["promotions"]) == (plain["internal_mobility"], plain["promotions"])
    assert sum(r["internal_mobility"] for r in table.values()) > 5 and sum(r["inflow"] for r in table.values()) > 20


def test_boundary_main_assignments_equal_joining_every_job_of_the_person():
    """The main assignment of each spell-year on its boundary, found from the assignments' side
    (`covering_days` over the few boundary days), is the one the plain join of every spell-year
    with every job of its person and the largest-first order picks (`_main_on_day`)."""
    import polars as pl

    from levensfase.analytics import flows
    from levensfase.ingest.generator import generate
    from levensfase.model.workforce import Workforce

    org = Workforce.from_tables(generate(employees=300, years=6, seed=4, as_of=date(2026, 1, 1)))
    shared = flows._Shared(org, [2021, 2022, 2023, 2024, 2025])
    concurrent = org.assignments.join(org.assignments, on="person_id").filter(
        (pl.col("start_date") < pl.col("start_date_right")) & (pl.col("end_date").is_null()
                                                             | (pl.col("end_date") >= pl.col("start_date_right"))))
    assert concurrent.height, "some people hold two jobs at once"
    for name in ("opening", "closing"):
        rows = shared.part(name).select("person_id", "year", "day")
        plain = flows._main_on_day(org, rows, ["person_id", "year"], flows._CATEGORY_COLUMNS)
        fast = shared.part(f"{name}_main")
        assert fast.height == rows.height
        assert fast.select(sorted(fast.columns)).sort(pl.all()).equals(plain.select(sorted(plain.columns)).sort(pl.all()))
