"""The effects file: packaged defaults are flagged assumptions with a source; bad files get clear messages."""

from __future__ import annotations

import pytest

from levensfase.model.arrangements.catalog import BUNDLES
from levensfase.planning.effects import EffectsError, load_effects, parse_effects

GOOD = """
version = 1
[types.dev]
bundle = "development"
name_nl = "Ontwikkeling"
name_en = "Development"
cost_eur = 1000
reduction = 0.2
assumption = false
source = "own pilot 2025"
max_places = 40
[types.dev.by_category.age_band]
"20-24" = 0.35
"""


def test_packaged_defaults_cover_the_four_bundles_and_are_flagged_as_assumptions():
    effects = load_effects()
    # Four bundle types plus the work-longer type (accommodative, issue 18) with its retirement delay.
    assert {t.bundle for t in effects} == set(BUNDLES) and len(effects) == 5
    assert [t.code for t in effects if t.works_longer] == ["doorwerken"]
    assert all(t.assumption and "Kooij" in t.source for t in effects)
    assert effects.has_assumptions


def test_an_own_file_with_overrides(tmp_path):
    path = tmp_path / "effects.toml"
    path.write_text(GOOD, encoding="utf-8")
    (dev,) = load_effects(path).types
    assert (dev.code, dev.cost_eur, dev.max_places, dev.assumption) == ("dev", 1000.0, 40, False)
    assert dev.reduction_for("age_band", "20-24") == 0.35
    assert dev.reduction_for("age_band", "50-54") == 0.2  # not named: the default
    assert dev.reduction_for("unit", "20-24") == 0.2  # another axis: the default


@pytest.mark.parametrize(("change", "message"), [
    (("version = 1", "version = 2"), "version must be 1, got 2"),
    (('bundle = "development"', 'bundle = "ontzie"'), "types.dev: bundle: 'ontzie' is not one of"),
    (("reduction = 0.2", "reduction = 1.5"), "types.dev: reduction: must be a number from 0 to 1"),
    (("cost_eur = 1000", 'cost_eur = "veel"'), "types.dev: cost_eur: must be a number"),
    (("max_places = 40", "max_places = -1"), "types.dev: max_places: must be a whole number"),
    (("assumption = false", 'assumption = "ja"'), "types.dev: assumption: must be true or false"),
    (("[types.dev.by_category.age_band]", "[types.dev.by_category.leeftijd]"), "by_category.leeftijd: unknown category axis"),
    (('"20-24" = 0.35', '"20-24" = 2'), "by_category.age_band.20-24: must be a number from 0 to 1"),
    (('source = "own pilot 2025"', 'sourse = "x"'), "types.dev: sourse: unknown field"),
    (('name_nl = "Ontwikkeling"', ""), "types.dev: name_nl: required field is missing"),
    (("[types.dev]", "[types.dev"), "not valid TOML"),
])
def test_bad_files_name_type_and_field(change, message):
    with pytest.raises(EffectsError) as caught:
        parse_effects(GOOD.replace(*change), source="mine.toml")
    assert str(caught.value).startswith("mine.toml")
    assert message in str(caught.value)


def test_no_types_and_unreadable_files(tmp_path):
    with pytest.raises(EffectsError, match="at least one"):
        parse_effects("version = 1\n")
    with pytest.raises(EffectsError, match="cannot read the effects file"):
        load_effects(tmp_path / "missing.toml")
    bad = tmp_path / "latin.toml"
    bad.write_bytes("version = 1 # \xe9".encode("latin-1"))
    with pytest.raises(EffectsError, match="not UTF-8"):
        load_effects(bad)


def test_returns_and_work_longer_fields():
    text = GOOD.replace("version = 1", "version = 1\n[returns]\ncoverage = [0.1, 1]\nweight = [1, 0.25]").replace(
        "max_places = 40", "max_places = 40\nretirement_delay_years = 2")
    effects = parse_effects(text)
    assert (effects.returns.coverage, effects.returns.weight) == ((0.1, 1.0), (1.0, 0.25))
    assert effects.returns.widths(25) == [3, 22]  # ceil(2.5) people at full effect, then the rest
    assert effects.returns.widths(1) == [1, 0]
    (dev,) = effects.types
    assert dev.works_longer and dev.retirement_delay_years == 2.0 and dev.status == "gemeten"  # assumption = false
    assert parse_effects(GOOD).returns.widths(7) == [7]  # no [returns]: linear
    assert load_effects().returns.widths(100) == [2, 3, 5, 10, 20, 60]


@pytest.mark.parametrize(("returns", "message"), [
    ("coverage = [0.5, 0.9]\nweight = [1, 0.5]", "must rise from above 0 to exactly 1"),
    ("coverage = [0.5, 1]\nweight = [1, 1.2]", "numbers 0..1"),
    ("coverage = [0.5, 1]\nweight = [0.8, 0.5]", "must start at 1 and never rise"),
    ("coverage = [0.5, 1]\nweight = [1, 0.5, 0.2]", "equal length"),
    ("coverage = [0.5, 1]", "needs exactly coverage"),
])
def test_bad_returns_are_refused(returns, message):
    with pytest.raises(EffectsError, match=message):
        parse_effects(GOOD.replace("version = 1", f"version = 1\n[returns]\n{returns}"))


def test_bad_retirement_delay_is_refused():
    with pytest.raises(EffectsError, match="retirement_delay_years: must be a number of years"):
        parse_effects(GOOD.replace("max_places = 40", "max_places = 40\nretirement_delay_years = 0"))
