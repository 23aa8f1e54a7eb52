"""The general pages: home with its inbox, people and a person's record, the audit log, the report
download and the error pages. Importing data is in views_imports.py."""

from __future__ import annotations

import io
from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Action
from levensfase.web.audit.selectors import audit_entries
from levensfase.web.audit.services import record
from levensfase.web.pages import inbox, selectors
from levensfase.web.pages.life_phase import life_phase_profile
from levensfase.web.pages.person_links import person_links
from levensfase.web.surveys.access import own_person_id
from levensfase.web.surveys.questions import BAND_TEXT, UWES_BAND_TEXT
from levensfase.web.surveys.selectors import own_trajectory
from levensfase.web.ui.reads import k as privacy_k


# The home page: each role lands on the question it came with (DESIGN §9).
@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = date.today()
    profile = access.profile_of(request.user)
    role = profile.role if profile else None
    context: dict = {"role": role, "today": today}
    if role in (Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL):
        k = privacy_k()  # read once per request (DESIGN §8)
        wait = settings.LEVENSFASE_VERDICT_WAIT
        context["headline"] = selectors.headline(today=today, k=k, wait=wait)
        lang = "en" if (get_language() or "nl").startswith("en") else "nl"
        context["verdict"] = selectors.verdict(today=today, k=k, lang=lang, wait=wait)
        context["verdict_pending"] = context["verdict"] is None
    if role == Role.HR_ADMIN:
        context["imports"] = selectors.recent_imports()
    if role == Role.MANAGER:
        context["team_size"] = selectors.team_size(user=request.user, today=today)
        context["units"] = list(profile.units.order_by("name"))
    context["inbox"] = inbox.for_request(request, today=today)
    if role in (Role.EMPLOYEE, Role.MANAGER) and profile.person_id:
        context["own_person_id"] = profile.person_id
    return render(request, "pages/home.html", context)


# The people list: only the people the signed-in user may see, searchable, 50 per page.
@login_required
def people(request: HttpRequest) -> HttpResponse:
    if not access.can_list_people(user=request.user):
        raise PermissionDenied  # analysts and the works council see aggregates only
    query = request.GET.get("q", "")[:100]
    unit_id = request.GET.get("unit", "")[:64]
    units = selectors.unit_choices(user=request.user)
    if unit_id and unit_id not in {u.unit_id for u in units}:
        unit_id = ""  # an unknown or foreign unit filters nothing rather than failing
    page, rows = selectors.people_page(
        user=request.user, query=query, unit_id=unit_id, page=request.GET.get("page", 1), today=date.today()
    )
    return render(
        request,
        "pages/people.html",
        {"page": page, "rows": rows, "query": query, "unit_id": unit_id, "units": units,
         "unit_options": selectors.unit_options(units=units, selected=unit_id)},
    )


# One person's record: timeline, spells, life events and — for themself and the bedrijfsarts (occupational
# physician) only — absences, survey answers, health-limitation life events and the vitality axis. The
# selectors decide; every view is audited.
@login_required
def person(request: HttpRequest, person_id: str) -> HttpResponse:
    today = date.today()
    # 404, not 403: a user who may not see a person must not learn that the person exists.
    data = selectors.person_record(user=request.user, person_id=person_id, today=today)
    if data is None:
        raise Http404
    with_health = data.with_health
    record(
        user=request.user,
        action=Action.VIEW_PERSON,
        person_id=person_id,
        detail={"health": with_health},
    )
    profile = life_phase_profile(person_id=person_id, with_health=with_health, today=today)
    return render(request, "pages/person.html", {"record": data, "with_health": with_health, "profile": profile,
                                                 "scores": _scores(person_id) if with_health else [],
                                                 "own": own_person_id(user=request.user) == person_id,
                                                 "links": person_links(user=request.user, person_id=person_id)})


def _scores(person_id: str) -> list[dict]:
    """Each questionnaire as its score and band, scored as the core scores it (never the raw items:
    those say little to a reader and more than needed)."""
    rows = []
    for reading in own_trajectory(person_id=person_id):
        band = BAND_TEXT[reading.band][0] if reading.instrument == "wai" else UWES_BAND_TEXT.get(reading.band, reading.band)
        rows.append({"date": reading.date, "instrument": reading.instrument, "score": reading.score, "band": band})
    return rows


# The audit log, filterable by person: the privacy officer reads all of it, HR admin all but the entries
# about health-data access, occupational health only those (accounts.access.audit_scope).
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not access.can_view_audit_log(user=request.user):
        raise PermissionDenied
    person_id = request.GET.get("person", "").strip()[:64]
    page = Paginator(audit_entries(user=request.user, person_id=person_id), 50).get_page(request.GET.get("page", 1))
    return render(request, "audit/audit_log.html", {
        "page": page, "person_id": person_id, "scope": access.audit_scope(user=request.user)})


# The management report as a download (PDF for the agenda, Excel to check the numbers) for the roles that
# see organisation-wide aggregates: HR, analysts and the works council (DESIGN §1).
REPORT_ROLES = frozenset({Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL})
DOWNLOADS = ("pdf", "xlsx")


@login_required
def download(request: HttpRequest, kind: str) -> FileResponse:
    """The whole analysis of today in the UI language, streamed as levensfase-rapport-<date>.<kind>."""
    if kind not in DOWNLOADS:
        raise Http404
    if access.role_of(request.user) not in REPORT_ROLES:
        raise PermissionDenied
    from levensfase.analytics.report import build_report
    from levensfase.analytics.report_files import CONTENT_TYPES, render_analysis, unit_names
    from levensfase.web.hr.selectors import load_workforce

    today = date.today()
    lang = "en" if (get_language() or "nl").startswith("en") else "nl"
    workforce = load_workforce()
    from levensfase.web.surveys.rounds import answer_rounds

    report = build_report(workforce, as_of=today, k=privacy_k(), survey_rounds=answer_rounds(),
                          pages=True)
    data = render_analysis(report, format=kind, lang=lang, unit_names=unit_names(workforce.units))
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=f"levensfase-rapport-{today.isoformat()}.{kind}",
                        content_type=CONTENT_TYPES[kind])


# Error pages in the UI language, inside the normal layout (except 500, which must not fail).
def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    return HttpResponse(loader.render_to_string("403.html", request=request), status=403)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return HttpResponse(loader.render_to_string("404.html", request=request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: a broken database or session must not break the error page too.
    return HttpResponse(loader.render_to_string("500.html"), status=500)
