"""One person's trajectory for the bedrijfsarts; 404 for everyone else; audited."""

from __future__ import annotations

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry


def test_bedrijfsarts_sees_the_trajectory(client_as, answered):
    html = client_as(Role.OCCUPATIONAL_HEALTH).get("/surveys/follow-up/P02/").content.decode()
    assert '<td class="num" data-score>46</td>' in html
    assert Entry.objects.get().detail == {"view": "survey_trajectory", "health": True}


def test_everyone_else_gets_404_and_no_audit(client_as, answered):
    for role in (Role.HR_ADMIN, Role.MANAGER, Role.EMPLOYEE, Role.HR_ANALYST, Role.WORKS_COUNCIL):
        assert client_as(role).get("/surveys/follow-up/P01/").status_code == 404
    assert client_as(Role.OCCUPATIONAL_HEALTH).get("/surveys/follow-up/P99/").status_code == 404
    assert not Entry.objects.exists()
