"""The social-innovation scan in a real browser (issue 19): HR admin opens a round for Zorg,
four employees fill in the questionnaire (one with the keyboard only), HR admin closes the round,
and the HR analyst sees the heat map and a programme page. k = 2 here, so four answers in two teams can show; every step
waits with `expect(...)`; screenshots at 1366 px wide."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from levensfase.scan.instrument import load_instrument
from support.org_fixture import make_user

from .conftest import PASSWORD, _login

# Team Noord (TA1): P01 and P05; Team Zuid (TA2): P02 and P09. Each answers every item alike.
ANSWERS = {"medewerker": 4, "p05": 4, "p02": 2, "p09": 3}
WORDS = {2: "mee oneens", 3: "neutraal", 4: "mee eens"}


def _wide(page) -> None:
    page.set_viewport_size({"width": 1366, "height": 800})


def _fill_in(page, value: int, *, keyboard: bool) -> None:
    page.get_by_role("link", name="Scan", exact=True).click()
    page.get_by_role("link", name=re.compile("Invullen: Nulmeting")).click()
    questions = page.locator("fieldset.question")
    expect(questions.first).to_be_visible()
    for i in range(questions.count()):
        if keyboard:  # focus the first answer, arrow right to the wanted one (selects it), as a keyboard user does
            questions.nth(i).locator("input[type=radio]").first.focus()
            page.keyboard.press("Space")
            for _ in range(value - 1):
                page.keyboard.press("ArrowRight")
        else:
            questions.nth(i).get_by_label(WORDS[value], exact=True).check()
    page.get_by_role("button", name="Mijn antwoorden versturen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Uw antwoorden zijn zonder uw naam opgeslagen.")).to_be_visible()
    expect(page.get_by_text("ingevuld, dank u wel")).to_be_visible()


def test_round_answers_heat_map_and_programme(page, site, settings, shot, menu, tmp_path):
    from levensfase.web.dashboards.selectors import decide_years

    settings.LEVENSFASE_K = 2
    decide_years(today=date.today())  # at k = 2, as `levensfase demo` decides before it serves: HR's home reads them
    for username, person_id in (("p05", "P05"), ("p02", "P02"), ("p09", "P09")):
        make_user(username, "employee", person_id=person_id, password=PASSWORD)
    _wide(page)

    _login(page, site, "hr-admin")
    menu(page, "Sociale innovatie")
    page.get_by_role("link", name="Scanrondes").click()
    page.get_by_label("Naam").fill("Nulmeting")
    page.get_by_label("Afdelingen (inclusief de afdelingen daaronder)").select_option(["ZORG"])
    page.get_by_label("Sluit op").fill((date.today() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Ronde openen").click()
    expect(page.get_by_text("De scanronde is geopend en 5 mensen zijn uitgenodigd.")).to_be_visible()
    shot(page, "scan-rounds")

    for n, (username, value) in enumerate(ANSWERS.items()):
        _login(page, site, username)
        if n == 0:
            page.get_by_role("link", name="Scan", exact=True).click()
            page.get_by_role("link", name=re.compile("Invullen: Nulmeting")).click()
            page.get_by_role("button", name="Mijn antwoorden versturen").click()
            expect(page.locator(".error-summary")).to_be_visible()
            expect(page.locator("fieldset.question.invalid")).to_have_count(len(load_instrument().items))
            shot(page, "scan-questionnaire-errors")
        _fill_in(page, value, keyboard=n == 0)
    shot(page, "scan-answered")

    _login(page, site, "hr-admin")  # close the round, then a programme on Team Noord against the rest
    menu(page, "Sociale innovatie")
    expect(page.get_by_text("loopt nog tot")).to_be_visible()  # no results while the round is open
    page.get_by_role("link", name="Scanrondes").click()
    page.get_by_role("button", name="Nu sluiten: ronde Nulmeting").click()
    expect(page.get_by_text("De ronde is gesloten; de uitkomsten staan in het overzicht.")).to_be_visible()
    page.goto(site["url"] + "/scan/programmes/new/")
    page.get_by_label("Naam").fill("Teams aan zet")
    page.get_by_label("Startdatum").fill(date.today().isoformat())
    page.get_by_label("Afdelingen in het traject").select_option(["TA1"])
    page.get_by_label("Nulmeting").select_option(date.today().isoformat())
    page.get_by_label("Dynamisch management").fill("3,5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het traject is opgeslagen.")).to_be_visible()
    kpis = tmp_path / "unit_kpis.csv"  # business results: Team Noord 100 → 102,5
    kpis.write_text("unit_id,period_end,kpi,value\nTA1,2024-12-31,productiviteit,100\n"
                    "TA1,2025-12-31,productiviteit,102.5\n", encoding="utf-8")
    page.get_by_role("link", name="Bedrijfsresultaten").click()
    page.get_by_label("Bedrijfsresultaten (unit_kpis.csv of .xlsx)").set_input_files(str(kpis))
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_text("Bedrijfsresultaten opgeslagen: 2 toegevoegd, 0 gewijzigd; niets verwijderd.")).to_be_visible()
    shot(page, "scan-kpis-upload")

    _login(page, site, "hr-analist")
    menu(page, "Sociale innovatie")
    expect(page.get_by_role("heading", name="Waar staan de afdelingen?")).to_be_visible()
    expect(page.locator("#chart-heatmap .main-svg").first).to_be_visible()
    noord = page.locator("#table-heatmap tr", has_text="Team Noord")
    expect(noord.locator("td").nth(0)).to_have_text("2")
    expect(noord.locator("td").nth(1)).to_have_text("4,0")
    shot(page, "scan-heat-map")
    page.locator("#kpis").scroll_into_view_if_needed()
    shot(page, "scan-kpis-overview")
    business = page.locator("#table-kpis tr", has_text="Team Noord")
    expect(business.locator("td").nth(2)).to_have_text("102,5")
    expect(business.locator("td").nth(3)).to_have_text("+2,5")
    page.get_by_role("link", name="Team Noord").click()
    expect(page.locator("#chart-profile .main-svg").first).to_be_visible()
    expect(page.locator("[data-roles-together]")).to_contain_text("samen getoond")
    expect(page.locator("#table-kpis")).to_contain_text("productiviteit")
    shot(page, "scan-unit-profile")
    page.get_by_role("link", name="Veranderingstrajecten").click()
    page.get_by_role("link", name="Teams aan zet").click()
    expect(page.get_by_role("heading", name="Wat heeft het traject veranderd?")).to_be_visible()
    expect(page.get_by_text("Er is nog geen effect te berekenen: onvoldoende gegevens.")).to_be_visible()
    shot(page, "scan-programme")
