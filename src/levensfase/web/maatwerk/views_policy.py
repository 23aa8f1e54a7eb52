"""HR's policy pages: the policy scan, "Werkt het?" (does an arrangement work?) and the catalog admin."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.formats import number_format
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from levensfase.analytics.privacy import display
from levensfase.analytics.report_html_ambitions import flat_row
from levensfase.model.arrangements import CatalogError
from levensfase.model.arrangements.overrides import entry_body
from levensfase.web.dashboards.selectors import section_coverage_lines
from levensfase.web.hr.models import Unit
from levensfase.web.maatwerk import access, catalog_services, presentation, selectors
from levensfase.web.maatwerk.catalog_form import EntryForm, initial
from levensfase.web.maatwerk.evaluation_selectors import evaluation_page
from levensfase.web.pages.selectors import verdict
from levensfase.web.ui import cache
from levensfase.web.ui.downloads import csv_download
from levensfase.web.ui.labels import language, value_label
from levensfase.web.ui.reads import k as privacy_k
from levensfase.web.ui.responses import forbidden


# Policy scan (beleidsscan) for HR and the works council: summary, table per category, CSV, print.
SHARES = ("with_conversation_share", "with_plan_share", "development_share", "sparing_share")


def _pct(value, *, suppressed: bool, k: int) -> str:
    return display(None if value is None else value * 100, suppressed=suppressed, k=k, digits=0) + (
        "" if suppressed or value is None else "%")


def _rows(section: dict) -> list[dict]:
    k = section["k"]
    out = []
    for r in section["rows"]:
        s = r["suppressed"]
        out.append({"by": r["by"], "value": r["value"], "suppressed": s,
                    "population": display(r["population"], suppressed=s, k=k),
                    **{name: _pct(r[name], suppressed=s, k=k) for name in SHARES},
                    "spend_eur": display(r["spend_eur"], suppressed=s, k=k, digits=0),
                    "mean_fte": display(r.get("mean_fte"), suppressed=s, k=k, digits=2)})
        out[-1]["cells"] = [out[-1][c] for c in ("population", *SHARES, "spend_eur", "mean_fte")]
    return out


@login_required
def policy_scan(request: HttpRequest) -> HttpResponse:
    if not access.can_view_policy_scan(user=request.user):
        return forbidden(request, _("The policy scan is for HR and the works council."))
    k = privacy_k()
    section = selectors.policy_scan(on=date.today(), k=k)
    if request.GET.get("format") == "csv":
        return _csv(_rows(section), section)
    ambitions = selectors.ambitions(on=date.today(), k=k)
    return render(request, "maatwerk/policy_scan.html", {
        "section": section, "k": k, "ambitions": ambitions, "tables": _tables(section, ambitions, k=k),
        "verdict": verdict(today=date.today(), k=k, lang=language(), policy_scan=section),
        "summary": section["summary_en"] if language() == "en" else section["summary_nl"],
        "coverage": section_coverage_lines(section="policy_scan", start=date.fromisoformat(section["window_from"]),
                                           end=date.fromisoformat(section["as_of"]), k=k),
        "print": request.GET.get("print") == "1",
    })


AMBITION_COLUMNS = ("population", "ambition_n", "grow_share", "reduce_share", "desired_n", "mean_desired",
                    "mean_current", "fewer_share", "intended_n", "mean_intended_age", "before_aow_share")

_BLOCK_OF = {c: "ambition" for c in ("ambition_n", "grow_share", "reduce_share")} | {
    c: "desired_fte" for c in ("desired_n", "mean_desired", "mean_current", "fewer_share")} | {
    c: "retirement" for c in ("intended_n", "mean_intended_age", "before_aow_share")}



def _cell(value, *, suppressed: bool, k: int, digits: int) -> str:
    """"< k" when withheld, "–" when empty, else the number in the UI language's format (55,4)."""
    if suppressed or value is None:
        return display(value, suppressed=suppressed, k=k)
    return number_format(value, decimal_pos=digits)


def _tables(section: dict, ambitions: dict, *, k: int) -> SafeString:
    """The page's tables (a row per group of every category: 5.007 units at 100.000 employees, 3 MB
    of HTML, 0,9 s of CPU a request) rendered once per computed scan, k and language. Keyed by the
    cached sections themselves (the entry holds them, so their ids stay theirs)."""
    key = ("policy_scan_tables", id(section), id(ambitions), k, language())

    def render_tables() -> tuple:
        names = dict(Unit.objects.values_list("unit_id", "name"))
        groups: dict[str, list[dict]] = {}
        for r in _rows(section):
            r["label"] = value_label(r["by"], r["value"], names=names)
            groups.setdefault(r["by"], []).append(r)
        html = render_to_string("maatwerk/_policy_scan_tables.html",
                                {"groups": groups, "k": k, **_ambitions(ambitions, k=k, names=names)})
        return section, ambitions, mark_safe(html)

    held = cache.cached(key, render_tables)
    if held[0] is not section or held[1] is not ambitions:  # never: the entry keeps both alive
        held = render_tables()
    return held[2]


