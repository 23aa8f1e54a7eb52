"""Scenario files and mappings: the shipped set, validation naming the field, and each lever's effect."""

import numpy as np
import pytest

from levensfase.planning.costs import generatiepact_terms, load_salaries
from levensfase.planning.params import build_params, young_cohorts
from levensfase.planning.scenarios import Scenario, ScenarioError, builtin_scenarios, load_scenario, scenario_from_mapping


def test_generatiepact_arithmetic():
    # domain-facts §5.3 / §10.7: pay = work + 50% of the reduction; pension accrual stays 100%
    assert generatiepact_terms(0.8) == generatiepact_terms(0.8, keep_of_reduction=0.5)
    t = generatiepact_terms(0.8)
    assert (t.work, t.pay, t.pension) == (0.8, 0.9, 1.0)
    assert generatiepact_terms(0.6).pay == 0.8
    assert generatiepact_terms(0.5).pay == 0.75
    with pytest.raises(ValueError):
        generatiepact_terms(1.2)


def test_participant_cost_factor():
    s = load_salaries()
    assert (s.social_charges, s.pension_premium) == (0.20, 0.15)
    # ordinary: 1 + 0.20 + 0.15; participant: 0.9 pay × 1.20 + pension premium on 100% = 0.15
    assert s.cost_factor == pytest.approx(1.35)
    assert s.participant_factor(generatiepact_terms(0.8)) == pytest.approx(0.9 * 1.2 + 0.15)
    assert s.salary(52) == 50500 and s.salary(None) == 45000 and s.salary(15) == 30000


def test_builtin_set():
    b = builtin_scenarios()
    assert list(b)[0] == "baseline"
    assert {"work_longer", "generatiepact", "young_retention", "hiring_mix", "part_time"} <= set(b)
    assert b["baseline"] == Scenario(name="baseline", label_nl=b["baseline"].label_nl, label_en=b["baseline"].label_en,
                                     description_nl=b["baseline"].description_nl,
                                     description_en=b["baseline"].description_en)
    assert b["generatiepact"].generatiepact_take_up == 0.3
    assert b["young_retention"].young_voluntary_factor == 0.75


def test_file_and_mapping_agree(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('name = "mijn"\n[hiring]\npolicy = "fixed"\nintake = 40\n[hiring.mix]\nstarter = 0.6\n'
                    'spitsuur = 0.4\n', encoding="utf-8")
    from_file = load_scenario(path)
    from_form = scenario_from_mapping({"name": "mijn", "hiring": {"policy": "fixed", "intake": "40",
                                                                  "mix": {"starter": 0.6, "spitsuur": 0.4}}})
    assert from_file == from_form
    assert from_file.hiring.intake == 40 and dict(from_file.hiring.mix) == {"starter": 0.6, "spitsuur": 0.4}


@pytest.mark.parametrize(("data", "field"), [
    ({}, "name"),
    ({"name": "x", "colour": 1}, "colour"),
    ({"name": "x", "generatiepact": {"take_up": 1.5}}, "generatiepact.take_up"),
    ({"name": "x", "generatiepact": {"take_up": "veel"}}, "generatiepact.take_up"),
    ({"name": "x", "generatiepact": {"takeup": 0.3}}, "generatiepact.takeup"),
    ({"name": "x", "retirement": {"work_until_aow_plus_years": 1.5}}, "retirement.work_until_aow_plus_years"),
    ({"name": "x", "hiring": {"policy": "fixed"}}, "hiring.intake"),
    ({"name": "x", "hiring": {"policy": "often"}}, "hiring.policy"),
    ({"name": "x", "hiring": {"mix": {"starter": 0.5}}}, "hiring.mix"),
    ({"name": "x", "turnover": 3}, "turnover"),
])
def test_bad_settings_name_the_field(data, field):
    with pytest.raises(ScenarioError) as info:
        scenario_from_mapping(data)
    assert info.value.field == field
    assert field in info.value.message_nl and field in info.value.message_en


def test_bad_files(tmp_path):
    with pytest.raises(ScenarioError, match="does not exist"):
        load_scenario(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("name = ", encoding="utf-8")
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load_scenario(broken)


# --- each lever on the model arrays (fit of the generated organisation) -----------------------------

def params(fit, **settings):
    return build_params(fit, scenario_from_mapping({"name": "x", **settings}), years=5, demand=None)


def test_work_longer_moves_retirement_to_the_year_after_aow(fit):
    base, longer = params(fit), params(fit, retirement={"work_until_aow_plus_years": 1})
    ys = base.ys
    assert (longer.retire[ys >= 0] == 0).all()
    assert longer.retire[ys == -1] == [1.0]
    assert np.array_equal(longer.retire[ys < -1], base.retire[ys < -1])
    half = params(fit, retirement={"work_until_aow_plus_years": 1, "share": 0.5})
    assert half.retire[ys >= 0] == pytest.approx(0.5 * base.retire[ys >= 0])


def test_young_voluntary_turnover_lever(fit):
    base, young = params(fit), params(fit, turnover={"young_voluntary_factor": 0.75, "young_below_age": 35})
    S = len(fit.states)
    voluntary = fit.q[:, S]  # EXIT_REASONS[0]
    mask = young_cohorts(base.ys, 35)
    assert base.ys[mask].min() == 33  # younger than 35 ⇔ more than 67 − 35 = 32 years to AOW
    assert young.leave[:, mask] == pytest.approx(base.leave[:, mask] - 0.25 * voluntary[:, None])
    assert np.array_equal(young.leave[:, ~mask], base.leave[:, ~mask])


def test_part_time_lever(fit):
    base, more = params(fit), params(fit, fte={"part_time_delta": 0.1})
    expected = np.minimum(base.fte + 0.1, np.maximum(base.fte, 1.0))
    assert more.fte == pytest.approx(expected)


def test_generatiepact_lever(fit):
    base, pact = params(fit), params(fit, generatiepact={"take_up": 0.3})
    window = (base.ys >= 0) & (base.ys < 5)
    share = 0.3 * fit.pact_eligible
    assert pact.fte[:, window] == pytest.approx(base.fte[:, window] * (1 - share * 0.2))
    assert pact.freed[:, window] == pytest.approx(base.fte[:, window] * share * 0.2)
    assert np.array_equal(pact.fte[:, ~window], base.fte[:, ~window])
    s = fit.salaries
    per_euro = (1 - share) * s.cost_factor + share * s.participant_factor(generatiepact_terms(0.8))
    assert pact.cost[:, window] == pytest.approx(base.cost[:, window] / s.cost_factor * per_euro)


def test_hiring_mix_lever(fit):
    mixed = params(fit, hiring={"young_share": 0.5, "young_below_age": 30})
    young = young_cohorts(mixed.ys, 30)
    assert mixed.hire_mix[:, young].sum() == pytest.approx(0.5)
    assert mixed.hire_mix.sum() == pytest.approx(1.0)
    with pytest.raises(ScenarioError, match="hiring.mix.astronaut"):
        params(fit, hiring={"mix": {"astronaut": 1.0}})
