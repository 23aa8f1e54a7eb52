"""Reads behind the pages: headline numbers, the people list, one person's record.

Aggregates come from the core (`levensfase.analytics.metrics`) over the database `Workforce`;
individual records straight from the ORM, always narrowed by `accounts.access` first.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

import polars as pl
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from levensfase.analytics.metrics import period_metrics
from levensfase.analytics.privacy import is_small
from levensfase.model.workforce import Workforce, derive_spells
from levensfase.web.accounts import access
from levensfase.web.hr.models import Absence, Assignment, ImportRun, LifeEvent, Person, SurveyResponse, Unit
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.ui import cache
from levensfase.web.ui.filters import with_selected

PAGE_SIZE = 50


def current(on: date, prefix: str = "") -> Q:
    """Assignments (or, with a prefix, rows through a relation) that cover day `on`."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


@dataclass(frozen=True)
class Headline:
    """Organisation-wide numbers of this year so far (1 January up to today: the dashboards' running
    year, DESIGN §4), or suppressed as a whole when fewer than k people worked here in it (DESIGN
    §6). Each number is printed only where the dashboards print it on the same day, so the headline
    adds nothing an attacker could difference against them (issue 16): `today_withheld` (today's
    headcount and FTE) follows the day's pages, `flows_withheld` (inflow and turnover) the year's
    total on every category page, `outflow_withheld` the outflow per kind of the categories page."""

    start: date
    end: date
    suppressed: bool
    k: int = 5
    today_withheld: bool = False
    flows_withheld: bool = False
    outflow_withheld: bool = False
    headcount: int | None = None
    fte: float | None = None
    inflow: int | None = None
    outflow: int | None = None
    voluntary_outflow: int | None = None
    pension_outflow: int | None = None
    turnover_rate: float | None = None  # per year, as the categories page's average of the selection


def headline(*, today: date, k: int, wait: float | None = None) -> Headline | None:
    """The headline of this year so far (organisation-wide: once per data version, day and k); None
    while it is still computed (`wait` as `verdict`'s: it follows the year's pages, which wait for
    the year chain)."""
    workforce = load_workforce()  # read here, in the request: the computation itself reads no database
    return cache.cached_or_pending(("headline", cache.data_version(), today, k),
                                   lambda: _headline(workforce, today=today, k=k), wait=wait)


def _headline(workforce: Workforce, *, today: date, k: int) -> Headline:
    """A rolling window (the 365 days up to today) differs from the whole years the pages publish by
    the days in between, which no audit covers: the headline reads the pages' running year instead."""
    from levensfase.analytics.absence import years_in
    from levensfase.analytics.categories import CATEGORIES
    from levensfase.analytics.dashboard import period_table
    from levensfase.analytics.protected_year import published_day_pattern
    from levensfase.analytics.protected_year_outflow import outflow_window_table

    start = date(today.year, 1, 1)
    population = (
        workforce.assignments.filter(
            (pl.col("start_date") <= today) & (pl.col("end_date").is_null() | (pl.col("end_date") >= start))
        )
        .get_column("person_id")
        .n_unique()
    )
    if is_small(population, k):
        return Headline(start=start, end=today, suppressed=True, k=k)
    m = period_metrics(workforce, start=start, end=today)
    today_hidden = not published_day_pattern(workforce, day=today, k=k, end=today).shown(None, "total", None)
    # the year's total inflow, outflow and average headcount: printed by a category page (its
    # average turnover) only where that page's flow table may show its total; here only where all do
    flows_hidden = not all(period_table(workforce, start=start, end=today, by=by, k=k)[1] for by in CATEGORIES)
    table = outflow_window_table(workforce, start=start, end=today, by=None, k=k)
    out = table.row(0, named=True) if table.height else {"suppressed": False, "outflow": 0, "voluntary": 0, "pension": 0}
    outflow_hidden = bool(out["suppressed"])
    return Headline(
        start=start,
        end=today,
        suppressed=False,
        k=k,
        today_withheld=today_hidden,
        flows_withheld=flows_hidden,
        outflow_withheld=outflow_hidden,
        headcount=None if today_hidden else m.headcount_end,
        fte=None if today_hidden else round(m.fte_end, 1),
        inflow=None if flows_hidden else m.inflow,
        outflow=None if outflow_hidden else out["outflow"],
        voluntary_outflow=None if outflow_hidden else out["voluntary"],
        pension_outflow=None if outflow_hidden else out["pension"],
        turnover_rate=(None if flows_hidden or m.turnover_rate is None
                       else round(m.turnover_rate / years_in(start, today), 1)),
    )


