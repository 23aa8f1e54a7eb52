"""Retention dashboard: Kaplan–Meier of the cohort employed on the period's first day."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from django.urls import reverse

from levensfase.web.accounts.models import Role

URL = reverse("dashboard_retention")


def _section(client, key: str) -> str:
    """The HTML of one panel of the retention page of the cohort of 1 January 2022."""
    html = client.get(URL, {"from": "2022"}).content.decode()
    return html.split(f'id="{key}"', 1)[1].split("</section>", 1)[0]


def _p10_counted(today: date) -> bool:
    """P10 leaves 50 days before today: counted once the period reaches the anniversary after that day."""
    return today - timedelta(days=50) < date(today.year, 1, 1)


def test_generation_curve_table_in_whole_years(client_as, org, settings):
    settings.LEVENSFASE_K = 1  # the hand-made organisation is too small for its curve at k = 5 (below)
    response = client_as(Role.HR_ANALYST).get(URL, {"from": "2022", "csv": "km-generation"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["generatie", "personen", "vertrokken", "na 1 jaar", "na 2 jaar", "na 5 jaar",
                       "mediane verblijfsduur (hele jaren)"]
    # 1 Jan 2022: P01 P02 P03 P04 P05 P06 P07 P10 (all generation X). The page counts whole years up
    # to today: 1 Jan 2022 .. 31 Dec of last year (4 years in 2026). P04 leaves on 30 June 2023, in
    # year 2: 8 of 8 after 1 year, 7 of 8 after 2; P10 only when its year is whole.
    left = 1 + _p10_counted(org.today)
    after_five = "75,0%" if org.today.year >= 2027 else "–"  # 2 of 8 gone by the fifth anniversary
    assert rows[1] == ["generatie X", "8", str(left), "100,0%", "87,5%", after_five, "–"]


def test_curves_are_drawn_per_whole_year_and_the_page_says_why(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    section = _section(client_as(Role.HR_ANALYST), "km-generation")
    assert ("De curven tonen het behoud per heel jaar sinds het begin van de periode, om kleine groepen te "
            "beschermen.") in section
    assert "hele jaren na het begin van de periode" in section
    years = org.today.year - 2022  # whole years reached by today (31 December of last year)
    assert f'"x": {list(range(years + 1))}'.replace(" ", "") in section.replace(" ", "")


def test_the_whole_organisation_is_too_small_at_k5_and_the_page_says_why(client_as, org):
    # Every number of a year is its own cut: the whole organisation's leavers in 2023 (P04) are
    # Team Noord's (3 people, small), so its group is withheld with them, and "why people left" too.
    client = client_as(Role.HR_ANALYST)
    rows = list(csv.reader(io.StringIO(client.get(URL, {"from": "2022", "csv": "km-generation"}).content.decode())))
    assert rows[1][:3] == ["generatie X", "< 5", "< 5"]
    section = _section(client, "km-generation")
    assert "Te weinig mensen om deze grafiek te tonen zonder personen herkenbaar te maken." in section
    assert 'data-figure="chart-km-generation"' not in section
    exits = list(csv.reader(io.StringIO(client.get(URL, {"from": "2022", "csv": "exits"}).content.decode())))
    assert exits[1:] == [["alle redenen", "< 5", "< 5", "< 5", "< 5"]]


def test_page_has_both_curves_for_hr_and_refuses_bedrijfsarts(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    html = client_as(Role.HR_ANALYST).get(URL, {"from": "2022"}).content.decode()
    assert 'data-figure="chart-km-generation"' in html
    assert "Behoud per levensfase" in html
    assert client_as(Role.OCCUPATIONAL_HEALTH).get(URL).status_code == 403


def test_manager_team_is_too_small_at_k5(client_as, org):
    # The team's cohort on 1 Jan 2022 is P01 P02 P04 P05 P07 = 5, with one leaver (P04). The
    # manager can also choose Team Noord (P01 P04 P05: 3 people, small) and Team Zuid (P02): the
    # team's one leaver would be Team Noord's hidden one (its only leaver), so the team's row is
    # withheld with them (analytics.protected_retention), and so is "why people left".
    client = client_as(Role.MANAGER)
    rows = list(csv.reader(io.StringIO(client.get(URL, {"from": "2022", "csv": "km-generation"}).content.decode())))
    assert rows[1][:3] == ["generatie X", "< 5", "< 5"]
    exits = list(csv.reader(io.StringIO(client.get(URL, {"from": "2022", "csv": "exits"}).content.decode())))
    assert exits[1:] == [["alle redenen", "< 5", "< 5", "< 5", "< 5"]]
    # the HR analyst's whole organisation (8 people, 2 leavers) shows it: test_generation_curve_table


def test_exit_reasons_as_competing_risks_per_whole_year(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    response = client_as(Role.HR_ANALYST).get(URL, {"from": "2022", "csv": "exits"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # Both leavers of the 2022 cohort of 8 left voluntarily: P04 in year 2 (1 of 8 by the second
    # anniversary), P10 counted only once its year is whole.
    left = 1 + _p10_counted(org.today)
    assert rows == [["reden van vertrek", "vertrokken", "na 1 jaar", "na 2 jaar", "aan het eind van de periode"],
                    ["vrijwillig", str(left), "0,0%", "12,5%", f"{100 * left / 8:.1f}".replace(".", ",") + "%"]]


def test_exit_reasons_of_a_small_team_are_withheld(client_as, org, settings):
    settings.LEVENSFASE_K = 6  # the manager's 2022 cohort is 5 people
    section = _section(client_as(Role.MANAGER), "exits")
    assert "&lt; 6" in section and 'data-figure="chart-exits"' not in section


def test_exit_takeaway_is_the_influenceable_outflow(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    section = _section(client_as(Role.HR_ANALYST), "exits")
    # 1 Jan 2022 .. today: P04 and P10 left, both voluntary; 8 at work on the first day and 7
    # today: 2 / 7.5 over the period, shown per year (÷ days / 365).
    years = ((org.today - date(2022, 1, 1)).days + 1) / 365
    rate = f"{100 * 2 / 7.5 / years:.1f}".replace(".", ",")
    month = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december")[org.today.month - 1]
    when = f"Van 1 januari 2022 tot en met {org.today.day} {month} {org.today.year}"
    assert (f"{when} vertrokken 2 mensen die het beleid had kunnen houden (beïnvloedbare uitstroom: 2 vrijwillig, "
            f"0 arbeidsongeschikt, 0 vervroegd met pensioen vóór de AOW-datum): {rate}% per jaar van het gemiddelde "
            "personeelsbestand. Daarnaast gingen 0 mensen op of na hun AOW-datum met pensioen") in section


def test_retention_takeaway_names_no_group_below_twenty_spells(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    section = _section(client_as(Role.HR_ANALYST), "km-generation")
    # generation X is the only group: 8 spells, fewer than the 20 a named group needs
    assert ("Het behoud na twee jaar: geen groep heeft minstens 20 dienstverbanden; er is geen hoogste of laagste "
            "groep aan te wijzen.") in section
