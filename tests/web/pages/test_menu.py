"""The top navigation per role (pages/menu.py): groups, one current item per page, and a page
that a role gains later (a new app's nav target) landing in a group instead of widening the row."""

from __future__ import annotations

import re

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.pages import menu as menu_module
from levensfase.web.pages.menu import current_url, menu


def _shape(entries: list[dict]) -> list:
    return [(str(e["label"]), [str(i["label"]) for i in e["items"]]) if e.get("group") else str(e["label"])
            for e in entries]


def test_hr_admin_menu_is_five_entries_with_the_catalog_under_policy(org, users):
    entries = menu(user=users[Role.HR_ADMIN], path="/")
    assert _shape(entries) == [
        "Start",
        ("Personeel", ["Personen", "Loopbaangesprekken", "Plannen", "Competenties"]),
        ("Analyse", ["Dashboards", "Duurzame inzetbaarheid", "Planning"]),
        ("Beleid", ["Beleidsscan", "Werkt het?", "Sociale innovatie", "Regelingencatalogus"]),
        ("Beheer", ["Importeren", "Uitnodigingsrondes", "Auditlog"]),
    ]


def test_a_group_of_one_is_a_plain_link_and_few_pages_stay_flat(org, users):
    analyst = _shape(menu(user=users[Role.HR_ANALYST], path="/"))
    assert analyst[-1] == "Uitnodigingsrondes"  # "Beheer" would hold only this page
    assert _shape(menu(user=users[Role.EMPLOYEE], path="/")) == [
        "Start", "Mijn dossier", "Wat is er voor mij?", "Competenties", "Mijn vragenlijsten", "Scan"]
    assert _shape(menu(user=users[Role.OCCUPATIONAL_HEALTH], path="/")) == ["Start", "Personen", "Auditlog", "Opvolging"]


@pytest.mark.parametrize(("path", "current"), [
    ("/", "/"),
    ("/maatwerk/team/", "/maatwerk/team/"),          # not also "Wat is er voor mij?" (/maatwerk/)
    ("/maatwerk/plans/7/", "/maatwerk/"),
    ("/surveys/consent/", "/surveys/"),
    ("/surveys/dashboard/", "/surveys/dashboard/"),
    ("/people/P01/", "/people/"),
    ("/api/tokens/", None),
])
def test_one_current_item_the_longest_matching_address(path, current):
    urls = ["/", "/people/", "/maatwerk/", "/maatwerk/team/", "/maatwerk/requests/", "/surveys/", "/surveys/dashboard/"]
    assert current_url(urls, path) == current


def test_the_manager_team_page_marks_one_item(org, users, client_as):
    html = client_as(Role.MANAGER).get("/maatwerk/team/").content.decode()
    nav = html[html.index('<nav aria-label="Hoofdnavigatie"'):html.index("</nav>")]
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', nav) == ["/maatwerk/team/"]
    assert '<summary class="current">' not in nav  # the page is a link of its own, not in a group


def test_a_new_page_joins_the_policy_group(org, users, monkeypatch):
    """Another app's nav target (here a stand-in) is not placed in a layout: it goes
    into "Beleid" so that the row does not grow."""
    real = menu_module.planning_nav
    monkeypatch.setattr(menu_module, "planning_nav", lambda *, user: [*real(user=user), ("api_tokens", "Nieuwe pagina")])
    entries = menu(user=users[Role.WORKS_COUNCIL], path="/")
    assert _shape(entries)[-1] == ("Beleid", ["Beleidsscan", "Werkt het?", "Sociale innovatie", "Nieuwe pagina"])
