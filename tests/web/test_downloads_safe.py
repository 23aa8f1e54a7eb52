"""Every CSV download of the web app is safe to open in a spreadsheet (issue 16, item 4).

Units and job families of the hand-made organisation are renamed to formula attacks; every
download route is fetched (the panel pages: every "Download this table" link they show) and no
cell may start with a formula trigger unless it is a plain number, which must stay unchanged.
"""

from __future__ import annotations

import csv
import io

import pytest

from levensfase.spreadsheet import FORMULA_TRIGGERS, is_formula_like
from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Job, SurveyResponse, Unit
from levensfase.web.hr.selectors import forget_workforce
from levensfase.web.ui import cache
from support.routes import fetch_downloads

ATTACKS = ('=HYPERLINK("x")', "@SUM(1)", "-2+3+cmd|' /C calc'!A0")


@pytest.fixture
def hostile_names(org):
    """Team Noord, Team Zuid, Bedrijfsvoering and the job families carry formula attacks."""
    for unit_id, name in zip(("TA1", "TA2", "BV"), ATTACKS, strict=True):
        Unit.objects.filter(unit_id=unit_id).update(name=name)
    for job_id, family in zip(("VPL", "ADM", "TL"), ATTACKS, strict=True):
        Job.objects.filter(job_id=job_id).update(job_family=family, title=family)
    for pid in ("P02", "P03", "P05", "P06", "P07"):  # enough WAI answers for some groups to be shown
        SurveyResponse.objects.create(person_id=pid, date=org.today.replace(day=1), instrument="wai",
                                      answers={"q1": 8.0})
    forget_workforce()
    cache.clear()
    yield org
    cache.clear()


def _cells(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    return [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]


def _assert_safe(cells: list[str]) -> None:
    for cell in cells:
        if cell.startswith(FORMULA_TRIGGERS):
            assert not is_formula_like(cell), f"unsafe cell {cell!r}"


def test_every_download_is_safe_to_open(client_as, hostile_names):
    client = client_as(Role.HR_ADMIN)
    seen: list[str] = []
    for response in fetch_downloads(client):
        cells = _cells(response)
        _assert_safe(cells)
        seen += cells
    # The attacks did reach the downloads (unit, job family, a custom scenario name), neutralised.
    for attack in ATTACKS:
        assert "'" + attack in seen, attack


def test_panel_table_and_own_download_keep_negative_numbers_as_numbers():
    """No route of the demo shows a negative number, so both writers are checked directly."""
    from levensfase.web.ui.downloads import csv_download
    from levensfase.web.ui.tables import Row, Table, label_cell, value_cell

    table = Table(caption="c", columns=("unit", "change", "share"), rows=(
        Row((label_cell(ATTACKS[0]), value_cell(-2, suppressed=False, k=5),
             value_cell(-12.5, suppressed=False, k=5, percent=True))),
        Row((label_cell(ATTACKS[2]), value_cell(-1.5, suppressed=False, k=5), value_cell(3, suppressed=True, k=5))),
    ))
    rows = list(csv.reader(io.StringIO(table.csv())))
    assert rows[1:] == [["'" + ATTACKS[0], "-2", "-12,5%"], ["'" + ATTACKS[2], "-1,5", "< 5"]]
    response = csv_download(rows=[("unit", "n"), (ATTACKS[1], -3), ("x", "-4,5")], filename="t.csv")
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["unit", "n"], ["'" + ATTACKS[1], "-3"], ["x", "-4,5"]]
