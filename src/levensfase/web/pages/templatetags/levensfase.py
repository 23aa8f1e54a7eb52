"""Template helpers of the page frame: the navigation per role and the role's name (labels, dates
and numbers are the web kit's: web/ui/templatetags/ui.py).

Kept here so templates stay dumb: they print what these return and decide nothing.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.competencies.nav import nav_targets as competencies_nav
from levensfase.web.maatwerk.nav import nav_targets as maatwerk_nav
from levensfase.web.pages import inbox
from levensfase.web.planning.nav import nav_targets as planning_nav
from levensfase.web.ui.scope import can_view_dashboards

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_items(context) -> list[dict]:
    """The top navigation of the signed-in user: only pages their role may open."""
    request = context.get("request")
    user = getattr(request, "user", None)
    role = access.role_of(user)
    if role is None:
        return []
    here = request.path
    items = [("home", _("Home"))]
    if role == Role.EMPLOYEE:
        profile = access.profile_of(user)
        if profile.person_id:
            items.append((reverse("person", kwargs={"person_id": profile.person_id}), _("My record")))
    elif role == Role.MANAGER:
        items.append(("people", _("My team")))
    elif access.can_list_people(user=user):
        items.append(("people", _("People")))
    if can_view_dashboards(user=user):
        items.append(("dashboard_composition", _("Dashboards")))
    items.extend(maatwerk_nav(user=user))
    items.extend(competencies_nav(user=user))
    items.extend(planning_nav(user=user))
    if access.can_import(user=user):
        items.append(("import", _("Import")))
    if access.can_view_audit_log(user=user):
        items.append(("audit_log", _("Audit log")))
    result = []
    for target, text in items:
        url = target if target.startswith("/") else reverse(target)
        current = here == url if url == reverse("home") else here.startswith(url)
        result.append({"url": url, "label": text, "current": current})
    todo = inbox.for_request(request)  # the home page's to-do inbox: its count on "Home"
    result[0]["count"] = todo.count if todo else 0
    return result


@register.simple_tag(takes_context=True)
def role_label(context) -> str:
    role = access.role_of(getattr(context.get("request"), "user", None))
    return Role(role).label if role else ""
