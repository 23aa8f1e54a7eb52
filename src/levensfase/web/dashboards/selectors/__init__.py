"""Reads behind the dashboards: load the user's scope → the core's functions (analytics.dashboard,
which also decides what is hidden) → panels; cached per (data version, scope, filters, k, language).
`k` is read once per request here and passed down."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date

from levensfase.analytics.dashboard import period_table, unit_workforce
from levensfase.analytics.findings.coverage import as_lines, section_coverage
from levensfase.analytics.protected_year import year_pattern
from levensfase.web.dashboards.selectors.categories import categories_panel
from levensfase.web.dashboards.selectors.composition import Composition, composition
from levensfase.web.dashboards.selectors.flows import rates_panel, sankey_panel
from levensfase.web.dashboards.selectors.retention import exits_panel, retention_panel
from levensfase.web.ui import cache
from levensfase.web.ui.filters import CATEGORY_LABELS, Filters, parse, year_range
from levensfase.web.ui.labels import language
from levensfase.web.ui.reads import k, scoped_workforce
from levensfase.web.ui.scope import Scope
from levensfase.web.ui.tables import Panel

__all__ = ["coverage_lines", "decide_years", "page_data", "section_coverage_lines", "warm", "warm_in_background",
           "warm_other_pages"]


def _composition(w, f: Filters, kk: int) -> Composition:
    return composition(w, day=f.end, unit=f.unit or None, k=kk)


def _flows(w, f: Filters, kk: int) -> tuple[Panel, ...]:
    return (sankey_panel(w, start=f.start, end=f.end, unit=f.unit or None, k=kk),
            rates_panel(w, first_year=f.first_year, last_year=f.last_year, end=f.end, by=f.by, unit=f.unit or None, k=kk))


def _retention(w, f: Filters, kk: int) -> tuple[Panel, ...]:
    sub = unit_workforce(w, f.unit or None)
    curves = tuple(retention_panel(sub, start=f.start, end=f.end, by=by, k=kk, scope=w, unit=f.unit or None)
                   for by in ("life_phase", "generation"))
    return (*curves, exits_panel(sub, start=f.start, end=f.end, k=kk, scope=w, unit=f.unit or None))


def _categories(w, f: Filters, kk: int) -> tuple[Panel, ...]:
    return (categories_panel(w, start=f.start, end=f.end, by=f.by, unit=f.unit or None, k=kk),)


PAGES: dict[str, Callable] = {
    "composition": _composition, "flows": _flows, "retention": _retention, "categories": _categories,
}


def page_data(*, page: str, scope: Scope, filters: Filters):
    """The page's computed content for this user's scope and filters (from the cache when warm).

    The core gets the user's whole scope and the chosen unit, so that every unit subtree the user
    can choose is protected together with its parent and siblings (DESIGN §6)."""
    kk = k()
    key = (page, cache.data_version(), scope.key, filters.key, kk, language())
    return cache.cached(key, lambda: PAGES[page](scoped_workforce(scope.unit_ids), filters, kk))


def coverage_lines(*, page: str, scope: Scope, filters: Filters, k: int) -> list[dict]:
    """What a dashboard page's numbers rest on and what is missing, for the chosen unit and period."""
    start = filters.end if page == "composition" else filters.start
    return section_coverage_lines(section=page, start=start, end=filters.end, k=k, unit_ids=scope.unit_ids,
                                  unit=filters.unit or None, scope_key=scope.key)


def section_coverage_lines(*, section: str, start: date, end: date, k: int, unit_ids: frozenset[str] | None = None,
                           unit: str | None = None, scope_key: object = None) -> list[dict]:
    """The coverage lines of any section (analytics.findings.coverage) in the UI language; `unit_ids`
    is the user's scope (None: the whole organisation). Cached like a dashboard's panels: they read
    only the Workforce, which follows the data version (survey answers, arrangements and skills
    entered in the app move it too, hr.versions); the policy scan's took most of a warm request at
    100.000 employees. `k` is the request's, read once by the view."""

    def compute() -> list[dict]:
        workforce = unit_workforce(scoped_workforce(unit_ids), unit)
        return as_lines(section_coverage(workforce, section=section, start=start, end=end, k=k), language())

    key = ("coverage", section, cache.data_version(), scope_key if scope_key is not None else unit_ids, unit,
           start, end, k, language())
    return cache.cached(key, compute)


