"""Filling in a questionnaire (WAI or UWES-9) as yourself; consent first, errors in plain words."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from levensfase.model.instruments import InvalidAnswers
from levensfase.web.surveys import access, selectors, services
from levensfase.web.surveys.forms import Uwes9Form, WaiForm

FORMS = {"wai": WaiForm, "uwes9": Uwes9Form}


@login_required
def questionnaire(request: HttpRequest, instrument: str) -> HttpResponse:
    person_id = access.own_person_id(user=request.user)
    if person_id is None or instrument not in FORMS:
        raise Http404
    consent = selectors.consent_of(person_id=person_id)
    if consent is None or not consent.active:
        messages.info(request, _("Please read who sees your answers and give your consent first."))
        return redirect("surveys:consent")
    form_class = FORMS[instrument]
    form = form_class(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.save_response(person_id=person_id, instrument=instrument, items=form.items(), on=date.today())
        except services.NoCurrentJob:
            problem = _("You have no current job in our records, so the work ability score cannot be worked out. "
                        "Nothing was saved; please contact HR.")
        except InvalidAnswers:
            problem = _("Some answers could not be used. Nothing was saved; please check your answers.")
        else:
            messages.info(request, _("Thank you. Your answers have been saved."))
            return redirect("surveys:mine")
    return render(request, "surveys/questionnaire.html",
                  {"form": form, "instrument": instrument, "problem": problem})
