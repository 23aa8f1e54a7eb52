"""The employability dashboard: results per closed measurement round (frozen), suppressed for every
viewer at once, org for HR and the works council, the units of a manager; CSV; open rounds show
only their response rate; bad queries fall back with a message.

Respondents (conftest), all on 15 June last year (the calendar-year round, closed 31 December):
P01 33 (Team Noord, man), P05 34 (Team Noord, man), P02 46 (Team Zuid, woman), P03 47 (Team
Financiën, man). Bands: 33 and 34 moderate, 46 and 47 excellent."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Assignment, SurveyResponse
from levensfase.web.surveys.models import RoundResult
from levensfase.web.surveys.services import create_campaign, save_response

from .conftest import wai_items

WITHHELD_AS_DIFFERENCE = "Niet getoond: zou minder dan"


def _row(html: str, label: str) -> str:
    return re.search(rf'<th scope="row">{label}</th>(.*?)</tr>', html, re.S).group(1)


def test_org_result_per_round_with_its_name_and_close_date(client_as, answered, settings):
    """k = 2. Men (P01, P03, P05) minus Team Noord (P01, P05) would give P03's score, so Team Noord
    is withheld although it has 2 respondents; Team Zuid and Team Financiën have 1 each."""
    settings.LEVENSFASE_K = 2
    html = client_as(Role.HR_ANALYST).get("/surveys/dashboard/?by=unit").content.decode()
    year = answered.year
    assert f"gesloten 31 december {year}" in html
    whole = _row(html, "hele organisatie")
    assert ">4\n" in whole and "40,0" in whole  # (33 + 46 + 34 + 47) / 4
    assert "33,5" not in html  # Team Noord's (33 + 34) / 2
    assert WITHHELD_AS_DIFFERENCE in _row(html, "Team Noord")
    assert "Minder dan 2 respondenten" in _row(html, "Team Zuid")
    assert f"In ronde {year} was de gemiddelde score 40,0." in html
    assert "in deze groep antwoordden in deze ronde minder dan 2 mensen" in html
    assert "zodat niemands antwoorden door aftrekken te achterhalen zijn" in html


def test_csv_has_the_same_numbers_per_round(client_as, answered, settings):
    settings.LEVENSFASE_K = 2
    response = client_as(Role.WORKS_COUNCIL).get("/surveys/dashboard/?by=unit&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    year = str(answered.year)
    closed = f"{year}-12-31"
    hidden = ["", "", "", "", "", "", "yes"]
    assert rows == [
        ["round", "closed_on", "group", "respondents", "mean", "band_poor", "band_moderate", "band_good",
         "band_excellent", "suppressed", "reason"],
        [year, closed, "all", "4", "40.0", "0", "2", "0", "2", "no", ""],
        [year, closed, "TA1", *hidden, "small_difference"],
        [year, closed, "TA2", *hidden, "few_respondents"],
        [year, closed, "TB1", *hidden, "few_respondents"],
    ]


def test_default_k_withholds_everything_here(client_as, answered):
    html = client_as(Role.HR_ADMIN).get("/surveys/dashboard/").content.decode()
    assert "minder dan 5 mensen" in html
    assert "40,0" not in html and "33,5" not in html


def test_team_result_is_withheld_when_the_organisation_minus_the_team_is_one_person(client_as, answered, settings):
    """k = 3. The works council sees the organisation (4 respondents); the manager's Zorg has 3
    (P01, P02, P05): the difference is P03 alone, so Zorg is withheld for everyone."""
    settings.LEVENSFASE_K = 3
    html = client_as(Role.MANAGER).get("/surveys/dashboard/").content.decode()
    assert "37,7" not in html
    assert WITHHELD_AS_DIFFERENCE in _row(html, "Zorg")
    assert "Groeperen naar" not in html  # no other groupings for a manager
    assert [m for m in re.findall(r'<th scope="row">([^<]+)</th>', html)][:3] == ["Zorg", "Team Noord", "Team Zuid"]


def test_team_result_is_shown_when_the_team_is_everyone_who_answered(client_as, answered, settings):
    settings.LEVENSFASE_K = 3
    SurveyResponse.objects.filter(person_id="P03").delete()
    html = client_as(Role.MANAGER).get("/surveys/dashboard/").content.decode()
    assert "37,7" in _row(html, "Zorg")  # (33 + 46 + 34) / 3


def test_a_closed_round_is_frozen_against_joiners_leavers_and_late_answers(client_as, answered, settings, org):
    settings.LEVENSFASE_K = 3
    SurveyResponse.objects.filter(person_id="P03").delete()
    client = client_as(Role.MANAGER)
    before = client.get("/surveys/dashboard/").content.decode()
    frozen = RoundResult.objects.get()
    # P03 answers late for the same day, P02 leaves Zorg, P03 joins it
    SurveyResponse.objects.create(person_id="P03", date=answered, instrument="wai", answers=wai_items(47))
    Assignment.objects.filter(person_id="P02").update(end_date=org.today - timedelta(days=1))
    Assignment.objects.create(person_id="P03", unit_id="TA2", job_id="ADM", fte=1.0, contract="permanent",
                              start_date=org.today)
    after = client.get("/surveys/dashboard/").content.decode()
    assert _row(after, "Zorg") == _row(before, "Zorg") and "37,7" in _row(after, "Zorg")
    assert RoundResult.objects.get().frozen_at == frozen.frozen_at


def test_no_band_distribution_where_everyone_is_in_one_band(client_as, answered, settings):
    """P02 answers 35 instead of 46: all three of Zorg are moderate; the mean stays, the distribution goes."""
    settings.LEVENSFASE_K = 3
    SurveyResponse.objects.filter(person_id="P03").delete()
    SurveyResponse.objects.filter(person_id="P02").update(answers=wai_items(35))
    html = client_as(Role.MANAGER).get("/surveys/dashboard/").content.decode()
    assert "34,0" in _row(html, "Zorg")  # (33 + 35 + 34) / 3
    bands = html[html.index("data-bands"):]
    assert "iedereen in deze groep valt in dezelfde categorie" in _row(bands, "Zorg")
    assert "Geen verdeling waar iedereen in de groep in dezelfde categorie valt" in html


def test_an_open_campaign_shows_only_its_response_rate(client_as, users, org, settings):
    """Invited in Zorg: P01, P05, P02, P09, P07 (5); P02 answered: 20 %. No mean of the open round."""
    settings.LEVENSFASE_K = 2
    create_campaign(user=users[Role.HR_ADMIN], name="Najaar", instrument="wai", unit_ids=["ZORG"],
                    closes_on=date.today() + timedelta(days=14), today=date.today())
    save_response(person_id="P02", instrument="wai", items=wai_items(46), on=date.today())
    html = client_as(Role.HR_ANALYST).get("/surveys/dashboard/").content.decode()
    open_rounds = html[html.index("data-open-rounds"):]
    assert "20%" in _row(open_rounds, "Najaar")
    assert f"{date.today().year} (antwoorden buiten een uitnodigingsronde)" in open_rounds
    assert "46,0" not in html and "Er is nog geen meetronde gesloten" in html
    assert not RoundResult.objects.exists()


def test_roles_without_a_dashboard(client_as, answered):
    assert client_as(Role.EMPLOYEE).get("/surveys/dashboard/").status_code == 403
    assert client_as(Role.OCCUPATIONAL_HEALTH).get("/surveys/dashboard/").status_code == 403


def test_bad_query_falls_back_with_a_message(client_as, answered):
    html = client_as(Role.HR_ANALYST).get("/surveys/dashboard/?by=<script>&instrument=x").content.decode()
    assert "Die weergave bestaat niet" in html
    assert "<script>" not in html


def test_no_results_yet(client_as, org):
    html = client_as(Role.HR_ANALYST).get("/surveys/dashboard/").content.decode()
    assert "Er is nog geen meetronde gesloten" in html
    assert "data-rounds" not in html  # no table without a closed round


def test_a_campaign_is_its_own_round_and_a_late_answer_goes_to_the_year(client_as, users, org, settings):
    """Spring campaign of last year for Zorg; P01 33, P02 46, P05 34 answer in it. P07 answers after
    it closed: that answer belongs to last year's calendar round, not to the campaign."""
    settings.LEVENSFASE_K = 3
    year = org.today.year - 1
    create_campaign(user=users[Role.HR_ADMIN], name="Voorjaar", instrument="wai", unit_ids=["ZORG"],
                    closes_on=date(year, 3, 31), today=date(year, 3, 1))
    for person_id, total in (("P01", 33), ("P02", 46), ("P05", 34)):
        save_response(person_id=person_id, instrument="wai", items=wai_items(total), on=date(year, 3, 10))
    save_response(person_id="P07", instrument="wai", items=wai_items(40), on=date(year, 4, 5))
    html = client_as(Role.MANAGER).get("/surveys/dashboard/").content.decode()
    assert f"gesloten 31 maart {year}" in html and f"gesloten 31 december {year}" in html
    zorg = _row(html, "Zorg")
    assert zorg.index("37,7") < zorg.index("&lt; 3")  # the campaign (3 answers), then the year (P07 alone)
    assert sorted(RoundResult.objects.values_list("name", flat=True)) == [str(year), "Voorjaar"]


