"""Issue 16: the web document's outflow window read with the dashboards of the years it touches.

The document's outflow section counts leavers per kind per category, and a cohort per life phase,
over a window. The CLI's window is the 12 months up to as-of (the policy scan's); for the web's
download on 30 June 2025 that is 1 July 2024 to 30 June 2025, across the pages of 2024 and of
2025 so far. Read with both years' "Welke categorieën?" pages (every category, every subtree),
each person one unknown across the years, those 12 months gave 246, 21 and 69 of the pages'
hidden small numbers away on the three attack organisations (measured 7 Dec 2026; the pages
alone: 0). For a reader of the dashboards the window is now the last whole year up to as-of
(`protected_report_flows.outflow_window`), its rows withheld where the pages withhold the same
numbers (`pages_window_withheld`), and its unit table left out (the pages' units are per subtree).
"""

from __future__ import annotations

from datetime import date

import pytest

from attacks.orgs import ORGS, organisation, window_adds
from attacks.year_numbers import category_parts, together
from levensfase.analytics.outflow_kinds import EXIT_KINDS, PARTS
from levensfase.analytics.report import flow_years
from levensfase.analytics.report_outflow import outflow_section

K = 5
AS_OF = date(2025, 6, 30)  # the web's download on that day; the history runs to 1 January 2026
COUNTS = ("population", "stock2", "outflow", *EXIT_KINDS, *PARTS)
PHASE_COUNTS = ("population", "influenceable", "pension")


def _of_year(part: tuple, year: int) -> tuple:
    adds, shown, truth, small = part
    return ({p: {(year, *key): n for key, n in numbers.items()} for p, numbers in adds.items()},
            {(year, *key): v for key, v in shown.items()}, {(year, *key): v for key, v in truth.items()},
            {(year, *key) for key in small})


def _pages(org) -> list[tuple]:
    """The category pages of the year before as-of (whole) and of as-of's year so far."""
    before, this = AS_OF.year - 1, AS_OF.year
    parts = [_of_year(p, before) for p in category_parts(org, start=date(before, 1, 1), end=date(before, 12, 31)).values()]
    return parts + [_of_year(p, this) for p in category_parts(org, start=date(this, 1, 1), end=AS_OF).values()]


def _number(row: dict, measure: str) -> int | None:
    if measure != "stock2":
        return row.get(measure)
    return None if row["average_stock"] is None else round(2 * row["average_stock"])


def _window_part(org, section: dict, real: dict) -> tuple:
    """The section's window rows and life-phase cohort as a `together` part (`attacks.orgs.window_adds`),
    checked against the unsuppressed section."""
    window = section["last_12_months"]
    start, end = date.fromisoformat(str(window["from"])), date.fromisoformat(str(window["to"]))
    bys = list(window["by_category"])
    adds = window_adds(org, start=start, end=end, bys=bys, prefix="doc")
    tables = [(by, window["by_category"][by], real["last_12_months"]["by_category"][by], COUNTS) for by in bys]
    tables += [(None, window["total"], real["last_12_months"]["total"], COUNTS),
               ("life_phase", section["by_life_phase"], real["by_life_phase"], PHASE_COUNTS)]
    shown, truth, small = {}, {}, set()
    for by, published, exact, measures in tables:
        rows = {r["value"]: r for r in exact}
        for r in published:
            for measure in measures:
                key = ("doc", by, str(r["value"]), measure)
                shown[key] = None if r["suppressed"] else _number(r, measure) or 0
                truth[key] = _number(rows[r["value"]], measure) or 0
                if 0 < rows[r["value"]]["population"] < K:
                    small.add(key)
    return dict(adds), shown, truth, small


def _attack(org, *, pages: bool) -> tuple[int, list]:
    years = flow_years(org, AS_OF)
    section = outflow_section(org, as_of=AS_OF, k=K, years=years, pages=pages)
    real = outflow_section(org, as_of=AS_OF, k=1, years=years, pages=pages)
    return together([*_pages(org), _window_part(org, section, real)])


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_the_web_documents_outflow_window_and_the_pages_of_its_years_reveal_no_small_group(employees, seed):
    org = organisation(employees=employees, seed=seed)
    hidden, found = _attack(org, pages=True)
    print(f"ATTACK document window + two years' pages {employees}p seed {seed}: small hidden={hidden} "
          f"recovered={len(found)}")
    assert hidden and found == []


def test_the_web_documents_window_has_no_unit_table_and_follows_its_cohort_from_the_years_first_day():
    """The window's dates: `test_protected_report_flows.py`; here what the section prints of it."""
    org = organisation(employees=60, seed=1)
    years = flow_years(org, AS_OF)
    web = outflow_section(org, as_of=AS_OF, k=K, years=years, pages=True)
    cli = outflow_section(org, as_of=AS_OF, k=K, years=years)
    assert "unit" not in web["last_12_months"]["by_category"] and "unit" in cli["last_12_months"]["by_category"]
    assert {str(r["on"]) for r in web["by_life_phase"]} == {"2024-01-01"}
    assert {str(r["on"]) for r in cli["by_life_phase"]} == {"2024-07-01"}


def test_the_12_months_across_two_years_give_the_pages_hidden_numbers_away():
    """Not vacuous: the CLI's window (12 months up to as-of), read with the same pages, recovers
    small numbers they hide (246 on this organisation, 7 Dec 2026)."""
    hidden, found = _attack(organisation(employees=60, seed=1), pages=False)
    assert found
