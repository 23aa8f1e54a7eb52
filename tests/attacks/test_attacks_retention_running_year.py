"""The retention page of a cohort that starts on 1 January of the running, partial year.

The running year's pages end on the as-of day, so the "Welke categorieën?" page and the day's pages
show 1 January as the partial year's audit needs it (`published_day_pattern` with `end`, docs/
privacy.md "The current, partial year"). A group's cohort on the retention page is that day's
headcount (a generation's the same number, a life phase's linked by name), so the page must hide
every group those pages hide on 1 January. Before (6 Dec 2026) the retention set read 1 January
with the whole calendar year's pattern: on the 90-person organisation with the as-of day 1 July
2025 the whole scope's and U001's "pre_retirement" cohort was shown there while the category
page of 2025 hid its 1 January headcount. Since the chain carries every earlier year and protects
every later year's small numbers (7 Dec 2026, `privacy.linked_history`), the calendar year's
pattern hides those groups too (a superset of the running year's on 1 January, for generation and
life phase, on all three attack organisations and as-of days 1 April, 1 July and 1 October 2025):
the test still checks that the page hides what the running year's pages hide, beyond the day's own
pattern, and (7 Dec 2026) that the retention set reads 1 January as the running year's pages show
it: the numbers no longer tell the two readings apart (on the 90-person organisation the page hides
every group of both categories, and the two patterns agree on each), so the day the set asks for
is checked where it is read.
"""

from __future__ import annotations

from datetime import date

from attacks.test_attacks_partial_year import AS_OF, START, _organisation
from levensfase.analytics import protected_retention
from levensfase.analytics.dashboard import unit_workforce
from levensfase.analytics.protected_day import day_pattern
from levensfase.analytics.protected_year import published_day_pattern
from levensfase.model.workforce import Workforce
from levensfase.web.dashboards.selectors.retention import summary

K = 5


def test_a_running_year_cohort_hides_what_the_running_years_pages_hide_on_1_january(monkeypatch):
    org = _organisation(90, 23)
    running = published_day_pattern(org, day=START, k=K, end=AS_OF)  # what the running year's pages show
    own = day_pattern(org, day=START, k=K)  # the day's own pattern, without the year's companions
    checked, beyond_own = 0, []
    for unit in [None, *org.units["unit_id"].to_list()]:
        for by in ("generation", "life_phase"):
            table, _curves = summary(unit_workforce(org, unit), start=START, end=AS_OF, by=by, k=K, scope=org,
                                     unit=unit)
            for value, suppressed in table.select("value", "suppressed").iter_rows():
                if not running.shown(unit, by, value):
                    checked += 1
                    assert suppressed, (unit, by, value)
                    if own.shown(unit, by, value):
                        beyond_own.append((unit, by, value))
    assert checked
    # hidden by the running year's audit beyond the day's own pattern (measured)
    assert {(None, "life_phase", "pre_retirement"), ("U001", "life_phase", "pre_retirement")} <= set(beyond_own)
    # the set reads 1 January as the running year's pages show it (up to the as-of day), not as the
    # calendar year's pattern (end None): a fresh copy of the organisation, so nothing is cached
    asked = []

    def reading(workforce, *, day, k, end=None):
        asked.append((day, end))
        return published_day_pattern(workforce, day=day, k=k, end=end)

    monkeypatch.setattr(protected_retention, "published_day_pattern", reading)
    # nor on disk: a web test run before in this process leaves the session's pattern folder set,
    # and the same content would be read from it
    monkeypatch.delenv("LEVENSFASE_PATTERN_CACHE", raising=False)
    fresh = Workforce.from_tables(org.tables())
    summary(fresh, start=START, end=AS_OF, by="generation", k=K, scope=fresh, unit=None)
    assert asked == [(START, AS_OF)]
