"""The price of the year chain for a tiny organisation (docs/privacy.md, "The price for tiny
organisations"): the web tests' hand-made organisation (tests/support/org_fixture.py) on a fixed day,
7 December 2026, when 7 people are at work, at k = 5.

The composition page of that day hides the whole organisation's headcount (main showed it). For the
running year's audit that is necessary, not an over-protection: the numbers 2025 published (as the
chain chose them) fix the count of the five who were there all along (P01, P02, P03, P05, P06), so a
shown 7 gives ZORG's 45–49 group of 2026 (P07, P09) as 7 − 5 = 2.
The independent attacker (`attacks.year_numbers`: every category's page and both days' pages of
2025 and of the running year 2026 up to the day, every subtree) recovers that number once the 7 and
the numbers of the same people are shown, and nothing as published.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from attacks.test_attacks_year_boundary import _of_year
from attacks.year_numbers import category_parts, day_part, together
from levensfase.analytics.protected_year import published_day_pattern
from levensfase.model.workforce import Workforce

K = 5
DAY = date(2026, 12, 7)  # the fixture's "today", fixed
D = date


def _organisation() -> Workforce:
    """org_fixture.build_org with today = DAY (P08 from DAY + 30, P09 from DAY − 100, P10 to DAY − 50)."""
    units = [("ORG", "Zorggroep Test", None), ("ZORG", "Zorg", "ORG"), ("BV", "Bedrijfsvoering", "ORG"),
             ("TA1", "Team Noord", "ZORG"), ("TA2", "Team Zuid", "ZORG"), ("TB1", "Team Financiën", "BV")]
    jobs = [("VPL", "Verpleegkundige", "zorg", "mixed", 7), ("SVPL", "Senior verpleegkundige", "zorg", "mixed", 8),
            ("ADM", "Administrateur", "financien", "mental", 6), ("TL", "Teamleider", "leiding", "mental", 9)]
    people = [(f"P{i + 1:02d}", D(1970 + i, 1 + i, 10), "f" if i % 2 else "m") for i in range(10)]
    spells = [("P01", D(2015, 1, 1), D(2020, 12, 31), "TA1", "VPL", 0.8, "permanent", None),
              ("P01", D(2021, 1, 1), None, "TA1", "SVPL", 0.8, "permanent", None),
              ("P02", D(2018, 6, 1), None, "TA2", "VPL", 1.0, "permanent", None),
              ("P03", D(2012, 1, 1), None, "TB1", "ADM", 0.5, "permanent", None),
              ("P04", D(2016, 1, 1), D(2023, 6, 30), "TA1", "VPL", 1.0, "permanent", "voluntary"),
              ("P05", D(2008, 1, 1), D(2013, 12, 31), "TB1", "ADM", 1.0, "permanent", "voluntary"),
              ("P05", D(2019, 3, 1), None, "TA1", "VPL", 0.6, "fixed_term", None),
              ("P06", D(2010, 1, 1), None, "ORG", "TL", 1.0, "permanent", None),
              ("P07", D(2014, 1, 1), None, "ZORG", "TL", 1.0, "permanent", None),
              ("P08", D(2027, 1, 6), None, "TA2", "VPL", 1.0, "permanent", None),
              ("P09", D(2026, 8, 29), None, "TA2", "VPL", 1.0, "permanent", None),
              ("P10", D(2015, 1, 1), D(2026, 10, 18), "TB1", "ADM", 0.5, "permanent", "voluntary")]
    return Workforce.from_tables({
        "units": _frame(units, ["unit_id", "name", "parent_id"]),
        "jobs": _frame(jobs, ["job_id", "title", "job_family", "work_demand", "grade"]),
        "people": _frame(people, ["person_id", "birth_date", "sex"]),
        "assignments": _frame(spells, ["person_id", "start_date", "end_date", "unit_id", "job_id", "fte", "contract",
                                      "end_reason"]),
        "life_events": _frame([("P01", "child", D(2019, 5, 1), None)], ["person_id", "event", "start_date", "end_date"]),
    })


def _frame(rows: list[tuple], names: list[str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=names, orient="row")


def _same_people_as_the_total(key: tuple) -> bool:
    """The day's whole-organisation headcount and every number of exactly its people (the root unit
    is the whole organisation; all 7 are generation X): one equation for the attacker."""
    if key[0] == "page":
        return key[1] == DAY and key[2] in (None, "ORG") and key[3:] in (("total", None), ("generation", "X"))
    return key[:2] in ((2026, None), (2026, "ORG")) and key[2:] == ("total", "headcount_end")


def test_the_whole_headcount_of_a_tiny_organisation_is_hidden_because_showing_it_gives_a_small_group():
    org = _organisation()
    assert not published_day_pattern(org, day=DAY, k=K, end=DAY).shown(None, "total", None)
    parts = []
    for year, end in ((2025, D(2025, 12, 31)), (2026, DAY)):
        parts += [day_part(org, day=D(year, 1, 1), end=end), day_part(org, day=end, end=end)]
        parts += [_of_year(p, year) for p in category_parts(org, start=D(year, 1, 1), end=end).values()]
    hidden, found = together(parts)
    assert hidden and found == []  # as published
    opened = set()
    for _adds, shown, truth, _small in parts:
        for key in shown:
            if _same_people_as_the_total(key) and shown[key] is None:
                shown[key] = truth[key]
                opened.add(truth[key])
    assert opened == {7}  # the hidden 7, now shown
    _hidden, found = together(parts)
    assert found == [((2026, "ZORG", "age_band", "45-49", "population"), 2, 2)]
