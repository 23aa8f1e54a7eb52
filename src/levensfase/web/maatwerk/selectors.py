"""Reads for the maatwerk screens: stored plans as core plans, the actor a user is, plan lists per role."""

from __future__ import annotations

import logging
from datetime import date

import polars as pl
from django.conf import settings
from django.db.models import QuerySet

from levensfase.analytics.ambitions import ambitions_section
from levensfase.analytics.maatwerk import Maatwerk, maatwerk_for
from levensfase.analytics.policy_scan import policy_scan_section
from levensfase.model import conversations
from levensfase.model import plans as core
from levensfase.model.arrangements import Catalog, CatalogError, load_catalog
from levensfase.model.arrangements.overrides import merge_catalog
from levensfase.model.budget import BudgetRules, load_budget_rules
from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.maatwerk.models import CatalogChange, CatalogOverride, Plan
from levensfase.web.ui import cache

_default: Catalog | None = None
_merged: tuple[tuple, Catalog] | None = None
log = logging.getLogger(__name__)


def default_catalog() -> Catalog:
    """The packaged catalog, read once per process (it is a data file, not user data)."""
    global _default
    if _default is None:
        _default = load_catalog()
    return _default


def catalog_overrides() -> dict[str, dict]:
    """code → the organisation's stored entry (changed defaults and own instruments)."""
    return dict(CatalogOverride.objects.values_list("code", "body"))


def catalog() -> Catalog:
    """The organisation's catalog: defaults merged with its stored changes (one small query; the
    merge is redone only when a change was saved, so every process sees every save)."""
    global _merged
    rows = list(CatalogOverride.objects.values_list("code", "body", "updated_at"))
    key = tuple((code, at) for code, _, at in rows)
    if _merged is None or _merged[0] != key:
        _merged = (key, _merge({code: body for code, body, _ in rows}))
    return _merged[1]


def _merge(overrides: dict[str, dict]) -> Catalog:
    try:
        return merge_catalog(default_catalog(), overrides)
    except CatalogError:
        # Saved entries were checked on save; one that a newer package no longer accepts is left
        # out (the default stays) rather than breaking every page.
        good = {}
        for code, body in overrides.items():
            try:
                merge_catalog(default_catalog(), {code: body})
                good[code] = body
            except CatalogError as exc:
                log.warning("catalog change ignored: %s", exc)
        return merge_catalog(default_catalog(), good)


def own_person_id(*, user) -> str | None:
    profile = access.profile_of(user)
    return profile.person_id if profile else None


def manages(*, user, person_id: str, on: date | None = None) -> bool:
    """True when `user` is a manager and `person_id` works in one of their units today (never themself)."""
    if access.role_of(user) != Role.MANAGER or person_id == own_person_id(user=user):
        return False
    return access.can_view_person(user=user, person_id=person_id, on=on)


def actor_for(*, user, person_id: str) -> core.Actor:
    return core.Actor(role=access.role_of(user) or "", person_id=own_person_id(user=user),
                      manages_person=manages(user=user, person_id=person_id))


def as_core(plan: Plan) -> core.Plan:
    items = tuple(core.PlanItem(i.code, i.start_date, i.end_date, i.hours, i.cost_eur) for i in plan.items.all())
    history = tuple(core.HistoryEntry(e.at, e.action, e.from_state or None, e.to_state, e.actor_role,
                                      e.actor_person_id or None, e.note) for e in plan.events.all())
    return core.Plan(plan.person_id, items, plan.state, history)


def can_see_plan(*, user, plan: Plan) -> bool:
    """The employee, their manager, and HR admin; nobody else sees a plan."""
    role = access.role_of(user)
    if plan.person_id == own_person_id(user=user) or role == Role.HR_ADMIN:
        return True
    return manages(user=user, person_id=plan.person_id)


def plans_of(*, person_id: str) -> QuerySet[Plan]:
    return Plan.objects.filter(person_id=person_id).prefetch_related("items", "events")


def team_requests(*, user) -> list[Plan]:
    """Requested plans of people in the manager's own team (their own plan never)."""
    if access.role_of(user) != Role.MANAGER:
        return []
    own, today = own_person_id(user=user), date.today()
    # The team follows the hr data, the manager's units and the day: read once per those (the inbox
    # on every manager page; the query took 50 ms over 200.000 people on PostgreSQL). Plans are
    # read each time: they change without the data version.
    key = ("team_ids", cache.data_version(), own, tuple(sorted(access.managed_unit_ids(user=user))), today)
    ids = cache.cached(key, lambda: frozenset(access.visible_people(user=user, on=today)
                                              .values_list("person_id", flat=True)) - {own})
    return list(Plan.objects.filter(state="requested", person_id__in=ids).prefetch_related("items", "events"))


def plans_to_register() -> list[Plan]:
    return list(Plan.objects.filter(state="approved").prefetch_related("items", "events"))


def budget_rules() -> BudgetRules:
    """The packaged budget.toml, or the file named by the setting LEVENSFASE_BUDGET_RULES."""
    return load_budget_rules(getattr(settings, "LEVENSFASE_BUDGET_RULES", None))


def maatwerk_of(*, person_id: str, on: date) -> Maatwerk | None:
    """The person's maatwerk. No salary is passed: the exchange format has none, so an IKB
    percentage cannot be turned into euros (the page says "salaris onbekend")."""
    return maatwerk_for(load_workforce(), person_id=person_id, on=on, catalog=catalog(), budget_rules=budget_rules())


def plan_states() -> pl.DataFrame:
    """person_id, state of every stored plan: the policy scan's "has an agreed plan"."""
    rows = list(Plan.objects.values_list("person_id", "state"))
    return pl.DataFrame(rows, schema={"person_id": pl.String, "state": pl.String}, orient="row")


def policy_scan(*, on: date, k: int) -> dict:
    """The policy scan section (every table through privacy.suppress in the core, and a group's row
    withheld where the pages of the day hide its headcount), once per
    data version, day, k, catalog and plans: the catalog and the plans change in the app without a
    data version, so what they hold is part of the key (a few hundred rows at most)."""
    entries, plans = catalog(), plan_states()
    key = ("policy_scan", cache.data_version(), on, k, repr(entries.arrangements), plans.hash_rows().sum())

    def compute() -> dict:
        from levensfase.analytics.protected_year import published_day_pattern

        workforce = load_workforce()  # a group's headcount the day's pages hide is hidden here too
        return policy_scan_section(workforce, as_of=on, k=k, catalog=entries, plans=plans,
                                   day=published_day_pattern(workforce, day=on, k=k, end=on))

    return cache.cached(key, compute)


def ambitions(*, on: date, k: int) -> dict:
    """Career-conversation answers per group (the blocks audited as rounds in the core, a group's
    row withheld where the pages of the day hide its headcount), once per data version, day and k:
    conversations are hr data, so a new one bumps it."""
    def compute() -> dict:
        from levensfase.analytics.protected_year import published_day_pattern

        workforce = load_workforce()
        return ambitions_section(workforce, as_of=on, k=k, day=published_day_pattern(workforce, day=on, k=k, end=on))

    return cache.cached(("ambitions", cache.data_version(), on, k), compute)


def conversation_history(*, person_id: str) -> list[tuple[date, str, str]]:
    """(date, topic, value) of every stored answer, newest conversation first (core `history`)."""
    frame = load_workforce().conversations
    return list(conversations.history(frame, person_id=person_id).iter_rows())


def catalog_changes(*, code: str) -> list[CatalogChange]:
    return list(CatalogChange.objects.filter(code=code))
