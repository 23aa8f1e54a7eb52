"""Template helpers: the navigation per role and translated labels for exchange-format codes.

Kept here so templates stay dumb: they print what these return and decide nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import get_language
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.dashboards.scope import can_view_dashboards
from levensfase.web.competencies.nav import nav_targets as competencies_nav
from levensfase.web.maatwerk.nav import nav_targets as maatwerk_nav
from levensfase.web.pages import inbox
from levensfase.web.planning.nav import nav_targets as planning_nav
from levensfase.web.scan.nav import nav_targets as scan_nav

register = template.Library()

LABELS = {
    # contract
    "permanent": _("permanent"),
    "fixed_term": _("fixed term"),
    "temporary": _("temporary"),
    "intern": _("intern"),
    # end_reason
    "voluntary": _("voluntary"),
    "involuntary": _("involuntary"),
    "retirement": _("retirement"),
    "disability": _("disability"),
    "death": _("death"),
    "other": _("other"),
    # life events
    "partner": _("partner"),
    "child": _("child"),
    "caregiving": _("informal caregiving"),
    "study": _("study"),
    "health_limitation": _("health limitation"),
    # survey instruments
    "wai": _("Work Ability Index (WAI)"),
    "was": _("Work Ability Score (WAS)"),
    "uwes9": _("work engagement (UWES-9)"),
    "uwes17": _("work engagement (UWES-17)"),
    # audit actions
    "view_person": _("viewed record"),
    "import": _("imported data"),
    "plan": _("acted on a personal plan"),
    "erase": _("erased a person"),
    "retention": _("anonymised leavers (retention)"),
    "access": _("downloaded own data"),
    "login_failed": _("failed login"),
    "login_refused": _("login refused (locked)"),
}


@register.filter
def label(code: str | None) -> str:
    """The UI-language label of an exchange code; unknown codes are shown as they are."""
    if not code:
        return ""
    return LABELS.get(code, code)


# Dates in tables, one format per UI language: Dutch 08-07-2024 (d-m-jjjj), English 8 Jul 2024.
DAY_FORMATS = {"nl": "d-m-Y", "en": "j M Y"}


@register.filter(expects_localtime=True)
def day(value: date | datetime | str | None) -> str:
    """A date (or a moment, with its time; or an ISO date string from the core) as a table shows
    it; "" for none, so `|default` works."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    pattern = DAY_FORMATS["en" if (get_language() or "nl").startswith("en") else "nl"]
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return dateformat.format(local, pattern + " H:i:s")
    return dateformat.format(value, pattern)


@register.filter
def person_label(person_id: str, name: str | None = "") -> str:
    """ "Sanne de Vries (P000123)" when the selector gave a name (it gives one only to viewers who
    may see it, accounts.access.visible_names), else the person id alone."""
    if not name:
        return person_id
    return format_html('{} <span class="person-id">({})</span>', name, person_id)


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
    items.extend(scan_nav(user=user))
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
