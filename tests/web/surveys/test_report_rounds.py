"""The report (PDF, workbook, verdict) publishes the survey rounds the dashboard publishes: an answer
given in an invitation round counts in that round there too, not in its calendar year. Otherwise the
year's result in the report minus the campaign's on the dashboard would give away the few answers
outside the campaign (issue 16: no two published aggregates may differ by fewer than k respondents)."""

from __future__ import annotations

from datetime import date

from levensfase.analytics.report import build_report
from levensfase.web.hr.models import SurveyResponse, Unit
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.surveys.models import Campaign, Invitation, RoundResult
from levensfase.web.surveys.rounds import answer_rounds, freeze_closed_rounds

from .conftest import wai_items

IN_CAMPAIGN = {"P01": 35, "P02": 46, "P03": 41, "P05": 34, "P06": 44}  # five: k = 5 is published


def test_report_rounds_are_the_dashboard_rounds(org):
    year = org.today.year - 1
    campaign = Campaign.objects.create(name="WAI voorjaar", instrument="wai", closes_on=date(year, 6, 30))
    campaign.units.set(Unit.objects.all())
    for person_id, total in IN_CAMPAIGN.items():
        day = date(year, 6, 10)
        SurveyResponse.objects.create(person_id=person_id, date=day, instrument="wai", answers=wai_items(total))
        Invitation.objects.create(campaign=campaign, person_id=person_id, unit_id="TA1", responded_on=day)
    SurveyResponse.objects.create(person_id="P07", date=date(year, 9, 1), instrument="wai", answers=wai_items(39))

    freeze_closed_rounds(today=org.today, k=5)
    frozen = {r.name: {(g["by"], g["group"]): g for g in r.groups} for r in RoundResult.objects.all()}
    assert set(frozen) == {"WAI voorjaar", str(year)}
    report = build_report(load_workforce(), as_of=org.today, k=5, survey_rounds=answer_rounds())

    rows = [r for table in report["employability"]["work_ability"].values() for r in table]
    assert {r["round"] for r in rows} == {"WAI voorjaar", str(year)}
    for by, table in report["employability"]["work_ability"].items():
        for r in table:
            g = frozen[r["round"]][(by, r["group"])]
            assert (r["respondents"], r["mean"]) == (g["respondents"], g["mean"])  # the same number, both places
    year_rows = [r for r in rows if r["round"] == str(year)]
    assert year_rows and all(r["suppressed"] for r in year_rows)  # P07 alone: withheld in both
    assert all(r["respondents"] != 6 for r in rows)  # no round of the campaign plus P07
    total = frozen["WAI voorjaar"][("all", "all")]
    assert total["respondents"] == 5 and total["mean"] == round(sum(IN_CAMPAIGN.values()) / 5, 1)
