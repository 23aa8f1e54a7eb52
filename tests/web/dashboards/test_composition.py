"""Composition dashboard: who may open it, the team-limited headcount, the mixes and their CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from levensfase.web.accounts.models import Role

URL = reverse("dashboard_composition")


def _figure(html: str, name: str) -> str:
    marker = f'data-figure="{name}">'
    return html.split(marker, 1)[1].split("<", 1)[0]


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.HR_ADMIN, 200), (Role.HR_ANALYST, 200), (Role.WORKS_COUNCIL, 200), (Role.MANAGER, 200),
     (Role.EMPLOYEE, 403), (Role.OCCUPATIONAL_HEALTH, 403), ("nobody", 403)],
)
def test_who_may_open_dashboards(client_as, org, role, status):
    response = client_as(role).get(URL)
    assert response.status_code == status
    if status == 403:
        assert "Geen toegang" in response.content.decode()


def test_anonymous_goes_to_login(client, org):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_manager_sees_team_headcount_hr_sees_organisation(client_as, org):
    assert _figure(client_as(Role.HR_ANALYST).get(URL).content.decode(), "headcount") == "7"
    html = client_as(Role.MANAGER).get(URL).content.decode()
    assert _figure(html, "headcount") == "5"  # P01 P02 P05 P07 P09
    assert "Bedrijfsvoering" not in html and "Team Financiën" not in html  # not even in the unit filter


def test_small_team_headcount_is_suppressed(client_as, org, settings):
    settings.LEVENSFASE_K = 6
    html = client_as(Role.MANAGER).get(URL).content.decode()
    assert 'class="suppressed"' in _figure_cell(html) and "&lt; 6" in _figure_cell(html)


def _figure_cell(html: str) -> str:
    return html.split('data-figure="headcount">', 1)[1].split("</dd>", 1)[0]


def test_generation_and_pyramid_tables(client_as, org):
    client = client_as(Role.HR_ANALYST)
    rows = list(csv.reader(io.StringIO(client.get(URL, {"csv": "generation"}).content.decode())))
    assert rows == [["generatie", "personen", "aandeel"], ["generatie X", "7", "100,0%"]]
    pyramid = list(csv.reader(io.StringIO(client.get(URL, {"csv": "pyramid"}).content.decode())))
    today = date.today()
    present = {"P01": (1970, 1, "m"), "P02": (1971, 2, "f"), "P03": (1972, 3, "m"), "P05": (1974, 5, "m"),
               "P06": (1975, 6, "f"), "P07": (1976, 7, "m"), "P09": (1978, 9, "m")}
    expected: dict[tuple[str, str], int] = {}
    for year, month, sex in present.values():
        age = today.year - year - ((today.month, today.day) < (month, 10))
        low = age // 5 * 5
        key = (f"{low}-{low + 4}", sex)
        expected[key] = expected.get(key, 0) + 1
    header = pyramid[0]
    assert header == ["leeftijdsgroep", "vrouwen", "mannen"]
    found = {}
    for band, women, men in pyramid[1:]:
        for sex, text in (("f", women), ("m", men)):
            if text != "0":
                found[(band, sex)] = text
    # k = 5 and every cell is smaller: each non-empty cell is withheld, none can be recovered
    assert found == {key: "< 5" for key in expected}


def test_csv_of_unknown_table_is_refused(client_as, org):
    response = client_as(Role.HR_ANALYST).get(URL, {"csv": "salaries"})
    assert response.status_code == 400
    assert "Op deze pagina staat geen tabel “salaries”" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [({"unit": "NOPE"}, "Eenheid “NOPE” bestaat niet of valt buiten uw zicht."),
     ({"from": "abc"}, "Het beginjaar moet een jaartal zijn"),
     ({"to": "2999"}, "Het eindjaar moet tussen 2013 en"),
     # the first leaver (P05) left on 31 December 2013: the years before hold only who stayed on
     ({"from": "2012"}, "Vóór 2013 zijn de gegevens onvolledig (wie vertrok, staat er niet in): het beginjaar moet "
                        "2013 of later zijn."),
     ({"from": "2025", "to": "2020"}, "Het beginjaar mag niet na het eindjaar liggen."),
     ({"by": "salary"}, "Onbekende categorie “salary”")],
)
def test_bad_filters_get_a_message(client_as, org, params, message):
    response = client_as(Role.HR_ANALYST).get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'data-figure="chart-' not in html


def test_manager_cannot_filter_on_a_unit_outside_the_team(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    response = client_as(Role.MANAGER).get(URL, {"unit": "TB1"})
    assert response.status_code == 400
    response = client_as(Role.MANAGER).get(URL, {"unit": "TA2"})
    assert _figure(response.content.decode(), "headcount") == "2"  # P02, P09


def test_new_data_is_not_served_from_the_cache(client_as, org):
    from levensfase.web.hr.models import Assignment, Job, Person, Unit

    client = client_as(Role.HR_ANALYST)
    assert _figure(client.get(URL).content.decode(), "headcount") == "7"
    Assignment.objects.create(person=Person.objects.get(person_id="P04"), start_date=date(2024, 1, 1), end_date=None,
                              unit=Unit.objects.get(unit_id="TA1"), job=Job.objects.get(job_id="VPL"), fte=1.0)
    assert _figure(client.get(URL).content.decode(), "headcount") == "8"


def test_unit_filter_cannot_reveal_a_small_group_by_subtraction(client_as, org, settings):
    # k = 2. Zorg today = its own team lead P07 (1) + Team Noord (P01 P05) + Team Zuid (P02 P09).
    # Showing Zorg (5) and both teams (2 and 2) would give away Zorg's own staff: 5 − 2 − 2 = 1.
    # Today's page takes the running year's audit too (its as-of day: docs/privacy.md, "The current,
    # partial year"), which may withhold Zorg's own headcount as well.
    settings.LEVENSFASE_K = 2
    client = client_as(Role.HR_ANALYST)
    cells = {unit: _figure_cell(client.get(URL, {"unit": unit}).content.decode()).strip()
             for unit in ("ZORG", "TA1", "TA2")}
    shown = {unit: cell for unit, cell in cells.items() if "&lt; 2" not in cell}
    assert shown == {unit: n for unit, n in (("ZORG", "5"), ("TA1", "2"), ("TA2", "2")) if unit in shown}
    # every table of every subtree is protected together (pyramids and mixes too): never all three
    assert len(shown) < 3
