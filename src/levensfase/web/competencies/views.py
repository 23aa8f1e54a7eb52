"""The competency pages: one's own record, the team, an assessment and a profile, internal
matching and the untapped-potential dashboard. Who may open what is decided in competencies.access."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, gettext_lazy

from levensfase.web.accounts.access import visible_names, visible_people
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.competencies import (
    access, analysis, assessment_form, dashboard as panels_of, match_form, nav, selectors, services,
)
from levensfase.web.competencies.levels import KIND_LABELS, SOURCE_LABELS, STATUS_LABELS, level_choices
from levensfase.web.dashboards.selectors import section_coverage_lines
from levensfase.web.ui import filters as dashboard_filters
from levensfase.web.ui.downloads import panel_csv, unknown_table
from levensfase.web.ui.labels import language
from levensfase.web.ui.reads import k
from levensfase.web.ui.responses import forbidden
from levensfase.web.ui.scope import dashboard_scope
from levensfase.web.ui.tables import fmt


# Every competency page renders through `page`, which adds the tabs between them.
def page(request: HttpRequest, template: str, context: dict, *, tab: str, status: int = 200) -> HttpResponse:
    return render(request, template, {**context, "tabs": nav.tabs(user=request.user, current=tab)}, status=status)


# /competencies/: sends each role to its first competency page (the nav has a single item).
@login_required
def index(request: HttpRequest) -> HttpResponse:
    tabs = nav.tabs(user=request.user)
    if not tabs:
        return forbidden(request, _("Your role has no competency pages."))
    return redirect(tabs[0]["url"])


# 'Mijn competenties': links to the own assessment and profile, the toggle "Open voor interne vacatures"
# (a career-conversation answer) and the internal roles that fit (core `roles_for`).
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    person_id = access.own_person_id(user=request.user)
    if person_id is None:
        return forbidden(request, _("This page is for employees with their own personnel record."))
    today = date.today()
    if request.method == "POST":
        choice = request.POST.get("opt_in", "")
        if choice not in ("true", "false"):
            return page(request, "competencies/mine.html", _context(person_id, today) | {
                "errors": [_("Choose whether you are open to internal vacancies.")]}, tab="mine", status=400)
        services.set_mobility_opt_in(user=request.user, person_id=person_id, on=today, opt_in=choice == "true")
        messages.success(request, _("You are open to internal vacancies.") if choice == "true"
                         else _("You are no longer shown for internal vacancies."))
        return redirect("competencies:mine")
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id, detail={"view": "competencies_mine"})
    return page(request, "competencies/mine.html", _context(person_id, today), tab="mine")


def _context(person_id: str, today: date) -> dict:
    return {"person_id": person_id, "errors": [],
            "opted_in": selectors.latest_answer(person_id=person_id, topic=services.OPT_IN_TOPIC) == "true",
            "roles": [_role(r) for r in analysis.roles(person_id=person_id, on=today)]}


def _role(r: dict) -> dict:
    return {"job_id": r["job_id"], "title": r["title"],
            "score": fmt(100 * r["score"], 1) + "%", "reason": r["reason_en"] if language() == "en" else r["reason_nl"]}


# The manager's team: who assessed themself, who still needs the manager's view, where the two differ —
# with links to each member's assessment and skills profile.
@login_required
def team(request: HttpRequest) -> HttpResponse:
    if not access.is_manager(user=request.user):
        return forbidden(request, _("Only line managers have a team overview."))
    today = date.today()
    own = access.own_person_id(user=request.user)
    ids = [pid for pid in visible_people(user=request.user, on=today).values_list("person_id", flat=True) if pid != own]
    record(user=request.user, action=Action.VIEW_PERSON, detail={"view": "competency_team", "people": len(ids)})
    names = visible_names(user=request.user, person_ids=ids, on=today)
    rows = [{**row, "name": names.get(row["person_id"], "")} for row in selectors.team_overview(person_ids=ids, on=today)]
    return page(request, "competencies/team.html", {"rows": rows}, tab="team")


# Self-assessment (the employee, own record) and manager assessment (own team member): a level 1–4 per
# competency, stored with today's date; the other side's level is shown next to it, and a difference is a
# topic for the career conversation.
@login_required
def assessment(request: HttpRequest, person_id: str) -> HttpResponse:
    source = access.assessment_source(user=request.user, person_id=person_id)
    if source is None:
        return forbidden(request, _("Only the employee and their own manager can assess these competencies."))
    today = date.today()
    skills = selectors.assessment_skills(person_id=person_id, on=today)
    catalogue = selectors.skill_catalogue()
    errors: list[str] = []
    if request.method == "POST":
        levels, errors = assessment_form.clean(request.POST, shown={s.skill_id: s.name for s in skills},
                                               catalogue=catalogue)
        if not errors:
            services.save_assessment(user=request.user, person_id=person_id, source=source, on=today, levels=levels)
            messages.success(request, _("The assessment is saved."))
            return redirect("competencies:assessment", person_id=person_id)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id,
           detail={"view": "competency_assessment"})
    own = source == access.SELF
    shown = {s.skill_id for s in skills}
    rows = [_skill_row(s, own=own, posted=request.POST if errors else None) for s in skills]
    return page(request, "competencies/assessment.html", {
        "person_id": person_id, "own": own, "rows": rows, "errors": errors, "levels": level_choices(),
        "jobs": selectors.job_titles(job_ids=selectors.current_job_ids(person_id=person_id, on=today)).values(),
        "addable": [(sid, name) for sid, (name, _kind) in catalogue.items() if sid not in shown],
        "history": [{**h, "source": SOURCE_LABELS.get(h["source"], h["source"])}
                    for h in analysis.history(person_id=person_id)[:40]],
        "differences": sum(1 for s in skills if s.differs),
    }, tab="mine" if own else "team", status=400 if errors else 200)


def _skill_row(s: selectors.AssessedSkill, *, own: bool, posted) -> dict:
    mine, theirs = (s.self_level, s.manager_level) if own else (s.manager_level, s.self_level)
    value = str(posted.get(f"{assessment_form.PREFIX}{s.skill_id}", "")) if posted is not None else str(mine or "")
    note = ""
    if s.differs:
        if own:
            note = _("You: %(self)s, manager: %(manager)s — discuss it in the career conversation") % {
                "self": s.self_level, "manager": s.manager_level}
        else:
            note = _("Employee: %(self)s, you: %(manager)s — discuss it in the career conversation") % {
                "self": s.self_level, "manager": s.manager_level}
    return {"skill_id": s.skill_id, "name": s.name, "kind": KIND_LABELS.get(s.kind, s.kind), "required": s.required,
            "value": value, "other": theirs, "note": note}


# Skills profile against the current job (core `skills_profile`): what the job uses, where the required
# level is not reached (ontwikkelbehoefte) and what lies unused (onbenut potentieel), with the history of
# the assessments. For the employee, their own manager and HR admin.
EXPLAINED = {
    "development_need": gettext_lazy("The job asks a higher level than you have now: room to grow with training or coaching."),
    "untapped": gettext_lazy("You master these at level 3 or 4, but your job does not use them: potential for other work."),
    "used": gettext_lazy("The job asks these and you have them at the level it needs."),
    "other": gettext_lazy("Competencies you have below level 3 that the job does not ask for."),
}


@login_required
def profile(request: HttpRequest, person_id: str) -> HttpResponse:
    if not access.can_view_profile(user=request.user, person_id=person_id):
        return forbidden(request, _("Only the employee, their own manager and HR can see this skills profile."))
    today = date.today()
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id, detail={"view": "skills_profile"})
    groups = analysis.profile(person_id=person_id, on=today)
    sections = [{"status": s, "label": STATUS_LABELS[s], "explained": EXPLAINED[s],
                 "rows": [{**r, "kind_label": KIND_LABELS.get(r["kind"], r["kind"])} for r in groups.get(s, [])]}
                for s in analysis.STATUSES]
    source = access.assessment_source(user=request.user, person_id=person_id)
    return page(request, "competencies/profile.html", {
        "person_id": person_id, "own": source == access.SELF, "can_assess": source is not None,
        "sections": sections, "counts": {s["status"]: len(s["rows"]) for s in sections},
        "jobs": selectors.job_titles(job_ids=selectors.current_job_ids(person_id=person_id, on=today)).values(),
        "history": [{**h, "source": SOURCE_LABELS.get(h["source"], h["source"])}
                    for h in analysis.history(person_id=person_id)[:60]],
    }, tab="mine" if source == access.SELF else "team" if source else "match")


# Internal matching (doorstroom): HR admin and managers pick a job or a few competencies and get the
# internal candidates ranked, each with the reason. A manager only ever sees people who opted in to
# internal vacancies; HR admin sees everyone, the opt-in marked.
SHOWN = 25  # the best candidates; a longer list is not read, and shows more personal data than needed


@login_required
def match(request: HttpRequest) -> HttpResponse:
    if not access.can_match(user=request.user):
        return forbidden(request, _("Internal matching is for HR administrators and line managers."))
    today = date.today()
    jobs = dict(sorted(selectors.job_titles().items(), key=lambda item: item[1].lower()))
    catalogue = selectors.skill_catalogue()
    wanted, errors = match_form.parse(request.GET, jobs=jobs, catalogue=catalogue)
    everyone = access.sees_everyone_in_match(user=request.user)
    rows = None
    found = None
    if not wanted.empty:
        try:
            found = analysis.matches(on=today, job_id=wanted.job_id, skills=wanted.skills, everyone=everyone)
        except analysis.MatchRefused:
            errors = [_("This job has no competencies in the framework yet, so there is nothing to match on.")]
    total = 0
    if found is not None:
        total, found = len(found), found[:SHOWN]
        titles = selectors.current_job_titles(person_ids=[r["person_id"] for r in found], on=today)
        linked = _profiles_visible(request, [r["person_id"] for r in found], everyone=everyone)
        names = visible_names(user=request.user, person_ids=[r["person_id"] for r in found], on=today)
        rows = [{**_candidate_row(r), "jobs": titles.get(r["person_id"], ""), "linked": r["person_id"] in linked,
                 "name": names.get(r["person_id"], "")} for r in found]
        record(user=request.user, action=Action.VIEW_PERSON, detail={
            "view": "competency_match", "job": wanted.job_id, "skills": sorted(wanted.skills or {}),
            "candidates": [r["person_id"] for r in found]})
    return page(request, "competencies/match.html", {
        "jobs": jobs.items(), "catalogue": catalogue.items(), "levels": level_choices(), "errors": errors,
        "job": wanted.job_id or "", "chosen": set(wanted.skills or ()),
        "level": next(iter((wanted.skills or {}).values()), 3), "rows": rows, "everyone": everyone, "total": total,
        "asked": jobs.get(wanted.job_id, "") if wanted.job_id else ", ".join(catalogue[s][0] for s in wanted.skills or {}),
    }, tab="match", status=400 if errors else 200)


def _profiles_visible(request: HttpRequest, ids: list[str], *, everyone: bool) -> set[str]:
    """The candidates whose skills profile this user may open: HR admin all, a manager their own team."""
    if everyone:
        return set(ids)
    own = access.own_person_id(user=request.user)
    return set(visible_people(user=request.user).filter(person_id__in=ids).values_list("person_id", flat=True)) - {own}


def _candidate_row(r: dict) -> dict:
    percent = lambda v: "–" if v is None else fmt(100 * v, 1) + "%"  # noqa: E731
    return {"rank": r["rank"], "person_id": r["person_id"], "score": percent(r["score"]),
            "skill_fit": percent(r["skill_fit"]), "ambition_fit": percent(r["ambition_fit"]),
            "mobility_fit": percent(r["mobility_fit"]), "opted_in": r["opted_in"],
            "reason": r["reason_en"] if language() == "en" else r["reason_nl"]}


# Competency dashboard (HR analyst/admin, works council; a manager their own units): untapped potential,
# development need and development money per category, each with a takeaway, chart, table and CSV. Uses
# the dashboards' scope, filters, cache and table helpers.
TEMPLATE = "competencies/dashboard.html"


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = dashboard_scope(user=request.user)
    if scope is None:
        return forbidden(request, _("The competency dashboard shows aggregates for HR, the works council and managers."))
    today = date.today()
    filters, errors = dashboard_filters.parse(request.GET, scope=scope, default_by="age_band", today=today)
    context = {
        "filters": filters, "k": k(), "errors": errors, "scope": scope, "uses_by": True,
        "units": dashboard_filters.unit_choices(scope=scope),
        "unit_options": dashboard_filters.unit_options(scope=scope, selected=filters.unit),
        "unit_hint": dashboard_filters.unit_hint(scope=scope),
        "categories": [(c, dashboard_filters.CATEGORY_LABELS[c]) for c in panels_of.CATEGORIES],
        "years": list(range(dashboard_filters.year_range(today=today)[0], today.year + 1)),
    }
    if scope.team and not scope.unit_ids:
        context["errors"] = [_("You do not lead any unit yet, so there is no team to show. Ask HR to link your units.")]
        return page(request, TEMPLATE, context, tab="dashboard")
    if errors:
        return page(request, TEMPLATE, context, tab="dashboard", status=400)
    panels = panels_of.panels(units=dashboard_filters.effective_units(scope=scope, filters=filters),
                              scope_key=scope.key, by=filters.by, as_of=filters.end)
    wanted = request.GET.get("csv")
    if wanted is not None:
        response = panel_csv(panels, wanted, page="competencies")
        if response is not None:
            return response
        context["errors"] = [unknown_table(wanted)]
        return page(request, TEMPLATE, context, tab="dashboard", status=400)
    coverage = section_coverage_lines(section="competencies", start=filters.start, end=filters.end, k=context["k"],
                                      unit_ids=scope.unit_ids, unit=filters.unit or None, scope_key=scope.key)
    return page(request, TEMPLATE, {**context, "panels": panels, "coverage": coverage}, tab="dashboard")
