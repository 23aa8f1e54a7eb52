"""What the retention set holds beside the page's own groups (analytics.protected_retention.set_cells),
checked by hand on the hand-built organisation (tests/support/handbuilt.py).

The cohort of 1 January 2022, all in U1: A (f, born 1990: 30–34), B (f, 1975: 45–49), C (m, 1985:
35–39; leaves 31 December 2023, the last day of cohort year 2), F (m, 1980: 40–44; moves to U2 in
2024 and leaves 31 December 2024, year 3), H (no sex recorded, 1966: 55–59).
"""

from __future__ import annotations

from datetime import date

from levensfase.analytics.protected_day import day_cells
from levensfase.analytics.protected_retention import CATEGORIES, running_year_end, set_cells
from levensfase.analytics.protected_retention_two_years import _two_year_cells
from levensfase.analytics.protected_year import published_day_pattern

START = date(2022, 1, 1)
K = 5


def _by_key(found) -> dict:
    return {c.key: c for c in found.cells}


def test_other_categories_small_groups_are_protected_with_their_people_and_two_year_leavers(hand_built):
    found = set_cells(hand_built, start=START, k=K, categories=CATEGORIES)
    cells = _by_key(found)
    small = {key: set(cell.members) for key, cell in cells.items() if key[0] == "small" and key[1] is None}
    assert small[("small", None, "sex", "m", "people")] == {"C", "F"}
    assert small[("small", None, "sex", "m", "left2")] == {"C"}  # F left in year 3
    assert small[("small", None, "sex", "f", "people")] == {"A", "B"}
    assert ("small", None, "sex", "f", "left2") not in small  # nobody left: no number to protect
    assert small[("small", None, "age_band", "35-39", "left2")] == {"C"}
    assert small[("small", None, "age_band", "40-44", "people")] == {"F"}
    # job family "zorg", contract "permanent" and unit U1 hold all five: no small group there
    assert {key[2] for key in small} == {"age_band", "sex"}
    assert all(cells[key].primary for key in small) and {key for key in small} <= found.small
    # the page's own categories are its groups, not protected extra cells
    assert not any(key[0] == "small" and key[2] in CATEGORIES for key in cells)


def test_every_number_of_the_first_days_pages_is_in_the_set_as_they_publish_it(hand_built):
    found = set_cells(hand_built, start=START, k=K, categories=CATEGORIES)
    cells = _by_key(found)
    shown = published_day_pattern(hand_built, day=START, k=K)
    page = day_cells(hand_built, day=START)
    assert page
    for cell in page:
        key = ("day", *cell.key)
        assert cells[key].members == cell.members
        assert (key in found.published) == shown.shown(*cell.key)
        assert (key in found.published) != (key in found.small or key in found.other)
    assert cells[("day", None, "total", None)].members == {"A", "B", "C", "F", "H"}


def test_a_category_with_its_own_two_year_table_has_no_protected_copy(hand_built):
    found = set_cells(hand_built, start=START, k=K, categories=CATEGORIES, extra={"sex": _two_year_cells})
    keys = {c.key for c in found.cells}
    assert (None, "sex", "m", "left2") in keys
    assert not any(key[0] == "small" and key[2] == "sex" for key in keys)
    assert any(key[0] == "small" and key[2] == "age_band" for key in keys)


def test_the_running_years_end_matters_only_inside_the_start_year():
    assert running_year_end(date(2025, 1, 1), date(2025, 7, 1)) == date(2025, 7, 1)
    assert running_year_end(date(2025, 1, 1), date(2025, 12, 31)) is None
    assert running_year_end(date(2024, 1, 1), date(2025, 7, 1)) is None
    assert running_year_end(date(2025, 1, 1), None) is None
