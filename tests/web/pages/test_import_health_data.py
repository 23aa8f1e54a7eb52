"""Health data stay out of the import routes (DESIGN §6, issue 16): the check page, its problem
list, the conflict list, the history and the undo show survey answers, absences and health
limitations as counts only, never their dates or values, even to the HR admin who imports them.

Every health datum below has a date (or value) found nowhere else in the files, so its absence
from a page is checked by a plain search; a non-health life event (a child) is the control that
shows the search would find a listed row.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import SurveyResponse

from support import org_fixture as fixture_data
from support.import_upload import FILES, zipped

WAI_ITEMS = ("q1", "q2_physical", "q2_mental", "q3_diseases", "q4", "q5_sick_days", "q6", "q7_1", "q7_2", "q7_3")
APP_SURVEY_DAY = date(2024, 2, 12)  # entered in the app; the file's answers on that day clash


def _survey(person: str, day: str, q1: str) -> str:
    values = {"q1": q1, "q2_physical": "4", "q2_mental": "4", "q3_diseases": "5", "q4": "6", "q5_sick_days": "4",
              "q6": "7", "q7_1": "3", "q7_2": "3", "q7_3": "3"}
    return "".join(f"{person},{day},wai,{item},{values[item]}\n" for item in WAI_ITEMS)


HEADER_SURVEYS = "person_id,date,instrument,item,value\n"
HEALTH_FILES = {
    "surveys.csv": HEADER_SURVEYS + _survey("A1", APP_SURVEY_DAY.isoformat(), "9") + _survey("A2", "2023-06-19", "8"),
    "absences.csv": "person_id,start_date,end_date,pregnancy\nA1,2022-11-07,2022-11-23,false\n",
    "life_events.csv": ("person_id,event,start_date,end_date\nA1,health_limitation,2021-08-30,\n"
                        "A2,child,2019-04-25,\n"),
}
HEALTH_MARKERS = ["2023-06-19", "2022-11-07", "2022-11-23", "2021-08-30", "19-06-2023", "7-11-2022", "30-08-2021",
                  "19 juni 2023", "7 november 2022", "30 augustus 2021"]
CONTROL = "2019-04-25"  # the child: not health data, so listed


@pytest.fixture
def admin(client, db):
    client.force_login(fixture_data.make_user("hr-admin", Role.HR_ADMIN))
    return client


def _check(admin, files: dict[str, str]) -> tuple[str, str]:
    response = admin.post(reverse("import"), {"file": SimpleUploadedFile("a.zip", zipped(files)), "mapping": "",
                                              "mode": "update"})
    assert response.status_code == 302, response.content.decode()[:2000]
    token = re.fullmatch(r"/import/([\w-]+)/", response["Location"]).group(1)
    return token, admin.get(reverse("import_report", kwargs={"token": token})).content.decode()


def _no_health(page: str, where: str) -> None:
    shown = [marker for marker in HEALTH_MARKERS if marker in page]
    assert shown == [], f"{where} shows health data: {shown}"


def _base(admin) -> None:
    token, _ = _check(admin, FILES)
    assert admin.post(reverse("import_confirm", kwargs={"token": token})).status_code == 200
    SurveyResponse.objects.create(person_id="A1", date=APP_SURVEY_DAY, instrument="wai",
                                  answers={item: 5.0 for item in WAI_ITEMS})  # an app row


def test_check_page_conflicts_history_and_undo_show_no_health_data(admin):
    _base(admin)
    token, page = _check(admin, HEALTH_FILES)
    _no_health(page, "the check page")
    assert CONTROL in page  # listed rows are searchable: the child shows
    assert "conflict" in page.lower()  # the clashing survey answers are named, as a count
    done = admin.post(reverse("import_confirm", kwargs={"token": token}), {"skip_conflicts": "yes"})
    assert done.status_code == 200, done.content.decode()[:2000]
    _no_health(done.content.decode(), "the import result")
    _no_health(admin.get(reverse("import")).content.decode(), "the import history")
    undone = admin.post(reverse("import_undo"), follow=True)
    assert undone.status_code == 200
    _no_health(undone.content.decode(), "the undo")
    _no_health(admin.get(reverse("audit_log")).content.decode(), "the audit log")


def test_problems_in_health_files_name_row_and_column_but_not_the_value(admin):
    _base(admin)
    files = {
        "surveys.csv": HEADER_SURVEYS + _survey("A2", "2023-06-19", "77.5"),  # q1 out of range
        "absences.csv": "person_id,start_date,end_date,pregnancy\nA1,2022-11-07,2022-11-23,misschien\n",
        "life_events.csv": "person_id,event,start_date,end_date\nA1,health_limitation,30-08-2021,\n",
    }
    _, page = _check(admin, files)
    assert "problem" in page.lower()
    _no_health(page, "the problem list")
    for value in ("77.5", "misschien"):
        assert value not in page
    assert page.count("niet getoond") >= 3  # one withheld value per problem, row and column still listed
