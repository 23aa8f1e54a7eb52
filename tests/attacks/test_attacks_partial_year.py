"""Gap: the current, partial year (docs/privacy.md, "What the audits do not cover").

With the as-of day inside a year, the "Welke categorieën?" pages of 1 January to the as-of day are
audited with the year's joint set ending on the as-of day, but the as-of day's own pages show the
day's own pattern and those of 1 January the pattern of the whole calendar year's audit
(`published_day_pattern`). The attacker reads every category's page of the partial year, for the
scope and every subtree, with both days' pages, as one set of equations over the year's people
(`attacks.year_numbers`), and asks which hidden small numbers they determine (exact linear
algebra; the model is checked against k = 1 first).
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from attacks.orgs import orgs_marked
from attacks.year_numbers import category_parts, day_part, together
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 7, 1)  # history 2021-07-01 .. 2025-07-01; the partial year 2025 runs to the as-of day
START = date(AS_OF.year, 1, 1)


@cache
def _organisation(employees: int, seed: int) -> Workforce:
    return Workforce.from_tables(generate(employees=employees, years=4, seed=seed, as_of=AS_OF))


# measured 6 Dec 2026 (k = 5), with the years chained (before: 148 (42), 27 and 79)
_WHY = ("the as-of day's pages show the day's own pattern and 1 January's the whole calendar year's, "
        "not the partial year's audit")
_LEAKS = {
    (60, 1): "recovers 82 of 1372 hidden small numbers on the 60-person organisation (0 from the category pages "
             "with the days' totals alone): " + _WHY,
    (35, 7): "recovers 67 of 1138 hidden small numbers on the 35-person organisation (16 from the category "
             "pages with the days' totals alone): " + _WHY,
    (90, 23): "recovers 210 of 1342 hidden small numbers on the 90-person organisation (7 from the category "
             "pages with the days' totals alone): " + _WHY,
}


@pytest.mark.parametrize("employees,seed", orgs_marked(_LEAKS), ids=lambda p: str(p))
def test_partial_year_categories_and_its_days_together_reveal_no_small_group(employees, seed):
    org = _organisation(employees, seed)
    categories = list(category_parts(org, start=START, end=AS_OF).values())
    days = [day_part(org, day=START), day_part(org, day=AS_OF)]
    # the category pages carry the days' totals as the day pages show them (the average rates need them)
    alone = len(together(categories)[1])
    hidden, found = together([*categories, *days])
    print(f"ATTACK partial year {employees}p seed {seed}: small hidden={hidden} recovered={len(found)} "
          f"(category pages with the days' totals: {alone})")
    assert hidden, "the organisations are small enough that something is hidden"
    assert found == []
