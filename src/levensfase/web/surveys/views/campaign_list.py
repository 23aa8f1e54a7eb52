"""HR's campaigns: the list, and a new campaign that invites everyone in the chosen units."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from levensfase.web.hr.models import Unit
from levensfase.web.surveys import access, services
from levensfase.web.surveys.forms import CampaignForm
from levensfase.web.surveys.models import Campaign


def unit_tree_choices() -> list[tuple[str, str]]:
    """Units in tree order, each indented under its parent, for one compact multiple choice list."""
    children: dict[str | None, list[Unit]] = {}
    units = list(Unit.objects.order_by("name", "unit_id"))
    known = {u.unit_id for u in units}
    for unit in units:
        children.setdefault(unit.parent_id if unit.parent_id in known else None, []).append(unit)
    choices, seen = [], set()
    todo = [(unit, 0) for unit in reversed(children.get(None, []))]
    while todo:
        unit, depth = todo.pop()
        if unit.unit_id in seen:
            continue  # a cycle in bad data
        seen.add(unit.unit_id)
        choices.append((unit.unit_id, "\u00a0\u00a0\u00a0" * depth + unit.name))
        todo += [(child, depth + 1) for child in reversed(children.get(unit.unit_id, []))]
    return choices


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_campaigns(user=request.user):
        raise PermissionDenied
    today = date.today()
    choices = unit_tree_choices()
    form = CampaignForm(request.POST or None, unit_choices=choices, today=today,
                        initial={"closes_on": today + timedelta(days=28), "instrument": "wai"})
    if request.method == "POST" and form.is_valid():
        campaign = services.create_campaign(
            user=request.user, name=form.cleaned_data["name"], instrument=form.cleaned_data["instrument"],
            unit_ids=form.cleaned_data["units"], closes_on=form.cleaned_data["closes_on"], today=today)
        messages.info(request, _("The campaign has been created and %(n)s people have been invited.")
                      % {"n": campaign.invitations.count()})
        return redirect("surveys:campaign", campaign_id=campaign.pk)
    campaigns = Campaign.objects.all()[:50]
    return render(request, "surveys/campaign_list.html", {"form": form, "campaigns": campaigns, "today": today})
