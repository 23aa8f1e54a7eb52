"""Property: for random filters (unit, period, category, k), every number a dashboard panel shows
equals the core function's number for the same filter and k (issue 17), and a hidden cell is
hidden in both. The retention panel is checked against the core's Kaplan–Meier summary of a
cohort built row by row in the test. The panel's text is parsed back (Dutch notation) rather than
formatted again.

Kept fast on purpose: one small generated organisation (60 employees, 4 years; a cold privacy
computation on a large one takes long), a few examples, no database. The selectors are called
directly, exactly as selectors/__init__.py calls them for a page.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levensfase.analytics.absence import years_in
from levensfase.analytics.dashboard import category_table, composition_tables, period_table, unit_workforce, yearly_rates
from levensfase.analytics.findings.dashboards import influenceable_outflow_findings
from levensfase.ingest.generator import generate
from levensfase.model.schema import END_REASONS
from levensfase.model.workforce import Workforce
from levensfase.web.dashboards.selectors.categories import categories_panel
from levensfase.web.dashboards.selectors.composition import composition
from levensfase.web.dashboards.selectors.flows import rates_panel, sankey_panel
from levensfase.web.ui.labels import LABELS

AS_OF = date(2026, 12, 6)
WORKFORCE = Workforce.from_tables(generate(employees=60, years=4, seed=3, as_of=AS_OF))
UNITS = [None, *WORKFORCE.units["unit_id"].to_list()[:6]]
CATEGORIES = ("age_band", "generation", "unit", "job_family", "contract", "sex", "life_phase")

filters = st.fixed_dictionaries({
    "unit": st.sampled_from(UNITS),
    "first_year": st.integers(min_value=AS_OF.year - 3, max_value=AS_OF.year),
    "by": st.sampled_from(CATEGORIES),
    "k": st.sampled_from((1, 3, 5)),
})


def _number(text: str) -> float:
    """55,4% → 55.4; 1.234 → 1234 (the page writes Dutch)."""
    return float(text.rstrip("%").replace(".", "").replace(",", "."))


def _same(cell, value, *, digits: int = 1) -> None:
    if value is None:
        assert cell.suppressed or cell.text == "–", cell
        return
    assert not cell.suppressed, (cell, value)
    assert abs(_number(cell.text) - value) <= 0.5 * 10 ** -digits + 1e-9, (cell.text, value)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(f=filters)
def test_categories_panel_shows_the_core_numbers(f):
    start = date(f["first_year"], 1, 1)
    panel = categories_panel(WORKFORCE, start=start, end=AS_OF, by=f["by"], k=f["k"], unit=f["unit"])
    core, average = category_table(WORKFORCE, start=start, end=AS_OF, by=f["by"], k=f["k"], unit=f["unit"])
    years = years_in(start, AS_OF)
    per_year = lambda v: None if v is None else v / years  # noqa: E731  (DESIGN §4: shown per year)
    groups = [r for r in panel.table.rows if r.flag != "total"]
    assert len(groups) == core.height
    for row, r in zip(groups, core.iter_rows(named=True)):
        cells = row.cells
        if r["start_suppressed"] and r["end_suppressed"]:
            assert cells[1].suppressed
        else:
            ends = cells[1].text.split(" → ")
            for text, value in zip(ends, (r["headcount_start"], r["headcount_end"])):
                assert (value is None and text.startswith("<")) or _number(text) == value
        for cell, column in zip(cells[2:5], ("inflow", "internal_mobility", "outflow_total")):
            _same(cell, None if r["suppressed"] else r[column], digits=0)
        _same(cells[5], per_year(r["turnover_rate"]))
        _same(cells[6], per_year(r["doorstroom_rate"]))
        if row.flag == "losing":  # a group named as lost rests only on numbers the table shows
            assert r["turnover_rate"] is not None and not cells[5].suppressed
    total = [r for r in panel.table.rows if r.flag == "total"]
    assert bool(total) == (average is not None)
    if total:
        _same(total[0].cells[5], per_year(average.turnover_rate))
        _same(total[0].cells[6], per_year(average.doorstroom_rate))


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(f=filters)
def test_flows_panels_show_the_core_numbers(f):
    start, unit, k = date(f["first_year"], 1, 1), f["unit"], f["k"]
    sankey = sankey_panel(WORKFORCE, start=start, end=AS_OF, unit=unit, k=k)
    core, total_shown = period_table(WORKFORCE, start=start, end=AS_OF, by="unit", k=k, unit=unit)
    reasons = [r for r in END_REASONS if r in LABELS]
    columns = ("population", "inflow", "internal_mobility", "outflow_total", *(f"outflow_{r}" for r in reasons))
    assert len(sankey.table.rows) == core.height
    for row, r in zip(sankey.table.rows, core.iter_rows(named=True)):
        for cell, column in zip(row.cells[1:], columns):
            _same(cell, None if r["suppressed"] else r[column], digits=0)
    if sankey.figure is not None and total_shown:
        # the headline is the core's finding for the same unit, period and k
        expected = influenceable_outflow_findings(WORKFORCE, start=start, end=AS_OF, k=k, unit=unit)[0]
        assert sankey.takeaway == expected.text_nl

    rates = rates_panel(WORKFORCE, first_year=f["first_year"], last_year=AS_OF.year, end=AS_OF, by=f["by"], unit=unit,
                        k=k)
    table = yearly_rates(WORKFORCE, first_year=f["first_year"], last_year=AS_OF.year, end=AS_OF, by=f["by"], k=k,
                         unit=unit)
    cell = {(r["year"], r["value"]): r for r in table.iter_rows(named=True)}
    values = list(dict.fromkeys(table["value"].to_list()))
    assert len(rates.table.rows) == len(values)
    for row, value in zip(rates.table.rows, values):
        for i, year in enumerate(range(f["first_year"], AS_OF.year + 1), start=1):
            r = cell.get((year, value))
            _same(row.cells[i], None if r is None or r["suppressed"] else r["turnover_rate"])


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(f=filters)
def test_composition_panels_show_the_core_numbers(f):
    shown = composition(WORKFORCE, day=AS_OF, unit=f["unit"], k=f["k"])
    core = composition_tables(WORKFORCE, day=AS_OF, k=f["k"], unit=f["unit"], end=AS_OF)  # the period's last day, as the page
    assert shown.headcount == core.headcount
    mixes = {p.key: p for p in shown.panels}
    for by in ("generation", "life_phase"):
        table = core.mix[by]
        assert len(mixes[by].table.rows) == table.height
        for row, r in zip(mixes[by].table.rows, table.iter_rows(named=True)):
            _same(row.cells[1], None if r["suppressed"] else r["headcount"], digits=0)
            if not r["suppressed"] and core.headcount:
                _same(row.cells[2], 100 * r["headcount"] / core.headcount)  # a share of all, said so


def _generation(year: int) -> str:
    """DESIGN §4, by birth year (independent of analytics.categories)."""
    for last, name in ((1945, "pre-babyboom"), (1964, "babyboom"), (1979, "X"), (1996, "Y"), (2012, "Z")):
        if year <= last:
            return name
    return "alpha"


def _yearly_by_hand(workforce, *, start: date, end: date) -> dict[str, dict]:
    """Everyone with a spell running on `start` (a 1 January), by the generation of their birth year:
    their number and how many had left by each 31 December the period reaches, counted row by row."""
    born = dict(zip(workforce.people["person_id"].to_list(), workforce.people["birth_date"].to_list()))
    years = max(0, (end.year if (end.month, end.day) == (12, 31) else end.year - 1) - start.year + 1)
    groups: dict[str, dict] = {}
    for s in workforce.spells.iter_rows(named=True):
        if s["start_date"] > start or (s["end_date"] is not None and s["end_date"] < start):
            continue
        group = groups.setdefault(_generation(born[s["person_id"]].year), {"population": 0, "left": [0] * years})
        group["population"] += 1
        for j in range(years):
            group["left"][j] += s["end_date"] is not None and s["end_date"] <= date(start.year + j, 12, 31)
    return groups


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(f=filters)
def test_retention_panel_shows_the_core_numbers_for_a_cohort_built_by_hand(f):
    from levensfase.web.dashboards.selectors.retention import retention_panel

    start, unit, k = date(f["first_year"], 1, 1), f["unit"], f["k"]
    sub = unit_workforce(WORKFORCE, unit)
    panel = retention_panel(sub, start=start, end=AS_OF, by="generation", k=k, scope=WORKFORCE, unit=unit)
    core = _yearly_by_hand(sub, start=start, end=AS_OF)
    names = {f"generatie {v}" if len(v) == 1 else v: v for v in core}
    shown = 0
    for row in panel.table.rows:
        r = core[names[row.cells[0].text]]
        if row.cells[1].suppressed:  # hidden on the page: the core's own rule, or linked to the day's other tables
            continue
        shown += 1
        n, left = r["population"], r["left"]
        assert n >= k
        _same(row.cells[1], n, digits=0)
        _same(row.cells[2], left[-1] if left else None, digits=0)
        for cell, j in zip(row.cells[3:6], (1, 2, 5)):  # the share still employed at the j-th anniversary
            _same(cell, 100 * (1 - left[j - 1] / n) if j <= len(left) else None)
    assert len(panel.table.rows) == len(core)
    if k == 1:  # nobody is too few: every generation is shown
        assert shown == len(core)
