"""Competencies in a real browser: the employee does a self-assessment (a mistake first, then
levels and one added competency) and opens up for internal vacancies; the manager gives their
view and sees the difference as a conversation starter; HR admin runs a match for the team-lead
job and sees the employee first, the others marked as not to be approached. Screenshots saved."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from levensfase.web.hr.models import Conversation, PersonSkill
from support.competency_fixture import build_skills


def test_self_assessment_and_match(page, site, login, menu, shot):
    build_skills()
    today = date.today()
    login(page, site, "medewerker")
    page.get_by_role("link", name="Competenties").click()
    expect(page.get_by_role("heading", name="Mijn competenties")).to_be_visible()
    page.get_by_role("link", name="Mijn zelfbeoordeling invullen").click()
    expect(page.get_by_role("heading", name="Zelfbeoordeling")).to_be_visible()
    page.get_by_role("button", name="Beoordeling opslaan").click()  # nothing chosen: a message, nothing stored
    assert "Geef bij minstens één competentie een niveau." in page.locator(".error-summary").inner_text()
    assert PersonSkill.objects.count() == 0
    page.get_by_label("Wondzorg").select_option("3")
    page.get_by_label("Samenwerken").select_option("3")
    page.get_by_label("Medicatieveiligheid").select_option("2")
    page.get_by_label("Competentie", exact=True).select_option(label="Leidinggeven")
    page.get_by_label("Niveau", exact=True).select_option("3")
    shot(page, "competencies-self-assessment-filled")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    assert "De beoordeling is opgeslagen." in page.locator(".messages").inner_text()
    assert set(PersonSkill.objects.values_list("skill_id", "level", "source", "date")) == {
        ("S1", 3, "self", today), ("S2", 3, "self", today), ("S3", 2, "self", today), ("S5", 3, "self", today)}
    expect(page.locator('[data-skill="S5"]')).to_be_visible()  # the added competency is on the form now
    page.get_by_role("link", name="Competenties").click()
    page.get_by_role("button", name="Open voor interne vacatures").click()
    expect(page.locator('[data-opt-in="true"]')).to_be_visible()
    assert Conversation.objects.get(person_id="P01", topic="internal_mobility_opt_in").value == "true"
    shot(page, "competencies-employee-mine")

    page.context.clear_cookies()
    login(page, site, "manager")
    page.get_by_role("link", name="Competenties").click()
    page.get_by_role("link", name="Competenties van mijn team").click()
    page.locator('[data-person="P01"]').get_by_role("link", name="Beoordelen").click()
    expect(page.get_by_role("heading", name="Beoordeling door leidinggevende")).to_be_visible()
    page.get_by_label("Wondzorg").select_option("2")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    note = page.locator('[data-skill="S1"] [data-difference]').inner_text()
    assert note == "Medewerker: 3, u: 2 — bespreek in het loopbaangesprek"
    shot(page, "competencies-manager-assessment")

    page.context.clear_cookies()
    login(page, site, "medewerker")
    page.goto(site["url"] + "/competencies/assessment/P01/")
    assert page.locator('[data-skill="S1"] [data-difference]').inner_text() == \
        "U: 3, leidinggevende: 2 — bespreek in het loopbaangesprek"
    page.get_by_role("link", name="Competentieprofiel").click()
    # latest levels: S1 2 (manager, same day beats self) < 3: development need; S5 3, not in the job: untapped
    expect(page.locator('[data-status="untapped"] [data-skill="S5"]')).to_be_visible()
    expect(page.locator('[data-status="development_need"] [data-skill="S1"]')).to_be_visible()
    shot(page, "competencies-employee-profile")

    page.context.clear_cookies()
    login(page, site, "hr-admin")
    menu(page, "Competenties")
    expect(page.get_by_role("heading", name="Interne mobiliteit")).to_be_visible()
    page.get_by_label("Open functie").select_option(label="Teamleider")
    page.get_by_role("button", name="Kandidaten zoeken").click()
    page.wait_for_url(re.compile(r".*search=1.*"))  # count the candidates of the result, not of the form
    rows = page.locator("[data-candidate]")
    ids = [rows.nth(i).get_attribute("data-candidate") for i in range(rows.count())]
    # P06 and P07 hold the job; P01 fits S5 and S2 at 3 → 0.6 + 0.125 + 0.075 = 80%; the rest 20%
    assert ids == ["P01", "P02", "P03", "P05", "P09"]
    assert page.locator('[data-candidate="P01"] [data-score]').inner_text() == "80,0%"
    assert page.locator('[data-candidate="P01"] [data-opted-in]').inner_text() == "ja"
    assert page.locator('[data-candidate="P02"] [data-opted-in]').inner_text() == "nee — niet benaderen"
    assert re.search(r"Voldoet aan alle 2 gevraagde competenties", page.locator('[data-candidate="P01"]').inner_text())
    shot(page, "competencies-hr-match")
