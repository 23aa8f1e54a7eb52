"""A Dutch export in the browser: upload it to the mapping builder, check the proposals, pick the
one column it could not guess, preview, save, import with the saved profile, and see the people on
the composition dashboard."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from levensfase.ingest.generator import generate
from levensfase.web.accounts.models import Role
from levensfase.web.dashboards.selectors import decide_years
from levensfase.web.ui import cache
from support import org_fixture as fixture_data
from support.dutch_export import dutch_export, with_accented_unit
from .conftest import PASSWORD, SCREENSHOTS

EMPLOYEES = 30


@pytest.fixture
def empty_site(transactional_db, live_server, settings, tmp_path):
    """No organisation yet: only an HR admin who is about to import the first export."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.HOME = tmp_path / "home"
    fixture_data.make_user("hr-admin", Role.HR_ADMIN, password=PASSWORD)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    cache.clear()
    yield {"url": live_server.url}
    cache.clear()


def _working_on(assignments: pl.DataFrame, day: date) -> int:
    covering = assignments.filter((pl.col("start_date") <= day)
                                  & (pl.col("end_date").is_null() | (pl.col("end_date") >= day)))
    return covering["person_id"].n_unique()


def test_a_dutch_export_mapped_in_the_builder_fills_the_dashboards(page, empty_site, login, shot, tmp_path):
    today = timezone.localdate()
    tables = with_accented_unit(generate(employees=EMPLOYEES, years=3, seed=11, as_of=today))
    export = tmp_path / "dienstverbanden.csv"
    export.write_bytes(dutch_export(tables))
    expected = _working_on(tables["assignments"], today)
    assert expected == EMPLOYEES  # the generator's promise, counted independently from the file's rows
    url = empty_site["url"]

    login(page, empty_site, "hr-admin")
    page.goto(url + "/import/")
    page.get_by_role("link", name="Stel een mappingprofiel op voor de export van uw HR-systeem").click()
    page.get_by_label("Export uit uw HR-systeem").set_input_files(str(export))
    page.get_by_role("button", name="Openen in de mappingbouwer").click()
    page.wait_for_url("**/mappings/build/**")

    # proposals from sniffing: ; cp1252, dd-mm-jjjj, decimal comma, Dutch names and values
    assert page.locator("#delimiter").input_value() == ";"
    assert page.locator("#encoding").input_value() == "cp1252"
    assert page.locator("#date_format").input_value() == "%d-%m-%Y"
    assert page.locator("#decimal_comma").is_checked()
    assert page.locator("#col-assignments-start_date").input_value() == "Datum in dienst"
    assert page.locator("#col-assignments-fte").input_value() == "Deeltijdfactor"
    contract_values = page.locator("table[data-values='assignments-contract'] select")
    assert "permanent" in [contract_values.nth(i).input_value() for i in range(contract_values.count())]
    expect(page.get_by_text("Coördinatie Zuid").first).to_be_visible()  # Windows-1252 read right
    jobs = page.locator("[data-preview='jobs']")
    assert "De verplichte kolom ontbreekt." in jobs.inner_text()  # job family is not guessed
    shot(page, "mapping-builder-proposed")

    page.locator("#col-jobs-job_family").select_option("Soort functie")
    page.get_by_label("Naam van het profiel").fill("Youforce-export")
    page.get_by_role("button", name="Voorbeeld", exact=True).click()
    page.wait_for_load_state()
    for table in ("people", "units", "jobs", "assignments"):
        assert "0 problemen" in page.locator(f"[data-preview='{table}']").inner_text(), table
    assert "permanent" in page.locator("[data-preview='assignments'] table").inner_text()
    shot(page, "mapping-builder-preview")

    page.get_by_role("button", name="Profiel opslaan").click()
    page.wait_for_url(re.compile(r"/mappings/(#preview)?$"))  # the form's #preview survives the redirect
    expect(page.locator("tr[data-profile='Youforce-export']")).to_be_visible()
    shot(page, "mapping-builder-saved")

    page.goto(url + "/import/")
    page.get_by_label("Bestand", exact=True).set_input_files(str(export))
    page.get_by_label("Mappingprofiel", exact=True).select_option(label="Youforce-export")
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_url("**/import/**/")
    shot(page, "mapping-import-check")
    page.locator("#confirm-button").click()
    page.wait_for_load_state()
    shot(page, "mapping-import-done")

    # A serving site decides the new data's year audits in the background after an import
    # (web.hr.services.after_import); the live test server does not serve that way, so it is done here.
    decide_years(today=today)
    page.goto(url + "/dashboards/")
    assert page.locator("[data-figure='headcount']").inner_text().strip() == str(expected)
    shot(page, "mapping-import-dashboard")