def test_changing_k_publishes_the_closed_rounds_again(client_as, answered, settings):
    settings.LEVENSFASE_K = 5
    client = client_as(Role.HR_ANALYST)
    assert "40,0" not in client.get("/surveys/dashboard/").content.decode()
    settings.LEVENSFASE_K = 2
    assert "40,0" in _row(client.get("/surveys/dashboard/").content.decode(), "hele organisatie")
    assert RoundResult.objects.get().k == 2


def test_the_managers_csv_link_gives_the_units_without_a_message(client_as, answered, settings):
    settings.LEVENSFASE_K = 3
    client = client_as(Role.MANAGER)
    link = re.search(r'href="\?([^"]*format=csv)"', client.get("/surveys/dashboard/").content.decode()).group(1)
    rows = list(csv.reader(io.StringIO(client.get("/surveys/dashboard/?" + link.replace("&amp;", "&")).content.decode())))
    assert [r[2] for r in rows[1:]] == ["ZORG", "TA1", "TA2"]
    assert "Die weergave bestaat niet" not in client.get("/surveys/dashboard/").content.decode()


def test_engagement_csv_has_the_uwes_bands(client_as, org, settings):
    """UWES-9 for P01, P02, P05 last year, k = 3: all nine items 4 → total 4,00, "average" (2,89–4,66 in
    the total norm table); all 2 → 2,00, "low" (1,78–2,88)."""
    settings.LEVENSFASE_K = 3
    day = date(org.today.year - 1, 6, 15)
    for person_id, answer in (("P01", 4.0), ("P02", 4.0), ("P05", 2.0)):
        SurveyResponse.objects.create(person_id=person_id, date=day, instrument="uwes9",
                                      answers={str(i): answer for i in range(1, 10)})
    rows = list(csv.reader(io.StringIO(client_as(Role.HR_ANALYST).get(
        "/surveys/dashboard/?by=unit&instrument=uwes9&format=csv").content.decode())))
    assert rows[0][5:10] == ["band_very_low", "band_low", "band_average", "band_high", "band_very_high"]
    assert rows[1][2:10] == ["all", "3", "3.33", "0", "1", "2", "0", "0"]  # (4 + 4 + 2) / 3
