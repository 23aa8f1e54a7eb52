"""Skills profile against the current job (core `skills_profile`): what the job uses, where the
required level is not reached (ontwikkelbehoefte) and what lies unused (onbenut potentieel),
with the history of the assessments. For the employee, their own manager and HR admin."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.competencies import access, analysis, selectors
from levensfase.web.competencies.levels import KIND_LABELS, SOURCE_LABELS, STATUS_LABELS
from levensfase.web.competencies.views.common import forbidden, page

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
