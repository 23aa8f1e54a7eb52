"""In the browser: a partial snapshot shows a red summary and a confirm button that works only
once the number of removed rows is typed; cancelling leaves the data exactly as it was."""

from __future__ import annotations

from datetime import date

from levensfase.web.hr.models import Assignment
from levensfase.web.hr.tables import MODELS

from support.import_upload import zipped

# P01's assignments without the first one (2015–2020): a snapshot removes it.
PARTIAL = {"assignments.csv": "person_id,start_date,end_date,unit_id,job_id,fte,contract,end_reason\n"
                              "P01,2021-01-01,,TA1,SVPL,0.8,permanent,\n"}


def test_a_partial_snapshot_shows_a_red_summary_and_cancel_changes_nothing(site, page, login, shot, tmp_path):
    for model in MODELS.values():  # the hand-made organisation, as if it came from an earlier import
        model.objects.update(import_run=0)
    before = sorted(Assignment.objects.values_list("person_id", "start_date", "unit_id", "fte"))
    upload = tmp_path / "partial.zip"
    upload.write_bytes(zipped(PARTIAL))

    login(page, site, "hr-admin")
    page.goto(site["url"] + "/import/")
    page.get_by_label("Momentopname van stamgegevens", exact=False).check()
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Bestand controleren").click()

    summary = page.locator("#import-summary")
    summary.wait_for()
    assert summary.inner_text().strip() == "Deze import verwijdert 1 dienstverband."
    assert "error-summary" in summary.get_attribute("class")
    button = page.locator("#confirm-button")
    assert button.inner_text().strip() == "Vervangen en 1 rij verwijderen"
    assert button.is_disabled()
    page.locator("#removed").fill("2")
    assert button.is_disabled()
    page.locator("#removed").fill("1")
    assert button.is_enabled()
    shot(page, "import-partial-snapshot-red-summary")

    page.get_by_role("button", name="Annuleren").click()
    page.wait_for_url(site["url"] + "/import/")
    shot(page, "import-partial-snapshot-cancelled")
    assert sorted(Assignment.objects.values_list("person_id", "start_date", "unit_id", "fte")) == before
    assert Assignment.objects.filter(person_id="P01", start_date=date(2015, 1, 1)).exists()
