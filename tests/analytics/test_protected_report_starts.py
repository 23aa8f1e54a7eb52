"""The retention rows by spell start beyond EXACT_PEOPLE (a sector): no person-level audit, but
every row of a table with a small row, or whose category's flow table withholds a row, withheld
(`protected_report_starts._whole_tables`, as the flow tables' own fallback)."""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics import protected_report_flows, protected_report_starts, report_sections
from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.flows import category_at
from levensfase.analytics.report import flow_years
from levensfase.analytics.retention import spell_durations
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2026, 1, 1)
K = 5


def test_beyond_the_exact_size_a_table_with_a_small_row_goes_whole(monkeypatch):
    org = Workforce.from_tables(generate(employees=60, years=4, seed=1, as_of=AS_OF))
    for module in (protected_report_flows, protected_report_starts, report_sections):
        monkeypatch.setattr(module, "EXACT_PEOPLE", 10)
    years = flow_years(org, AS_OF)
    flows = protected_report_flows.report_withheld(org, as_of=AS_OF, years=years, k=K)
    rows = [r for r in report_sections.retention_section(org, as_of=AS_OF, k=K, years=years, flows=flows)
            if r["measured_from"] == "spell_start"]
    durations = spell_durations(org, as_of=AS_OF)
    people = {(None, "all"): durations["person_id"].n_unique()}  # by hand: distinct people per start group
    for by in CATEGORIES:
        at_start = category_at(org, durations, "start_date", by).select("person_id", "value")
        for value, n in at_start.group_by("value").agg(pl.col("person_id").n_unique()).iter_rows():
            people[(by, str(value))] = n
    small = {by for (by, _v), n in people.items() if 0 < n < K}
    flow_tables = {by for by, _year, _value in flows}  # a category (None: the whole organisation) with a row withheld
    whole = small | flow_tables
    assert small and set(CATEGORIES) - whole, "some tables go whole, some stay"
    for r in rows:
        by = None if r["by"] == "all" else r["by"]
        assert r["suppressed"] == (by in whole), r
        if not r["suppressed"]:
            assert r["population"] == people[(by, str(r["value"]))]
