"""Aggregates: the category table of the dashboards, the analysis document (section by section),
the policy scan and the projection — each through the selectors the pages use, so the same
suppression and the same whole-year periods apply (DESIGN §6). Suppressed numbers are null with
their `suppressed` flag; the document's own cells say the same as in `levensfase analyse`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, QueryDict
from django.utils import translation
from ninja import Query, Router, Schema
from pydantic import Field

from levensfase.web.accounts import access
from levensfase.web.api.errors import ApiError, english
from levensfase.web.dashboards.selectors.categories import category_table, per_year
from levensfase.web.maatwerk import access as maatwerk_access, selectors as maatwerk_selectors
from levensfase.web.pages.views import REPORT_ROLES
from levensfase.web.planning import selectors as planning_selectors
from levensfase.web.planning.access import can_plan
from levensfase.web.planning.projection_forms import MAX_PAGE_RUNS
from levensfase.web.ui import cache, filters as dashboard_filters
from levensfase.web.ui.reads import k as privacy_k, scoped_workforce
from levensfase.web.ui.scope import dashboard_scope

router = Router(tags=["aggregates"])

SECTIONS = ("composition", "flows", "retention", "phases", "employability", "policy_scan", "competencies",
            "outflow", "arrangement_mix", "coverage", "ambitions", "findings", "executive")
_DOCUMENT = Field(description="Document as `levensfase analyse --format json`; suppressed cells are null with a flag.")


class MetricsRow(Schema):
    value: str | None
    population: int | None
    headcount_start: int | None
    headcount_end: int | None
    inflow: int | None
    internal_mobility: int | None
    outflow_total: int | None
    turnover_rate: float | None = Field(description="Outflow per 100 of average headcount, per year.")
    doorstroom_rate: float | None
    retention_2y: float | None
    suppressed: bool = Field(description="Flows and population hidden (group smaller than k, or a companion).")
    start_suppressed: bool
    end_suppressed: bool
    retention_suppressed: bool


class Average(Schema):
    turnover_rate: float | None
    doorstroom_rate: float | None
    retention_2y: float | None


class MetricsOut(Schema):
    first_year: int
    last_year: int
    start: date
    end: date
    by: str
    unit: str | None
    k: int
    rows: list[MetricsRow]
    average: Average | None = Field(description="Null when the period's total is withheld.")


class MetricsQuery(Schema):
    from_: int | None = Field(None, alias="from", description=(
        "First whole year (default: five years back); not before the first year of recorded history (earlier: 422)."))
    to: int | None = Field(None, description="Last whole year (the running year ends today).")
    by: str = Field("age_band", description="age_band, generation, life_phase, unit, job_family, contract or sex.")
    unit: str | None = Field(None, description="A unit in your view; its subtree is counted.")


def _refuse_errors(errors: list[str]) -> None:
    if errors:
        text = " ".join(str(e) for e in errors)
        raise ApiError(422, text, text, errors=[{"loc": ["query"], "msg": text, "type": "value_error"}])


@router.get("/metrics", response=MetricsOut, summary="Headcount, flows and rates per category (whole years)")
def metrics(request: HttpRequest, filters: Query[MetricsQuery]):
    """The table of the "which categories?" dashboard, for the user's scope (a manager: their units)."""
    scope = dashboard_scope(user=request.user)
    if scope is None:
        raise ApiError(403, "Overzichten zijn voor HR, analisten, de OR en leidinggevenden.",
                       "Aggregates are for HR, analysts, the works council and managers.")
    params = QueryDict(mutable=True)
    for key, value in (("from", filters.from_), ("to", filters.to), ("by", filters.by), ("unit", filters.unit)):
        if value not in (None, ""):
            params[key] = str(value)
    chosen, errors = dashboard_filters.parse(params, scope=scope, default_by="age_band", today=date.today())
    _refuse_errors(errors)
    if scope.team and not scope.unit_ids:
        raise ApiError(403, "U leidt nog geen afdeling.", "You do not lead any unit yet.")
    kk = privacy_k()

    def compute():
        table, average = category_table(scoped_workforce(scope.unit_ids), start=chosen.start, end=chosen.end,
                                        by=chosen.by, k=kk, unit=chosen.unit or None)
        return per_year(table, average, start=chosen.start, end=chosen.end)

    table, average = cache.cached(("api", "metrics", cache.data_version(), scope.key, chosen.key, kk), compute)
    rows = [{**row, "value": None if row["value"] is None else str(row["value"])} for row in table.iter_rows(named=True)]
    return {"first_year": chosen.first_year, "last_year": chosen.last_year, "start": chosen.start, "end": chosen.end,
            "by": chosen.by, "unit": chosen.unit or None, "k": kk, "rows": rows,
            "average": None if average is None else vars(average)}


def _report() -> dict[str, Any]:
    from levensfase.analytics.report import build_report
    from levensfase.web.hr.selectors import load_workforce
    from levensfase.web.surveys.rounds import answer_rounds

    today, kk = date.today(), privacy_k()
    return cache.cached(("api", "report", cache.data_version(), today, kk),
                        lambda: build_report(load_workforce(), as_of=today, k=kk, survey_rounds=answer_rounds(),
                                             pages=True))


