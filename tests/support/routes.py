"""Every page and download of the web app a privacy test must look at, in one list.

`PAGES` are plain GETs (person pages of P01/P02, lists, team pages, dashboards, surveys, audit log,
error pages); `PANEL_PAGES` are pages whose "Download this table (CSV)" links are all followed;
`OWN_DOWNLOADS` are pages with one CSV of their own. `fetch_downloads` gathers the CSV responses a
user can reach (a page the user may not open gives its error response instead); `report_text` reads
the management report a user downloads (PDF or Excel) back as text.
"""

from __future__ import annotations

import html
import io
import re
from datetime import date, datetime

from django.urls import reverse

PAGES: dict[str, tuple[str, dict]] = {
    "home": ("home", {}),
    "person P01": ("person:P01", {}),
    "person P02": ("person:P02", {}),
    "people list": ("people", {}),
    "people search: health word": ("people", {"q": "gezondheidsbeperking"}),
    "people search: health code": ("people", {"q": "health_limitation"}),
    "people search: person": ("people", {"q": "P0"}),
    "maatwerk mine": ("maatwerk:mine", {}),
    "maatwerk team": ("maatwerk:team", {}),
    "maatwerk requests": ("maatwerk:requests", {}),
    "maatwerk register": ("maatwerk:register", {}),
    "conversation P01": ("maatwerk:conversation:P01", {}),
    "policy scan": ("maatwerk:policy_scan", {}),
    "competencies team": ("competencies:team", {}),
    "competencies profile P01": ("competencies:profile:P01", {}),
    "competencies dashboard": ("competencies:dashboard", {}),
    "surveys dashboard": ("surveys:dashboard", {}),
    "surveys dashboard by unit": ("surveys:dashboard", {"by": "unit"}),
    "surveys mine": ("surveys:mine", {}),
    "surveys follow-up": ("surveys:followups", {}),
    "surveys follow-up P01": ("surveys:followup_person:P01", {}),
    "dashboard composition": ("dashboard_composition", {}),
    "dashboard flows": ("dashboard_flows", {}),
    "dashboard retention": ("dashboard_retention", {}),
    "dashboard categories": ("dashboard_categories", {}),
    "planner": ("planning:planner", {}),
    "audit log": ("audit_log", {}),
    "audit log P01": ("audit_log", {"person": "P01"}),
    "error 404": ("/no-such-page/", {}),
    "error 400 (unknown table)": ("dashboard_composition", {"csv": "no-such-table"}),
}

PANEL_PAGES: list[tuple[str, dict]] = [
    ("dashboard_composition", {}),
    ("dashboard_flows", {}),
    ("dashboard_retention", {}),
    ("dashboard_categories", {}),
    ("competencies:dashboard", {}),
    ("planning:planner", {"min_category_share": "0", "min_development_share": "0", "by": "job_family"}),
    ("planning:projection", {"scenario": "baseline", "years": "3", "runs": "200", "seed": "7"}),
    ("planning:compare", {"scenarios": "baseline", "years": "3", "runs": "200", "seed": "3",
                          "custom_name": "@SUM(1)", "custom_young_turnover_change": "-25"}),
]
OWN_DOWNLOADS: list[tuple[str, dict]] = [
    ("maatwerk:policy_scan", {"format": "csv"}),
    *[("surveys:dashboard", {"format": "csv", "by": by}) for by in ("unit", "job_family", "life_phase")],
]


def url_of(target: str) -> str:
    """A URL name, a URL name with a person id ("person:P01") or a literal path."""
    if target.startswith("/"):
        return target
    name, _, last = target.rpartition(":")
    if name and re.fullmatch(r"P\d+", last):
        return reverse(name, kwargs={"person_id": last})
    return reverse(target)


def fetch_downloads(client) -> list:
    """Every CSV response `client` reaches from the panel pages and the own downloads (or the error
    response of a page it may not open)."""
    responses = []
    for name, params in PANEL_PAGES:
        page = client.get(reverse(name), params)
        if page.status_code != 200:
            responses.append(page)
            continue
        links = sorted(set(re.findall(r'href="\?([^"]*csv=[^"]*)"', page.content.decode())))
        assert links, f"{name} offers no CSV download"
        responses += [client.get(f"{reverse(name)}?{html.unescape(query)}") for query in links]
    responses += [client.get(reverse(name), params) for name, params in OWN_DOWNLOADS]
    return responses


REPORT_DOWNLOADS = ("pdf", "xlsx")
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")
_DUTCH_DAY = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})\b")


def report_text(client, kind: str) -> str:
    """The text of the management report download (every cell of the workbook, every page of the PDF),
    with days also written as ISO dates so date markers are found in either; the error page when refused."""
    response = client.get(reverse("report_download", kwargs={"kind": kind}))
    if response.status_code != 200:
        return response.content.decode()
    data = b"".join(response.streaming_content)
    if kind == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data))
        cells = [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
        return "\n".join(c.date().isoformat() if isinstance(c, datetime) else str(c) for c in cells)
    import pypdf

    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    iso = [date(int(y), _MONTHS.index(m) + 1, int(d)).isoformat() for d, m, y in _DUTCH_DAY.findall(text)]
    return text + "\n" + "\n".join(iso)
