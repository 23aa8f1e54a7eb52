"""The bedrijfsarts' follow-up: the case list of low work-ability answers and one person's case."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from levensfase.web.accounts.access import visible_names
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.hr.models import Unit
from levensfase.web.surveys import access, cases, selectors
from levensfase.web.surveys.case_labels import STATUS_TEXT
from levensfase.web.surveys.presentation import result_context
from levensfase.web.surveys.questions import BAND_TEXT


# The bedrijfsarts' case list: people who asked for follow-up with low work ability, current employees by
# default, most urgent first, filterable and paginated. Every person shown is audited.
PER_PAGE = 25
LOW_BANDS = ("poor", "moderate")  # the follow-up list holds scores below 37 only


@login_required
def followup_list(request: HttpRequest) -> HttpResponse:
    if not access.can_follow_up(user=request.user):
        raise PermissionDenied
    which = cases.CaseFilter(
        band=_choice(request.GET.get("band", ""), LOW_BANDS), status=_choice(request.GET.get("status", ""), cases.STATUSES),
        unit=request.GET.get("unit", "").strip()[:64], leavers=request.GET.get("leavers") == "1")
    page = Paginator(cases.cases(today=date.today(), which=which), PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    names = visible_names(user=request.user, person_ids=[row["person_id"] for row in rows])
    for row in rows:
        row["band_label"] = BAND_TEXT[row["band"]][0]
        row["status_label"] = STATUS_TEXT[row["status"]]
        row["name"] = names.get(row["person_id"], "")
        record(user=request.user, action=Action.VIEW_PERSON, person_id=row["person_id"],
               detail={"view": "survey_follow_up_list", "health": True})
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "surveys/followup_list.html", {
        "rows": rows, "page": page, "which": which, "query": query.urlencode(),
        "bands": [(b, BAND_TEXT[b][0]) for b in LOW_BANDS], "statuses": list(STATUS_TEXT.items()),
        "units": list(Unit.objects.order_by("name").values_list("unit_id", "name"))})


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    """A filter value from the query string; anything unknown means "no filter"."""
    return value if value in allowed else ""


# One person's work ability trajectory and follow-up case (status, private notes), for the bedrijfsarts
# only; 404 for everyone else. Every read and write is audited.
NOTE_MAX = 4000


@login_required
def followup_person(request: HttpRequest, person_id: str) -> HttpResponse:
    # 404 rather than 403: someone who may not look must not learn whether answers exist.
    if not access.can_follow_up(user=request.user) or not selectors.person_exists(person_id=person_id):
        raise Http404
    errors: dict[str, str] = {}
    if request.method == "POST":
        errors = _save(request, person_id=person_id)
        if not errors:
            return redirect("surveys:followup_person", person_id=person_id)
    readings = selectors.own_trajectory(person_id=person_id)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id,
           detail={"view": "survey_trajectory", "health": True})
    context = result_context(readings)
    context.update(person_id=person_id, consent=selectors.consent_of(person_id=person_id),
                   name=visible_names(user=request.user, person_ids=[person_id]).get(person_id, ""),
                   status=cases.status_of(person_id=person_id), statuses=list(STATUS_TEXT.items()),
                   notes=cases.notes_of(person_id=person_id), errors=errors,
                   note_text=request.POST.get("text", "") if errors else "")
    return render(request, "surveys/followup_person.html", context, status=400 if errors else 200)


def _save(request: HttpRequest, *, person_id: str) -> dict[str, str]:
    """Store the posted status or note; field -> message when the input cannot be stored."""
    if request.POST.get("save") == "status":
        status = request.POST.get("status", "")
        if status not in cases.STATUSES:
            return {"status": _("Choose one of the statuses in the list.")}
        cases.set_status(user=request.user, person_id=person_id, status=status)
        messages.success(request, _("The status is now “%(status)s”.") % {"status": STATUS_TEXT[status]})
        return {}
    text = request.POST.get("text", "").strip()
    if not text:
        return {"text": _("Write a note before you save it.")}
    if len(text) > NOTE_MAX:
        return {"text": _("A note can be at most %(n)s characters long.") % {"n": number_format(NOTE_MAX, force_grouping=True)}}
    cases.add_note(user=request.user, person_id=person_id, text=text)
    messages.success(request, _("Your note has been saved."))
    return {}
