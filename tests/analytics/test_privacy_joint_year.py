"""One year's categories and its first and last day audited as one set (`protected_year`): the
dense elimination hides what the sparse one (itself tested against the reference) hides on a real
year's set, and a headcount the year hides is hidden on the day's own pages as well."""

from __future__ import annotations

from datetime import date

from levensfase.analytics import protected_year
from levensfase.analytics.dashboard import category_table, composition_tables
from levensfase.analytics.privacy import linked, withheld
from levensfase.analytics.protected_day import day_pattern
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

K = 5


def _org() -> Workforce:
    return Workforce.from_tables(generate(employees=35, years=4, seed=7, as_of=date(2026, 1, 1)))


def test_dense_and_sparse_elimination_hide_the_same_cells_of_a_year(monkeypatch):
    captured = {}

    def capture(cells, **options):
        captured.update(cells=list(cells), options=options)
        return withheld(cells, **options)

    org = _org()
    previous = protected_year.year_pattern(org, year=2023, end=date(2023, 12, 31), k=K)
    monkeypatch.setattr(protected_year, "withheld", capture)
    protected_year._decided(org, year=2024, end=date(2024, 12, 31), k=K, previous=previous)
    cells, options = captured["cells"], captured["options"]
    assert len(cells) > 1000  # every category, both days, every subtree
    assert {c.key[0] for c in cells} >= {"before", "after"}  # with the years beside it
    dense = linked.withheld(cells, **options)
    monkeypatch.setattr(linked, "_DENSE_WIDTH", 0)
    assert linked.withheld(cells, **options) == dense


def test_a_headcount_the_year_hides_is_hidden_on_the_day_pages_and_the_category_page():
    org = _org()
    extra = []
    for year in (2022, 2023, 2024, 2025):
        start, end = date(year, 1, 1), date(year, 12, 31)
        decided = protected_year.year_pattern(org, year=year, end=end, k=K)
        for day in (start, end):
            own = day_pattern(org, day=day, k=K).hidden
            shown = protected_year.published_day_pattern(org, day=day, k=K)
            assert shown.hidden == own | decided.day_extra[day]
            for unit, name, value in decided.day_extra[day]:
                extra.append((day, unit, name, value))
                if name == "total":
                    assert composition_tables(org, day=day, k=K, unit=unit).headcount is None
                elif name in ("age_band", "sex", "generation", "life_phase", "job_family", "contract", "unit"):
                    table, _average = category_table(org, start=start, end=end, by=name, k=K, unit=unit)
                    row = table.filter(table["value"] == value)
                    column = "start_suppressed" if day == start else "end_suppressed"
                    assert row.height == 0 or row[column].item()
    assert extra, "the year needs some day headcount hidden beyond the day's own pattern"
