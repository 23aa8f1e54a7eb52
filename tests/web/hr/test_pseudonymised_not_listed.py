"""A pseudonymised leaver (retention, DESIGN §6) exists only for past headcounts and flows: no
role finds them on the people list, by search, by their token's page, or among visible people."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Assignment, Job, Person, Unit

TOKEN = "anon-0123456789abcdef"
ROLES = (Role.HR_ADMIN, Role.OCCUPATIONAL_HEALTH, Role.MANAGER, Role.EMPLOYEE, Role.HR_ANALYST, Role.WORKS_COUNCIL,
         Role.PRIVACY_OFFICER)


@pytest.fixture
def pseudonymised(org):
    person = Person.objects.create(person_id=TOKEN, birth_date=date(1960, 12, 31), sex="f", display_name="")
    # a leaver of the manager's own team (ZORG), long gone
    Assignment.objects.create(person=person, start_date=date(2005, 1, 1), end_date=date(2015, 12, 31),
                              unit=Unit.objects.get(unit_id="TA1"), job=Job.objects.get(job_id="VPL"), fte=1.0,
                              contract="permanent", end_reason="voluntary")
    return person


@pytest.mark.parametrize("role", ROLES)
def test_no_role_lists_finds_or_opens_a_pseudonymised_leaver(role, client_as, users, pseudonymised):
    client = client_as(role)
    assert not access.visible_people(user=users[role], on=date.today()).filter(person_id=TOKEN).exists()
    assert not access.can_view_person(user=users[role], person_id=TOKEN)
    for url in ("/people/", "/people/?q=anon", "/people/?q=Team+Noord", "/people/?q=Verpleegkundige"):
        response = client.get(url)
        assert response.status_code in (200, 403), url
        assert TOKEN.encode() not in response.content and b"anon-" not in response.content, (role, url)
    assert client.get(f"/people/{TOKEN}/").status_code in (403, 404)


def test_hr_admin_still_finds_a_real_leaver_by_search(client_as, org, pseudonymised):
    """The exclusion is of tokens only: HR finds P04 (left in 2023) through the team's name."""
    response = client_as(Role.HR_ADMIN).get("/people/?q=Team+Noord")
    assert b"P04" in response.content and TOKEN.encode() not in response.content
