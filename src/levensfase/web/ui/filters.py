"""The dashboard filters (unit in the tree, period in whole years, category), read from the query
string and checked against what the user may see; bad values get a message, never a 500."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levensfase.web.accounts import access
from levensfase.model.recorded_history import first_recorded_year
from levensfase.web.hr.models import Unit
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.ui import cache
from levensfase.web.ui.scope import Scope

CATEGORY_LABELS = {
    "age_band": gettext_lazy("age band"),
    "generation": gettext_lazy("generation"),
    "life_phase": gettext_lazy("life phase"),
    "unit": gettext_lazy("unit"),
    "job_family": gettext_lazy("job family"),
    "contract": gettext_lazy("contract"),
    "sex": gettext_lazy("sex"),
}
DEFAULT_YEARS = 5
LONG_LIST = 300  # unit filter options; above it only the top levels and the chosen unit's branch


@dataclass(frozen=True)
class UnitChoice:
    unit_id: str
    name: str
    depth: int


@dataclass(frozen=True)
class Filters:
    unit: str  # "" = the whole scope
    first_year: int
    last_year: int
    by: str
    today: date

    @property
    def start(self) -> date:
        return date(self.first_year, 1, 1)

    @property
    def end(self) -> date:
        """The last day of the period: 31 December, or today for the running year."""
        return min(date(self.last_year, 12, 31), self.today)

    @property
    def key(self) -> tuple:
        return (self.unit, self.first_year, self.last_year, self.by, self.today)

    def query(self, **changes: object) -> str:
        """The query string of these filters (for CSV links), with `changes` applied."""
        params = {"unit": self.unit, "from": self.first_year, "to": self.last_year, "by": self.by, **changes}
        query = QueryDict(mutable=True)
        for name, value in params.items():
            if value not in ("", None):
                query[name] = str(value)
        return query.urlencode()


def unit_choices(*, scope: Scope) -> tuple[UnitChoice, ...]:
    """The units of the scope in tree order (parents before children), with their depth; read once
    per data version and scope (a sector has thousands of units, and every dashboard request asks)."""
    return cache.cached(("unit_choices", cache.data_version(), scope.key), lambda: _unit_choices(scope))


def unit_options(*, scope: Scope, selected: str) -> SafeString:
    """The `<option>`s of the unit filter, indented by depth. A list of every unit is rendered once
    per data version, scope and language; a long one (a sector: thousands of teams, 400 kB on every
    page) is cut to the top two levels and the branch of the chosen unit (`unit_hint` says so),
    joined per request from options rendered once per data version and scope (the chosen branch
    of a sector holds 1.600 teams: rendering them took 45 ms a request), so choosing units does
    not fill the page cache."""
    choices = unit_choices(scope=scope)
    if len(choices) > LONG_LIST:
        rows = cache.cached(("unit_option_rows", cache.data_version(), scope.key),
                            lambda: tuple(_options((u,), "") for u in choices))
        return with_selected(mark_safe("".join(rows[i] for i in _listed_at(choices, selected))), selected)
    html = cache.cached(("unit_options", cache.data_version(), scope.key, get_language()),
                        lambda: _options(choices, ""))
    return with_selected(html, selected)


def with_selected(options: SafeString, selected: str) -> SafeString:
    """Options rendered once (cached) with the chosen one marked: the cached HTML stays the same
    for every choice."""
    if not selected:
        return options
    chosen = format_html('<option value="{}">', selected)
    return mark_safe(options.replace(chosen, chosen[:-1] + " selected>", 1))


def _options(units, selected: str) -> SafeString:
    return format_html_join("", '<option value="{}"{}>{}{}</option>', (
        (u.unit_id, " selected" if u.unit_id == selected else "", mark_safe("&nbsp;&nbsp;" * u.depth), u.name)
        for u in units))


def unit_hint(*, scope: Scope) -> str:
    """What a cut unit list means for the user ("" when every unit is listed)."""
    if len(unit_choices(scope=scope)) <= LONG_LIST:
        return ""
    return _("Only the top levels are listed, and the units below the chosen one: choose a unit and press "
             "Show to see the units in it.")


def _listed(choices: tuple[UnitChoice, ...], selected: str) -> list[UnitChoice]:
    """All units, or for a long list the top two levels plus the children of the chosen unit and of
    each unit above it (`choices` is in tree order, so a unit's ancestors come before it)."""
    return [choices[i] for i in _listed_at(choices, selected)]


def _listed_at(choices: tuple[UnitChoice, ...], selected: str) -> list[int]:
    """The positions in `choices` of what `_listed` keeps, in tree order."""
    if len(choices) <= LONG_LIST:
        return list(range(len(choices)))
    keep = {i for i, u in enumerate(choices) if u.depth <= 1}
    at = next((i for i, u in enumerate(choices) if u.unit_id == selected), None)
    if at is not None:
        branch = [at]  # the chosen unit and its ancestors, nearest first
        for i in range(at - 1, -1, -1):
            if choices[i].depth < choices[branch[-1]].depth:
                branch.append(i)
        for top in branch:
            keep.add(top)
            for i in range(top + 1, len(choices)):
                if choices[i].depth <= choices[top].depth:
                    break
                if choices[i].depth == choices[top].depth + 1:
                    keep.add(i)
    return sorted(keep)


def _unit_choices(scope: Scope) -> tuple[UnitChoice, ...]:
    units = list(Unit.objects.values_list("unit_id", "name", "parent_id"))
    inside = {u for u, _, _ in units} if scope.unit_ids is None else set(scope.unit_ids)
    children: dict[str | None, list[tuple[str, str]]] = {}
    for unit_id, name, parent_id in units:
        if unit_id in inside:
            top = parent_id if parent_id in inside else None
            children.setdefault(top, []).append((name, unit_id))
    result: list[UnitChoice] = []
    seen: set[str] = set()

    def walk(parent: str | None, depth: int) -> None:
        for name, unit_id in sorted(children.get(parent, [])):
            if unit_id not in seen:  # a cycle in bad data must not loop forever
                seen.add(unit_id)
                result.append(UnitChoice(unit_id=unit_id, name=name, depth=depth))
                walk(unit_id, depth + 1)

    walk(None, 0)
    return tuple(result)


def year_range(*, today: date) -> tuple[int, int]:
    """The first year of recorded history (`model.recorded_history`: the years before it hold only
    the people who stayed on) and this year, once per data version."""
    first = cache.cached(("year_range", cache.data_version()), lambda: first_recorded_year(load_workforce()))
    return min(first or today.year, today.year), today.year


def parse(params: QueryDict, *, scope: Scope, default_by: str, today: date) -> tuple[Filters, list[str]]:
    """Filters from the query string, and the messages for values that were refused.

    A refused value falls back to its default, so the caller can show the form again with the
    message; nothing is computed for a request with errors.
    """
    errors: list[str] = []
    first_data, last_data = year_range(today=today)
    last_year = _year(params.get("to"), last_data, first_data, last_data, _("end year"), errors)
    first_year = _year(params.get("from"), max(first_data, last_year - DEFAULT_YEARS + 1), first_data, last_data,
                       _("start year"), errors)
    if first_year > last_year:
        errors.append(_("The start year must not be after the end year."))
        first_year, last_year = max(first_data, last_data - DEFAULT_YEARS + 1), last_data
    unit = (params.get("unit") or "").strip()
    if unit and unit not in {u.unit_id for u in unit_choices(scope=scope)}:
        errors.append(_("Unit “%(unit)s” does not exist or is outside your view.") % {"unit": unit[:64]})
        unit = ""
    by = (params.get("by") or default_by).strip()
    if by not in CATEGORY_LABELS:
        errors.append(_("Unknown category “%(by)s”; choose one from the list.") % {"by": by[:64]})
        by = default_by
    return Filters(unit=unit, first_year=first_year, last_year=last_year, by=by, today=today), errors


def _year(raw: str | None, default: int, low: int, high: int, name: str, errors: list[str]) -> int:
    if raw in (None, ""):
        return default
    try:
        year = int(raw)
    except (TypeError, ValueError):
        errors.append(_("The %(name)s must be a year such as %(example)s.") % {"name": name, "example": high})
        return default
    if year < low:
        errors.append(_("Before %(first)s the records are incomplete (who left is not in them): the %(name)s must "
                        "be %(first)s or later.") % {"name": name, "first": low})
        return default
    if not low <= year <= high:
        errors.append(_("The %(name)s must lie between %(low)s and %(high)s.") % {"name": name, "low": low, "high": high})
        return default
    return year


def effective_units(*, scope: Scope, filters: Filters) -> frozenset[str] | None:
    """The units to compute over: the chosen unit's subtree inside the scope (None = everything)."""
    if not filters.unit:
        return scope.unit_ids
    chosen = frozenset(access.descendant_unit_ids(roots=[filters.unit]))
    return chosen if scope.unit_ids is None else chosen & scope.unit_ids
