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


AS_OF = date(2026, 1, 1)


def _window_populations(org: Workforce) -> dict[tuple, int]:
    from levensfase.analytics.outflow_kinds import outflow_in_window
    from levensfase.analytics.policy_scan import window_start
    from levensfase.analytics.protected_report_flows import OUTFLOW_BY, WINDOW

    from levensfase.analytics.phase_categories import phase_values

    phases = phase_values(org, on=window_start(AS_OF), by="life_phase").group_by("value").agg(
        pl.col("person_id").n_unique())  # the cohort per life phase: people, phases overlap
    return {(WINDOW if by is None else f"{WINDOW}:{by}", y, v): n for by in (None, *OUTFLOW_BY)
            for y, v, n in outflow_in_window(org, start=window_start(AS_OF), end=AS_OF, by=by)
            .select("year", "value", "population").iter_rows()} | {
        (f"{WINDOW}:life_phase", AS_OF.year, v): n for v, n in phases.iter_rows()}


def test_the_outflow_section_is_withheld_by_the_same_decision(org):
    """Its 12-month rows: every small one withheld, as rows; its yearly rows go with the whole
    organisation's flow row of that year; the flow tables get the same decision."""
    from levensfase.analytics.report import flows_section
    from levensfase.analytics.report_outflow import outflow_section

    windows = _window_populations(org)
    hidden = withheld_rows(org, years=YEARS, bys=list(CATEGORIES), k=K, as_of=AS_OF)
    small = {row for row, n in windows.items() if 0 < n < K}
    assert small and small <= hidden and {row for row in hidden if row in windows} - small  # companions too
    assert {row for row in _populations(org) if 0 < _populations(org)[row] < K} <= hidden
    section = outflow_section(org, as_of=AS_OF, k=K, years=YEARS)
    shown = {(by, r["year"], r["value"]): r["suppressed"] for by, rows in
             (("last_12_months", section["last_12_months"]["total"]),
              *((f"last_12_months:{by}", rows) for by, rows in section["last_12_months"]["by_category"].items()))
             for r in rows}
    shown |= {("last_12_months:life_phase", AS_OF.year, r["value"]): r["suppressed"] for r in section["by_life_phase"]}
    assert shown == {row: row in hidden for row in windows}
    hidden_rows = [r for rows in section["last_12_months"]["by_category"].values() for r in rows if r["suppressed"]]
    assert all(r["population"] is None and r["average_stock"] is None and r["influenceable_rate"] is None
               for r in hidden_rows)
    flows = flows_section(org, as_of=AS_OF, k=K)
    assert [r["suppressed"] for r in section["total"]] == [r["suppressed"] for r in flows["total"]] == [
        (None, y, "all") in hidden for y in YEARS]
    assert any(r["suppressed"] for r in section["total"])  # the 60 people's whole rows are companions
    assert withheld_rows(org, years=YEARS, bys=list(CATEGORIES), k=1, as_of=AS_OF) == frozenset()


def test_beyond_the_exact_size_a_window_table_with_a_small_row_is_withheld_whole(org, monkeypatch):
    from levensfase.analytics import protected_report_flows

    monkeypatch.setattr(protected_report_flows, "EXACT_PEOPLE", 10)
    windows, flows = _window_populations(org), _populations(org)
    hidden = withheld_rows(org, years=YEARS, bys=list(CATEGORIES), k=K, as_of=AS_OF)
    with_small = {by for (by, _y, _v), n in (windows | flows).items() if 0 < n < K}
    assert {by for by in with_small if by.startswith("last_12_months")}  # some window table has a small row
    assert hidden == {row for row in windows | flows if row[0] in with_small and row[0] is not None}


def test_the_outflow_window_for_a_reader_of_the_pages_is_a_whole_year_of_recorded_history():
    """The CLI's window: the 12 months up to as-of. For a reader of the dashboards the last whole
    year (as-of's own on 31 December); when that year lies before the recorded history (records
    begin in 2026 here: no leavers before, and the pages offer no such year), as-of's year so far."""
    from levensfase.analytics.protected_report_flows import outflow_window
    from levensfase.model.recorded_history import first_recorded_year

    long = Workforce.from_tables(generate(employees=60, years=4, seed=1, as_of=date(2026, 1, 1)))
    assert outflow_window(long, as_of=date(2025, 6, 30)) == (date(2024, 7, 1), date(2025, 6, 30))
    assert outflow_window(long, as_of=date(2025, 6, 30), pages=True) == (date(2024, 1, 1), date(2024, 12, 31))
    assert outflow_window(long, as_of=date(2025, 12, 31), pages=True) == (date(2025, 1, 1), date(2025, 12, 31))
    short = Workforce.from_tables(generate(employees=80, years=1, seed=3, as_of=date(2026, 6, 30)))
    assert first_recorded_year(short) == 2026
    assert outflow_window(short, as_of=date(2026, 6, 30), pages=True) == (date(2026, 1, 1), date(2026, 6, 30))
