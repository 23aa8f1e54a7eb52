"""`profiles_on_days` reuses the fact tables of an earlier, wider pass (`phases.fact_inputs`): the
profiles of the later days must be those of `phases.profiles` day by day, and nothing is rebuilt.
Days asked `apart` get a pass of their own, so `forget_profiles` of the others frees them (the
report drops composition's years back so: issue 21, docs/scale.md "Eighth round")."""

from datetime import date

import pytest

import levensfase.analytics.phases as phases
import levensfase.analytics.phase_categories as phase_categories
from levensfase.analytics.phase_categories import forget_profiles, profiles_on_days
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 6, 30)


@pytest.fixture(scope="module")
def workforce() -> Workforce:
    return Workforce.from_tables(generate(employees=300, years=10, seed=11, as_of=AS_OF))


def test_later_days_inside_the_range_reuse_the_tables_and_match_profiles_day_by_day(workforce, monkeypatch):
    built = []
    real = phases._inputs
    monkeypatch.setattr(phases, "_inputs", lambda *a, **kw: built.append((kw["first"], kw["last"])) or real(*a, **kw))
    wide = Workforce.from_tables(workforce.tables())  # a workforce of its own: nothing cached yet
    profiles_on_days(wide, days=[date(2017, 6, 30), date(2021, 6, 30), AS_OF])
    assert built == [(date(2017, 6, 30), AS_OF)]
    later = [date(2018, 1, 31), date(2019, 12, 31), date(2023, 3, 31)]  # inside the range
    single = [date(2022, 2, 28)]  # one day alone took `profiles` (tables for that day) before
    got = {**profiles_on_days(wide, days=later), **profiles_on_days(wide, days=single)}
    assert built == [(date(2017, 6, 30), AS_OF)]  # nothing built again
    for day in later + single:
        assert got[day].equals(phases.profiles(workforce, on=day)), day
    assert all(got[day].height > 0 for day in later + single)


def test_days_outside_the_range_get_tables_of_their_own(workforce, monkeypatch):
    built = []
    real = phases._inputs
    monkeypatch.setattr(phases, "_inputs", lambda *a, **kw: built.append((kw["first"], kw["last"])) or real(*a, **kw))
    wide = Workforce.from_tables(workforce.tables())
    profiles_on_days(wide, days=[date(2020, 6, 30), date(2021, 6, 30)])
    outside = [date(2016, 12, 31), date(2020, 12, 31)]
    got = profiles_on_days(wide, days=outside)
    assert built == [(date(2020, 6, 30), date(2021, 6, 30)), (date(2016, 12, 31), date(2020, 12, 31))]
    for day in outside:
        assert got[day].equals(phases.profiles(workforce, on=day)), day


def test_days_apart_get_their_own_pass_and_the_others_can_be_forgotten(workforce, monkeypatch):
    built, passes = [], []
    real_inputs, real_over = phases._inputs, phases.profiles_over
    monkeypatch.setattr(phases, "_inputs",
                        lambda *a, **kw: built.append((kw["first"], kw["last"])) or real_inputs(*a, **kw))
    monkeypatch.setattr(phases, "profiles_over",
                        lambda *a, **kw: passes.append(list(kw["days"])) or real_over(*a, **kw))
    wide = Workforce.from_tables(workforce.tables())
    back = [date(2017, 6, 30), date(2019, 6, 30), date(2021, 6, 30), date(2023, 6, 30)]
    kept = [date(2020, 6, 30), date(2024, 7, 1), AS_OF]
    got = profiles_on_days(wide, days=[*back, *kept], apart=kept)
    assert built == [(date(2017, 6, 30), AS_OF)]  # the fact tables once for both passes
    assert [p for p in passes if p] == [back, kept]  # the kept days do not share a pass with the others
    forget_profiles(wide, keep=kept)
    assert sorted(day for day, _rules in phase_categories._CACHE[wide]) == kept
    again = profiles_on_days(wide, days=[date(2019, 6, 30), AS_OF])  # forgotten: made again, equal
    assert again[date(2019, 6, 30)].equals(got[date(2019, 6, 30)]) and again[AS_OF] is got[AS_OF]
    assert built == [(date(2017, 6, 30), AS_OF)]  # from the fact tables still held
    for day in back + kept:
        assert got[day].height > 0 and got[day].equals(phases.profiles(workforce, on=day)), day
