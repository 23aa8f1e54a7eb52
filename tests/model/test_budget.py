"""Levensfasebudget arithmetic, worked out by hand (PLB Cao Ziekenhuizen: 57 h a year, pro rata)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import polars as pl
import pytest

from levensfase.model.arrangements import load_catalog
from levensfase.model.budget import BudgetError, BudgetRules, accrual_factor, budget_statement, load_budget_rules

D = date
YEAR = {"first": D(2024, 1, 1), "last": D(2024, 12, 31)}


def plb(spans, **period) -> float:
    return round(float(57 * accrual_factor(spans, **(period or YEAR))), 2)


def test_part_time_full_year_is_pro_rata():
    assert plb([(D(2020, 1, 1), None, 0.8)]) == 45.6  # 57 × 0.8


def test_entry_on_1_july_full_time_is_half_a_year():
    assert plb([(D(2024, 7, 1), None, 1.0)]) == 28.5  # 57 × 6/12


def test_part_year_and_part_time_combined():
    # From 1 July at 0.5 FTE plus a second job of 0.3 FTE from 1 July to 30 September:
    # 57 × (6 × 0.5 + 3 × 0.3) / 12 = 57 × 3.9 / 12 = 18.525
    spans = [(D(2024, 7, 1), None, 0.5), (D(2024, 7, 1), D(2024, 9, 30), 0.3)]
    assert accrual_factor(spans, **YEAR) * 57 == Fraction(18525, 1000)
    # Leaving on 31 March at 0.6 FTE: 57 × 3 × 0.6 / 12 = 8.55
    assert plb([(D(2010, 1, 1), D(2024, 3, 31), 0.6)]) == 8.55


def test_a_part_month_counts_its_days():
    # Entry on 16 July: 16 of July's 31 days, then five whole months: 57 × (16/31 + 5) / 12 = 26.20…
    expected = 57 * (16 / 31 + 5) / 12
    assert plb([(D(2024, 7, 16), None, 1.0)]) == round(expected, 2) == 26.2


def test_fte_above_full_time_accrues_no_more_and_a_change_mid_year_is_weighted():
    assert plb([(D(2024, 1, 1), None, 1.0), (D(2024, 1, 1), None, 0.2)]) == 57.0
    # 1.0 FTE Jan–Apr, 0.5 FTE May–Dec: 57 × (4 + 4) / 12 = 38
    assert plb([(D(2020, 1, 1), D(2024, 4, 30), 1.0), (D(2024, 5, 1), None, 0.5)]) == 38.0


def _records():
    assignments = pl.DataFrame({
        "person_id": ["A", "A"], "start_date": [D(2023, 7, 1), D(2024, 1, 1)],
        "end_date": [D(2023, 12, 31), None], "fte": [1.0, 0.8],
    })
    arrangements = pl.DataFrame({
        "person_id": ["A", "A", "A", "A", "B"],
        "code": ["sabbatical", "opleidingsbudget", "loopbaan_apk", "mentoring", "sabbatical"],
        "start_date": [D(2024, 3, 1), D(2024, 9, 1), D(2025, 2, 1), D(2023, 8, 1), D(2024, 3, 1)],
        "end_date": [None] * 5, "hours": [20.0, 40.0, 6.0, 20.0, 99.0], "cost_eur": [0.0, 300.0, 1000.0, 0.0, 0.0],
    })
    return assignments, arrangements


def test_statement_accrues_spends_and_carries_the_balance():
    assignments, arrangements = _records()
    rules = BudgetRules(plb_hours_per_year=57, own_eur_per_year=500, ikb_pct=16.37, training_eur_per_year=900)
    rows = budget_statement(assignments=assignments, arrangements=arrangements, catalog=load_catalog(),
                            person_id="A", through=D(2025, 3, 31), rules=rules, annual_salary=40_000)
    assert [r.year for r in rows] == [2023, 2024, 2025]
    y23, y24, y25 = rows
    # 2023: half a year full time. PLB 28.5 h; own 250; training 450; IKB 16.37% × 40,000 × 0.5 = 3,274;
    # mentoring is employer-paid.
    assert (y23.plb_accrued_h, y23.plb_spent_h, y23.plb_balance_h) == (28.5, 0.0, 28.5)
    assert (y23.own_accrued_eur, y23.own_balance_eur, y23.ikb_accrued_eur) == (250.0, 250.0, 3274.0)
    assert (y23.training_accrued_eur, y23.training_balance_eur) == (450.0, 450.0)
    # 2024: 0.8 FTE all year: PLB 45.6 h, sabbatical (PLB) spends 20 h; own 400; training 720, and the
    # opleidingsbudget spends 300 from the training budget (not the own budget).
    assert (y24.plb_accrued_h, y24.plb_spent_h, y24.plb_balance_h) == (45.6, 20.0, 54.1)
    assert (y24.own_accrued_eur, y24.own_spent_eur, y24.own_balance_eur) == (400.0, 0.0, 650.0)
    assert (y24.training_accrued_eur, y24.training_spent_eur, y24.training_balance_eur) == (720.0, 300.0, 870.0)
    # 2025 up to 31 March: 3 months at 0.8: PLB 11.4 h; own 100; training 180; the loopbaan-APK spends
    # 1000 of the 870 + 180 = 1050 training euros → 50 left.
    assert (y25.plb_accrued_h, y25.plb_balance_h) == (11.4, 65.5)
    assert (y25.own_accrued_eur, y25.own_spent_eur, y25.own_balance_eur) == (100.0, 0.0, 750.0)
    assert (y25.training_accrued_eur, y25.training_spent_eur, y25.training_balance_eur) == (180.0, 1000.0, 50.0)
    assert y25.beyond_eur == 0.0
    assert y25.ikb_balance_eur == round(3274 + 0.1637 * 40_000 * 0.8 + 0.1637 * 40_000 * 0.8 * 3 / 12, 2)


def test_a_balance_never_goes_negative_the_employer_pays_beyond_it_and_it_is_said():
    assignments, arrangements = _records()
    rules = BudgetRules(training_eur_per_year=600)
    rows = budget_statement(assignments=assignments, arrangements=arrangements, catalog=load_catalog(),
                            person_id="A", through=D(2025, 3, 31), rules=rules)
    # Training: 2023 600 × 0.5 = 300; 2024 + 600 × 0.8 = 780, opleidingsbudget −300 → 480;
    # 2025 + 600 × 0.8 × 3/12 = 120 → 600, the loopbaan-APK costs 1000: 600 from the budget, 400 by the employer.
    assert [r.training_balance_eur for r in rows] == [300.0, 480.0, 0.0]
    assert (rows[2].training_spent_eur, rows[2].training_beyond_eur, rows[2].beyond_eur) == (1000.0, 400.0, 400.0)
    # The PLB: B's sabbatical of 99 h with no PLB accrued at all (plb 0 h a year) → 99 h beyond, balance 0.
    b = budget_statement(assignments=assignments.with_columns(person_id=pl.lit("B")), arrangements=arrangements,
                         catalog=load_catalog(), person_id="B", through=D(2024, 12, 31),
                         rules=BudgetRules(plb_hours_per_year=0))
    assert (b[-1].plb_spent_h, b[-1].plb_beyond_h, b[-1].plb_balance_h) == (99.0, 99.0, 0.0)


def test_the_training_budget_is_saved_up_to_its_maximum():
    assignments = pl.DataFrame({"person_id": ["C"], "start_date": [D(2020, 1, 1)], "end_date": [None], "fte": [1.0]},
                               schema_overrides={"end_date": pl.Date})
    none = pl.DataFrame(schema={"person_id": pl.String, "code": pl.String, "start_date": pl.Date,
                                "end_date": pl.Date, "hours": pl.Float64, "cost_eur": pl.Float64})
    rows = budget_statement(assignments=assignments, arrangements=none, catalog=load_catalog(), person_id="C",
                            through=D(2022, 12, 31), rules=BudgetRules(training_eur_per_year=600, training_max_eur=1000))
    # 600, then 1200 capped at 1000, then still 1000: what is above the maximum is lost.
    assert [(r.training_accrued_eur, r.training_balance_eur) for r in rows] == [(600.0, 600.0), (600.0, 1000.0),
                                                                              (600.0, 1000.0)]


def test_the_packaged_rules_give_a_training_budget_apart_from_the_own_budget():
    rules = load_budget_rules()
    # CAO Woondiensten art. 10.6: € 900 a year, savable to € 4.500; the own budget stays € 500.
    assert (rules.training_eur_per_year, rules.training_max_eur, rules.own_eur_per_year) == (900.0, 4500.0, 500.0)
    assert load_catalog()["opleidingsbudget"].cost.funded_by == "training_budget"
    assert load_catalog()["opleidingsbudget"].cost.eur <= rules.training_eur_per_year  # affordable every year


def test_ikb_without_a_salary_is_unknown_and_own_budget_can_ignore_part_time():
    assignments, arrangements = _records()
    rules = BudgetRules(ikb_pct=16.37, own_eur_per_year=600, own_pro_rata=False)
    rows = budget_statement(assignments=assignments, arrangements=arrangements, catalog=load_catalog(),
                            person_id="A", through=D(2024, 12, 31), rules=rules)
    assert rows[1].ikb_accrued_eur is None and rows[1].ikb_balance_eur is None
    assert rows[1].own_accrued_eur == 600.0  # 0.8 FTE, but not pro rata: the full 600
    assert rows[0].own_accrued_eur == 300.0  # still only the months employed


def test_statement_for_someone_without_assignments_is_refused():
    assignments, arrangements = _records()
    with pytest.raises(BudgetError, match="'Z' has no assignments"):
        budget_statement(assignments=assignments, arrangements=arrangements, catalog=load_catalog(),
                         person_id="Z", through=D(2024, 12, 31))


def test_packaged_rules_and_bad_rules_files(tmp_path):
    rules = load_budget_rules()
    assert rules.plb_hours_per_year == 57 and rules.start_date == D(2010, 1, 1)
    bad = tmp_path / "b.toml"
    bad.write_text("version = 1\nplb_hours_per_year = -5\n", encoding="utf-8")
    with pytest.raises(BudgetError, match="plb_hours_per_year must be a number from 0"):
        load_budget_rules(bad)
    bad.write_text("version = 1\nplb = 57\n", encoding="utf-8")
    with pytest.raises(BudgetError, match="unknown field 'plb'"):
        load_budget_rules(bad)
