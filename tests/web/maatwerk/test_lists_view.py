"""The manager's requests (own team only, never own plan) and HR admin's plans to register."""

from __future__ import annotations

import pytest

from levensfase.web.accounts.models import Role


def test_manager_sees_only_own_team_requests(client_as, org, make_plan, p03_user, users):
    mine = make_plan("P01")
    outside = make_plan("P03", user=p03_user)
    own = make_plan("P07", user=users[Role.MANAGER])
    html = client_as(Role.MANAGER).get("/maatwerk/requests/").content.decode()
    assert f'data-plan="{mine.pk}"' in html
    assert f'data-plan="{outside.pk}"' not in html and f'data-plan="{own.pk}"' not in html


def test_approved_plans_leave_the_request_list_and_reach_hr(client_as, org, make_plan):
    plan = make_plan("P01", state="approved")
    assert f'data-plan="{plan.pk}"' not in client_as(Role.MANAGER).get("/maatwerk/requests/").content.decode()
    html = client_as(Role.HR_ADMIN).get("/maatwerk/register/").content.decode()
    assert f'data-plan="{plan.pk}"' in html and "goedgekeurd" in html


@pytest.mark.parametrize("path, allowed", [("/maatwerk/requests/", Role.MANAGER), ("/maatwerk/register/", Role.HR_ADMIN)])
@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER, Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL,
                                  Role.OCCUPATIONAL_HEALTH, "nobody"])
def test_list_access_per_role(client_as, org, path, allowed, role):
    response = client_as(role).get(path)
    assert response.status_code == (200 if role == allowed else 403)
    if role != allowed:
        assert "data-forbidden" in response.content.decode()


def test_the_team_is_read_once_per_data_version_and_follows_a_move(client_as, org, make_plan):
    from datetime import date, timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from levensfase.web.hr.models import Assignment

    plan = make_plan("P01")  # P01 works in TA1, below the manager's ZORG
    client = client_as(Role.MANAGER)
    assert f'data-plan="{plan.pk}"' in client.get("/maatwerk/requests/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert f'data-plan="{plan.pk}"' in client.get("/maatwerk/requests/").content.decode()
    team = 'SELECT "lf_person"."person_id" AS "person_id" FROM "lf_person"'  # (the names of the listed plans follow)
    assert not [q for q in queries.captured_queries if q["sql"].startswith(team)]  # the team: cached
    # P01 leaves the team today: an hr write, so the team is read again and the request goes
    Assignment.objects.filter(person_id="P01", end_date__isnull=True).update(end_date=date.today() - timedelta(days=1))
    Assignment.objects.filter(person_id="P01").first().save()  # through the ORM: the version moves
    assert f'data-plan="{plan.pk}"' not in client.get("/maatwerk/requests/").content.decode()
