"""`levensfase demo` loads the generated scan: two rounds, one programme and an open round, so every
scan page has something real to show; re-running changes nothing twice."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.scan.programmes import Programme as CoreProgramme
from levensfase.web.accounts.models import Role
from levensfase.web.scan import services
from levensfase.web.scan.models import Programme, ScanParticipation, ScanResponse, ScanRound

from .conftest import GROUPS, ROUND_1, ROUND_2, response_frame


def test_loader_stores_the_exchange_frame_and_the_programme_once(org, users):
    frame = response_frame(GROUPS)
    core = CoreProgramme(name="Teams aan zet", start=date(2025, 4, 1), units=("TA1",), comparison=None,
                         rounds=(ROUND_1, ROUND_2), targets={"co_creatie": 3.5})
    for _ in range(2):
        services.load_demo_scan(responses=frame, programme=core, today=org.today)
    assert ScanResponse.objects.count() == frame.height
    assert sorted(ScanResponse.objects.values_list("date", flat=True).distinct()) == [ROUND_1, ROUND_2]
    stored = Programme.objects.get()
    assert (stored.units, stored.comparison_units, stored.baseline, stored.follow_up, stored.targets) == (
        ["TA1"], [], ROUND_1, ROUND_2, {"co_creatie": 3.5})
    # One open round over the manager's unit (ZORG and below), not one per run.
    assert ScanRound.objects.count() == 1
    assert set(ScanParticipation.objects.values_list("person_id", flat=True)) == {"P01", "P02", "P05", "P07", "P09"}


@pytest.mark.django_db(transaction=True)
def test_the_demo_organisation_has_a_scan_on_every_page(client, settings, tmp_path, monkeypatch):
    from levensfase.web.demo import setup_demo
    from levensfase.web.hr.selectors import forget_workforce

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setenv("LEVENSFASE_HOME", str(tmp_path))
    forget_workforce()
    setup_demo(employees=300, seed=3, password="demo-wachtwoord-19")
    assert len(set(ScanResponse.objects.values_list("date", flat=True))) == 2
    programme = Programme.objects.get()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(profile__role=Role.HR_ANALYST))
    overview = client.get("/scan/").content.decode()
    assert '"type":"heatmap"' in overview and "Gebaseerd op" in overview
    # The generated business results are stored and shown: the latest value of one unit's KPI.
    from levensfase.web.scan.models import UnitKpi

    latest = UnitKpi.objects.order_by("unit_id", "kpi", "-period_end").first()
    assert latest is not None and 'id="kpis"' in overview
    unit_csv = client.get(f"/scan/units/{latest.unit_id}/?csv=kpis").content.decode()
    assert f",{latest.kpi},{latest.period_end.day} " in unit_csv
    assert f"{latest.value:.1f}".replace(".", ",") in unit_csv  # Dutch decimals, one digit
    page = client.get(f"/scan/programmes/{programme.pk}/").content.decode()
    assert "Verschil in verschillen" in page
    client.force_login(get_user_model().objects.get(profile__role=Role.EMPLOYEE))
    assert "/answer/" in client.get("/scan/mine/").content.decode()
