"""The survey pages: consent, the questionnaires and one's own results, the campaigns, and the
employability dashboard. The bedrijfsarts' follow-up is in views_followup.py."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext as _, gettext_lazy

from levensfase.analytics.findings.policy import falling_findings
from levensfase.analytics.findings.stats import MIN_N
from levensfase.analytics.survey_scores import GROUPINGS
from levensfase.model.instruments import InvalidAnswers
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.dashboards.selectors import section_coverage_lines
from levensfase.web.hr.models import Unit
from levensfase.web.maatwerk.presentation import recommendation_rows
from levensfase.web.maatwerk.selectors import maatwerk_of
from levensfase.web.surveys import access, round_dashboard, rounds, selectors, services
from levensfase.web.surveys.forms import CampaignForm, ConsentForm, Uwes9Form, WaiForm
from levensfase.web.surveys.models import Campaign, Invitation
from levensfase.web.surveys.presentation import result_context
from levensfase.web.ui.downloads import csv_download
from levensfase.web.ui.labels import language, value_label
from levensfase.web.ui.scope import dashboard_scope as units_scope


# The questionnaires page of an employee: consent status, open invitations, the questionnaires.
@login_required
def start(request: HttpRequest) -> HttpResponse:
    person_id = access.own_person_id(user=request.user)
    if person_id is None:
        raise Http404
    open_invitations = Invitation.objects.filter(
        person_id=person_id, responded_on__isnull=True, campaign__closes_on__gte=date.today()
    ).select_related("campaign").order_by("campaign__closes_on")
    return render(request, "surveys/start.html",
                  {"consent": selectors.consent_of(person_id=person_id), "invitations": open_invitations})


# The consent screen: who sees what, then give or withdraw consent (any user with a person record).
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


# Filling in a questionnaire (WAI or UWES-9) as yourself; consent first, errors in plain words.
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


# Your own results: the latest score with what its band means and what could help, and your trajectory
# over time. Only ever your own; every view is audited.
RECOMMENDED = 3  # the first few; the rest are one click away


@login_required
def my_results(request: HttpRequest) -> HttpResponse:
    person_id = access.own_person_id(user=request.user)
    if person_id is None:
        raise Http404
    readings = selectors.own_trajectory(person_id=person_id)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id,
           detail={"view": "survey_results", "health": True, "own": True})
    context = result_context(readings)
    context["consent"] = selectors.consent_of(person_id=person_id)
    context["recommendations"] = _recommendations(person_id)
    return render(request, "surveys/mine.html", context)


def _recommendations(person_id: str) -> list[dict]:
    """The arrangements recommended to this person today (the recommender reads the work ability
    band among the other axes), so the result page points at what could help, not at nothing."""
    result = maatwerk_of(person_id=person_id, on=date.today())
    return recommendation_rows(result, language())[:RECOMMENDED] if result is not None else []


# HR's campaigns: the list, and a new campaign that invites everyone in the chosen units.
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


# One campaign: response rate per unit (suppressed, counts only — never who) and reminders.
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


# Employability dashboard: werkvermogen / bevlogenheid per closed measurement round, for HR and the works
# council (organisation, per group) and managers (their units) — the frozen, suppressed round results only
# (issue 16), with a CSV.
GROUPING_LABELS = {
    "life_phase": gettext_lazy("life phase"), "age_band": gettext_lazy("age band"),
    "generation": gettext_lazy("generation"), "sex": gettext_lazy("sex"), "unit": gettext_lazy("unit"),
    "job_family": gettext_lazy("job family"),
}
INSTRUMENT_LABELS = {"wai": gettext_lazy("work ability (WAI)"), "uwes9": gettext_lazy("work engagement (UWES-9)")}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = access.dashboard_scope(user=request.user)
    if scope is None:
        raise PermissionDenied
    by = request.GET.get("by", "life_phase")
    instrument = request.GET.get("instrument", "wai")
    if by not in GROUPINGS or instrument not in INSTRUMENT_LABELS:
        messages.info(request, _("That view does not exist; showing work ability by life phase instead."))
        by, instrument = "life_phase", "wai"
    today = date.today()
    rounds.freeze_closed_rounds(today=today, k=selectors.k())
    data = round_dashboard.dashboard(scope=scope, user=request.user, instrument=instrument, by=by, today=today)
    if request.GET.get("format") == "csv":
        return csv_download(rows=data.csv_rows, filename=f"employability-{instrument}-{data.by}.csv")
    if scope == "org" and instrument == "wai":
        data.flows_round, data.flows_from, data.flows = selectors.band_flows(today=today)
    units = units_scope(user=request.user)
    coverage = [] if units is None else section_coverage_lines(
        section="employability", start=_first_day(data), end=today,
        k=data.k, unit_ids=units.unit_ids, scope_key=units.key)
    return render(request, "surveys/dashboard.html", {
        "coverage": coverage, "falling_text": _falling_text(data),
        "data": data, "groupings": GROUPING_LABELS, "instruments": INSTRUMENT_LABELS,
        "by_label": GROUPING_LABELS.get(data.by, ""), "instrument_label": INSTRUMENT_LABELS[instrument],
    })


def _falling_text(data) -> list[str]:
    """The falling-work-ability sentences of analytics.findings for the organisation's WAI view."""
    if data.scope == "team" or data.instrument != "wai" or not data.rounds:
        return []
    named = {r["group"]: value_label(data.by, r["group"]) if data.by in ("sex", "generation", "life_phase")
             else r["label"] for r in data.falling}
    labels = {group: (str(text), str(text)) for group, text in named.items()}
    lang = (get_language() or "nl").split("-")[0]
    rounds_shown = [r["name"] for r in data.rounds]
    return [f.text(lang) for f in falling_findings(data.falling, years=rounds_shown, label=lambda _by, g: labels[g],
                                                   min_pairs=max(MIN_N, data.k))]


def _first_day(data) -> date:
    """The first day the shown rounds cover: 1 January of the oldest round's closing year."""
    return date(min((r["closed_on"].year for r in data.rounds), default=date.today().year), 1, 1)
