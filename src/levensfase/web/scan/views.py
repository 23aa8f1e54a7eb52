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

from levensfase.analytics.findings.numbers import day
from levensfase.documents.pdf import PdfEngineMissing
from levensfase.scan.errors import ScanError
from levensfase.web.ui.downloads import csv_response
from levensfase.web.ui.reads import k as privacy_k
from levensfase.web.scan import access, programme_presentation, selectors, services
from levensfase.web.scan.downloads import DOCUMENT_KINDS, document_response, overview_document
from levensfase.web.scan.forms import KpiUploadForm, ProgrammeForm, QuestionnaireForm, RoundForm
from levensfase.web.scan.models import Programme, ScanRound
from levensfase.web.scan.presentation import hr_labels
from levensfase.web.surveys.views import unit_tree_choices


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
    return render(request, "scan/rounds.html", {"form": form, "rounds": selectors.rounds(), "today": today, "can_manage": True},
                  status=status)


@login_required
def close_round(request: HttpRequest, round_id: int) -> HttpResponse:
    """Close a round now: no more answers; its results appear on the overview from now on."""
    if not access.can_manage(user=request.user):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("scan:rounds")
    if not ScanRound.objects.filter(pk=round_id, closed=False).exists():
        raise Http404
    services.close_round(round_id=round_id, k=privacy_k())
    messages.info(request, _("The round has been closed; its results are on the overview."))
    return redirect("scan:rounds")


# --- results ---------------------------------------------------------------------------------


def _results_allowed(request: HttpRequest) -> None:
    if not access.can_view_results(user=request.user):
        raise PermissionDenied  # employees and managers answer; they never see results per unit


def _chosen_round(request: HttpRequest, rounds: list[date]) -> tuple[date | None, str]:
    """The round asked for (?round=YYYY-MM-DD), default the latest; an error text for a bad one."""
    wanted = request.GET.get("round")
    if not wanted:
        return (rounds[-1] if rounds else None), ""
    try:
        chosen = date.fromisoformat(wanted)
    except ValueError:
        chosen = None
    if chosen not in rounds:
        return (rounds[-1] if rounds else None), _("There is no measurement round on “%(day)s”.") % {"day": wanted[:20]}
    return chosen, ""


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _results_allowed(request)
    k, lang, today = privacy_k(), selectors.language(), date.today()
    services.close_due_rounds(today=today, k=k)
    rounds = selectors.round_dates()
    round_date, error = _chosen_round(request, rounds)
    context = {"k": k, "rounds": rounds, "round": round_date, "errors": [error] if error else [],
               "open_rounds": selectors.open_rounds(),
               "can_manage": access.can_manage(user=request.user), "query": f"round={round_date}" if round_date else ""}
    if round_date is None:
        return render(request, "scan/overview.html", context)
    if error:
        return render(request, "scan/overview.html", context, status=400)
    try:
        data = selectors.overview(round_date=round_date, k=k, lang=lang, today=today)
    except ScanError as error:  # stored answers the instrument or the unit tree no longer fits
        context["errors"] = [error.message(lang)]
        return render(request, "scan/overview.html", context, status=422)
    wanted = request.GET.get("csv")
    if wanted is not None:
        return csv_response(request, "scan/overview.html", context, data.panels, wanted, page="scan")
    download = request.GET.get("download")
    if download in DOCUMENT_KINDS:
        document = overview_document(scores=data.scores, indicators=data.indicators, round_date=round_date,
                                     units=data.units, dimensions=selectors.dimension_names(lang=lang),
                                     measures=hr_labels(), alignment=data.alignment, coverage=data.coverage, k=k,
                                     lang=lang, kpis=data.kpis, kpi_units=selectors.unit_tree())
        try:
            return document_response(document=document, kind=download)
        except PdfEngineMissing:
            context["errors"] = [_("A PDF cannot be made on this server (WeasyPrint is missing); please download "
                                   "the Excel file.")]
            return render(request, "scan/overview.html", context, status=503)
    context.update({"panels": data.panels, "alignment": data.alignment, "coverage": data.coverage,
                    "units": data.units})
    return render(request, "scan/overview.html", context)


