"""Life-phase rules file: the shipped defaults and the checks that name the offending key."""

from __future__ import annotations

from importlib import resources

import pytest

from levensfase.model.lifephase import AXES, PhaseRules, PhaseRulesError, load_rules, parse_rules

DEFAULT = resources.files("levensfase.model").joinpath("data/lifephases.toml").read_text(encoding="utf-8")


def test_shipped_defaults_are_the_documented_rules():
    rules = load_rules()
    assert isinstance(rules, PhaseRules)
    c, p, h = rules.career, rules.private_life, rules.pension_horizon
    assert (c.starter_years, c.growing_years, c.promotion_window_years, c.censored_history) == (2, 10, 3, True)
    assert (p.young_children_below_age, p.school_age_below_age) == (4, 18)
    assert p.priority == ("caregiving", "young_children", "school_age_children")
    assert (h.approaching_years, h.window_years, rules.vitality.window_years) == (10, 5, 3)
    assert rules.phase_names == ("starter", "spitsuur", "stable_mid_career", "late_career", "pre_retirement")
    spitsuur = rules.phase("spitsuur")
    # DESIGN §5: young or school-age children, or informal caregiving, at any FTE (no FTE condition).
    assert spitsuur.allowed("private_life") == ("young_children", "school_age_children", "caregiving")
    assert spitsuur.min_fte is None and spitsuur.max_fte is None
    assert spitsuur.allowed("career") is None
    assert rules.primary_priority[0] == "pre_retirement"


def test_every_phase_has_a_source_comment():
    blocks = DEFAULT.split("\n[phases.")[1:]
    assert len(blocks) == 5
    assert all("\n#" in block for block in blocks)


def test_a_file_path_is_read(tmp_path):
    path = tmp_path / "org.toml"
    path.write_text(DEFAULT.replace("window_years = 3", "window_years = 2"), encoding="utf-8")
    assert load_rules(path).vitality.window_years == 2
    assert load_rules(str(path)).origin == str(path)


def edited(old: str, new: str) -> str:
    assert old in DEFAULT, old
    return DEFAULT.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (edited('label_en = "Rush hour"', 'label_en = "Rush hour"\nmin_ftee = 0.8'),
         r"\[phases.spitsuur\] unknown key 'min_ftee'"),
        (edited('career = ["starter"]', 'career = ["junior"]'), r"\[phases.starter\] career: unknown state 'junior'"),
        (edited('pension_horizon = ["window"]', 'pension_horizon = ["soon"]'),
         r"\[phases.pre_retirement\] pension_horizon: unknown state 'soon'"),
        (edited("version = 1", "version = 1\ncolour = 'red'"), r"unknown key 'colour'"),
        (edited("growing_years = 10", "growing_years = 10\ntenure = 3"), r"\[career\] unknown key 'tenure'"),
        (edited("starter_below_age = 30", "starter_age = 30"), r"\[career.age_fallback\] unknown key 'starter_age'"),
        (edited("starter_years = 2", 'starter_years = "two"'), r"\[career\] starter_years must be a whole number"),
        (edited("growing_years = 10", "growing_years = 1"), r"growing_years must be a whole number from 2"),
        (edited('label_en = "Rush hour"', 'label_en = "Rush hour"\nmin_fte = 1.5'),
         r"\[phases.spitsuur\] min_fte must be a number from 0 to 1.2"),
        (edited('priority = ["caregiving", "young_children", "school_age_children"]',
                'priority = ["caregiving", "toddlers", "school_age_children"]'),
         r"\[private_life\] priority: unknown state 'toddlers'"),
        (edited('[35, 50, "school_age_children"]', '[35, 50, "teenagers"]'),
         r"\[private_life.age_fallback\] bands: unknown state 'teenagers'"),
        (edited('"late_career", "starter", "stable_mid_career"]', '"late_career", "starter"]'),
         r"\[primary\] priority must list every phase once; missing: stable_mid_career"),
        (edited('"starter", "stable_mid_career"]', '"starter", "stable_mid_career", "sabbatical"]'),
         r"\[primary\] priority: unknown state 'sabbatical'"),
        (edited("[vitality]\n", ""), r"\[private_life.age_fallback\] unknown key 'window_years'"),
        (DEFAULT[: DEFAULT.index("[vitality]")] + DEFAULT[DEFAULT.index("[pension_horizon]"):],
         r"\[vitality\] table is missing"),
        ("version = 1\n[career\n", r"not valid TOML"),
    ],
)
def test_bad_rules_are_rejected_with_the_key_named(text, message):
    with pytest.raises(PhaseRulesError, match=message):
        parse_rules(text, origin="org.toml")


def test_error_names_the_file(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(edited('label_en = "Rush hour"', 'label_en = "Rush hour"\nvitality = ["tired"]'), encoding="utf-8")
    with pytest.raises(PhaseRulesError, match=rf"{path.name}: \[phases.spitsuur\] vitality: unknown state 'tired'"):
        load_rules(path)
    with pytest.raises(PhaseRulesError, match="cannot read life-phase rules file"):
        load_rules(tmp_path / "missing.toml")


def test_a_phase_over_any_axis_can_be_added():
    text = DEFAULT.replace("[primary]", '[phases.herstel]\nlabel_nl = "Herstel"\nlabel_en = "Recovery"\n'
                           'vitality = ["poor", "moderate"]\nmax_fte = 1.0\n\n[primary]').replace(
        '"stable_mid_career"]', '"stable_mid_career", "herstel"]')
    rules = parse_rules(text)
    assert rules.phase("herstel").allowed("vitality") == ("poor", "moderate")
    assert rules.phase("herstel").max_fte == 1.0 and rules.primary_priority[-1] == "herstel"
    assert set(AXES) == {"career", "private_life", "vitality", "pension_horizon"}


def test_a_phase_without_conditions_is_rejected():
    text = DEFAULT.replace("[primary]", '[phases.everyone]\nlabel_nl = "Iedereen"\nlabel_en = "Everyone"\n\n[primary]')
    with pytest.raises(PhaseRulesError, match=r"\[phases.everyone\] needs at least one condition"):
        parse_rules(text)
