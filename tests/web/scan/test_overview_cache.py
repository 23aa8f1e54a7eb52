"""The scan overview is computed once per state of the answers (selectors.answers_version): every
scan write through the services, and rows written beside them, make the next page compute again."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.db import transaction

from levensfase.web.accounts.models import Role
from levensfase.web.scan import selectors, services
from levensfase.web.scan.models import ScanResponse


def test_every_scan_write_changes_the_answers_version(org, scanned, django_capture_on_commit_callbacks):
    seen = {selectors.answers_version()}
    with django_capture_on_commit_callbacks(execute=True):
        services.store_kpis(frame=pl.DataFrame({"unit_id": ["TA1"], "period_end": [date(2025, 12, 31)],
                                                "kpi": ["omzet"], "value": [10.0]}), unit_ids={"ORG", "TA1"})
    seen.add(selectors.answers_version())
    ScanResponse.objects.create(response_id="x", unit_id="TA1", role="employee", date=date(2020, 1, 1), item="a",
                                value=1.0)  # beside the services
    seen.add(selectors.answers_version())
    assert len(seen) == 3


def test_a_cached_overview_follows_a_reload_of_the_answers(client_as, org, scanned, django_capture_on_commit_callbacks):
    client = client_as(Role.HR_ANALYST)
    first = client.get("/scan/?csv=heatmap").content.decode()
    assert client.get("/scan/?csv=heatmap").content.decode() == first  # warm: the same
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ScanResponse.objects.update(value=1.0)  # same rows, other values: only the version tells
        services.scan_data_changed()
    assert client.get("/scan/?csv=heatmap").content.decode() != first
