"""The person page: 404 for people outside a user's view, the timeline and spells, the health
section only for the employee themself and the bedrijfsarts, and an audit entry per view."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry


def _get(client, person_id):
    return client.get(reverse("person", kwargs={"person_id": person_id}))


@pytest.mark.parametrize(
    ("role", "person_id", "status"),
    [
        (Role.HR_ADMIN, "P03", 200),
        (Role.HR_ADMIN, "P04", 200),  # a leaver is still in HR's view
        (Role.OCCUPATIONAL_HEALTH, "P03", 200),
        (Role.MANAGER, "P02", 200),  # in TA2, below ZORG
        (Role.MANAGER, "P07", 200),  # own record, in ZORG itself
        (Role.MANAGER, "P03", 404),  # other branch of the tree
        (Role.MANAGER, "P06", 404),  # above the manager's unit
        (Role.MANAGER, "P04", 404),  # left TA1 in 2023
        (Role.MANAGER, "P08", 404),  # starts in 30 days
        (Role.EMPLOYEE, "P01", 200),
        (Role.EMPLOYEE, "P02", 404),
        (Role.HR_ANALYST, "P01", 404),
        (Role.WORKS_COUNCIL, "P01", 404),
        ("nobody", "P01", 404),
        (Role.HR_ADMIN, "P99", 404),  # does not exist: looks the same as "not yours"
    ],
)
def test_who_may_open_whom(client_as, org, role, person_id, status):
    response = _get(client_as(role), person_id)
    assert response.status_code == status
    if status == 404:
        assert "Pagina niet gevonden" in response.content.decode()
        assert not Entry.objects.exists()  # a refused view is not a view


@pytest.mark.parametrize(
    ("role", "person_id", "health"),
    [
        (Role.EMPLOYEE, "P01", True),
        (Role.OCCUPATIONAL_HEALTH, "P01", True),
        (Role.HR_ADMIN, "P01", False),
        (Role.MANAGER, "P01", False),
    ],
)
def test_health_section_only_for_self_and_bedrijfsarts(client_as, org, role, person_id, health):
    html = _get(client_as(role), person_id).content.decode()
    assert ('id="health"' in html) is health
    assert ("01-03-2022" in html) is health  # the absence
    # the fixture's WAI answer is incomplete: the owner and the bedrijfsarts are told it cannot be scored
    assert ("konden niet worden gescoord" in html) is health
    assert "q2_physical" not in html  # raw items never


def test_dossier_shows_scores_and_bands_not_items(client_as, org):
    from datetime import date

    from levensfase.web.hr.models import SurveyResponse
    from tests.web.surveys.conftest import wai_items

    SurveyResponse.objects.create(person_id="P01", date=date(2024, 2, 20), instrument="wai", answers=wai_items(34))
    html = _get(client_as(Role.EMPLOYEE), "P01").content.decode()
    table = html[html.index("<table data-scores>"):]
    table = table[:table.index("</table>")]
    assert '<tr><td>20-02-2024</td><td>Work Ability Index (WAI, werkvermogen)</td><td class="num">34</td><td>matig</td></tr>' in table
    visible = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)  # a random token may hold "q1"
    assert "q1" not in visible and "q7_1" not in visible
    assert 'href="/surveys/mine/"' in html  # what the scores mean, for the employee themself
    assert 'href="/surveys/mine/"' not in _get(client_as(Role.OCCUPATIONAL_HEALTH), "P01").content.decode()


def test_timeline_shows_assignments_with_all_columns(client_as, org):
    html = _get(client_as(Role.HR_ADMIN), "P01").content.decode()
    timeline = html[html.index('class="timeline"'):html.index("</table>", html.index('class="timeline"'))]
    rows = timeline.split("<tr>")[2:]
    assert len(rows) == 2
    first, second = rows
    for text in ("01-01-2015", "31-12-2020", "Team Noord", "Verpleegkundige", ">7<", "0,80", "vast"):
        assert text in first
    for text in ("01-01-2021", "lopend", "Senior verpleegkundige", ">8<"):
        assert text in second
    assert "kind" in html and "01-05-2019" in html  # the life event


def test_spells_show_the_rehire(client_as, org):
    html = _get(client_as(Role.HR_ADMIN), "P05").content.decode()
    spells = html[html.index('id="spells-title"'):html.index('id="events-title"')]
    assert spells.count("<tr>") == 3  # header + two spells
    assert "01-01-2008" in spells and "31-12-2013" in spells and "vrijwillig" in spells
    assert "01-03-2019" in spells and "herintreding" in spells
    # P01's internal move (2020-12-31 -> 2021-01-01) is one spell, not a re-hire.
    html = _get(client_as(Role.HR_ADMIN), "P01").content.decode()
    spells = html[html.index('id="spells-title"'):html.index('id="events-title"')]
    assert spells.count("<tr>") == 2 and "herintreding" not in spells.split("</thead>")[1]


def test_every_view_is_audited_with_who_whom_what(client_as, org, users):
    _get(client_as(Role.MANAGER), "P02")
    _get(client_as(Role.OCCUPATIONAL_HEALTH), "P01")
    entries = list(Entry.objects.order_by("id").values_list("user_id", "username", "action", "person_id", "detail"))
    assert entries == [
        (users[Role.MANAGER].pk, "manager", "view_person", "P02", {"health": False}),
        (users[Role.OCCUPATIONAL_HEALTH].pk, "bedrijfsarts", "view_person", "P01", {"health": True}),
    ]
    assert Entry.objects.first().at is not None


def test_english_labels(client_as, org):
    client = client_as(Role.EMPLOYEE)
    client.cookies["django_language"] = "en"
    html = _get(client, "P01").content.decode()
    assert "Timeline of assignments" in html and "Health data" in html and "permanent" in html
    assert "Tijdlijn" not in html


@pytest.mark.parametrize(
    ("role", "vitality_shown"),
    [(Role.EMPLOYEE, True), (Role.OCCUPATIONAL_HEALTH, True), (Role.HR_ADMIN, False), (Role.MANAGER, False)],
)
def test_life_phase_profile_hides_vitality_from_non_health_viewers(client_as, org, role, vitality_shown):
    html = _get(client_as(role), "P01").content.decode()
    section = html.split('id="life-phase"', 1)[1].split("</section>", 1)[0]
    assert "Levensfaseprofiel" in html
    vitality = section.split('data-profile="vitality">', 1)[1].split("</dd>", 1)[0]
    assert ("niet getoond (gezondheidsgegevens)" in vitality) is (not vitality_shown)
    # P01: a child born 1 May 2019 (school age from May 2023), born 10 Jan 1970, since 2015 here.
    assert "Privésituatie" in section and "schoolgaande kinderen (4–17)" in section
    assert "jonge kinderen (onder 4)" in section  # the history shows 1 Jan 2020: a child under 4


def test_life_phase_history_starts_in_the_first_year_employed(client_as, org):
    from datetime import date

    html = _get(client_as(Role.HR_ADMIN), "P05").content.decode()
    section = html.split('id="life-phase"', 1)[1].split("</section>", 1)[0]
    first_row = section.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    # The last ten years; P05 left end 2013 and was re-hired 1 March 2019: first 1 January is 2020.
    assert date.today().year - 10 <= 2019
    assert "01-01-2020" in first_row
    assert "niet getoond" in first_row


def test_person_not_employed_today_has_no_current_profile(client_as, org):
    html = _get(client_as(Role.HR_ADMIN), "P04").content.decode()
    assert "Vandaag niet in dienst, dus er is geen actueel profiel." in html


@pytest.mark.parametrize(("role", "health"), [
    (Role.HR_ADMIN, False), (Role.MANAGER, False), (Role.EMPLOYEE, True), (Role.OCCUPATIONAL_HEALTH, True)])
def test_health_limitation_only_in_the_health_section(client_as, org, role, health):
    """Other life events stay in the record for all who may open it; a health limitation is
    health data and appears only inside the health section."""
    from datetime import date

    from levensfase.web.hr.models import LifeEvent

    LifeEvent.objects.create(person_id="P01", event="health_limitation", start_date=date(2024, 7, 8))
    html = _get(client_as(role), "P01").content.decode()
    assert "01-05-2019" in html  # the child, in the life events table
    assert ("08-07-2024" in html) is health
    assert ("gezondheidsbeperking" in html) is health
    if health:
        assert html.index("08-07-2024") > html.index('id="health"')


@pytest.mark.parametrize(("role", "person_id", "expected"), [
    (Role.EMPLOYEE, "P01", ["/maatwerk/", "/maatwerk/conversations/P01/", "/competencies/profile/P01/"]),
    (Role.MANAGER, "P01", ["/maatwerk/requests/", "/maatwerk/conversations/P01/", "/competencies/profile/P01/"]),
    (Role.HR_ADMIN, "P01", ["/maatwerk/register/", "/competencies/profile/P01/", "/audit/?person=P01"]),
    (Role.OCCUPATIONAL_HEALTH, "P01", ["/surveys/follow-up/P01/", "/audit/?person=P01"]),
])
def test_person_page_links_where_the_role_may_go(client_as, org, role, person_id, expected):
    import re

    client = client_as(role)
    html = _get(client, person_id).content.decode()
    nav = html[html.index("<nav aria-label=\"Over deze persoon\" data-person-links>"):]
    nav = nav[:nav.index("</nav>")]
    links = [link.replace("&amp;", "&") for link in re.findall(r'<a href="([^"]+)">', nav)]
    assert links == expected
    for link in links:  # every link opens for this role
        assert client.get(link).status_code == 200, link