def recent_imports(*, limit: int = 5) -> list[ImportRun]:
    return list(ImportRun.objects.select_related("user")[:limit])


def team_size(*, user, today: date) -> int:
    """People at work today in the units a manager leads (descendants included)."""
    return access.visible_people(user=user, on=today).count()


@dataclass(frozen=True)
class UnitOption:
    unit_id: str
    name: str


def unit_choices(*, user) -> tuple[UnitOption, ...]:
    """Units offered in the people-list filter: a manager's own subtree, everything for the rest;
    read once per data version and set of units (a sector has thousands)."""
    managed = tuple(sorted(access.managed_unit_ids(user=user))) if access.role_of(user) == "manager" else None

    def read() -> tuple[UnitOption, ...]:
        units = Unit.objects.order_by("name", "unit_id")
        if managed is not None:
            units = units.filter(unit_id__in=managed)
        return tuple(UnitOption(*row) for row in units.values_list("unit_id", "name"))

    return cache.cached(("people_units", cache.data_version(), managed), read)


def unit_options(*, units: tuple[UnitOption, ...], selected: str) -> SafeString:
    """The filter's `<option>`s for these units (the user's `unit_choices`), rendered once per data
    version and set of units: a sector's thousands of units through the template loop took most of
    the page's time."""
    digest = hashlib.sha256(repr([u.unit_id for u in units]).encode()).hexdigest()
    html = cache.cached(("people_unit_options", cache.data_version(), digest),
                        lambda: format_html_join("", '<option value="{}">{} ({})</option>',
                                                 ((u.unit_id, u.name, u.unit_id) for u in units)))
    return with_selected(html, selected)


@dataclass(frozen=True)
class PersonRow:
    person_id: str
    name: str  # display_name, "" when the data has none
    units: list[str]
    jobs: list[str]
    fte: float | None
    in_service: bool


def people_page(*, user, query: str = "", unit_id: str = "", page: int | str = 1, today: date) -> tuple[Page, list[PersonRow]]:
    """One page (50) of the people `user` may see, searched and filtered.

    `query` matches a person id or name (only among the people `user` may see, so a name never
    reveals more than the list already shows), or the name/id of a unit or the title of a job the
    person has held (history included, so HR also finds leavers); `unit_id` keeps people working
    today in that unit or any unit below it.
    """
    people = access.visible_people(user=user, on=today)
    query = query.strip()
    if query:
        held = Assignment.objects.filter(
            Q(unit__name__icontains=query) | Q(unit__unit_id__iexact=query) | Q(job__title__icontains=query)
        ).values("person_id")
        people = people.filter(Q(person_id__icontains=query) | Q(display_name__icontains=query)
                               | Q(person_id__in=held))
    if unit_id:
        units = access.descendant_unit_ids(roots=[unit_id])
        working = Assignment.objects.filter(current(today), unit_id__in=units).values("person_id")
        people = people.filter(person_id__in=working)
    people = people.order_by("person_id")
    paginator = Paginator(people, PAGE_SIZE, allow_empty_first_page=True)
    # the number of people only changes with the data: counting 200.000 rows on every page turn
    # took 50 ms on PostgreSQL. The query's SQL is the key: it holds the user's view and filters.
    try:
        sql = str(people.query)
    except EmptyResultSet:  # a view of nobody
        sql = None
    if sql is not None:
        paginator.count = cache.cached(("people_count", cache.data_version(), sql), people.count)
    page_obj = paginator.get_page(page)
    ids = [p.person_id for p in page_obj.object_list]
    names = {p.person_id: p.display_name for p in page_obj.object_list}
    now = {pid: [] for pid in ids}
    for a in (
        Assignment.objects.filter(current(today), person_id__in=ids)
        .select_related("unit", "job")
        .order_by("start_date")
    ):
        now[a.person_id].append(a)
    rows = [
        PersonRow(
            person_id=pid,
            name=names[pid],
            units=[a.unit.name for a in now[pid]],
            jobs=[a.job.title for a in now[pid]],
            fte=round(sum(a.fte for a in now[pid]), 2) if now[pid] else None,
            in_service=bool(now[pid]),
        )
        for pid in ids
    ]
    return page_obj, rows


@dataclass(frozen=True)
class Spell:
    number: int
    start_date: date
    end_date: date | None
    end_reason: str | None

    @property
    def rehire(self) -> bool:
        return self.number > 1


