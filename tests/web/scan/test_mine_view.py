"""My scan: the open invitations of the signed-in person, and whether they answered."""

from __future__ import annotations

from levensfase.web.accounts.models import Role


def test_lists_the_open_round_then_says_answered(client_as, scan_round, answer):
    html = client_as(Role.EMPLOYEE).get("/scan/mine/").content.decode()
    assert f"/scan/rounds/{scan_round.pk}/answer/" in html and "Invullen: Voorjaar" in html
    answer("P01", 3)
    html = client_as(Role.EMPLOYEE).get("/scan/mine/").content.decode()
    assert f"/scan/rounds/{scan_round.pk}/answer/" not in html and "ingevuld, dank u wel" in html


def test_without_person_record_there_is_no_page(client_as, org):
    assert client_as(Role.HR_ANALYST).get("/scan/mine/").status_code == 403
    assert client_as(Role.EMPLOYEE).get("/scan/mine/").status_code == 200
    assert "Er staat op dit moment geen scan voor u open." in client_as(Role.EMPLOYEE).get("/scan/mine/").content.decode()
