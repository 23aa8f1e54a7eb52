"""Business results per unit: the latest value and its change, and refusals."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.scan.errors import ScanError
from levensfase.scan.kpis import check_kpis, kpi_summary

KPIS = pl.DataFrame({"unit_id": ["A", "A", "A", "B"], "period_end": [date(2025, 3, 31), date(2025, 6, 30),
                     date(2025, 9, 30), date(2025, 6, 30)], "kpi": ["productiviteit"] * 4,
                     "value": [100.0, 104.5, 103.0, 90.0]})


def test_latest_value_and_change_up_to_the_as_of_date():
    summary = kpi_summary(check_kpis(KPIS, unit_ids={"A", "B"}), as_of=date(2025, 7, 1))
    a, b = summary.rows(named=True)
    assert (a["period_end"], a["value"], a["previous_value"], a["change"]) == (date(2025, 6, 30), 104.5, 100.0,
                                                                              pytest.approx(4.5))
    assert (b["value"], b["previous_value"], b["change"]) == (90.0, None, None)


def test_unusable_kpis_are_refused():
    with pytest.raises(ScanError, match="onbekende afdeling\\(en\\) B"):
        check_kpis(KPIS, unit_ids={"A"})
    with pytest.raises(ScanError, match="twee keer opgegeven"):
        check_kpis(pl.concat([KPIS, KPIS.head(1)]))
    with pytest.raises(ScanError, match="kolom\\(men\\) ontbreken: kpi"):
        check_kpis(KPIS.drop("kpi"))
