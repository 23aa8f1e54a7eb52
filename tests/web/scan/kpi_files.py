"""unit_kpis.csv texts for the scan's KPI tests, with their hand-computed summary.

TA1 productiviteit 100,0 (2024) → 102,5 (2025): latest 102,5, change +2,5.
TA2 klanttevredenheid only 2025: 7,8, no earlier period ("–")."""

FIRST = """unit_id,period_end,kpi,value
TA1,2024-12-31,productiviteit,100
TA1,2025-12-31,productiviteit,102.5
TA2,2025-12-31,klanttevredenheid,7.8
"""
# A later file without TA2 and without TA1's 2024 row, and TA1's 2025 value corrected.
SECOND = """unit_id,period_end,kpi,value
TA1,2025-12-31,productiviteit,104
"""
