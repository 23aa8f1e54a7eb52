"""One year's categories and its first and last day audited as one set (`protected_year`): the
dense elimination hides what the sparse one (itself tested against the reference) hides on a real
year's set, and a headcount the year hides is hidden on the day's own pages as well."""

from __future__ import annotations

import dataclasses
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


def _whole_history(org: Workforce, year: int) -> tuple[list, dict]:
    """Year `year`'s set in its plain form: every earlier year's published numbers as constants
    (kept), their small hidden ones and every later year's small ones protected — what the chain's
    compact history (`privacy.linked_history`) stands for."""
    own = protected_year._year_set(org, year=year, end=date(year, 12, 31), k=K)
    cells, protected, kept = dict(own.cells), set(own.protected), set()
    for before in range(2022, year):
        out = protected_year.year_pattern(org, year=before, end=date(before, 12, 31), k=K).out
        earlier = protected_year._year_set(org, year=before, end=date(before, 12, 31), k=K)
        for key, cell in earlier.cells.items():
            if key in out and key not in earlier.protected and not cell.primary:
                continue  # a companion: hidden, and nobody needs it undetermined
            named = ("before", before, key)
            cells[named] = dataclasses.replace(cell, key=named, rank=-1)
            (protected if key in out else kept).add(named)
    for after in range(year + 1, 2027):
        for cell in protected_year._smalls(org, year=after, k=K).cells:
            cells[cell.key] = cell
            protected.add(cell.key)
    options = dict(k=K, already=protected, protect_secondary=False, row=protected_year._row,
                   hide=own.hidden - protected, keep=kept)
    return list(cells.values()), options


def test_the_chained_year_protects_what_the_whole_history_needs():
    """Each pattern holds under the other's set: the plain audit with every earlier year's numbers
    finds nothing more to hide in the chained year's pattern (the greedy may take another path, so
    the two patterns are compared by what each audit adds to the other's)."""
    org = _org()
    for year in (2023, 2024, 2025):
        cells, options = _whole_history(org, year)
        own = {c.key for c in cells if c.key[0] not in ("before", "later")}
        chained = protected_year.year_pattern(org, year=year, end=date(year, 12, 31), k=K).out & own
        added = withheld(cells, **{**options, "hide": options["hide"] | chained}) & own
        assert added == chained | (options["hide"] & own)
        assert len(cells) > 1000 and {c.key[0] for c in cells} >= {"before", "later"}


def test_dense_and_sparse_elimination_hide_the_same_cells_of_a_year(monkeypatch):
    cells, options = _whole_history(_org(), 2024)
    dense = linked.withheld(cells, **options, show_determined=True)
    monkeypatch.setattr(linked, "_DENSE_WIDTH", 0)
    assert linked.withheld(cells, **options, show_determined=True) == dense


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
