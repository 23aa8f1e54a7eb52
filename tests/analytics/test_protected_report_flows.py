"""The `analyse` document's flow audit: its members add up to the tables it protects, and its
pattern holds every small row whole. (That nothing small can be worked out is the attack's job:
tests/attacks/test_attacks_report_categories.py.)"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.flows import FLOW_COLUMNS, flow_members, flows_by
from levensfase.analytics.protected_report_flows import AUDITED, withheld_rows
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

YEARS = [2022, 2023, 2024, 2025]
K = 5


@pytest.fixture(scope="module")
def org() -> Workforce:
    return Workforce.from_tables(generate(employees=60, years=4, seed=1, as_of=date(2026, 1, 1)))


def _populations(org: Workforce) -> dict[tuple, int]:
    tables = flows_by(org, years=YEARS, bys=[None, *CATEGORIES])
    return {(by, y, v): n for by, t in tables.items() for y, v, n in t.select(
        "year", "value", pl.col("opening") + pl.col("inflow") + pl.col("transfers_net").clip(lower_bound=0)).iter_rows()}


def test_what_each_person_adds_sums_to_every_published_count(org):
    members = flow_members(org, years=YEARS, bys=list(CATEGORIES))
    summed = {(by, y, v, m): n for by, y, v, m, n in members.group_by("by", "year", "value", "measure").agg(pl.col("n").sum())
              .iter_rows()}
    tables = flows_by(org, years=YEARS, bys=[None, *CATEGORIES])
    checked = 0
    for by, table in tables.items():
        for row in table.iter_rows(named=True):
            for measure in set(FLOW_COLUMNS) - {"transfers_net"}:
                assert summed.get((by, row["year"], row["value"], measure), 0) == row[measure], (by, row, measure)
                checked += 1
    assert checked == 900  # 150 rows × 6 counts
    assert members.filter(pl.col("by").is_null())["value"].unique().to_list() == ["all"]


def test_every_small_row_is_withheld_whole_and_large_organisations_lose_nothing(org):
    populations = _populations(org)
    hidden = withheld_rows(org, years=YEARS, bys=list(CATEGORIES), k=K)
    small = {row for row, n in populations.items() if 0 < n < K}
    assert small and small <= hidden
    assert all(len(row) == 3 for row in hidden)  # rows, not single numbers
    assert hidden - small, "a small row needs companions"
    # k = 1: nothing is small, so nothing is audited or withheld
    assert withheld_rows(org, years=YEARS, bys=list(CATEGORIES), k=1) == frozenset()


def test_transfers_net_is_audited():
    assert "transfers_net" in AUDITED  # a group's net transfers can be determined when none of its four counts is


def test_beyond_the_exact_size_a_table_with_a_small_row_is_withheld_whole(org, monkeypatch):
    from levensfase.analytics import protected_report_flows

    monkeypatch.setattr(protected_report_flows, "EXACT_PEOPLE", 10)
    populations = _populations(org)
    hidden = withheld_rows(org, years=YEARS, bys=list(CATEGORIES), k=K)
    with_small = {by for (by, _y, _v), n in populations.items() if 0 < n < K}
    assert with_small and set(CATEGORIES) - with_small  # some tables have a small row, some not
    assert hidden == {row for row in populations if row[0] in with_small}


def test_beyond_the_exact_size_a_row_hidden_on_the_pages_takes_its_table_with_it(org, monkeypatch):
    """A row withheld for the pages could be read as the table's total minus the others when no
    audit runs: its whole table goes, and the row itself (the whole organisation's too) stays out."""
    from levensfase.analytics import protected_report_flows

    monkeypatch.setattr(protected_report_flows, "EXACT_PEOPLE", 10)
    populations = _populations(org)
    elsewhere = frozenset({("contract", 2024, "permanent"), (None, 2023, "all")})
    hidden = withheld_rows(org, years=YEARS, bys=["sex", "contract"], k=K, elsewhere=elsewhere)
    with_small = {by for (by, _y, _v), n in populations.items() if 0 < n < K and by in ("sex", "contract")}
    assert hidden == elsewhere | {row for row in populations if row[0] in with_small | {"contract"}}