@dataclass(frozen=True)
class PersonRecord:
    """Everything the person page shows. Health data (absences, survey answers, health-limitation
    life events) are None unless `with_health`: they are never read for other viewers, so no
    template can show them by mistake."""

    person: Person
    assignments: list[Assignment]
    spells: list[Spell]
    life_events: list[LifeEvent]  # never a health event: those are in health_events
    with_health: bool = False
    absences: list[Absence] | None = None
    surveys: list[SurveyResponse] | None = None
    health_events: list[LifeEvent] | None = None
    current_units: list[str] = field(default_factory=list)


def person_record(*, user, person_id: str, today: date) -> PersonRecord | None:
    """The record of `person_id` as `user` may see it, or None when the person does not exist or
    is outside the user's view. Health data only for the person and occupational health."""
    if not access.can_view_person(user=user, person_id=person_id, on=today):
        return None
    person = Person.objects.filter(person_id=person_id).first()
    if person is None:
        return None
    with_health = access.can_view_health(user=user, person_id=person_id)
    events = LifeEvent.objects.filter(person=person).order_by("start_date", "event")
    assignments = list(
        Assignment.objects.filter(person=person).select_related("unit", "job").order_by("start_date", "unit_id", "job_id")
    )
    frame = pl.DataFrame(
        {
            "person_id": [a.person_id for a in assignments],
            "start_date": [a.start_date for a in assignments],
            "end_date": [a.end_date for a in assignments],
            "end_reason": [a.end_reason or None for a in assignments],
        },
        schema={"person_id": pl.String(), "start_date": pl.Date(), "end_date": pl.Date(), "end_reason": pl.String()},
    )
    spells = [
        Spell(number=r["spell_no"], start_date=r["start_date"], end_date=r["end_date"], end_reason=r["end_reason"])
        for r in derive_spells(frame).iter_rows(named=True)
    ]
    return PersonRecord(
        person=person,
        assignments=assignments,
        spells=spells,
        life_events=list(events.exclude(event__in=access.HEALTH_LIFE_EVENTS)),
        with_health=with_health,
        health_events=list(events.filter(event__in=access.HEALTH_LIFE_EVENTS)) if with_health else None,
        absences=list(Absence.objects.filter(person=person).order_by("start_date")) if with_health else None,
        surveys=list(SurveyResponse.objects.filter(person=person).order_by("date", "instrument")) if with_health else None,
        current_units=[a.unit.name for a in assignments if a.start_date <= today and (a.end_date is None or a.end_date >= today)],
    )


@dataclass(frozen=True)
class VerdictItem:
    """One question of the executive verdict with its answer (from the core) and where to read on."""

    key: str
    question: str
    answer: str
    url: str


VERDICT_LINKS = {"all_categories": "maatwerk:policy_scan", "life_phase_aware": "maatwerk:policy_scan",
                 "untapped_potential": "competencies:dashboard", "influenceable_outflow": "dashboard_flows",
                 "pension_wave": "planning:projection"}


def verdict(*, today: date, k: int, lang: str, policy_scan: dict | None = None,
            wait: float | None = None) -> list[VerdictItem] | None:
    """The executive verdict (analytics.findings) for the pages of HR, analysts and the works council.
    `wait`: seconds to wait for it (None: until it is there); later, None, and it is finished in
    the background for the next visit (`cache.cached_or_pending`)."""
    from django.urls import reverse

    from levensfase.analytics.findings.verdict import verdict_for
    from levensfase.analytics.report_html_verdict import ANCHORS

    from levensfase.web.surveys.rounds import answer_rounds

    rounds = answer_rounds()  # invitation rounds live outside the data version: their content is in the key
    scan = None if policy_scan is None else hashlib.sha256(repr(policy_scan).encode()).hexdigest()
    key = ("verdict", cache.data_version(), today, k, scan, rounds.height, rounds.hash_rows().sum())
    workforce = load_workforce()  # read here, in the request: the computation itself reads no database
    # pages=True: the decision of the analysis the same users download (views.report_download)
    answers = cache.cached_or_pending(key, lambda: verdict_for(workforce, as_of=today, k=k, policy_scan=policy_scan,
                                                               survey_rounds=rounds, pages=True), wait=wait)
    if answers is None:
        return None
    items = []
    for key, (_anchor, q_nl, q_en) in ANCHORS.items():
        answer = answers[key]
        items.append(VerdictItem(key=key, question=q_en if lang == "en" else q_nl,
                                 answer=answer["answer_en"] if lang == "en" else answer["answer_nl"],
                                 url=reverse(VERDICT_LINKS[key])))
    return items
