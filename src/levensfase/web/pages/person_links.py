"""Where one may go from a person's record, per role (issue 22): only pages this user may open
for this person, so a link never leads to a refusal."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.competencies import access as competencies
from levensfase.web.maatwerk import selectors as maatwerk
from levensfase.web.surveys import access as surveys


def person_links(*, user, person_id: str) -> list[dict]:
    """[{"url", "label"}] for the record of `person_id` as `user` sees it."""
    role = access.role_of(user)
    own = maatwerk.own_person_id(user=user) == person_id
    manages = role == Role.MANAGER and not own and maatwerk.manages(user=user, person_id=person_id)
    links = []
    if own:
        links.append((reverse("maatwerk:mine"), _("My plans and budget")))
    elif manages:
        links.append((reverse("maatwerk:requests"), _("Plan requests of my team")))
    elif role == Role.HR_ADMIN:
        links.append((reverse("maatwerk:register"), _("Approved plans to register")))
    if own or manages:
        links.append((reverse("maatwerk:conversation", kwargs={"person_id": person_id}), _("Career conversation")))
    if competencies.can_view_profile(user=user, person_id=person_id):
        links.append((reverse("competencies:profile", kwargs={"person_id": person_id}), _("Competencies")))
    if surveys.can_follow_up(user=user):
        links.append((reverse("surveys:followup_person", kwargs={"person_id": person_id}), _("Follow-up case")))
    if access.can_view_audit_log(user=user):
        links.append((reverse("audit_log") + f"?person={person_id}", _("Who viewed this record (audit log)")))
    return [{"url": url, "label": label} for url, label in links]
