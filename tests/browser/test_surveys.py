"""Surveys in a real browser: an employee gives consent, fills in the WAI and sees the own result;
the manager then sees only a suppressed team aggregate of last year's closed round, and this
year's open round with no result at all. Screenshots for a human look."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from levensfase.web.hr.models import SurveyResponse
from levensfase.web.hr.selectors import forget_workforce

# Hand-scored WAI (mixed job, as P01's): q1 7; q2 4 + 4 = 8; one disease group → 5; q4 5; 3 sick days → 4;
# q6 "vrij zeker" 7; q7 3 + 3 + 3 = 9 → 3. Total 39: good.
EXPECTED_TOTAL = "39"
# Another hand-scored WAI (any job): q1 5, q2 5 + 5 → 10, no diseases 7, q4 6, no sick days 5, q6 7, q7 4+4+4 → 4: 44.
WAI_44 = {"q1": 5.0, "q2_physical": 5.0, "q2_mental": 5.0, "q3_diseases": 0.0, "q4": 6.0, "q5_sick_days": 0.0,
          "q6": 7.0, "q7_1": 4.0, "q7_2": 4.0, "q7_3": 4.0}


def test_employee_fills_in_wai_and_manager_sees_only_suppressed_team(page, site, login, menu, shot):
    login(page, site, "medewerker")
    page.get_by_role("link", name="Mijn vragenlijsten").click()
    page.get_by_role("link", name="Lezen en toestemming geven").click()
    expect(page.get_by_role("heading", name="Wie ziet uw antwoorden")).to_be_visible()
    shot(page, "surveys-consent")
    page.get_by_role("button", name="Ik ga akkoord en doe mee").click()
    page.get_by_role("link", name="Vul de vragenlijst werkvermogen in (WAI)").click()

    page.get_by_role("button", name="Mijn antwoorden versturen").click()  # empty: every question complains
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.locator("text=Beantwoord deze vraag alstublieft.").count() >= 9
    shot(page, "surveys-wai-errors")

    q = page.locator("fieldset.question")
    q.nth(0).get_by_label("7", exact=True).check()
    q.nth(1).get_by_label("vrij goed", exact=True).check()
    q.nth(2).get_by_label("vrij goed", exact=True).check()
    q.nth(3).get_by_label("Huidaandoening").check()
    q.nth(4).get_by_label("Ik kan mijn werk doen, maar het geeft wel klachten").check()
    q.nth(5).get_by_label("Dagen").fill("3")
    q.nth(6).get_by_label("vrij zeker", exact=True).check()
    for i in (7, 8, 9):
        q.nth(i).get_by_label("tamelijk vaak", exact=True).check()
    shot(page, "surveys-wai-filled")
    page.get_by_role("button", name="Mijn antwoorden versturen").click()

    page.wait_for_url(re.compile(r".*/surveys/mine/$"))
    assert page.locator("[data-own-score]").inner_text() == EXPECTED_TOTAL
    expect(page.get_by_text("Uw werkvermogen is goed")).to_be_visible()
    shot(page, "surveys-own-result")

    # last year's round (closed): two answers in the manager's Zorg, too few to show
    last_year = date(date.today().year - 1, 6, 15)
    for person_id in ("P02", "P05"):
        SurveyResponse.objects.create(person_id=person_id, date=last_year, instrument="wai", answers=WAI_44)
    forget_workforce()  # written here, not through a service that does it
    page.context.clear_cookies()
    login(page, site, "manager")
    menu(page, "Duurzame inzetbaarheid")
    expect(page.get_by_role("heading", name="Duurzame inzetbaarheid")).to_be_visible()
    expect(page.get_by_role("heading", name="Lopende rondes")).to_be_visible()  # today's answer: round still open
    expect(page.get_by_text(f"gesloten 31 december {last_year.year}")).to_be_visible()
    body = page.locator("main").inner_text()
    assert "< 5" in body  # two respondents in the team: withheld
    assert not re.search(rf"(?<!\d)({EXPECTED_TOTAL}|44)(?!\d)", body)
    assert page.locator(".suppressed").first.get_attribute("title").startswith("Minder dan 5 respondenten")
    shot(page, "surveys-manager-dashboard")
