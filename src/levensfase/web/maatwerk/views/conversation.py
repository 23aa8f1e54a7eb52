"""Career conversation (loopbaangesprek): the employee themself or their own manager records the
answers; each save adds rows to the exchange conversations table, so the history stays."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from levensfase.model.conversations import TOPICS
from levensfase.web.accounts.access import visible_names
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.hr.models import Person
from levensfase.web.maatwerk import conversation_form, selectors, services
from levensfase.web.maatwerk.views.common import forbidden, lang


@login_required
def conversation(request: HttpRequest, person_id: str) -> HttpResponse:
    own = person_id == selectors.own_person_id(user=request.user)
    if not (own or selectors.manages(user=request.user, person_id=person_id)) \
            or not Person.objects.filter(person_id=person_id).exists():
        return forbidden(request, _("Only the employee and their own manager can hold this career conversation."))
    ui = lang()
    errors: list[str] = []
    if request.method == "POST":
        answers, errors = conversation_form.clean(request.POST, ui)
        if not errors:
            services.save_conversation(user=request.user, person_id=person_id, on=date.today(), answers=answers)
            return redirect("maatwerk:conversation", person_id=person_id)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id, detail={"view": "conversation"})
    labels = {t.name: (t.label_en if ui == "en" else t.label_nl) for t in TOPICS.values()}
    history = [{"date": d, "topic": labels.get(t, t), "value": str(conversation_form.CHOICE_LABELS.get(v, v))}
               for d, t, v in selectors.conversation_history(person_id=person_id)]
    return render(request, "maatwerk/conversation.html", {
        "person_id": person_id, "own": own, "errors": errors, "history": history,
        "name": visible_names(user=request.user, person_ids=[person_id]).get(person_id, ""),
        "fields": conversation_form.fields(ui, request.POST if errors else None),
    }, status=400 if errors else 200)