def _report_roles(request: HttpRequest) -> None:
    if access.role_of(request.user) not in REPORT_ROLES:
        raise ApiError(403, "Het rapport is voor HR, analisten en de OR.",
                       "The report is for HR, analysts and the works council.")


@router.get("/analysis", response=dict[str, Any], summary="The whole analysis of today", description=_DOCUMENT.description)
def analysis(request: HttpRequest):
    _report_roles(request)
    return _report()


@router.get("/analysis/{section}", response=dict[str, Any] | list[Any], summary="One section of the analysis")
def analysis_section(request: HttpRequest, section: str):
    """One of: composition, flows, retention, phases, employability, policy_scan, competencies, outflow,
    arrangement_mix, coverage, ambitions, findings, executive."""
    _report_roles(request)
    if section not in SECTIONS:
        raise ApiError(404, f"Onbekend onderdeel; kies uit {', '.join(SECTIONS)}.",
                       f"Unknown section; choose from {', '.join(SECTIONS)}.")
    document = _report()
    return document.get(section, {})


@router.get("/policy-scan", response=dict[str, Any], summary="The policy scan (beleidsscan) of today")
def policy_scan(request: HttpRequest):
    if not maatwerk_access.can_view_policy_scan(user=request.user):
        raise ApiError(403, "De beleidsscan is voor HR en de OR.", "The policy scan is for HR and the works council.")
    return maatwerk_selectors.policy_scan(on=date.today(), k=privacy_k())


@router.get("/evaluation", response=dict[str, Any], summary="Did it work? The arrangements' matched evaluation")
def evaluation(request: HttpRequest):
    """`levensfase evaluate` JSON of today: per arrangement and bundle the effect on influenceable exit,
    WAI change and absence against matched comparisons, every row through the privacy engine."""
    from levensfase.evaluation import evaluation_json
    from levensfase.web.maatwerk.evaluation_selectors import evaluation as evaluated

    if not maatwerk_access.can_view_policy_scan(user=request.user):
        raise ApiError(403, "Of regelingen werken, is voor HR en de OR.",
                       "Whether arrangements work is for HR and the works council.")
    return evaluation_json(evaluated(on=date.today(), k=privacy_k()))


class ProjectionQuery(Schema):
    scenario: str = Field("baseline", description="A shipped scenario (see /scenarios).")
    years: int = Field(10, ge=1, le=15, description="Horizon in years.")
    runs: int = Field(500, ge=100, le=MAX_PAGE_RUNS, description="Monte Carlo runs.")
    seed: int = Field(1, ge=0, le=2**31 - 1, description="Same seed, same projection.")


@router.get("/scenarios", response=dict[str, str], summary="The shipped projection scenarios")
def scenarios(request: HttpRequest):
    if not can_plan(user=request.user):
        raise ApiError(403, "Planning is voor HR, analisten en de OR.", "Planning is for HR, analysts and the works council.")
    lang = "en" if english() else "nl"
    return {name: s.label(lang) for name, s in planning_selectors.scenarios().items()}


def _form_text(form, language: str) -> str:
    """The form's errors as one sentence in `language` (the page shows the same messages)."""
    with translation.override(language):
        return "; ".join(f"{name}: {message}" for name, messages in form.errors.items() for message in messages)


@router.get("/projection", response=dict[str, Any], summary="Workforce projection for one scenario")
def projection(request: HttpRequest, query: Query[ProjectionQuery]):
    """The document of `levensfase project` (Monte Carlo; small groups suppressed), as the projection page."""
    from levensfase.planning.report import ProjectionError
    from levensfase.planning.scenarios import ScenarioError
    from levensfase.web.planning.projection_forms import ProjectionForm

    if not can_plan(user=request.user):
        raise ApiError(403, "Planning is voor HR, analisten en de OR.", "Planning is for HR, analysts and the works council.")
    builtin = planning_selectors.scenarios()
    form = ProjectionForm({"scenario": query.scenario, "years": query.years, "runs": query.runs, "seed": query.seed},
                          families=planning_selectors.job_families(), scenarios=builtin, lang="en" if english() else "nl")
    if not form.is_valid():
        errors = [{"loc": ["query", name], "msg": str(message), "type": "value_error"}
                  for name, messages in form.errors.items() for message in messages]
        nl, en = (_form_text(form, language) for language in ("nl", "en"))
        raise ApiError(422, nl, en, errors=errors)
    today = date.today()
    try:
        return planning_selectors.projection(scenarios_=[builtin[form.cleaned_data["scenario"]]],
                                             years=form.cleaned_data["years"], runs=form.cleaned_data["runs"],
                                             seed=form.cleaned_data["seed"], demand=form.demand(first_year=today.year + 1),
                                             as_of=today, k=privacy_k())
    except (ProjectionError, ScenarioError) as exc:
        raise ApiError(422, exc.message_nl, exc.message_en) from exc
