"""Retention dashboard: Kaplan–Meier of the cohort employed on the period's first day."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from levensfase.web.accounts.models import Role

URL = reverse("dashboard_retention")


def test_generation_curve_table(client_as, org):
    response = client_as(Role.HR_ANALYST).get(URL, {"from": "2022", "csv": "km-generation"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["generatie", "personen", "vertrokken", "na 1 jaar", "na 2 jaar", "na 5 jaar",
                       "mediane verblijfsduur (jaren)"]
    # 1 Jan 2022: P01 P02 P03 P04 P05 P06 P07 P10 (all generation X). P04 leaves after 1.5 years,
    # P10 about 50 days before today: 7/8 after 2 years; the curve never reaches 50%.
    assert rows[1][:5] == ["generatie X", "8", "2", "100,0%", "87,5%"]
    assert rows[1][6] == "–"


def test_page_has_both_curves_for_hr_and_refuses_bedrijfsarts(client_as, org):
    html = client_as(Role.HR_ANALYST).get(URL, {"from": "2022"}).content.decode()
    assert 'data-figure="chart-km-generation"' in html
    assert "Behoud per levensfase" in html
    assert client_as(Role.OCCUPATIONAL_HEALTH).get(URL).status_code == 403


def test_manager_team_is_too_small_at_k5(client_as, org):
    # The team's cohort on 1 Jan 2022 is P01 P02 P04 P05 P07 = 5: shown; with k = 6 it is withheld.
    client = client_as(Role.MANAGER)
    rows = list(csv.reader(io.StringIO(client.get(URL, {"from": "2022", "csv": "km-generation"}).content.decode())))
    assert rows[1][:3] == ["generatie X", "5", "1"]
