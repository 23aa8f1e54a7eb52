"""Every page of the scan, top to bottom: the questionnaire (whoever was invited), rounds (HR
admin), results per unit and for the organisation, programmes (read: HR and the works council;
write: HR admin). Views check access, read the form, call a service or selector, render."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from levensfase.web.dashboards.selectors.common import k as privacy_k
from levensfase.web.scan import access, selectors, services
from levensfase.web.scan.forms import QuestionnaireForm, RoundForm
from levensfase.web.surveys.views.campaign_list import unit_tree_choices


# --- answering -------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in person's open scan invitations."""
    person_id = access.own_person_id(user=request.user)
    if person_id is None:
        raise PermissionDenied
    invitations = selectors.my_invitations(person_id=person_id, today=date.today())
    return render(request, "scan/mine.html", {"invitations": invitations})


@login_required
def questionnaire(request: HttpRequest, round_id: int) -> HttpResponse:
    person_id = access.own_person_id(user=request.user)
    if person_id is None:
        raise PermissionDenied
    today = date.today()
    invitation = selectors.open_invitation(person_id=person_id, round_id=round_id, today=today)
    if invitation is None:
        messages.info(request, _("This scan is not open for you: it has closed, or you have answered it already."))
        return redirect("scan:mine")
    lang = selectors.language()
    form = QuestionnaireForm(request.POST or None, questions=selectors.questions(lang=lang))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_answers(round_id=round_id, person_id=person_id, answers=form.answers(), today=today,
                                    k=privacy_k())
        except (services.AlreadyAnswered, services.RoundClosed):
            messages.info(request, _("This scan is not open for you: it has closed, or you have answered it already."))
        else:
            messages.info(request, _("Thank you. Your answers have been saved without your name."))
        return redirect("scan:mine")
    note = selectors.instrument().note(lang)
    return render(request, "scan/questionnaire.html", {"form": form, "round": invitation.round, "note": note})


# --- rounds ----------------------------------------------------------------------------------


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    if not access.can_manage(user=request.user):
        raise PermissionDenied
    today = date.today()
    form = RoundForm(request.POST or None, unit_choices=unit_tree_choices(), today=today,
                     initial={"date": today, "closes_on": today + timedelta(days=21)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scan_round = services.open_round(user=request.user, name=data["name"], unit_ids=data["units"],
                                         on=data["date"], closes_on=data["closes_on"])
        messages.info(request, _("The scan round has been opened and %(n)s people have been invited.")
                      % {"n": scan_round.participations.count()})
        return redirect("scan:rounds")
    status = 400 if request.method == "POST" else 200
    return render(request, "scan/rounds.html", {"form": form, "rounds": selectors.rounds(), "today": today},
                  status=status)
