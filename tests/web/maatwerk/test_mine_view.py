"""'Wat is er voor mij?': own budget (checked against a hand calculation), recommendations, requests."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from django.utils import dateformat, translation

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.maatwerk.models import Plan

URL = "/maatwerk/"


def full_time_year_share_p01(today: date) -> float:
    """P01 works 0.8 FTE since 2015-01-01: 0.8 per whole year, and this year whole months plus the
    days of this month up to today over the month's length, over 12."""
    this_year = (today.month - 1 + today.day / calendar.monthrange(today.year, today.month)[1]) / 12
    return 0.8 * ((today.year - 2015) + this_year)


def test_employee_sees_own_budget_and_development_first(client_as, wish):
    response = client_as(Role.EMPLOYEE).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    share = full_time_year_share_p01(date.today())
    # packaged budget.toml: 57 PLB hours and 500 euros per full-time year
    assert f'data-balance="plb">{57 * share:.2f}'.replace(".", ",") in html
    assert "€ " + f"{500 * share:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".") in html  # 4.773,12
    # the learning wish brings the training budget, a development arrangement, before home working
    assert html.index('data-recommendation="opleidingsbudget"') < html.index('data-recommendation="thuiswerken"')
    assert "wondzorg" in html
    assert Entry.objects.filter(action="view_person", person_id="P01", detail__view="maatwerk").count() == 1


def test_request_creates_a_requested_plan_with_history(client_as, wish, users):
    start = date.today() + timedelta(days=14)
    response = client_as(Role.EMPLOYEE).post(URL, {"code": ["opleidingsbudget"], "start": start.isoformat(),
                                                   "note": "graag in het voorjaar"})
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (plan.person_id, plan.state) == ("P01", "requested")
    item = plan.items.get()
    # the catalog's cost of the training budget: 40 hours, 900 euros (one year of the CAO training budget)
    assert (item.code, item.start_date, item.hours, item.cost_eur) == ("opleidingsbudget", start, 40.0, 900.0)
    assert [(e.action, e.from_state, e.to_state, e.username) for e in plan.events.all()] == [
        ("create", "", "draft", "medewerker"), ("submit", "draft", "requested", "medewerker")]
    assert plan.events.first().note == "graag in het voorjaar"
    assert Entry.objects.filter(action="plan", person_id="P01").count() == 1
    page = client_as(Role.EMPLOYEE).get(URL).content.decode()
    assert 'data-state="requested">aangevraagd' in page


def test_request_is_confirmed_and_the_decision_shown(client_as, wish):
    start = date.today() + timedelta(days=14)
    employee = client_as(Role.EMPLOYEE)
    response = employee.post(URL, {"code": ["opleidingsbudget"], "start": start.isoformat()}, follow=True)
    assert "Uw aanvraag is naar uw leidinggevende gestuurd." in response.content.decode()
    plan = Plan.objects.get()
    client_as(Role.MANAGER).post(f"/maatwerk/plans/{plan.pk}/act/", {"action": "reject", "note": "Eerst bespreken"})
    page = client_as(Role.EMPLOYEE).get(URL).content.decode()
    step = page[page.index("<td data-last-step>"):]
    step = step[:step.index("</td>")]
    assert step.startswith("<td data-last-step>afgewezen op ") and "“Eerst bespreken”" in step


@pytest.mark.parametrize("data, message", [
    ({"start": "2099-01-01"}, "Kies minstens één regeling."),
    ({"code": ["bestaat-niet"], "start": "2099-01-01"}, "alleen regelingen aanvragen waarvan u vandaag aan de voorwaarden voldoet"),
    ({"code": ["opleidingsbudget"], "start": "morgen"}, "JJJJ-MM-DD"),
    ({"code": ["opleidingsbudget"], "start": "2000-01-01"}, "niet in het verleden"),
])
def test_bad_request_says_why_and_writes_nothing(client_as, wish, data, message):
    response = client_as(Role.EMPLOYEE).post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Plan.objects.count() == 0


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH, Role.HR_ADMIN,
                                  "nobody"])
def test_roles_without_own_record_are_refused(client_as, org, role):
    response = client_as(role).get(URL)
    assert response.status_code == 403
    assert "eigen personeelsdossier" in response.content.decode()


def test_anonymous_goes_to_login(client, org):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_manager_sees_own_page_for_own_record(client_as, org):
    assert client_as(Role.MANAGER).get(URL).status_code == 200


