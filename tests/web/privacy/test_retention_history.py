"""The retention test of issue 16: on a generated 10-year history, anonymising the leavers past the
retention period changes no metric of a past period, a second run finds nobody, a re-import of
the original HRIS files recreates nobody, and no page shows an anonymised person's id."""

from __future__ import annotations

import re
from datetime import date

import pytest

from levensfase.analytics.breakdown import period_metrics_by
from levensfase.analytics.metrics import period_metrics
from levensfase.analytics.report import build_report
from levensfase.model.data_retention import TOKEN_PREFIX
from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Action, Entry
from levensfase.web.hr.models import Assignment, LifeEvent, Person, SurveyResponse
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.hr.services import import_files
from levensfase.web.privacy.forgotten import hash_of
from levensfase.web.privacy.models import ForgottenPerson
from levensfase.web.privacy.retention import apply_retention, plan_retention
from support.org_fixture import make_user

pytestmark = pytest.mark.django_db(transaction=True)

BY = ("generation", "unit", "sex", "contract", "job_family")


def _past_years(today: date) -> list[tuple[date, date]]:
    """Whole calendar years of the history that ended before the retention cut (2 years)."""
    return [(date(y, 1, 1), date(y, 12, 31)) for y in range(today.year - 9, today.year - 2)]


def _snapshot(today: date) -> dict:
    workforce = load_workforce()
    out = {}
    for start, end in _past_years(today):
        out[("all", start)] = period_metrics(workforce, start=start, end=end).as_dict()
        for by in BY:
            out[(by, start)] = period_metrics_by(workforce, start=start, end=end, by=by, k=5)
    return out


def _report_parts(today: date) -> dict:
    """The analyse document on a past year end: flows, and composition by the categories that
    rest on employment history and birth year (life phases lose coverage, by design), and outflow
    per year by kind (influenceable, pension at AOW: the coarsened birth date keeps the AOW side)."""
    report = build_report(load_workforce(), as_of=date(today.year - 3, 12, 31), k=5)
    composition = report["composition"]
    return {"flows": report["flows"], "outflow_by_year": report["outflow"]["total"],
            "by_category": {c: composition["by_category"][c] for c in ("generation", "unit", "sex", "contract")},
            "age_pyramid": composition.get("age_pyramid")}


def test_retention_keeps_past_metrics_forgets_the_leavers_and_no_import_brings_them_back(history_folder, client):
    today = date.today()
    outcome = import_files(history_folder, source="hris")
    assert outcome.ok
    hr = make_user("hr", Role.HR_ADMIN)
    client.force_login(hr)

    plan = plan_retention(today=today)
    due = plan.persons
    assert plan.retention_years == 2 and len(due) > 50
    # every one of them left before the cut and has no ongoing assignment
    for pid in due[:20]:
        ends = list(Assignment.objects.filter(person_id=pid).values_list("end_date", flat=True))
        assert None not in ends and max(ends) < plan.cut
    leaver = due[0]
    assert client.get(f"/people/{leaver}/").status_code == 200  # leaves an audit entry naming them
    assert Entry.objects.filter(person_id=leaver).exists()
    had_events = LifeEvent.objects.filter(person_id__in=due).count()
    had_answers = SurveyResponse.objects.filter(person_id__in=due).count()
    assert had_events > 0 and had_answers > 0

    # their names too, where no one who stays bears the same name
    kept_names = set(Person.objects.exclude(person_id__in=due).values_list("display_name", flat=True))
    names = {n for n in Person.objects.filter(person_id__in=due).values_list("display_name", flat=True)
             if n and n not in kept_names}
    assert len(names) > 20

    before, report_before = _snapshot(today), _report_parts(today)
    result = apply_retention(today=today)
    assert result.anonymised == len(due)
    assert result.removed["lf_life_event"] == had_events
    assert result.removed["lf_survey_response"] == had_answers

    assert _snapshot(today) == before
    assert _report_parts(today) == report_before  # flows (age bands too), composition, outflow by kind
    coverage = build_report(load_workforce(), as_of=today, k=5)["data_coverage"]
    assert coverage["anonymised_people"] == len(due)
    assert coverage["note"].startswith(f"Gegevens van {len(due)} vertrokken medewerker(s) zijn na de bewaartermijn")
    assert plan_retention(today=today).persons == []  # the second dry run lists nobody
    assert not Person.objects.filter(person_id__in=due).exists()
    assert Person.objects.filter(person_id__startswith=TOKEN_PREFIX).count() == len(due)
    assert not LifeEvent.objects.filter(person__person_id__startswith=TOKEN_PREFIX).exists()
    assert not SurveyResponse.objects.filter(person__person_id__startswith=TOKEN_PREFIX).exists()
    assert set(ForgottenPerson.objects.values_list("id_hash", flat=True)) == {hash_of(p) for p in due}
    assert not Entry.objects.filter(person_id__in=due).exists()  # re-pointed to the token
    retention_entry = Entry.objects.get(action=Action.RETENTION)
    assert retention_entry.detail["anonymised"] == len(due) and leaver not in str(retention_entry.detail)
    assert retention_entry.detail["removed"]["lf_life_event"] == had_events
    assert "lf_survey_response" not in retention_entry.detail["removed"]  # health data: no count for HR

    again = import_files(history_folder, source="hris again")
    assert again.ok
    assert not Person.objects.filter(person_id__in=due).exists()  # recreates nobody
    skipped = [n for n in again.notes if "overgeslagen" in n]
    assert len(skipped) == 1 and re.search(r"people: %d\b" % len(due), skipped[0])
    assert not again.summary.changed  # the pseudonymised history was kept, nothing else differed
    assert _snapshot(today) == before

    pattern = re.compile("|".join(re.escape(p) for p in (*due, *sorted(names))))
    pages = ["/", "/audit/", "/dashboards/", "/dashboards/flows/", "/dashboards/retention/",
             "/dashboards/categories/", "/maatwerk/register/", "/competencies/dashboard/", "/surveys/campaigns/"]
    pages += [f"/people/?page={n}" for n in range(1, 2 + Person.objects.count() // 50)]
    pages += [f"/audit/?page={n}" for n in range(1, 2 + Entry.objects.count() // 50)]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        found = pattern.search(response.content.decode())
        assert found is None, f"{url} shows {found.group(0)}"
    assert client.get(f"/people/{leaver}/").status_code == 404
