"""The page "Werkt het?": who may open it, Dutch words, privacy, and the core's published rows."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.evaluation import evaluation_rows
from levensfase.model.arrangements import load_catalog
from levensfase.web.accounts.models import Role
from levensfase.web.maatwerk.evaluation_selectors import evaluation

URL = "/maatwerk/werkt-het/"


@pytest.mark.parametrize("role, status", [
    (Role.HR_ANALYST, 200), (Role.HR_ADMIN, 200), (Role.WORKS_COUNCIL, 200),
    (Role.MANAGER, 403), (Role.EMPLOYEE, 403), (Role.OCCUPATIONAL_HEALTH, 403), ("nobody", 403),
])
def test_access_per_role(client_as, org, role, status):
    assert client_as(role).get(URL).status_code == status


def test_page_in_dutch_per_arrangement_and_bundle(client_as, org):
    html = client_as(Role.HR_ANALYST).get(URL).content.decode()
    assert "<h1>Werkt het?</h1>" in html and "Vergeleken met collega" in html  # the limits of matching, always
    assert html.count('data-kind="arrangement"') == len(load_catalog())
    assert html.count('data-kind="bundle"') == 4
    assert "Beïnvloedbaar vertrek" in html and "onvoldoende gegevens" in html
    assert "P01" not in html and "P02" not in html  # never a person


def test_page_shows_what_the_privacy_engine_published(client_as, org):
    html = client_as(Role.WORKS_COUNCIL).get(URL).content.decode()
    rows = evaluation_rows(evaluation(on=date.today(), k=5))
    # a small organisation: no arrangement has 20 matched pairs, so no number is shown anywhere
    assert set(rows.get_column("verdict").to_list()) == {"onvoldoende gegevens"}
    assert html.count('data-verdict="onvoldoende gegevens"') == rows.height
    suppressed = rows.get_column("suppressed").sum()
    assert html.count('<tr data-outcome=') == rows.height
    assert html.count('data-suppressed>') >= suppressed and (suppressed == 0 or "&lt; 5" in html)


def test_nav_links_the_page_for_hr_not_for_managers(client_as, org):
    assert URL in client_as(Role.HR_ADMIN).get("/maatwerk/policy-scan/").content.decode()
    assert URL not in client_as(Role.MANAGER).get("/maatwerk/team/").content.decode()
