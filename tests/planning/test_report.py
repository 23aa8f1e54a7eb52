"""build_projection: the issue's JSON shape, determinism, privacy and refusals."""

import json

import polars as pl
import pytest

from levensfase.planning.report import ProjectionError, build_projection, project_fit
from levensfase.planning.scenarios import builtin_scenarios

from .conftest import AS_OF


@pytest.fixture(scope="module")
def doc(fit):
    b = builtin_scenarios()
    return project_fit(fit, scenarios=[b["baseline"], b["work_longer"]], years=5, runs=200, seed=1, demand=None, k=5)


def test_shape_of_the_issue(doc):
    assert doc["as_of"] == "2026-11-28"
    assert doc["years"] == [2026, 2027, 2028, 2029, 2030, 2031]
    first = doc["scenarios"][0]
    assert {"name", "headcount", "fte", "by_phase", "retirements", "gap"} <= set(first)
    assert set(first["headcount"]) == {"p10", "p50", "p90"}
    assert all(len(first["headcount"][b]) == 6 for b in ("p10", "p50", "p90"))
    assert first["retirements"][0] is None and len(first["retirements"]) == 6
    assert first["gap"] == {}
    json.dumps(doc)  # plain JSON, no numpy values


def test_start_is_the_observed_workforce(org, doc):
    present = org.assignments.filter(
        (pl.col("start_date") <= AS_OF) & (pl.col("end_date").is_null() | (pl.col("end_date") >= AS_OF)))
    base = doc["scenarios"][0]
    assert base["headcount"]["p50"][0] == present.get_column("person_id").n_unique() == 2500
    assert base["fte"]["p50"][0] == pytest.approx(present.get_column("fte").sum(), abs=0.051)  # rounded to 0.1
    phases = sum(line["start"] for line in base["by_phase"].values() if not line["suppressed"])
    assert phases <= 2500
    assert base["headcount"]["p10"][3] <= base["headcount"]["p50"][3] <= base["headcount"]["p90"][3]
    # the Markov expected path starts at the same place and lies inside the band
    assert base["expected"]["headcount"][0] == 2500
    for t in range(1, 6):
        assert base["headcount"]["p10"][t] <= base["expected"]["headcount"][t] <= base["headcount"]["p90"][t]


def test_work_longer_postpones_retirement(doc):
    base, longer = doc["scenarios"]
    assert longer["retirements"][1] < base["retirements"][1]
    assert sum(longer["headcount"]["p50"][1:]) > sum(base["headcount"]["p50"][1:])


def test_same_seed_same_document(fit, doc):
    b = builtin_scenarios()
    again = project_fit(fit, scenarios=[b["baseline"], b["work_longer"]], years=5, runs=200, seed=1, demand=None, k=5)
    assert again == doc


def test_small_lines_are_suppressed_with_a_companion(fit):
    b = builtin_scenarios()
    starts = fit.start.sum(axis=1)
    families = {}
    for family, n in zip(fit.families, starts):
        families[family] = families.get(family, 0) + n
    k = int(sorted(families.values())[0]) + 1  # the smallest family falls under k
    doc = project_fit(fit, scenarios=[b["baseline"]], years=2, runs=50, seed=1, demand=None, k=k)
    lines = doc["scenarios"][0]["by_family"]
    hidden = [f for f, line in lines.items() if line["suppressed"]]
    assert min(families, key=families.get) in hidden
    assert len(hidden) >= 2  # the total is published, so one hidden line would be recoverable
    assert all(lines[f]["headcount"] is None and lines[f]["start"] is None for f in hidden)


def test_refusals(org, fit):
    b = builtin_scenarios()
    with pytest.raises(ProjectionError, match="years"):
        build_projection(org, as_of=AS_OF, scenarios=[b["baseline"]], years=16, runs=10, seed=1, k=5)
    with pytest.raises(ProjectionError, match="at most 4"):
        project_fit(fit, scenarios=list(b.values())[:5], years=2, runs=10, seed=1, demand=None, k=5)
    with pytest.raises(ProjectionError, match="fewer than k"):
        project_fit(fit, scenarios=[b["baseline"]], years=2, runs=10, seed=1, demand=None, k=3000)


def test_generatiepact_frees_fte_and_changes_cost(fit):
    b = builtin_scenarios()
    doc = project_fit(fit, scenarios=[b["baseline"], b["generatiepact"]], years=3, runs=200, seed=1, demand=None, k=5)
    base, pact = doc["scenarios"]
    assert base["generatiepact_freed_fte"]["p50"] == [0.0] * 4
    freed = pact["generatiepact_freed_fte"]["p50"]
    assert freed[0] == 0.0 and all(f > 0 for f in freed[1:])
    # participants: 30% of the eligible among those within 5 years of AOW, each giving up 20% of their FTE;
    # on the start stock that is 0.3 × eligible share × 0.2 × FTE in cohorts 0-4 (the year-1 stock is close)
    window = slice(0 - fit.space.y_min, 5 - fit.space.y_min)  # cohorts y = 0 … 4
    start_fte_window = float((fit.start[:, window] * fit.fte[:, None]).sum())
    assert freed[1] == pytest.approx(0.3 * fit.pact_eligible * 0.2 * start_fte_window, rel=0.25)
    # freed FTE is refilled by young recruits, so FTE stays within a few FTE of the baseline
    assert abs(pact["fte"]["p50"][3] - base["fte"]["p50"][3]) < 0.02 * base["fte"]["p50"][3]


def test_age_band_axis(org):
    from levensfase.planning.states import StateSpace

    doc = build_projection(org, as_of=AS_OF, scenarios=[builtin_scenarios()["baseline"]], years=2, runs=50, seed=1,
                           k=5, space=StateSpace(axis="age_band"))
    assert doc["axis"] == "age_band"
    lines = doc["scenarios"][0]["by_phase"]
    assert "40-44" in lines and "spitsuur" not in lines
    shown = sum(line["start"] for line in lines.values() if not line["suppressed"])
    hidden = [v for v, line in lines.items() if line["suppressed"]]
    assert shown == 2500 or len(hidden) >= 2
