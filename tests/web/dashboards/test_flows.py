"""Flows dashboard: the Sankey table per unit (suppressed below k), the manager's team-only units
and the yearly turnover per category. Counts worked out by hand from org_fixture.py."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.urls import reverse

from levensfase.web.accounts.models import Role

URL = reverse("dashboard_flows")


def _csv(client, **params) -> list[list[str]]:
    response = client.get(URL, params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_sankey_table_per_unit_with_small_units_withheld(client_as, org, settings):
    rows = _csv(client_as(Role.HR_ANALYST), csv="sankey", **{"from": "2022"})
    by_unit = {r[0]: r[1:6] for r in rows[1:]}
    # Bedrijfsvoering (2 people) and the root (1) are < 5. Zorg had 6 people in 2022..today but
    # only 4 in the year before this one (P01 P02 P05 P07: P04 left in 2023, P09 came this year):
    # a group hidden in one year stays hidden in every period containing it (else 2022..today
    # minus the other years gives that year away).
    assert by_unit["Bedrijfsvoering"] == ["< 5"] * 5
    assert by_unit["Zorggroep Test"] == ["< 5"] * 5
    assert by_unit["Zorg"] == ["< 5"] * 5
    settings.LEVENSFASE_K = 1
    rows = _csv(client_as(Role.HR_ANALYST), csv="sankey", **{"from": "2022"})
    by_unit = {r[0]: r[1:6] for r in rows[1:]}
    # Zorg (TA1, TA2 rolled up): P01 P02 P04 P05 P07 P09 = 6 people; P09 came in, P04 left (voluntary).
    assert by_unit["Zorg"] == ["6", "1", "0", "1", "1"]


def test_sankey_for_the_manager_shows_only_team_units(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.MANAGER)
    rows = _csv(client, csv="sankey")
    by_unit = {r[0]: r[1:6] for r in rows[1:]}
    assert set(by_unit) == {"Zorg", "Team Noord", "Team Zuid"}
    assert by_unit["Team Noord"] == ["3", "0", "0", "1", "1"]  # P01 P04 P05; P04 left
    assert by_unit["Team Zuid"] == ["2", "1", "0", "0", "0"]  # P02 P09; P09 came in
    html = client.get(URL).content.decode()
    assert "Bedrijfsvoering" not in html and "Team Financiën" not in html
    assert 'data-figure="chart-sankey"' in html


def test_turnover_per_year_by_sex(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    this_year = date.today().year
    rows = _csv(client_as(Role.HR_ANALYST), csv="rates", by="sex", **{"from": "2023", "to": "2023"})
    assert rows[0] == ["geslacht", "2023"]
    # 2023: women P02 P04 P06 P10 on 1 Jan, P04 left 30 June, so 3 on 31 Dec: 1 / 3.5 = 28.6%.
    # Men P01 P03 P05 P07 on both days, nobody left: 0.0%.
    assert dict((r[0], r[1]) for r in rows[1:]) == {"vrouwen": "28,6%", "mannen": "0,0%"}
    assert this_year >= 2023


def test_takeaways_come_from_the_findings(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    html = client_as(Role.HR_ANALYST).get(URL, {"by": "sex", "from": "2023", "to": "2023"}).content.decode()
    # Women 1 of 4 left in 2023, men 0 of 4: no group has the 20 people a named group needs.
    assert ("De beïnvloedbare uitstroom: geen groep heeft minstens 20 personen; er is geen hoogste of laagste groep "
            "aan te wijzen.") in html
    # Sankey headline: in 2023 only P04 left (voluntary, 30 June); 8 at work on 1 Jan 2023 and 7 on
    # 31 Dec 2023 (P04 gone), so 1 / 7.5 = 13.3% of the average workforce; nobody retired.
    assert ("In de 12 maanden tot en met 31 december 2023 vertrokken 1 mensen die het beleid had kunnen houden "
            "(beïnvloedbare uitstroom: 1 vrijwillig, 0 arbeidsongeschikt, 0 vervroegd met pensioen vóór de "
            "AOW-datum): 13,3% van het gemiddelde personeelsbestand.") in html


def test_english_labels(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    client.post(reverse("set_language"), {"language": "en", "next": URL})
    html = client.get(URL, {"by": "sex", "from": "2023", "to": "2023"}).content.decode()
    assert ("Influenceable outflow: no group has at least 20 people; no highest or lowest group can be named."
            in html)