def test_plb_pause_after_six_months_of_illness_is_explained(client_as, org):
    from levensfase.web.hr.models import Absence

    year = date.today().year - 2
    Absence.objects.create(person=org.people["P01"], start_date=date(year, 1, 1), end_date=date(year, 12, 31),
                           pregnancy=False)
    html = client_as(Role.EMPLOYEE).get(URL).content.decode()
    # 0.8 FTE, ill all year: accrual January – June only = 57 × 0.8 × 6/12 = 22.8 h
    row = html[html.index(f'<tr data-year="{year}">'):]
    assert '<td class="num">22,80</td>' in row[:row.index("</tr>")]
    assert f"Van 1 juli {year} tot en met 31 december {year} bouwde u geen PLB-uren op." in html
    assert "langer dan zes maanden ziek" in html and "Zwangerschaps- en bevallingsverlof telt niet als ziekte." in html
    share = full_time_year_share_p01(date.today()) - 0.4  # half a year at 0.8 FTE less
    assert f'data-balance="plb">{57 * share:.2f}'.replace(".", ",") in html


def test_an_ongoing_long_illness_and_pregnancy_leave(client_as, org):
    from levensfase.web.hr.models import Absence

    start = date.today() - timedelta(days=400)
    Absence.objects.create(person=org.people["P01"], start_date=start, end_date=None, pregnancy=False)
    html = client_as(Role.EMPLOYEE).get(URL).content.decode()
    month = start.month + 6
    y, m = start.year + (month - 1) // 12, (month - 1) % 12 + 1
    paused_from = date(y, m, min(start.day, calendar.monthrange(y, m)[1]))
    with translation.override("nl"):
        since = dateformat.format(paused_from, "j F Y")
    assert f"Sinds {since} bouwt u geen PLB-uren op." in html
    Absence.objects.filter(start_date=start).update(pregnancy=True)
    from levensfase.web.hr.selectors import forget_workforce
    forget_workforce()
    assert "data-plb-pauses" not in client_as(Role.EMPLOYEE).get(URL).content.decode()



def test_ikb_without_a_salary_says_so_rather_than_zero(client_as, org, settings, tmp_path):
    rules = tmp_path / "budget.toml"
    rules.write_text("version = 1\nplb_hours_per_year = 57\nikb_pct = 16.37\nown_eur_per_year = 500\n", encoding="utf-8")
    settings.LEVENSFASE_BUDGET_RULES = str(rules)
    html = client_as(Role.EMPLOYEE).get(URL).content.decode()
    assert "Individueel keuzebudget (16,37% van het salaris)" in html
    assert '<dd data-balance="ikb">salaris onbekend</dd>' in html and "data-ikb-unknown" in html
    assert "Salarissen zitten niet in de gegevens" in html


def test_ikb_switched_off_is_not_shown(client_as, org):
    html = client_as(Role.EMPLOYEE).get(URL).content.decode()  # packaged budget.toml: ikb_pct = 0
    assert 'data-balance="ikb"' not in html and "salaris onbekend" not in html


def _explained(html, budget):
    import re

    item = html[html.index(f'<li data-explain="{budget}">'):]
    item = item[:item.index("</li>")]
    return [float(n.replace(".", "").replace(",", ".")) for n in re.findall(r"\d[\d.]*,\d\d", item)], item


def test_budget_explains_carry_over_and_the_saving_maximum(client_as, wish):
    """Each sentence adds up (carried + built up − used − lost = left), carries over exactly last
    year's row of the table, and no balance is negative."""
    import re

    html = client_as(Role.EMPLOYEE).get(URL).content.decode()
    year = date.today().year
    table = html[html.index("<table data-budget>"):html.index("</table>", html.index("<table data-budget>"))]

    def cells(y):
        row = table[table.index(f'<tr data-year="{y}">'):]
        row = row[:row.index("</tr>")]
        return [float(c.replace(".", "").replace(",", ".")) for c in re.findall(r'<td class="num">([\d,.-]+)</td>', row)]

    this, last = cells(year), cells(year - 1)
    # columns: hours accrued/spent/left, euros accrued/spent/left, training spent/left
    for budget, left_col in (("plb", 2), ("own_budget", 5), ("training_budget", 7)):
        numbers, text = _explained(html, budget)
        carried, accrued, spent, balance = numbers[:4]
        lost = numbers[4] if len(numbers) > 4 else 0.0
        assert f"meegenomen uit {year - 1}" in text and f"opgebouwd in {year}" in text
        assert carried == last[left_col] and balance == this[left_col] >= 0
        assert round(carried + accrued - spent - lost, 2) == balance
    # the training budget is saved up to € 4.500 (packaged budget.toml, CAO): the rest is lost, and said so
    numbers, text = _explained(html, "training_budget")
    assert numbers[3] == 4500.0 and "boven het maximale spaarbedrag" in text and numbers[4] == numbers[1]
