"""Demand files and the gap demand − supply."""

import numpy as np
import pytest

from levensfase.planning.demand import Demand, DemandError, demand_from_mapping, load_demand
from levensfase.planning.params import build_params
from levensfase.planning.montecarlo import simulate
from levensfase.planning.report import project_fit
from levensfase.planning.scenarios import builtin_scenarios, scenario_from_mapping


def test_csv_and_toml_agree_and_targets_hold_until_changed(tmp_path):
    csv = tmp_path / "vraag.csv"
    csv.write_text("family,year,fte\nICT,2027,20\nICT,2030,\"25,5\"\nHR,2028,12\n", encoding="utf-8")
    toml = tmp_path / "vraag.toml"
    toml.write_text('[fte.ICT]\n2027 = 20\n2030 = 25.5\n[fte.HR]\n2028 = 12\n', encoding="utf-8")
    a, b = load_demand(csv), load_demand(toml)
    assert a == b
    assert a.target("ICT", 2026) is None
    assert [a.target("ICT", y) for y in (2027, 2029, 2030, 2035)] == [20, 20, 25.5, 25.5]
    assert a.target("HR", 2028) == 12 and a.target("zorg", 2028) is None


def test_every_problem_is_reported(tmp_path):
    csv = tmp_path / "vraag.csv"
    csv.write_text("family,year,fte\nICT,twintig,20\n,2027,3\nHR,2028,-1\nHR,2029,4\nHR,2029,5\n", encoding="utf-8")
    with pytest.raises(DemandError) as info:
        load_demand(csv)
    problems = info.value.problems
    assert len(problems) == 4
    assert "row 2, year" in problems[0] and "row 3, family" in problems[1]
    assert "row 4, fte" in problems[2] and "appears twice" in problems[3]
    assert "staat er twee keer in" in info.value.problems_nl[3]


@pytest.mark.parametrize(("name", "text", "message"), [
    ("x.csv", "team,year,fte\n", "missing column"),
    ("x.txt", "", "use a .csv or .toml"),
    ("x.toml", "[vraag]\n", "expected one table [fte]"),
    ("x.csv", "family,year,fte\n", "no targets"),
])
def test_bad_files(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DemandError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_demand(path)


def test_gap_is_demand_minus_supply(fit):
    family = fit.families[0]
    demand = demand_from_mapping({family: {2027: 100.0, 2029: 150.0}})
    doc = project_fit(fit, scenarios=[builtin_scenarios()["baseline"]], years=4, runs=200, seed=2, demand=demand, k=5)
    line = doc["scenarios"][0]["gap"][family]
    assert line["demand"] == [None, 100.0, 100.0, 150.0, 150.0]
    supply = doc["scenarios"][0]["by_family"][family]["fte"]
    # gap bands are bands of (demand − supply) per run, so P10 of the gap pairs with P90 of supply
    for t in range(1, 5):
        assert line["p50"][t] == pytest.approx(line["demand"][t] - supply["p50"][t], abs=0.11)
        assert line["p10"][t] == pytest.approx(line["demand"][t] - supply["p90"][t], abs=0.11)
    assert line["p50"][0] is None


def test_target_policy_reaches_the_target(fit):
    family = fit.families[0]
    start = fit.start_fte[[f == family for f in fit.families]].sum()
    goal = round(float(start) * 1.5, 1)
    demand = Demand(targets=((family, ((2027, goal),)),))
    scenario = scenario_from_mapping({"name": "groei", "hiring": {"policy": "target"}})
    p = build_params(fit, scenario, years=3, demand=demand)
    expected = simulate(p, years=3, runs=1, seed=0, expected=True)
    f = p.families.index(family)
    # in expectation the policy hires exactly the shortfall each year: supply = target
    assert expected.by_family_fte[1:, 0, f] == pytest.approx([goal] * 3)
    drawn = simulate(p, years=3, runs=200, seed=0)
    assert np.median(drawn.by_family_fte[1:, :, f], axis=1) == pytest.approx([goal] * 3, rel=0.03)


def test_unknown_family_and_target_without_demand_are_refused(fit):
    from levensfase.planning.report import ProjectionError
    from levensfase.planning.scenarios import ScenarioError

    with pytest.raises(ProjectionError, match="'ICT2', which is not in the data") as info:
        project_fit(fit, scenarios=[builtin_scenarios()["baseline"]], years=2, runs=10, seed=1,
                    demand=demand_from_mapping({"ICT2": {2027: 5}}), k=5)
    assert "functiefamilie 'ICT2'" in info.value.message_nl
    with pytest.raises(ScenarioError) as refused:
        project_fit(fit, scenarios=[scenario_from_mapping({"name": "t", "hiring": {"policy": "target"}})], years=2,
                    runs=10, seed=1, demand=None, k=5)
    assert refused.value.field == "hiring.policy"
