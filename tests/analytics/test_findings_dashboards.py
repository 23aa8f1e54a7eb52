"""The findings the dashboard takeaways call, on hand-built tables and the hand-classified exits."""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.findings.dashboards import (
    influenceable_outflow_findings, losing_group_finding, retention_group_finding, share_group_finding,
)
from levensfase.analytics.retention import kaplan_meier_by
from support.handbuilt_findings import AS_OF, findings_workforce


def test_share_group_finding_reads_a_suppressed_table():
    table = pl.DataFrame({"value": ["A", "B", "C"], "persons": [15, 5, None], "population": [20, 100, None],
                          "suppressed": [False, False, True]})
    f = share_group_finding(table, count="persons", n="population", section="phases", measure=("Aandeel", "Share"))
    assert f.kind == "highest" and f.numbers["group"] == "A" and f.numbers["rest_value"] == 0.05


def test_losing_group_finding_uses_the_rate_per_average_stock():
    # A: 10 of 40 people, average stock 40 → 25.0 per 100; B: 4 of 200, stock 200 → 2.0 per 100
    table = pl.DataFrame({"value": ["A", "B"], "influenceable": [10, 4], "population": [40, 200],
                          "average_stock": [40.0, 200.0], "suppressed": [False, False]})
    f = losing_group_finding(table, labels={"A": ("groep A", "group A")})
    assert f.kind == "highest" and f.text_nl.startswith("De beïnvloedbare uitstroom is het hoogst bij groep A: 25,0%")


def test_retention_group_finding_needs_separate_greenwood_bands():
    # 30 spells of which 20 end at 1 year (survival 1/3 at 2 years) against 30 of which 1 ends (29/30)
    frame = pl.DataFrame({"g": ["A"] * 30 + ["B"] * 30, "person_id": [str(i) for i in range(60)],
                          "duration_years": [1.0] * 20 + [3.0] * 10 + [1.0] + [3.0] * 29,
                          "event": [True] * 20 + [False] * 10 + [True] + [False] * 29})
    f = retention_group_finding(kaplan_meier_by(frame, by="g"))
    assert f.kind == "lowest" and f.numbers["group"] == "A" and round(f.numbers["value"], 4) == round(10 / 30, 4)
    few = retention_group_finding(kaplan_meier_by(frame.head(19).vstack(frame.tail(19)), by="g"))
    assert few.kind == "no_clear_difference"  # 19 spells per group: nobody is named


def test_influenceable_outflow_findings_say_what_the_report_says():
    found = influenceable_outflow_findings(findings_workforce(), start=date(2025, 1, 1), end=AS_OF, k=1)
    headline = found[0]
    assert headline.kind == "influenceable_outflow" and headline.numbers["influenceable"] == 4
    assert "50,0% van het gemiddelde personeelsbestand" in headline.text_nl
