"""Reads behind the dashboards: the core's analytics over the scoped workforce, suppressed, as
panels — cached per (data version, scope, filters, k, language)."""

from __future__ import annotations

from collections.abc import Callable

from levensfase.web.dashboards import cache
from levensfase.web.dashboards.filters import Filters, effective_units
from levensfase.web.dashboards.scope import Scope
from levensfase.web.dashboards.selectors.categories import categories_panel
from levensfase.web.dashboards.selectors.common import k, language, scoped_workforce
from levensfase.web.dashboards.selectors.composition import Composition, composition
from levensfase.web.dashboards.selectors.flows import rates_panel, sankey_panel
from levensfase.web.dashboards.selectors.retention import exits_panel, retention_panel
from levensfase.web.dashboards.tables import Panel

__all__ = ["page_data"]


def _composition(w, f: Filters, scope: Scope) -> Composition:
    whole = scoped_workforce(scope.unit_ids) if f.unit else w
    return composition(w, day=f.end, scope=whole, unit=f.unit)


def _flows(w, f: Filters, scope: Scope) -> tuple[Panel, ...]:
    return (sankey_panel(w, start=f.start, end=f.end),
            rates_panel(w, first_year=f.first_year, last_year=f.last_year, end=f.end, by=f.by))


def _retention(w, f: Filters, scope: Scope) -> tuple[Panel, ...]:
    curves = tuple(retention_panel(w, start=f.start, end=f.end, by=by) for by in ("life_phase", "generation"))
    return (*curves, exits_panel(w, start=f.start, end=f.end))


def _categories(w, f: Filters, scope: Scope) -> tuple[Panel, ...]:
    return (categories_panel(w, start=f.start, end=f.end, by=f.by),)


PAGES: dict[str, Callable] = {
    "composition": _composition, "flows": _flows, "retention": _retention, "categories": _categories,
}


def page_data(*, page: str, scope: Scope, filters: Filters):
    """The page's computed content for this user's scope and filters (from the cache when warm)."""
    units = effective_units(scope=scope, filters=filters)
    key = (page, cache.data_version(), scope.key, tuple(sorted(units)) if units is not None else None,
           filters.key, k(), language())
    return cache.cached(key, lambda: PAGES[page](scoped_workforce(units), filters, scope))
