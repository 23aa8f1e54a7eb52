"""The current, partial year (docs/privacy.md, "Years read together").

With the as-of day inside a year, the "Welke categorieën?" pages of 1 January to the as-of day are
audited with the year's joint set ending on the as-of day, and the days' own pages show that
partial year's pattern too (`published_day_pattern` with the pages' last day as `end`). Before
(fixed 6 Dec 2026) the as-of day's pages showed the day's own pattern and 1 January's the whole
calendar year's: 82 of 1,372, 67 of 1,138 and 210 of 1,342 hidden small numbers recovered. The
attacker reads every category's page of the partial year, for the scope and every subtree, with
both days' pages, as one set of equations over the year's people (`attacks.year_numbers`), and
asks which hidden small numbers they determine (exact linear algebra; the model is checked
against k = 1 first)."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from attacks.orgs import ORGS
from attacks.year_numbers import category_parts, day_part, together
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 7, 1)  # history 2021-07-01 .. 2025-07-01; the partial year 2025 runs to the as-of day
START = date(AS_OF.year, 1, 1)


@cache
def _organisation(employees: int, seed: int) -> Workforce:
    return Workforce.from_tables(generate(employees=employees, years=4, seed=seed, as_of=AS_OF))


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_partial_year_categories_and_its_days_together_reveal_no_small_group(employees, seed):
    org = _organisation(employees, seed)
    categories = list(category_parts(org, start=START, end=AS_OF).values())
    days = [day_part(org, day=START, end=AS_OF), day_part(org, day=AS_OF, end=AS_OF)]
    # the category pages carry the days' totals as the day pages show them (the average rates need them)
    alone = len(together(categories)[1])
    hidden, found = together([*categories, *days])
    print(f"ATTACK partial year {employees}p seed {seed}: small hidden={hidden} recovered={len(found)} "
          f"(category pages with the days' totals: {alone})")
    assert hidden, "the organisations are small enough that something is hidden"
    assert found == []
