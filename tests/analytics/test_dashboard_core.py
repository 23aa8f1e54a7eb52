"""One definition of life-phase counting: the dashboards' composition (analytics.dashboard), the
policy scan and `metrics --by life_phase` give the same count per phase for the same day."""

from __future__ import annotations

from datetime import date

from levensfase.analytics.breakdown import period_metrics_by
from levensfase.analytics.dashboard import composition_tables
from levensfase.analytics.policy_scan import policy_counts
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

DAY = date(2025, 12, 31)


def test_life_phase_counts_agree_across_dashboard_policy_scan_and_metrics():
    workforce = Workforce.from_tables(generate(employees=120, years=3, seed=11, as_of=date(2026, 1, 1)))
    mix = composition_tables(workforce, day=DAY, k=1).mix["life_phase"]
    dashboard = dict(zip(mix["value"].to_list(), mix["headcount"].to_list()))
    scan = policy_counts(workforce, as_of=DAY, by="life_phase")
    scanned = dict(zip(scan["value"].to_list(), scan["population"].to_list()))
    metrics = period_metrics_by(workforce, start=date(2025, 1, 1), end=DAY, by="life_phase", k=1)["rows"]
    at_end = {r["value"]: r["headcount_end"] for r in metrics if r["headcount_end"]}
    assert dashboard == at_end
    assert sum(dashboard.values()) >= composition_tables(workforce, day=DAY, k=1).headcount  # phases overlap
    assert {v: n for v, n in scanned.items() if n} == dashboard
