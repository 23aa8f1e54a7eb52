"""HR admin uploads business results (unit_kpis.csv): rows added or updated, never removed; a bad
file is refused with a Dutch message and stores nothing."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from levensfase.web.accounts.models import Role
from levensfase.web.scan.models import UnitKpi

from .kpi_files import FIRST, SECOND


def _upload(client, content: str | bytes, name: str = "unit_kpis.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post("/scan/kpis/", {"file": SimpleUploadedFile(name, data)}, follow=True)


def _stored() -> set[tuple]:
    rows = UnitKpi.objects.values_list("unit_id", "period_end", "kpi", "value")
    return {(u, p.isoformat(), k, v) for u, p, k, v in rows}


def test_upload_stores_and_a_second_file_removes_nothing(client_as, org):
    client = client_as(Role.HR_ADMIN)
    first = _upload(client, FIRST)
    assert "Bedrijfsresultaten opgeslagen: 3 toegevoegd, 0 gewijzigd; niets verwijderd." in first.content.decode()
    assert _stored() == {("TA1", "2024-12-31", "productiviteit", 100.0),
                         ("TA1", "2025-12-31", "productiviteit", 102.5),
                         ("TA2", "2025-12-31", "klanttevredenheid", 7.8)}
    second = _upload(client, SECOND)
    assert "0 toegevoegd, 1 gewijzigd; niets verwijderd." in second.content.decode()
    assert _stored() == {("TA1", "2024-12-31", "productiviteit", 100.0),
                         ("TA1", "2025-12-31", "productiviteit", 104.0),
                         ("TA2", "2025-12-31", "klanttevredenheid", 7.8)}


def test_bad_files_are_refused_in_dutch_and_store_nothing(client_as, org):
    client = client_as(Role.HR_ADMIN)
    cases = {
        FIRST + "NOPE,2025-12-31,productiviteit,1\n": "Bedrijfsresultaten niet bruikbaar: onbekende afdeling(en) NOPE.",
        FIRST + "TA2,2025-12-31,klanttevredenheid,8\n":
            "rij 5, kolom unit_id, period_end, kpi: Deze sleutel (unit_id, period_end, kpi) komt al eerder voor "
            "in het bestand.",
        "unit_id,period_end,kpi,value\nTA1,2025-12-31,productiviteit,veel\n": "value",
        "unit_id,kpi,value\nTA1,productiviteit,1\n": "period_end",
    }
    for text, message in cases.items():
        response = _upload(client, text)
        html = response.content.decode()
        assert response.status_code == 400, text
        assert "Het bestand is niet bruikbaar. Er is niets opgeslagen." in html
        assert message in html, (message, html[html.find("error-summary"):][:600])
    assert UnitKpi.objects.count() == 0
    wrong = _upload(client, FIRST, name="unit_kpis.txt")
    assert wrong.status_code == 400 and "Upload een CSV-bestand of een Excel-werkmap (.xlsx)." in wrong.content.decode()


def test_only_hr_admin_uploads(client_as, org):
    for role in (Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.MANAGER, Role.EMPLOYEE):
        assert client_as(role).post("/scan/kpis/", {}).status_code == 403
        assert client_as(role).get("/scan/kpis/").status_code == 403
    assert UnitKpi.objects.count() == 0


def test_a_workbook_with_a_unit_kpis_sheet(client_as, org, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "unit_kpis"
    for row in (("unit_id", "period_end", "kpi", "value"), ("TB1", "2025-06-30", "verzuim", 4.2)):
        sheet.append(row)
    book.save(tmp_path / "kpis.xlsx")
    client = client_as(Role.HR_ADMIN)
    assert "1 toegevoegd" in _upload(client, (tmp_path / "kpis.xlsx").read_bytes(), "kpis.xlsx").content.decode()
    assert _stored() == {("TB1", "2025-06-30", "verzuim", 4.2)}
    book.active.title = "iets_anders"
    book.save(tmp_path / "other.xlsx")
    refused = _upload(client, (tmp_path / "other.xlsx").read_bytes(), "other.xlsx")
    assert refused.status_code == 400 and "De werkmap heeft geen tabblad “unit_kpis”." in refused.content.decode()


def test_an_empty_post_asks_for_a_file(client_as, org):
    response = client_as(Role.HR_ADMIN).post("/scan/kpis/", {})
    assert response.status_code == 400 and "Kies een bestand." in response.content.decode()


def test_the_english_interface_refuses_in_english(client_as, org):
    client = client_as(Role.HR_ADMIN)
    client.cookies["django_language"] = "en"
    html = _upload(client, FIRST + "NOPE,2025-12-31,productiviteit,1\n").content.decode()
    assert "The file could not be used. Nothing has been stored." in html
    assert "Business results not usable: unknown unit(s) NOPE." in html
    assert UnitKpi.objects.count() == 0
