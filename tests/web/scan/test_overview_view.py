"""The scan overview: heat map (suppressed cells as "< k" from the core), HR indicators, alignment
sentence, coverage line, round filter, downloads; results roles only."""

from __future__ import annotations

import io

from levensfase.web.accounts.models import Role

from .conftest import ROUND_1

RESULTS = (Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL)
NO_RESULTS = (Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH, Role.PRIVACY_OFFICER, "nobody")


def _row(csv_text: str, name: str) -> list[str]:
    import csv

    return next(row for row in csv.reader(io.StringIO(csv_text)) if row[0] == name)


def test_results_roles_only(client_as, scanned):
    for role in RESULTS:
        assert client_as(role).get("/scan/").status_code == 200
    for role in NO_RESULTS:
        assert client_as(role).get("/scan/").status_code == 403
        assert client_as(role).get("/scan/?csv=heatmap").status_code == 403
        assert client_as(role).get("/scan/?download=xlsx").status_code == 403


def test_heat_map_shows_published_means_and_hides_small_units(client_as, scanned):
    text = client_as(Role.HR_ANALYST).get("/scan/?csv=heatmap").content.decode()
    # Latest round: Team Noord 4, 4, 4, 3, 4, 5 → 24 / 6 = 4,0; the organisation 46 / 13 = 3,54.
    assert _row(text, "Team Noord") == ["Team Noord", "6", *["4,0"] * 6]
    assert _row(text, "Hele organisatie") == ["Hele organisatie", "13", *["3,5"] * 6]
    # Team Financiën has 2 respondents: "< 5", and so does a companion (Team Zuid), or its 2 would
    # follow from the organisation minus the rest.
    assert _row(text, "Team Financiën")[1:] == ["< 5"] * 7
    assert _row(text, "Team Zuid")[1:] == ["< 5"] * 7


def test_the_round_filter_and_a_bad_round(client_as, scanned):
    client = client_as(Role.WORKS_COUNCIL)
    text = client.get(f"/scan/?round={ROUND_1.isoformat()}&csv=heatmap").content.decode()
    assert _row(text, "Team Noord") == ["Team Noord", "6", *["2,5"] * 6]  # 15 / 6
    response = client.get("/scan/?round=2024-02-30")
    assert response.status_code == 400
    assert "Er is geen meetronde op “2024-02-30”." in response.content.decode()


def test_page_has_the_coverage_line_alignment_and_chart(client_as, scanned):
    html = client_as(Role.HR_ANALYST).get("/scan/").content.decode()
    assert "Gebaseerd op 13 ingevulde scans in de ronde van 1 maart 2026." in html
    assert "Er zijn geen regelingen vastgelegd" in html  # the findings module: no arrangements, no conclusion
    from importlib.metadata import version

    from django.urls import reverse

    assert 'data-figure="chart-heatmap"' in html and '"type":"heatmap"' in html
    assert f'src="{reverse("plotly_js", kwargs={"version": version("plotly")})}"' in html  # offline, no CDN
    assert 'href="/scan/units/TA1/"' in html


def test_excel_download_writes_hidden_cells_as_text(client_as, scanned):
    from openpyxl import load_workbook

    response = client_as(Role.HR_ANALYST).get("/scan/?download=xlsx")
    assert response["Content-Disposition"].startswith('attachment; filename="levensfase-scan-2026-03-01.xlsx"')
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = {row[0]: row for row in book.worksheets[1].iter_rows(values_only=True)}
    assert rows["Team Noord"][1] == 6 and rows["Team Noord"][2] == 4.0
    assert rows["Team Financiën"][1:] == ("< 5",) * 7


def test_without_answers_the_page_says_so(client_as, org):
    html = client_as(Role.HR_ADMIN).get("/scan/").content.decode()
    assert "Nog geen antwoorden op de scan." in html


def test_downloads_never_carry_a_formula(client_as, scanned):
    """A unit named like a formula (from an HRIS export) is text in the CSV and in the workbook."""
    from openpyxl import load_workbook

    from levensfase.web.hr.models import Unit

    Unit.objects.filter(unit_id="TA1").update(name='=HYPERLINK("http://x.example","klik")')
    client = client_as(Role.HR_ANALYST)
    text = client.get("/scan/?csv=heatmap").content.decode()
    assert '"\'=HYPERLINK(""http://x.example"",""klik"")"' in text
    book = load_workbook(io.BytesIO(b"".join(client.get("/scan/?download=xlsx").streaming_content)))
    cells = [row[0] for row in book.worksheets[1].iter_rows(values_only=True)]
    assert '=HYPERLINK("http://x.example","klik")' in cells  # a plain string cell: shown, never evaluated
    assert all(cell.data_type == "s" for cell in book.worksheets[1]["A"])


def test_pdf_download(client_as, scanned):
    response = client_as(Role.WORKS_COUNCIL).get("/scan/?download=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_pdf_without_its_engine_says_so(client_as, scanned, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    response = client_as(Role.HR_ANALYST).get("/scan/?download=pdf")
    assert response.status_code == 503
    assert "WeasyPrint" in response.content.decode()


def test_answers_the_instrument_no_longer_knows_give_a_message_not_a_crash(client_as, scanned):
    from levensfase.web.scan.models import ScanResponse

    ScanResponse.objects.filter(item="dm1").update(item="oud1")  # e.g. an organisation dropped an item
    for url in ("/scan/", "/scan/units/TA1/"):
        response = client_as(Role.HR_ANALYST).get(url)
        assert response.status_code == 422
        assert "onbekende vraag(en) oud1" in response.content.decode()


def test_business_results_beside_the_scores(client_as, scanned, kpis_stored):
    """kpi_files.FIRST: TA1 productiviteit 100 → 102,5 (+2,5); TA2 klanttevredenheid 7,8, no earlier period."""
    client = client_as(Role.HR_ANALYST)
    text = client.get("/scan/?csv=kpis").content.decode().splitlines()
    assert text == ["Eenheid,KPI,Periode tot en met,Waarde,Verandering",
                    'Team Noord,productiviteit,31 december 2025,"102,5","+2,5"',
                    'Team Zuid,klanttevredenheid,31 december 2025,"7,8",–']
    html = client.get("/scan/").content.decode()
    assert "Bedrijfsresultaten" in html and "102,5" in html


def test_business_results_in_the_workbook(client_as, scanned, kpis_stored):
    from openpyxl import load_workbook

    response = client_as(Role.HR_ANALYST).get("/scan/?download=xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    assert ("Team Noord", "productiviteit", "2025-12-31", 102.5, 2.5) in rows
    assert ("Team Zuid", "klanttevredenheid", "2025-12-31", 7.8, None) in rows
