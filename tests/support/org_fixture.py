"""A small hand-made organisation for the web tests (not the generator), and one user per role.

Unit tree (3 levels):                 ORG  Zorggroep Test
                              ZORG Zorg            BV Bedrijfsvoering
                        TA1 Team Noord  TA2 Team Zuid     TB1 Team Financiën

People, with T = today (dates relative to T only where the last 12 months matter):
  P01  TA1 nurse 2015-01-01..2020-12-31, then senior nurse 2021-01-01..open (0.8 FTE); a child
       in 2019; one absence and one WAI response (health data). The employee login is P01.
  P02  TA2 nurse 2018-06-01..open (1.0)
  P03  TB1 administrator 2012-01-01..open (0.5)            — outside the manager's units
  P04  TA1 nurse 2016-01-01..2023-06-30, left (voluntary)  — not at work today
  P05  TB1 2008-01-01..2013-12-31 voluntary; re-hired TA1 2019-03-01..open (0.6): two spells
  P06  ORG team lead 2010-01-01..open (1.0)                — above the manager's units
  P07  ZORG team lead 2014-01-01..open (1.0)               — the manager's own record
  P08  TA2 nurse from T+30                                  — not yet at work
  P09  TA2 nurse from T-100 (1.0)                           — hired in the last 12 months
  P10  TB1 administrator 2015-01-01..T-50 voluntary (0.5)  — left in the last 12 months

The manager leads ZORG, so sees P01, P02, P05, P07, P09 (at work today in ZORG, TA1 or TA2).
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from django.contrib.auth import get_user_model

from levensfase.web.accounts.models import Profile, Role
from levensfase.web.hr.models import Absence, Assignment, Job, LifeEvent, Person, SurveyResponse, Unit

D = date
MANAGER_SEES = {"P01", "P02", "P05", "P07", "P09"}
ALL_PEOPLE = {f"P{i:02d}" for i in range(1, 11)}
# Display names (exchange format v1.2); P10 has none, as an HRIS without names would leave it.
NAMES = {"P01": "Sanne de Vries", "P02": "Daan van den Berg", "P03": "Fatima El Amrani", "P04": "Kees Bakker",
         "P05": "Esther van 't Hof", "P06": "Willem ter Horst", "P07": "Marieke Jansen", "P08": "Emre Yılmaz",
         "P09": "Noor de Jong"}


def build_org(*, today: date | None = None) -> SimpleNamespace:
    t = today or date.today()
    org = Unit.objects.create(unit_id="ORG", name="Zorggroep Test")
    zorg = Unit.objects.create(unit_id="ZORG", name="Zorg", parent=org)
    bv = Unit.objects.create(unit_id="BV", name="Bedrijfsvoering", parent=org)
    ta1 = Unit.objects.create(unit_id="TA1", name="Team Noord", parent=zorg)
    ta2 = Unit.objects.create(unit_id="TA2", name="Team Zuid", parent=zorg)
    tb1 = Unit.objects.create(unit_id="TB1", name="Team Financiën", parent=bv)
    vpl = Job.objects.create(job_id="VPL", title="Verpleegkundige", job_family="zorg", work_demand="mixed", grade=7)
    svpl = Job.objects.create(job_id="SVPL", title="Senior verpleegkundige", job_family="zorg", work_demand="mixed", grade=8)
    adm = Job.objects.create(job_id="ADM", title="Administrateur", job_family="financien", work_demand="mental", grade=6)
    tl = Job.objects.create(job_id="TL", title="Teamleider", job_family="leiding", work_demand="mental", grade=9)
    people = {
        pid: Person.objects.create(person_id=pid, birth_date=D(1970 + i, 1 + i, 10), sex="f" if i % 2 else "m",
                                   display_name=NAMES.get(pid, ""))
        for i, pid in enumerate(sorted(ALL_PEOPLE))
    }

    def assign(pid, start, end, unit, job, fte, contract="permanent", end_reason=""):
        Assignment.objects.create(person=people[pid], start_date=start, end_date=end, unit=unit, job=job,
                                  fte=fte, contract=contract, end_reason=end_reason)

    assign("P01", D(2015, 1, 1), D(2020, 12, 31), ta1, vpl, 0.8)
    assign("P01", D(2021, 1, 1), None, ta1, svpl, 0.8)
    assign("P02", D(2018, 6, 1), None, ta2, vpl, 1.0)
    assign("P03", D(2012, 1, 1), None, tb1, adm, 0.5)
    assign("P04", D(2016, 1, 1), D(2023, 6, 30), ta1, vpl, 1.0, end_reason="voluntary")
    assign("P05", D(2008, 1, 1), D(2013, 12, 31), tb1, adm, 1.0, end_reason="voluntary")
    assign("P05", D(2019, 3, 1), None, ta1, vpl, 0.6, contract="fixed_term")
    assign("P06", D(2010, 1, 1), None, org, tl, 1.0)
    assign("P07", D(2014, 1, 1), None, zorg, tl, 1.0)
    assign("P08", t + timedelta(days=30), None, ta2, vpl, 1.0)
    assign("P09", t - timedelta(days=100), None, ta2, vpl, 1.0)
    assign("P10", D(2015, 1, 1), t - timedelta(days=50), tb1, adm, 0.5, end_reason="voluntary")

    LifeEvent.objects.create(person=people["P01"], event="child", start_date=D(2019, 5, 1))
    Absence.objects.create(person=people["P01"], start_date=D(2022, 3, 1), end_date=D(2022, 3, 5), pregnancy=False)
    SurveyResponse.objects.create(person=people["P01"], date=D(2023, 1, 15), instrument="wai",
                                  answers={"q1": 8.0, "q2_physical": 4.0})
    return SimpleNamespace(today=t, units={u.unit_id: u for u in (org, zorg, bv, ta1, ta2, tb1)}, people=people)


def make_user(username: str, role: str | None, *, person_id: str | None = None, unit_ids=(), password=None):
    user = get_user_model().objects.create_user(username=username, password=password)
    if role is not None:
        profile = Profile.objects.create(user=user, role=role, person_id=person_id)
        profile.units.set(unit_ids)
    return user


def build_users(*, password: str | None = None) -> dict[str, object]:
    """One user per role (keyed by role), plus 'nobody' (a user without a profile)."""
    return {
        Role.HR_ADMIN: make_user("hr-admin", Role.HR_ADMIN, password=password),
        Role.HR_ANALYST: make_user("hr-analist", Role.HR_ANALYST, password=password),
        Role.MANAGER: make_user("manager", Role.MANAGER, person_id="P07", unit_ids=["ZORG"], password=password),
        Role.EMPLOYEE: make_user("medewerker", Role.EMPLOYEE, person_id="P01", password=password),
        Role.OCCUPATIONAL_HEALTH: make_user("bedrijfsarts", Role.OCCUPATIONAL_HEALTH, password=password),
        Role.WORKS_COUNCIL: make_user("or", Role.WORKS_COUNCIL, password=password),
        Role.PRIVACY_OFFICER: make_user("fg", Role.PRIVACY_OFFICER, password=password),
        "nobody": make_user("zonder-rol", None, password=password),
    }
