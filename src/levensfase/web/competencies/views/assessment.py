"""Self-assessment (the employee, own record) and manager assessment (own team member): a level
1–4 per competency, stored with today's date; the other side's level is shown next to it, and a
difference is a topic for the career conversation."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.competencies import access, analysis, assessment_form, selectors, services
from levensfase.web.competencies.levels import KIND_LABELS, SOURCE_LABELS, level_choices
from levensfase.web.competencies.views.common import forbidden, page


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
    rows = [_row(s, own=own, posted=request.POST if errors else None) for s in skills]
    return page(request, "competencies/assessment.html", {
        "person_id": person_id, "own": own, "rows": rows, "errors": errors, "levels": level_choices(),
        "jobs": selectors.job_titles(job_ids=selectors.current_job_ids(person_id=person_id, on=today)).values(),
        "addable": [(sid, name) for sid, (name, _kind) in catalogue.items() if sid not in shown],
        "history": [{**h, "source": SOURCE_LABELS.get(h["source"], h["source"])}
                    for h in analysis.history(person_id=person_id)[:40]],
        "differences": sum(1 for s in skills if s.differs),
    }, tab="mine" if own else "team", status=400 if errors else 200)


def _row(s: selectors.AssessedSkill, *, own: bool, posted) -> dict:
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
