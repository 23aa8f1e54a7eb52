"""HR indicators per unit beside the scan: by hand on the hand-built organisation, the same numbers
as the core's own measures on a generated one, and withheld below k."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.scan.indicators import HR_MEASURES, hr_indicators

AS_OF = date(2024, 12, 31)


def _value(table: pl.DataFrame, unit: str | None, measure: str) -> dict:
    rows = table.filter((pl.col("unit_id").is_null() if unit is None else pl.col("unit_id") == unit)
                        & (pl.col("measure") == measure))
    return rows.row(0, named=True)


def test_hand_built_mobility_and_missing_inputs(hand_built):
    table = hr_indicators(hand_built, as_of=AS_OF, k=1)
    # U1: A's promotion on 1 April; headcount 4 on 1 January (A B F H) and 4 on 31 December (A B G H).
    assert _value(table, "U1", "internal_mobility")["value"] == pytest.approx(100 * 1 / 4)
    # U2: F's move in on 1 July; headcount 1 on 1 January (D) and 3 on 31 December (B C F).
    assert _value(table, "U2", "internal_mobility")["value"] == pytest.approx(100 * 1 / 2)
    assert _value(table, "U1", "internal_mobility")["population"] == 4
    assert _value(table, "U2", "internal_mobility")["population"] == 3  # B works in both units
    for measure in ("development_share", "development_eur_per_head", "untapped_competence_share", "work_ability"):
        assert _value(table, "U1", measure)["value"] is None  # no arrangements, skills or surveys: missing, not 0
    assert set(table["measure"].unique().to_list()) == set(HR_MEASURES)


def test_small_units_are_withheld_and_the_total_stays(hand_built):
    table = hr_indicators(hand_built, as_of=AS_OF, k=5)
    for unit in ("U1", "U2"):  # 4 and 3 people: both withheld, so neither follows from the total
        row = _value(table, unit, "internal_mobility")
        assert row["suppressed"] and row["value"] is None and row["population"] is None
    org = _value(table, None, "internal_mobility")
    assert not org["suppressed"] and org["population"] == 7
    assert org["value"] == pytest.approx(100 * 2 / 6)  # two moves over the summed average headcounts 4 + 2


@pytest.fixture(scope="module")
def generated():
    from levensfase.ingest.generator import generate
    from levensfase.model.workforce import Workforce

    return Workforce.from_tables(generate(employees=400, years=3, seed=3, as_of=date(2025, 6, 30)))


def test_the_core_measures_are_reused_not_redefined(generated):
    from levensfase.analytics.outflow_kinds import outflow_in_window
    from levensfase.analytics.policy_scan import policy_scan, window_start
    from levensfase.analytics.survey_scores import survey_scores

    day = date(2025, 6, 30)
    table = hr_indicators(generated, as_of=day, k=5)
    policy = policy_scan(generated, as_of=day, by="unit", k=1)
    outflow = outflow_in_window(generated, start=window_start(day), end=day, by="unit")
    shown = table.filter(~pl.col("suppressed") & pl.col("unit_id").is_not_null())
    assert shown["unit_id"].n_unique() >= 5
    for unit in shown["unit_id"].unique().to_list():
        p = policy.filter(pl.col("value") == unit).row(0, named=True)
        assert _value(table, unit, "development_share")["value"] == pytest.approx(p["persons_development"] / p["population"])
        assert _value(table, unit, "development_eur_per_head")["value"] == pytest.approx(
            p["spend_development"] / p["population"])
        o = outflow.filter(pl.col("value") == unit).row(0, named=True)
        assert _value(table, unit, "influenceable_outflow")["value"] == pytest.approx(o["influenceable_rate"])
    # work ability: the mean of each employed person's latest WAI in the window (organisation row)
    scores = survey_scores(generated, until=day).filter((pl.col("instrument") == "wai")
                                                         & (pl.col("date") >= window_start(day)))
    from levensfase.analytics.metrics import covering

    employed = covering(generated.assignments, day).select("person_id").unique()
    latest = scores.sort("date").group_by("person_id").last().join(employed, on="person_id", how="semi")
    assert _value(table, None, "work_ability")["value"] == pytest.approx(latest["score"].mean())
