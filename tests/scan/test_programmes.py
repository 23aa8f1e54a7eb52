"""Difference-in-differences with units as clusters: a fixture worked out by hand, the edge cases,
and a generated organisation whose planted programme effect must be recovered."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.scan.programmes import Programme, cluster_units, did_estimate, difference_in_differences
from levensfase.scan.scoring import SCORE_SCHEMA
from support.scan_answers import tree

B, F = date(2025, 1, 1), date(2026, 1, 1)
TREATED = {"T1": (3.0, 3.8), "T2": (2.5, 3.1), "T3": (3.2, 4.1)}
COMPARISON = {"C1": (3.0, 3.1), "C2": (2.8, 2.8), "C3": (3.5, 3.7), "C4": (3.1, 3.0)}


def test_difference_in_differences_by_hand():
    # changes: programme 0.8, 0.6, 0.9 (mean 0.76667); comparison 0.1, 0.0, 0.2, -0.1 (mean 0.05).
    # Welch: s²_T/3 = 0.023333/3 = 0.0077778, s²_C/4 = 0.016667/4 = 0.0041667, se = √0.0119444 = 0.109291,
    # df = 0.0119444² / (0.0077778²/2 + 0.0041667²/3) = 3.959 → 3, t(0.975; 3) = 3.182446, half = 0.347814.
    est = did_estimate(TREATED, COMPARISON)
    assert est.baseline == pytest.approx(2.9) and est.follow_up == pytest.approx(11.0 / 3)
    assert est.change == pytest.approx(0.766667, abs=1e-6) and est.comparison_change == pytest.approx(0.05)
    assert est.did == pytest.approx(0.716667, abs=1e-6)
    assert est.ci_low == pytest.approx(0.716667 - 0.347814, abs=1e-5)
    assert est.ci_high == pytest.approx(0.716667 + 0.347814, abs=1e-5)
    assert (est.units, est.comparison_units) == (3, 4)


def test_one_programme_unit_pools_the_comparison_variance():
    # change 0.8 against mean 0.05; pooled s² = 0.05 / 3, se = √(0.016667 · (1 + 1/4)) = 0.144338, df 3
    est = did_estimate({"T1": TREATED["T1"]}, COMPARISON)
    assert est.did == pytest.approx(0.75)
    assert (est.ci_low, est.ci_high) == (pytest.approx(0.75 - 3.182446 * 0.144338, abs=1e-5),
                                         pytest.approx(0.75 + 3.182446 * 0.144338, abs=1e-5))
    too_few = did_estimate({"T1": TREATED["T1"]}, {"C1": COMPARISON["C1"]})
    assert too_few.did == pytest.approx(0.7) and too_few.ci_low is None


UNITS = tree([("ORG", None), ("P", "ORG"), *((u, "P") for u in TREATED), ("Q", "ORG"), *((u, "Q") for u in COMPARISON)])


def _scores(values: dict[str, tuple[float, float]], *, hide: str | None = None) -> pl.DataFrame:
    rows = []
    for unit, (before, after) in values.items():
        for day, score in ((B, before), (F, after)):
            hidden = unit == hide and day == F
            rows.append({"date": day, "unit_id": unit, "role": "all", "dimension": "dynamisch_management",
                         "respondents": None if hidden else 9, "score": None if hidden else score,
                         "suppressed": hidden, "reason": "few_respondents" if hidden else None})
    return pl.DataFrame(rows, schema=SCORE_SCHEMA)


def test_programme_rows_use_published_units_and_say_targets_and_few_units():
    programme = Programme("Proef", date(2025, 2, 1), ("P",), None, (B, F), {"dynamisch_management": 3.5})
    assert cluster_units(programme, UNITS) == (["T1", "T2", "T3"], ["C1", "C2", "C3", "C4"])
    [row] = difference_in_differences(programme, scores=_scores({**TREATED, **COMPARISON}), units=UNITS,
                                      dimensions=["dynamisch_management"])
    assert row.verdict == "improved" and row.did == pytest.approx(0.716667, abs=1e-6)
    assert row.target_met is True and row.wide is False  # 3.667 ≥ 3.5; three and four units
    # a unit withheld in the follow-up takes no part: T3 out leaves two programme units (wide)
    [row] = difference_in_differences(programme, scores=_scores({**TREATED, **COMPARISON}, hide="T3"), units=UNITS,
                                      dimensions=["dynamisch_management"])
    assert row.units == 2 and row.wide is True and row.did == pytest.approx(0.7 - 0.05)
    d = row.as_dict()
    assert list(d)[:9] == ["measure", "baseline", "follow_up", "change", "comparison_change", "did", "ci_low",
                           "ci_high", "verdict"]


def test_one_round_only_is_insufficient_data():
    programme = Programme("Proef", date(2025, 2, 1), ("P",), ("Q",), (B, F), {})
    one_round = _scores({**TREATED, **COMPARISON}).filter(pl.col("date") == B)
    [row] = difference_in_differences(programme, scores=one_round, units=UNITS, dimensions=["dynamisch_management"])
    assert row.verdict == "insufficient_data" and row.did is None and row.baseline is None


@pytest.fixture(scope="module")
def generated():
    from levensfase.ingest.generator import generate

    return generate(employees=600, years=2, seed=1, as_of=date(2025, 12, 31))


@pytest.mark.parametrize("plant", [0.5, None])
def test_a_planted_programme_effect_is_recovered_and_none_is_not_invented(generated, plant):
    from levensfase.ingest.generator import generate_scan
    from levensfase.scan.instrument import load_instrument
    from levensfase.scan.scoring import unit_scores

    instrument = load_instrument()
    made = generate_scan(generated, seed=1, as_of=date(2025, 12, 31), plant=plant)
    scores = unit_scores(made.responses, instrument=instrument, units=generated["units"], k=5)
    rows = difference_in_differences(made.programme, scores=scores, units=generated["units"],
                                     dimensions=instrument.dimension_codes)
    truth = plant or 0.0
    assert len(rows) == 6
    for row in rows:
        assert row.units >= 3 and row.comparison_units >= 3
        assert row.ci_low <= truth <= row.ci_high, row
        assert row.verdict == ("improved" if plant else "no_clear_difference"), row


def test_a_target_on_a_measure_where_lower_is_better_is_a_ceiling():
    from levensfase.scan.programmes import _row

    est = did_estimate({"T1": (8.0, 5.0), "T2": (9.0, 6.0), "T3": (7.0, 4.5)}, {"C1": (8.0, 8.0), "C2": (7.0, 7.5),
                                                                               "C3": (9.0, 8.5)})
    row = _row("influenceable_outflow", "hr", est, target=6.0)
    assert row.verdict == "improved" and row.follow_up == pytest.approx(31 / 6) and row.target_met is True
    assert _row("influenceable_outflow", "hr", est, target=5.0).target_met is False


def test_work_ability_needs_rounds_a_year_apart():
    def hr(values: dict[str, float]) -> pl.DataFrame:
        return pl.DataFrame({"unit_id": list(values), "population": [20] * len(values),
                             "measure": ["work_ability"] * len(values), "value": list(values.values()),
                             "suppressed": [False] * len(values), "reason": [None] * len(values)},
                            schema={"unit_id": pl.String, "population": pl.Int64, "measure": pl.String,
                                    "value": pl.Float64, "suppressed": pl.Boolean, "reason": pl.String})

    before = {u: 38.0 for u in [*TREATED, *COMPARISON]}
    after = {u: 40.0 + (u in TREATED) for u in [*TREATED, *COMPARISON]}
    for follow_up, expected in ((date(2026, 1, 1), "improved"), (date(2025, 7, 1), "insufficient_data")):
        programme = Programme("Proef", date(2025, 2, 1), ("P",), None, (B, follow_up), {})
        rows = difference_in_differences(programme, scores=_scores({}), units=UNITS, dimensions=[],
                                         hr={B: hr(before), follow_up: hr(after)})
        [wai] = [r for r in rows if r.measure == "work_ability"]
        assert wai.verdict == expected


@pytest.mark.slow
def test_the_interval_covers_no_effect_about_95_percent_of_the_time(generated):
    """Calibration: 15 scans of one organisation without a programme effect (other random answers and
    unit drifts each time); the 95% intervals of the six dimensions should cover 0 about 95% of the
    time (the dimensions move together, so the share is noisy: at least 80% here; ~93% over 180 runs)."""
    from levensfase.ingest.generator import generate_scan
    from levensfase.scan.instrument import load_instrument
    from levensfase.scan.scoring import unit_scores

    instrument = load_instrument()
    covered = total = 0
    for seed in range(100, 115):
        made = generate_scan(generated, seed=seed, as_of=date(2025, 12, 31))
        scores = unit_scores(made.responses, instrument=instrument, units=generated["units"], k=5)
        for row in difference_in_differences(made.programme, scores=scores, units=generated["units"],
                                             dimensions=instrument.dimension_codes):
            covered += row.ci_low <= 0 <= row.ci_high
            total += 1
    assert total == 90 and covered / total >= 0.8
