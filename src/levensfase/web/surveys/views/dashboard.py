"""Employability dashboard: werkvermogen / bevlogenheid per closed measurement round, for HR and the
works council (organisation, per group) and managers (their units) — the frozen, suppressed round
results only (issue 16), with a CSV."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levensfase.analytics.findings.policy import falling_findings
from levensfase.analytics.findings.stats import MIN_N
from levensfase.analytics.survey_scores import GROUPINGS
from levensfase.web.dashboards.selectors import section_coverage_lines
from levensfase.web.surveys import access, round_dashboard, rounds, selectors
from levensfase.web.ui.downloads import csv_download
from levensfase.web.ui.labels import value_label
from levensfase.web.ui.scope import dashboard_scope as units_scope

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
