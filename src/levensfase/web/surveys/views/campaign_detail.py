"""One campaign: response rate per unit (suppressed, counts only — never who) and reminders."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from levensfase.web.surveys import access, selectors, services
from levensfase.web.surveys.models import Campaign


@login_required
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    if not access.can_manage_campaigns(user=request.user):
        raise PermissionDenied
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404
    if request.method == "POST":
        if services.record_reminder(campaign=campaign, today=date.today()):
            messages.info(request, _("A reminder has been sent to everyone who has not answered yet."))
        else:
            messages.info(request, _("A reminder was already sent today."))
        return redirect("surveys:campaign", campaign_id=campaign.pk)
    return render(request, "surveys/campaign_detail.html",
                  {"campaign": campaign, "rates": selectors.campaign_rates(campaign=campaign),
                   "units": campaign.units.order_by("name"), "k": selectors.k()})
