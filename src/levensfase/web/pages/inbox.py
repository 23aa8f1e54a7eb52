"""The to-do inbox of the home page, per role (issue 22): what waits for this user to act on.

Each entry is a sentence and a link; the templates print them. `count` is what the menu shows.
Health data stay where they belong: only occupational health gets follow-up cases, and the
employee only their own questionnaires and plans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.maatwerk import presentation as maatwerk_rows, selectors as maatwerk
from levensfase.web.surveys import cases
from levensfase.web.surveys.models import Invitation
from levensfase.web.surveys.questions import BAND_TEXT
from levensfase.web.ui.labels import language

SHOWN = 5  # entries per inbox; the rest behind "all …"
ANSWERS_FOR_DAYS = 30  # a decision on the employee's request stays in the inbox this long
DECISIONS = ("approve", "reject", "register")


@dataclass
class Inbox:
    title: str = ""
    entries: list[dict] = field(default_factory=list)  # {"text", "url"}
    count: int = 0
    more_url: str = ""
    more_text: str = ""
    empty: str = ""


def for_request(request, *, today: date | None = None) -> Inbox | None:
    """The signed-in user's inbox, computed once per request (the home page and the menu share it)."""
    if not hasattr(request, "_levensfase_inbox"):
        request._levensfase_inbox = inbox_of(user=request.user, today=today or date.today())
    return request._levensfase_inbox


def inbox_of(*, user, today: date) -> Inbox | None:
    """The user's inbox, or None for roles that have none (analyst, works council, privacy officer)."""
    role = access.role_of(user)
    if role == Role.MANAGER:
        return _plans(maatwerk.team_requests(user=user), user=user, title=_("Requests to approve"),
                      empty=_("No requests are waiting for your decision."), more=("maatwerk:requests", _("All requests")))
    if role == Role.HR_ADMIN:
        return _plans(maatwerk.plans_to_register(), user=user, title=_("Plans to register"),
                      empty=_("No approved plans are waiting to be registered."),
                      more=("maatwerk:register", _("All plans to register")))
    if role == Role.OCCUPATIONAL_HEALTH:
        return _followups(user=user, today=today)
    if role == Role.EMPLOYEE:
        return _employee(user=user, today=today)
    return None


def _plans(plans: list, *, user, title: str, empty: str, more: tuple[str, str]) -> Inbox:
    plans = sorted(plans, key=lambda p: (p.created_at, p.pk))  # the longest waiting first
    names = access.visible_names(user=user, person_ids={p.person_id for p in plans})
    entries = [{"url": reverse("maatwerk:plan", kwargs={"plan_id": row["plan"].pk}),
                "text": _("Plan %(n)s of %(person)s: %(items)s (requested on %(day)s)") % {
                    "n": row["plan"].pk, "person": row["name"] or row["plan"].person_id, "items": ", ".join(row["items"]),
                    "day": date_format(timezone.localdate(row["plan"].created_at), "j F Y")}}
               for row in maatwerk_rows.plan_rows(plans[:SHOWN], language(), names)]
    return Inbox(title=title, entries=entries, count=len(plans), more_url=reverse(more[0]), more_text=more[1],
                 empty=empty)


def _followups(*, user, today: date) -> Inbox:
    waiting = cases.cases(today=today, which=cases.CaseFilter(status="open"))
    names = access.visible_names(user=user, person_ids=[c["person_id"] for c in waiting[:SHOWN]])
    entries = [{"url": reverse("surveys:followup_person", kwargs={"person_id": c["person_id"]}),
                "text": _("%(person)s: work ability %(band)s (score %(score)s on %(day)s)") % {
                    "person": names.get(c["person_id"]) or c["person_id"], "band": BAND_TEXT[c["band"]][0],
                    "score": floatformat(c["score"], "-1"), "day": date_format(c["date"], "j F Y")}}
               for c in waiting[:SHOWN]]
    return Inbox(title=_("Follow-ups waiting for a first step"), entries=entries, count=len(waiting),
                 more_url=reverse("surveys:followups") + "?status=open", more_text=_("All open follow-ups"),
                 empty=_("Nobody is waiting for follow-up."))


def _employee(*, user, today: date) -> Inbox:
    person_id = access.profile_of(user).person_id
    entries = []
    if person_id:
        for invitation in Invitation.objects.filter(
                person_id=person_id, responded_on__isnull=True, campaign__closes_on__gte=today
        ).select_related("campaign").order_by("campaign__closes_on"):
            entries.append({"url": reverse("surveys:start"), "text": _("Fill in “%(name)s” before %(day)s") % {
                "name": invitation.campaign.name, "day": date_format(invitation.campaign.closes_on, "j F Y")}})
        since = timezone.now() - timedelta(days=ANSWERS_FOR_DAYS)
        for row in maatwerk_rows.plan_rows(maatwerk.plans_of(person_id=person_id), language()):
            last = row["last"]
            if last is not None and last.action in DECISIONS and last.at >= since:
                entries.append({"url": reverse("maatwerk:plan", kwargs={"plan_id": row["plan"].pk}),
                                "text": str(ANSWER_TEXT[last.action]) % {"n": row["plan"].pk, "items": ", ".join(row["items"])}})
    return Inbox(title=_("For you to do or read"), entries=entries[:SHOWN], count=len(entries),
                 more_url=reverse("surveys:start") if person_id else "", more_text=_("My questionnaires"),
                 empty=_("There is nothing waiting for you."))


ANSWER_TEXT = {
    "approve": gettext_lazy("Your manager approved plan %(n)s (%(items)s)."),
    "reject": gettext_lazy("Plan %(n)s (%(items)s) was rejected; read why."),
    "register": gettext_lazy("Plan %(n)s (%(items)s) is registered and arranged."),
}
