"""The retention page of a cohort that starts on 1 January of the running, partial year.

The running year's pages end on the as-of day, so the "Welke categorieën?" page and the day's pages
show 1 January as the partial year's audit needs it (`published_day_pattern` with `end`, docs/
privacy.md "The current, partial year"). A group's cohort on the retention page is that day's
headcount (a generation's the same number, a life phase's linked by name), so the page must hide
every group those pages hide on 1 January. Before (6 Dec 2026) the retention set read 1 January
with the whole calendar year's pattern: on the 90-person organisation with the as-of day 1 July
2025 the whole scope's and U001's "pre_retirement" cohort was shown there while the category
page of 2025 hid its 1 January headcount.
"""

from __future__ import annotations

from datetime import date

from attacks.test_attacks_partial_year import AS_OF, START, _organisation
from levensfase.analytics.dashboard import unit_workforce
from levensfase.analytics.protected_year import published_day_pattern
from levensfase.web.dashboards.selectors.retention import summary

K = 5


def test_a_running_year_cohort_hides_what_the_running_years_pages_hide_on_1_january():
    org = _organisation(90, 23)
    running = published_day_pattern(org, day=START, k=K, end=AS_OF)  # what the running year's pages show
    whole_year = published_day_pattern(org, day=START, k=K)  # the calendar year's: not what any page shows
    checked, only_running = 0, []
    for unit in [None, *org.units["unit_id"].to_list()]:
        for by in ("generation", "life_phase"):
            table, _curves = summary(unit_workforce(org, unit), start=START, end=AS_OF, by=by, k=K, scope=org,
                                     unit=unit)
            for value, suppressed in table.select("value", "suppressed").iter_rows():
                if not running.shown(unit, by, value):
                    checked += 1
                    assert suppressed, (unit, by, value)
                    if whole_year.shown(unit, by, value):
                        only_running.append((unit, by, value))
    assert checked
    # the groups that tell the two readings apart (measured): hidden only by the running year's audit
    assert {(None, "life_phase", "pre_retirement"), ("U001", "life_phase", "pre_retirement")} <= set(only_running)
