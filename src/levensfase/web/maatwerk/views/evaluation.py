""""Werkt het?" — per arrangement and bundle: effect, interval, balance, verdict (issue 18).

For HR (analyst, admin) and the works council, like the policy scan: aggregates only, every row
through the privacy engine in the core; managers and employees get 403.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from levensfase.web.maatwerk import access
from levensfase.web.maatwerk.evaluation_selectors import evaluation_page
from levensfase.web.maatwerk.views.common import forbidden, lang
from levensfase.web.ui.reads import k as privacy_k


@login_required
def evaluation(request: HttpRequest) -> HttpResponse:
    if not access.can_view_policy_scan(user=request.user):
        return forbidden(request, _("Whether arrangements work is shown to HR and the works council."))
    k = privacy_k()
    page = evaluation_page(on=date.today(), k=k, lang=lang())
    return render(request, "maatwerk/evaluation.html", {"page": page, "k": k})
