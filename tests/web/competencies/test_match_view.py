"""Internal matching: ranking and reasons worked by hand, the privacy rule (a manager never sees
anyone who did not opt in), HR's full list with the opt-in marked, bad requests, forbidden roles.

Job TL (grade 9) asks S5:3 and S2:3; P06 and P07 hold it, so they are no candidates for it.
score = 0.6 skill_fit + 0.25 ambition_fit + 0.15 mobility_fit; skill_fit = mean of min(level, asked)/asked.
  P01  S5 3, S2 2 → (1 + 2/3)/2 = 0.8333; ambition leadership, step up from grade 8 → 1; internal → 1
       = 0.5 + 0.25 + 0.15 = 0.90                                         opted in
  P02  S5 4, S2 3 → 1; no ambition, no wish → 0.5, 0.5 = 0.6 + 0.125 + 0.075 = 0.80     opted in
  P09  S5 3, S2 3 → 1; = 0.80 (tie with P02: by person_id)          opted in, then out: NOT opted in
  P03  S2 3 → 0.5; other_role 1; external 0.5 = 0.3 + 0.25 + 0.075 = 0.625         answered "false"
  P05  nothing → 0; 0.5; 0.5 = 0.2                                                    never answered
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.hr.models import Conversation, Job, PersonSkill

URL = "/competencies/match/"


@pytest.fixture
def candidates(skills):
    t = date.today()
    d1, d2 = t - timedelta(days=20), t - timedelta(days=10)
    for pid, sid, level, source, day in (("P01", "S5", 3, "manager", d2), ("P01", "S2", 2, "self", d1),
                                         ("P02", "S5", 4, "self", d1), ("P02", "S2", 3, "self", d1),
                                         ("P09", "S5", 3, "self", d1), ("P09", "S2", 3, "self", d1),
                                         ("P03", "S2", 3, "self", d1)):
        PersonSkill.objects.create(person_id=pid, skill_id=sid, level=level, source=source, date=day)
    for pid, topic, value, day in (("P01", "internal_mobility_opt_in", "true", d1), ("P01", "ambition", "leadership", d1),
                                   ("P01", "mobility_wish", "internal", d1),
                                   ("P02", "internal_mobility_opt_in", "true", d1),
                                   ("P09", "internal_mobility_opt_in", "true", d1),
                                   ("P09", "internal_mobility_opt_in", "false", d2),
                                   ("P03", "internal_mobility_opt_in", "false", d1), ("P03", "ambition", "other_role", d1),
                                   ("P03", "mobility_wish", "external", d1)):
        Conversation.objects.create(person_id=pid, topic=topic, value=value, date=day)
    return skills


def ranked(html):
    return re.findall(r'data-candidate="(P\d+)".*?<strong data-score>([^<]*)</strong>', html, re.S)


def test_manager_sees_only_opted_in_candidates(client_as, candidates):
    response = client_as(Role.MANAGER).get(URL, {"job": "TL"})
    html = response.content.decode()
    assert response.status_code == 200
    assert ranked(html) == [("P01", "90,0%"), ("P02", "80,0%")]
    for hidden in ("P03", "P05", "P09"):  # not opted in: never on a manager's page, not even as an id
        assert hidden not in html
    assert "data-opted-in" not in html
    # the profile link only for the manager's own team: P01 and P02 are in ZORG
    assert 'href="/competencies/profile/P01/"' in html and 'href="/competencies/profile/P02/"' in html
    assert "tekort: Samenwerken (2, gevraagd 3)" in html  # P01's reason, in Dutch
    assert "competenties 83,3%<br>ambitie 100,0%<br>mobiliteit 100,0%" in html  # P01's parts of the score
    entry = Entry.objects.get(detail__view="competency_match")
    assert entry.detail["candidates"] == ["P01", "P02"] and entry.detail["job"] == "TL"


def test_hr_admin_sees_everyone_with_the_opt_in_marked(client_as, candidates):
    html = client_as(Role.HR_ADMIN).get(URL, {"job": "TL"}).content.decode()
    assert ranked(html) == [("P01", "90,0%"), ("P02", "80,0%"), ("P09", "80,0%"), ("P03", "62,5%"), ("P05", "20,0%")]
    marks = dict(re.findall(r'data-candidate="(P\d+)".*?data-opted-in="(\w+)"', html, re.S))
    assert marks == {"P01": "true", "P02": "true", "P09": "false", "P03": "false", "P05": "false"}
    assert "nee — niet benaderen" in html
    assert 'href="/competencies/profile/P03/"' in html  # HR admin may open every profile
    assert "P06" not in html and "P07" not in html.split("data-candidates")[1]  # they hold the job


def test_manager_gets_no_profile_link_outside_the_team(client_as, candidates):
    Conversation.objects.create(person_id="P03", topic="internal_mobility_opt_in", value="true", date=date.today())
    html = client_as(Role.MANAGER).get(URL, {"job": "TL"}).content.decode()
    assert 'data-candidate="P03"' in html and 'href="/competencies/profile/P03/"' not in html
    assert client_as(Role.MANAGER).get("/competencies/profile/P03/").status_code == 403


def test_ad_hoc_skill_list(client_as, candidates):
    # No job, so no grade: P01's leadership ambition is "sideways" (0.5): 0.5 + 0.125 + 0.15 = 0.775.
    html = client_as(Role.MANAGER).get(URL, {"skill": ["S2", "S5"], "level": "3", "search": "1"}).content.decode()
    assert ranked(html) == [("P02", "80,0%"), ("P01", "77,5%")]
    assert "Kandidaten voor Samenwerken, Leidinggeven" in html or "Kandidaten voor Leidinggeven, Samenwerken" in html


def test_english_reasons(client_as, candidates):
    client = client_as(Role.MANAGER)
    client.cookies["django_language"] = "en"
    html = client.get(URL, {"job": "TL"}).content.decode()
    assert "short: Samenwerken (2, required 3)" in html and "Mobility wish: internal." in html


def test_first_visit_shows_the_form_only(client_as, candidates):
    response = client_as(Role.HR_ADMIN).get(URL)
    assert response.status_code == 200 and "data-candidates" not in response.content.decode()
    assert not Entry.objects.filter(detail__view="competency_match").exists()


@pytest.mark.parametrize("params, message", [
    ({"job": "NOPE"}, "Functie “NOPE” bestaat niet; kies er een uit de lijst."),
    ({"job": "TL", "skill": "S2"}, "Kies een functie of competenties, niet allebei."),
    ({"skill": "S99"}, "Onbekende competentie “S99”; kies uit de lijst."),
    ({"skill": "S2", "level": "7"}, "Kies een niveau van 1 tot en met 4."),
    ({"search": "1"}, "Kies een functie of minstens één competentie."),
    ({"job": "STAGE"}, "Deze functie heeft nog geen competenties in het competentieprofiel"),
])
def test_bad_requests_say_why(client_as, candidates, params, message):
    Job.objects.create(job_id="STAGE", title="Stagiair", job_family="zorg", work_demand="mixed", grade=3)
    response = client_as(Role.HR_ADMIN).get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "data-candidates" not in html


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH,
                                  "nobody"])
def test_other_roles_are_refused(client_as, candidates, role):
    response = client_as(role).get(URL, {"job": "TL"})
    assert response.status_code == 403 and "data-candidate" not in response.content.decode()


def test_long_lists_show_the_best_only(client_as, candidates, monkeypatch):
    from levensfase.web.competencies import views as view

    monkeypatch.setattr(view, "SHOWN", 2)
    html = client_as(Role.HR_ADMIN).get(URL, {"job": "TL"}).content.decode()
    assert [pid for pid, _ in ranked(html)] == ["P01", "P02"]
    assert "De beste 2 van 5 kandidaten." in html
    assert Entry.objects.get(detail__view="competency_match").detail["candidates"] == ["P01", "P02"]
