"""The top navigation of the signed-in user: the pages their role may open (each app's access
rules decide, server-side), grouped per role so that the menu stays one row on a laptop, with
exactly one current item (the one whose address is the longest start of the page's address)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.competencies.nav import nav_targets as competencies_nav
from levensfase.web.maatwerk.nav import nav_targets as maatwerk_nav
from levensfase.web.planning.nav import nav_targets as planning_nav
from levensfase.web.scan.nav import nav_targets as scan_nav
from levensfase.web.surveys.nav import nav_targets as surveys_nav
from levensfase.web.ui.scope import can_view_dashboards

GROUPS = {"workforce": _("Workforce"), "analysis": _("Analysis"), "policy": _("Policy"),
          "admin": _("Administration"), "mine": _("For me")}
ANALYSIS = ("dashboard_composition", "surveys:dashboard", "planning:planner", "competencies:index")
POLICY = ("maatwerk:policy_scan", "maatwerk:evaluation", "scan:overview", "maatwerk:catalog")
# Per role, the menu in reading order: a name is a link of its own, (group, names) a disclosure
# group. A page the role may open that is not placed here joins the "policy" group (new pages).
# Roles without a layout here (employee, bedrijfsarts, privacy officer) have few pages: one flat row.
LAYOUTS: dict[str, tuple] = {
    Role.HR_ADMIN: ("home", ("workforce", ("people", "maatwerk:team", "maatwerk:register", "competencies:index")),
                    ("analysis", ANALYSIS[:3]), ("policy", POLICY),
                    ("admin", ("import", "surveys:campaigns", "audit_log"))),
    Role.HR_ANALYST: ("home", ("analysis", ANALYSIS), ("policy", POLICY), ("admin", ("surveys:campaigns",))),
    Role.WORKS_COUNCIL: ("home", ("analysis", ANALYSIS), ("policy", POLICY)),
    Role.MANAGER: ("home", "people", "maatwerk:requests", "maatwerk:team", "competencies:index",
                   ("analysis", ANALYSIS[:2]), ("mine", ("maatwerk:mine", "surveys:start", "scan:mine"))),
}
UNPLACED = "policy"


def allowed_pages(*, user) -> list[tuple[str, str, str]]:
    """(name, url, label) of every page in the menu this user may open, in a fixed order."""
    role = access.role_of(user)
    items: list[tuple[str, str]] = [("home", _("Home"))]
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
    items.extend(surveys_nav(user=user))
    items.extend(scan_nav(user=user))
    return [("person" if target.startswith("/") else target, target if target.startswith("/") else reverse(target), label)
            for target, label in items]


def current_url(urls: list[str], path: str) -> str | None:
    """The one menu address this page belongs to: the home page only on itself, else the longest
    address the path starts with (/maatwerk/team/ is "Loopbaangesprekken", not "Wat is er voor mij?")."""
    home = reverse("home")
    matches = [url for url in urls if (path == url if url == home else path.startswith(url))]
    return max(matches, key=len, default=None)


def menu(*, user, path: str, home_count: int = 0) -> list[dict]:
    """Entries {"url", "label", "current", "count"} and groups {"group", "label", "items", "current"}."""
    if access.role_of(user) is None:
        return []
    pages = allowed_pages(user=user)
    here = current_url([url for _, url, _ in pages], path)
    links = {name: {"url": url, "label": label, "current": url == here, "count": home_count if name == "home" else 0}
             for name, url, label in pages}
    layout = LAYOUTS.get(access.role_of(user))
    if layout is None:
        return list(links.values())
    placed = {name for entry in layout for name in ((entry,) if isinstance(entry, str) else entry[1])}
    extra = [name for name in links if name not in placed]
    shown: set[str] = set()
    entries: list[dict] = []
    for entry in layout:
        key, names = (None, (entry,)) if isinstance(entry, str) else entry
        names = [n for n in names if n in links] + (extra if key == UNPLACED else [])
        shown.update(names)
        if key is None or len(names) == 1:  # a group of one is just that link
            entries.extend(links[n] for n in names)
        elif names:
            items = [links[n] for n in names]
            entries.append({"group": key, "label": GROUPS[key], "items": items,
                            "current": any(i["current"] for i in items)})
    entries.extend(links[n] for n in extra if n not in shown)
    return entries
