"""No individual WAI score reaches anyone but the respondent and the bedrijfsarts, by any route:
pages, CSV, person pages, people search with a score as the query, error pages (DESIGN §6)."""

from __future__ import annotations

import re

import pytest

from levensfase.web.accounts.models import Role

from .conftest import SCORES

ROUTES = [
    "/", "/people/", "/people/?q=33", "/people/?q=46", "/people/P01/", "/people/P02/", "/people/P03/",
    "/people/P05/", "/surveys/", "/surveys/consent/", "/surveys/mine/", "/surveys/wai/", "/surveys/uwes9/",
    "/surveys/dashboard/", "/surveys/dashboard/?by=unit", "/surveys/dashboard/?by=sex",
    "/surveys/dashboard/?format=csv", "/surveys/dashboard/?by=unit&format=csv", "/surveys/dashboard/?by=33",
    "/surveys/follow-up/", "/surveys/follow-up/P01/", "/surveys/follow-up/P05/", "/surveys/follow-up/33/",
    "/surveys/campaigns/", "/audit/", "/surveys/nonsense/", "/no-such-page-33/",
]

# Who may see whose score: the respondent their own, the bedrijfsarts everyone's.
MAY_SEE = {
    Role.HR_ADMIN: set(), Role.HR_ANALYST: set(), Role.MANAGER: set(), Role.WORKS_COUNCIL: set(),
    Role.EMPLOYEE: {"P01"},  # the employee login is P01, a respondent
    Role.OCCUPATIONAL_HEALTH: set(SCORES),
    "nobody": set(),
}


def shown_numbers(text: str) -> set[str]:
    """Whole numbers standing on their own (not part of a token, time, date or decimal)."""
    text = re.sub(r"\d{1,2}:\d{2}", " ", text)
    return set(re.findall(r"(?<![\w.,:/%-])(\d+)(?![\w.,%:/-])", text))


@pytest.mark.parametrize("role", list(MAY_SEE))
def test_no_individual_score_leaks(client_as, answered, role):
    client = client_as(role)
    forbidden = {str(total) for pid, total in SCORES.items() if pid not in MAY_SEE[role]}
    for route in ROUTES:
        response = client.get(route)
        assert response.status_code in (200, 302, 403, 404), route
        body = response.content.decode()
        leaked = forbidden & shown_numbers(body)
        # The URL itself (a query or path with "33") is echoed by some pages; that is not a score.
        leaked -= set(re.findall(r"\d+", route))
        assert not leaked, f"{role} saw score(s) {leaked} on {route}"


def test_the_oracle_finds_scores_where_they_are_allowed(client_as, answered):
    """The check above can fail: the respondent and the bedrijfsarts do see the scores."""
    assert "33" in shown_numbers(client_as(Role.EMPLOYEE).get("/surveys/mine/").content.decode())
    doctor = client_as(Role.OCCUPATIONAL_HEALTH)
    listed = shown_numbers(doctor.get("/surveys/follow-up/").content.decode())
    assert "34" in listed and "33" not in listed  # both below 37; only P05 asked for follow-up
    assert "33" in shown_numbers(doctor.get("/surveys/follow-up/P01/").content.decode())


@pytest.mark.parametrize("role", [Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.MANAGER])
def test_aggregate_roles_get_the_dashboard_with_suppressed_cells(client_as, answered, role):
    response = client_as(role).get("/surveys/dashboard/")
    assert response.status_code == 200
    assert 'class="suppressed"' in response.content.decode()