@login_required
def unit(request: HttpRequest, unit_id: str) -> HttpResponse:
    _results_allowed(request)
    k, lang = privacy_k(), selectors.language()
    names = dict(selectors.unit_tree())
    if unit_id not in names:
        raise Http404
    services.close_due_rounds(today=date.today(), k=k)
    context = {"k": k, "unit_name": names[unit_id], "panels": (), "query": "",
               "can_manage": access.can_manage(user=request.user), "errors": []}
    try:
        panels, together = selectors.unit_profile(unit_id=unit_id, unit_name=names[unit_id], k=k, lang=lang)
    except ScanError as error:
        context["errors"] = [error.message(lang)]
        return render(request, "scan/unit.html", context, status=422)
    context.update({"panels": panels, "roles_together": together})
    wanted = request.GET.get("csv")
    if wanted is not None:
        return csv_response(request, "scan/unit.html", context, panels, wanted, page="scan-unit")
    return render(request, "scan/unit.html", context)


@login_required
def kpis(request: HttpRequest) -> HttpResponse:
    """HR admin uploads unit_kpis.csv: rows are added or updated, never removed (DESIGN §3)."""
    if not access.can_manage(user=request.user):
        raise PermissionDenied
    lang = selectors.language()
    posted = request.method == "POST"
    form = KpiUploadForm(request.POST if posted else None, request.FILES if posted else None, lang=lang)
    if posted and form.is_valid():
        try:
            added, changed = services.store_kpis(frame=form.frame, unit_ids={u for u, _name in selectors.unit_tree()})
        except ScanError as error:
            form.add_error("file", error.message(lang))
        else:
            messages.info(request, _("Business results stored: %(added)s added, %(changed)s changed; nothing "
                                     "removed.") % {"added": added, "changed": changed})
            return redirect("scan:kpis")
    return render(request, "scan/kpis.html", {"form": form, "can_manage": True}, status=400 if posted else 200)


# --- programmes ------------------------------------------------------------------------------


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    _results_allowed(request)
    return render(request, "scan/programmes.html", {"programmes": Programme.objects.all(),
                                                    "can_manage": access.can_manage(user=request.user)})


@login_required
def programme(request: HttpRequest, programme_id: int) -> HttpResponse:
    _results_allowed(request)
    found = Programme.objects.filter(pk=programme_id).first()
    if found is None:
        raise Http404
    k, lang = privacy_k(), selectors.language()
    services.close_due_rounds(today=date.today(), k=k)
    names = dict(selectors.unit_tree())
    context = {"programme": found, "panels": (), "k": k, "query": "", "errors": [],
               "units": [names.get(u, u) for u in found.units],
               "comparison": [names.get(u, u) for u in found.comparison_units],
               "can_manage": access.can_manage(user=request.user)}
    try:
        rows = selectors.programme_rows(programme=found, k=k)
    except ScanError as error:
        context["errors"] = [error.message(lang)]
        return render(request, "scan/programme.html", context, status=422)
    labels = selectors.measure_labels(lang=lang)
    panel = programme_presentation.programme_panel(rows=rows, labels=labels, k=k)
    context["panels"] = (panel,)
    context["findings"] = programme_presentation.sentences(rows=rows, labels=labels, lang=lang)
    wanted = request.GET.get("csv")
    if wanted is not None:
        return csv_response(request, "scan/programme.html", context, (panel,), wanted, page="scan-programme")
    return render(request, "scan/programme.html", context)


@login_required
def programme_edit(request: HttpRequest, programme_id: int | None = None) -> HttpResponse:
    if not access.can_manage(user=request.user):
        raise PermissionDenied
    found = None
    if programme_id is not None:
        found = Programme.objects.filter(pk=programme_id).first()
        if found is None:
            raise Http404
    lang = selectors.language()
    initial = {}
    if found is not None:
        initial = {"name": found.name, "start_date": found.start_date, "units": found.units,
                   "comparison_units": found.comparison_units, "baseline": found.baseline.isoformat(),
                   "follow_up": found.follow_up.isoformat() if found.follow_up else "",
                   **{f"target_{code}": value for code, value in found.targets.items()}}
    rounds = [(d.isoformat(), day(d, lang)) for d in selectors.round_dates()]
    form = ProgrammeForm(request.POST or None, initial=initial, unit_choices=unit_tree_choices(),
                         round_choices=rounds, dimensions=selectors.dimension_names(lang=lang))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = services.save_programme(
            programme=found, name=data["name"], start_date=data["start_date"], units=data["units"],
            comparison_units=data["comparison_units"], baseline=form.baseline_date(),
            follow_up=form.follow_up_date(), targets=form.targets())
        messages.info(request, _("The programme has been saved."))
        return redirect("scan:programme", programme_id=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "scan/programme_form.html", {"form": form, "programme": found, "can_manage": True},
                  status=status)
