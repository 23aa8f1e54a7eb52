"""Reads behind the dashboards: load the user's scope → the core's functions (analytics.dashboard,
which also decides what is hidden) → panels; cached per (data version, scope, filters, k, language).
`k` is read once per request here and passed down."""

from __future__ import annotations

from collections.abc import Callable

from levensfase.web.dashboards import cache
from levensfase.analytics.dashboard import unit_workforce
from levensfase.web.dashboards.filters import Filters
from levensfase.web.dashboards.scope import Scope
from levensfase.web.dashboards.selectors.categories import categories_panel
from levensfase.web.dashboards.selectors.common import k, language, scoped_workforce
from levensfase.web.dashboards.selectors.composition import Composition, composition
from levensfase.web.dashboards.selectors.flows import rates_panel, sankey_panel
from levensfase.web.dashboards.selectors.retention import exits_panel, retention_panel
from levensfase.web.dashboards.tables import Panel

__all__ = ["page_data"]


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
