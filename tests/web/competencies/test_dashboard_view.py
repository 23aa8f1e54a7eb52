"""Competency dashboard: untapped potential, development need and development money per category,
worked by hand on the fixture; suppression "< k"; team scope for a manager; who may see it.

Employed today by sex (org_fixture): men P01 P03 P05 P07 P09 (5), women P02 P06 (2).
Assessed: P01 (the `assessed` fixture: untapped S4, development need S2/S3), P02 (S1 1 < VPL's 2:
need; S4 4 untapped), P03 (S4 2 = ADM's 2: used, nothing else).
  men:   assessed 2; untapped P01 → 50%; need P01 → 50%
  women: assessed 1; untapped P02 → 100%; need P02 → 100%
Development money in the 12 months: P02 opleidingsbudget € 1500 (women, € 750 a head),
P03 € 600 (men, € 120 a head); P01's of two years ago falls outside the window.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Arrangement, PersonSkill
from levensfase.web.ui import cache

URL = "/competencies/dashboard/"


@pytest.fixture
def data(assessed):
    t = date.today()
    cache.clear()
    for pid, sid, level in (("P02", "S1", 1), ("P02", "S4", 4), ("P03", "S4", 2)):
        PersonSkill.objects.create(person_id=pid, skill_id=sid, level=level, source="self", date=t - timedelta(days=3))
    for pid, start, cost in (("P02", t - timedelta(days=30), 1500.0), ("P03", t - timedelta(days=60), 600.0),
                             ("P01", t - timedelta(days=730), 900.0)):
        Arrangement.objects.create(person_id=pid, code="opleidingsbudget", start_date=start,
                                   end_date=start + timedelta(days=5), cost_eur=cost)
    yield
    cache.clear()


def table(client, key, **params):
    response = client.get(URL, {"csv": key, **params})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return rows[0], {r[0]: r[1:] for r in rows[1:]}


def test_shares_and_money_by_sex(client_as, data, settings):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    header, rows = table(client, "potential", by="sex")
    assert header == ["geslacht", "medewerkers", "beoordeeld", "onbenut potentieel", "ontwikkelbehoefte"]
    assert rows["mannen"] == ["5", "2", "50,0%", "50,0%"]
    assert rows["vrouwen"] == ["2", "1", "100,0%", "100,0%"]
    header, rows = table(client, "spend", by="sex")
    assert rows["mannen"] == ["5", "600", "120"] and rows["vrouwen"] == ["2", "1.500", "750"]  # Dutch grouping
    html = client.get(URL, {"by": "sex"}).content.decode()
    assert 'data-figure="chart-potential"' in html and 'data-figure="chart-spend"' in html
    # 1 of 1 assessed woman and 1 of 2 assessed men: far below the 20 assessed a named group needs
    assert ("Het onbenut potentieel (aandeel van de beoordeelden met een vaardigheid die de functie niet vraagt): "
            "geen groep heeft minstens 20 beoordeelden; er is geen hoogste of laagste groep aan te wijzen.") in html
    assert ("Ontwikkelgeld per medewerker: minder dan twee groepen hebben minstens 20 medewerkers; de bedragen per "
            "groep staan in de tabel, zonder vergelijking.") in html


def test_small_groups_are_suppressed(client_as, data):
    # k = 5: women (2) are withheld, and men with them, or the total would give women away.
    _, rows = table(client_as(Role.WORKS_COUNCIL), "potential", by="sex")
    assert rows["vrouwen"] == ["< 5"] * 4 and rows["mannen"] == ["< 5"] * 4
    html = client_as(Role.WORKS_COUNCIL).get(URL, {"by": "sex"}).content.decode()
    assert '<span class="suppressed"' in html and "100,0%" not in html


def test_a_row_whose_headcount_the_days_pages_hide_is_withheld(client_as, data, settings):
    # k = 2: both sexes have ≥ 2 people, but the day's pages hide both headcounts (seven people in
    # one-person pyramid cells: the total and both sexes go with them), so this page withholds both
    # rows whole, money included: no page shows a number another hides.
    from levensfase.analytics.protected_year import published_day_pattern
    from levensfase.web.hr.selectors import load_workforce

    settings.LEVENSFASE_K = 2
    today = date.today()
    pages = published_day_pattern(load_workforce(), day=today, k=2, end=today)
    assert not pages.shown(None, "sex", "f") and not pages.shown(None, "sex", "m")
    client = client_as(Role.HR_ADMIN)
    _, rows = table(client, "potential", by="sex")
    assert rows["vrouwen"] == ["< 2"] * 4 and rows["mannen"] == ["< 2"] * 4
    _, rows = table(client, "spend", by="sex")
    assert rows["vrouwen"] == ["< 2"] * 3 and rows["mannen"] == ["< 2"] * 3


def test_manager_sees_own_units_only(client_as, data, settings):
    # ZORG's subtree today: men P01 P05 P07 P09 (4), women P02 (1); P03 (and P03's money) is outside.
    settings.LEVENSFASE_K = 1
    client = client_as(Role.MANAGER)
    _, rows = table(client, "potential", by="sex")
    assert rows["mannen"] == ["4", "1", "100,0%", "100,0%"] and rows["vrouwen"] == ["1", "1", "100,0%", "100,0%"]
    _, rows = table(client, "spend", by="sex")
    assert rows["mannen"] == ["4", "0", "0"]
    assert client.get(URL, {"unit": "TB1"}).status_code == 400  # outside the manager's view


def test_new_assessment_shows_without_a_restart(client_as, data, settings):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    assert table(client, "potential", by="sex")[1]["mannen"][1] == "2"
    PersonSkill.objects.create(person_id="P05", skill_id="S1", level=2, source="self", date=date.today())
    assert table(client, "potential", by="sex")[1]["mannen"][1] == "3"


@pytest.mark.parametrize("by", ["age_band", "generation", "life_phase", "unit", "job_family", "contract", "sex"])
def test_every_category_renders(client_as, data, settings, by):
    settings.LEVENSFASE_K = 1
    response = client_as(Role.HR_ANALYST).get(URL, {"by": by})
    assert response.status_code == 200 and 'id="potential"' in response.content.decode()


@pytest.mark.parametrize("params", [{"by": "shoe_size"}, {"csv": "nope"}, {"to": "abc"}])
def test_bad_filters_say_why(client_as, data, params):
    response = client_as(Role.HR_ANALYST).get(URL, params)
    assert response.status_code == 400 and 'class="error-summary"' in response.content.decode()


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH, "nobody"])
def test_individual_roles_are_refused(client_as, data, role):
    assert client_as(role).get(URL).status_code == 403


def test_english(client_as, data, settings):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    client.cookies["django_language"] = "en"
    header, rows = table(client, "potential", by="sex")
    assert header == ["sex", "employees", "assessed", "untapped potential", "development need"]
    assert rows["women"] == ["2", "1", "100.0%", "100.0%"]
    html = client.get(URL, {"by": "sex"}).content.decode()
    assert ("Development money per employee: fewer than two groups have at least 20 employees; the amounts per group "
            "are in the table, without a comparison.") in html


def test_a_second_visit_is_served_from_the_cache_and_a_new_assessment_is_not(client_as, data, monkeypatch):
    from levensfase.web.competencies import dashboard

    client = client_as(Role.HR_ANALYST)
    assert client.get(URL).status_code == 200
    computed = dashboard._panels
    monkeypatch.setattr(dashboard, "_panels", lambda *a, **kw: (_ for _ in ()).throw(AssertionError("computed again")))
    assert client.get(URL).status_code == 200  # the same key: served warm
    PersonSkill.objects.create(person_id="P06", skill_id="S1", level=1, source="self", date=date.today())
    calls = []
    monkeypatch.setattr(dashboard, "_panels", lambda *a, **kw: calls.append(1) or computed(*a, **kw))
    assert client.get(URL).status_code == 200 and calls == [1]  # a row beside the services: computed again