def _ambitions(section: dict, *, k: int, names: dict) -> dict:
    """Career-conversation answers per group, as display cells (a separate section of the page)."""
    groups: dict[str, list[dict]] = {}
    for r in section["rows"]:
        flat = flat_row(r)
        # a block is None exactly when it is withheld (fewer than k answers, or the group itself)
        cells = [_cell(flat[c], suppressed=r["suppressed"] or (c != "population" and r[_BLOCK_OF[c]] is None),
                       k=k, digits=0 if c.endswith("_n") or c == "population" else 1) for c in AMBITION_COLUMNS]
        groups.setdefault(r["by"], []).append({"value": r["value"], "label": value_label(r["by"], r["value"], names=names),
                                               "suppressed": r["suppressed"], "cells": cells})
    return {"ambitions": section, "ambition_groups": groups}


def _csv(rows: list[dict], section: dict) -> HttpResponse:
    columns = ("by", "value", "population", *SHARES, "spend_eur", "mean_fte")
    return csv_download(rows=[columns, *([r[c] for c in columns] for r in rows)],
                        filename=f"policy-scan-{section['as_of']}.csv")


# "Werkt het?" — per arrangement and bundle: effect, interval, balance, verdict (issue 18). For HR
# (analyst, admin) and the works council, like the policy scan: aggregates only, every row through the
# privacy engine in the core; managers and employees get 403.
@login_required
def evaluation(request: HttpRequest) -> HttpResponse:
    if not access.can_view_policy_scan(user=request.user):
        return forbidden(request, _("Whether arrangements work is shown to HR and the works council."))
    k = privacy_k()
    page = evaluation_page(on=date.today(), k=k, lang=language())
    return render(request, "maatwerk/evaluation.html", {"page": page, "k": k})


# HR admin edits the catalog: change an entry, add an own instrument, reset an entry to the default. Every
# other role gets a 403 that says why. Bad input re-shows the form with the messages (400) and saves
# nothing; a save or reset is logged with the entry before and after (CatalogChange).
NOT_ALLOWED = gettext_lazy("Only HR administrators change the arrangement catalog.")


def _save(request: HttpRequest, form: EntryForm, *, code: str | None) -> HttpResponse | None:
    """Save a valid form; None when the form (or the core's check) has an error to show."""
    if not form.is_valid():
        return None
    code = code or form.cleaned_data["code"]
    try:
        catalog_services.save_entry(user=request.user, code=code, body=form.body(), adding=form.adding)
    except CatalogError as exc:
        form.add_error(None, _("The arrangement could not be saved: %(reason)s") % {"reason": exc})
        return None
    return redirect("maatwerk:catalog_edit", code=code)


@login_required
def entry_new(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_catalog(user=request.user):
        return forbidden(request, str(NOT_ALLOWED))
    taken = frozenset(a.code for a in selectors.catalog())
    if request.method == "POST":
        form = EntryForm(request.POST, adding=True, taken=taken)
        return _save(request, form, code=None) or _page(request, form, code=None, status=400)
    form = EntryForm(adding=True, taken=taken, initial={"active": True, "per": "once", "funded_by": "employer",
                                                         "source": _("Own arrangement of the organisation")})
    return _page(request, form, code=None)


@login_required
def entry_edit(request: HttpRequest, code: str) -> HttpResponse:
    if not access.can_manage_catalog(user=request.user):
        return forbidden(request, str(NOT_ALLOWED))
    catalog = selectors.catalog()
    if code not in catalog:
        raise Http404
    if request.method == "POST":
        form = EntryForm(request.POST)
        return _save(request, form, code=code) or _page(request, form, code=code, status=400)
    return _page(request, EntryForm(initial=initial(entry_body(catalog[code]))), code=code)


@login_required
@require_POST
def entry_reset(request: HttpRequest, code: str) -> HttpResponse:
    if not access.can_manage_catalog(user=request.user):
        return forbidden(request, str(NOT_ALLOWED))
    if code not in selectors.catalog():
        raise Http404
    catalog_services.reset_entry(user=request.user, code=code)
    return redirect("maatwerk:catalog_edit", code=code)


def _page(request: HttpRequest, form: EntryForm, *, code: str | None, status: int = 200) -> HttpResponse:
    overrides = selectors.catalog_overrides()
    catalog = selectors.catalog()
    return render(request, "maatwerk/catalog_edit.html", {
        "form": form, "code": code, "adding": code is None,
        "name": catalog[code].name(language()) if code in catalog else "",
        "own": code is not None and code not in selectors.default_catalog(),
        "changed": code in overrides and code in selectors.default_catalog(),
        "changes": presentation.catalog_changes(code) if code else [],
    }, status=status)