def warm(*, today: date | None = None) -> None:
    """Compute the organisation-wide pages with their default filters into the cache, so the first
    visit after the server starts is served warm: the privacy audit of a day takes about a second
    and a flows page needs ten days (benchmarks/privacy_bench.py) and ten audited years
    (benchmarks/flows_bench.py). Then the other categories' years, for other filters."""
    from django.http import QueryDict
    from django.utils import translation

    scope = Scope(team=False, unit_ids=None)
    filters, errors = parse(QueryDict(), scope=scope, default_by="age_band", today=today or date.today())
    if errors:
        return
    workforce, kk = scoped_workforce(None), k()
    decide_years(today=filters.today)
    with translation.override("nl"):  # the day patterns underneath serve every language
        for page in PAGES:
            page_data(page=page, scope=scope, filters=filters)
    # Each year's flows are audited for every unit subtree at once (analytics.protected_flows):
    # with every category's years computed too, any unit filter and category of the default years
    # is served from the core's patterns (≈ 1 s per category and year on 2,500 employees).
    for by in CATEGORY_LABELS:
        for year in range(filters.first_year, filters.last_year + 1):
            period_table(workforce, start=date(year, 1, 1), end=min(date(year, 12, 31), filters.end), by=by, k=kk)


def decide_years(*, today: date | None = None, progress: Callable[[str, float], None] | None = None,
                 unit_ids: frozenset[str] | None = None) -> None:
    """The organisation's year audits (or those of the scope of `unit_ids`: a manager's team), in
    year order from the first year of recorded history to today's (partial) year. They are chained
    (analytics.protected_year): each year needs the year before, so the first page of a recent year
    would otherwise wait for all of them (minutes on 2,500 people); `levensfase demo` runs this with
    a progress bar before it serves."""
    day = today or date.today()
    workforce, kk = scoped_workforce(unit_ids), k()
    years = range(year_range(today=day)[0], day.year + 1)
    for done, year in enumerate(years):
        if progress:
            progress(str(year), done / len(years))
        year_pattern(workforce, year=year, end=min(date(year, 12, 31), day), k=kk)
    if progress:
        progress(str(day.year), 1.0)


def warm_other_pages(*, today: date | None = None) -> None:
    """The other organisation-wide aggregate pages' computations (seconds each, not minutes): the
    policy scan with the career-conversation answers, the home page's verdict (it reads the year
    chain's decisions: a first landing waited for them), and the employability dashboard's survey
    scores and band flows, in Dutch like `warm`."""
    from django.utils import translation

    from levensfase.web.maatwerk.selectors import ambitions, policy_scan
    from levensfase.web.pages.selectors import headline, verdict
    from levensfase.web.surveys.selectors import band_flows

    day, kk = today or date.today(), k()
    with translation.override("nl"):
        scan = policy_scan(on=day, k=kk)
        verdict(today=day, k=kk, lang="nl")  # the home page of HR, analysts and the works council
        headline(today=day, k=kk)  # beside it: today's headcount as the day's pages decide it
        verdict(today=day, k=kk, lang="nl", policy_scan=scan)  # the policy-scan page's (half a minute a worker)
        ambitions(on=day, k=kk)
        band_flows(today=day)


def warm_in_background() -> threading.Thread:
    """`warm` in a daemon thread (`levensfase serve`, and after an import while serving): a failure
    only costs speed, and says so in the log."""

    def run() -> None:
        from django.db import connection

        from levensfase.web.maatwerk.evaluation_selectors import evaluation

        try:
            warm_other_pages()
            warm()
            # "Werkt het?" and the planner read it: computed by the first worker, read by the others
            evaluation(on=date.today(), k=k())
        except Exception:  # noqa: BLE001 — the pages compute on demand as before
            logging.getLogger(__name__).exception("warming the dashboards failed")
        finally:
            connection.close()

    thread = threading.Thread(target=run, name="warm-dashboards", daemon=True)
    thread.start()
    return thread
