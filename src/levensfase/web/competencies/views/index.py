"""/competencies/: sends each role to its first competency page (the nav has a single item)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from levensfase.web.competencies import nav
from levensfase.web.competencies.views.common import forbidden


@login_required
def index(request: HttpRequest) -> HttpResponse:
    tabs = nav.tabs(user=request.user)
    if not tabs:
        return forbidden(request, _("Your role has no competency pages."))
    return redirect(tabs[0]["url"])
