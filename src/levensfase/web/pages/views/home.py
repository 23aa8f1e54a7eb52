"""The home page: each role lands on the question it came with (DESIGN §9)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.pages import inbox, selectors
from levensfase.web.ui.reads import k as privacy_k


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = date.today()
    profile = access.profile_of(request.user)
    role = profile.role if profile else None
    context: dict = {"role": role, "today": today}
    if role in (Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL):
        k = privacy_k()  # read once per request (DESIGN §8)
        context["headline"] = selectors.headline(today=today, k=k)
        lang = "en" if (get_language() or "nl").startswith("en") else "nl"
        context["verdict"] = selectors.verdict(today=today, k=k, lang=lang)
    if role == Role.HR_ADMIN:
        context["imports"] = selectors.recent_imports()
    if role == Role.MANAGER:
        context["team_size"] = selectors.team_size(user=request.user, today=today)
        context["units"] = list(profile.units.order_by("name"))
    context["inbox"] = inbox.for_request(request, today=today)
    if role in (Role.EMPLOYEE, Role.MANAGER) and profile.person_id:
        context["own_person_id"] = profile.person_id
    return render(request, "pages/home.html", context)
