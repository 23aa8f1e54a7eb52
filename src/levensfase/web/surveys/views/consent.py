"""The consent screen: who sees what, then give or withdraw consent (any user with a person record)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from levensfase.web.surveys import access, selectors, services
from levensfase.web.surveys.forms import ConsentForm


@login_required
def consent(request: HttpRequest) -> HttpResponse:
    person_id = access.own_person_id(user=request.user)
    if person_id is None:
        raise Http404  # no person record: nothing to consent to
    current = selectors.consent_of(person_id=person_id)
    form = ConsentForm(initial={"follow_up": bool(current and current.follow_up)})
    if request.method == "POST":
        if request.POST.get("action") == "withdraw":
            services.withdraw_consent(person_id=person_id, now=timezone.now())
            messages.info(request, _("You have withdrawn your consent. You will not get questionnaires any more."))
            return redirect("surveys:consent")
        form = ConsentForm(request.POST)
        if form.is_valid():
            services.give_consent(person_id=person_id, follow_up=form.cleaned_data["follow_up"], now=timezone.now())
            messages.info(request, _("Thank you. You can now fill in the questionnaires."))
            return redirect("surveys:start")
    return render(request, "surveys/consent.html",
                  {"form": form, "consent": current, "k": selectors.k()})
