"""Life phase and its four axes as categories (`--by life_phase | career | private_life | vitality | pension_horizon`).

A profile (analytics.phases) is computed for everybody employed on one day; one such run costs
about as much as a whole period breakdown, so profiles are taken on few days, not on each event
day. Rules, in a period [start, end]:

- a count on the first or last day of the period uses the profile of that day (exact snapshot);
- any other event (a hire, a leave, a move, being employed in the period) uses the profile on the
  period's first day if the person was employed then, else on the last day, else — someone who
  came and went inside the period — on the day of the event itself.

Named phases overlap (DESIGN §5): under `life_phase` a person counts in every named phase that
applies, and in `no_named_phase` when none does, so life-phase rows need not add up to the total.
The four axes have exactly one state per person and partition like age bands do.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from datetime import date

import polars as pl

from levensfase.analytics.metrics import covering
from levensfase.model.lifephase import AXES, PhaseRules, load_rules
from levensfase.model.workforce import Workforce

AXIS_CATEGORIES = tuple(AXES)  # career, private_life, vitality, pension_horizon
PHASE_CATEGORIES = ("life_phase", *AXIS_CATEGORIES)
NO_PHASE = "no_named_phase"

# Profiles per workforce and day, so one breakdown computes each day once (freed with the workforce).
_CACHE: weakref.WeakKeyDictionary[Workforce, dict[tuple[date, PhaseRules | None], pl.DataFrame]] = (
    weakref.WeakKeyDictionary())

# The fact tables of the widest day range profiled so far, per workforce and rules (phases.fact_inputs).
_INPUTS: weakref.WeakKeyDictionary[Workforce, dict[PhaseRules, tuple[date, date, object]]] = weakref.WeakKeyDictionary()


def cached_profiles(workforce: Workforce, *, on: date, rules: PhaseRules | None = None) -> pl.DataFrame:
    """`phases.profiles`, computed once per workforce, day and rules (a report asks several times)."""
    return profiles_on_days(workforce, days=[on], rules=rules)[on]


def profiles_on_days(workforce: Workforce, *, days: Iterable[date], rules: PhaseRules | None = None,
                     apart: Iterable[date] = ()) -> dict[date, pl.DataFrame]:
    """`phases.profiles` on each of `days`, cached like `cached_profiles`; the days not cached yet
    are computed together (`phases.profiles_over`: the per-workforce inputs built once), so a
    section that needs many days (survey answers per month) costs one pass, not one per day.
    `apart`: of `days`, those computed in a pass of their own (the inputs still shared): a pass's
    frames share their memory, so only then does `forget_profiles` of the others free theirs."""
    from levensfase.analytics.phases import fact_inputs, profiles, profiles_over

    rules = rules or load_rules()  # None and the default rules share one cache entry
    memo = _CACHE.setdefault(workforce, {})
    wanted = sorted(set(days))
    missing = [d for d in wanted if (d, rules) not in memo]
    if not missing:
        return {d: memo[(d, rules)] for d in wanted}
    held = _INPUTS.get(workforce, {}).get(rules)
    if held is not None and held[0] <= missing[0] and missing[-1] <= held[1]:
        inputs = held[2]  # the tables of an earlier pass whose range holds these days: not built again
    elif len(missing) == 1:
        memo[(missing[0], rules)] = profiles(workforce, on=missing[0], rules=rules)
        return {d: memo[(d, rules)] for d in wanted}
    else:
        inputs = fact_inputs(workforce, first=missing[0], last=missing[-1], rules=rules)
        if held is None or held[1].toordinal() - held[0].toordinal() <= missing[-1].toordinal() - missing[0].toordinal():
            _INPUTS.setdefault(workforce, {})[rules] = (missing[0], missing[-1], inputs)  # the widest kept
    own = set(apart)
    for group in ([d for d in missing if d not in own], [d for d in missing if d in own]):
        for day, profile in profiles_over(workforce, days=group, rules=rules, inputs=inputs):
            memo[(day, rules)] = profile
    return {d: memo[(d, rules)] for d in wanted}


def forget_profiles(workforce: Workforce, *, keep: Iterable[date]) -> None:
    """Drop the cached profiles of every day but `keep` (a report's composition days once composed:
    ≈ 2 GB at 1,5 million, which every later section would carry to its peak; freed only if they
    were computed apart from the kept days, `profiles_on_days(apart=…)`); a later call on such a
    day computes it again."""
    kept = set(keep)
    memo = _CACHE.get(workforce, {})
    for key in [key for key in memo if key[0] not in kept]:
        del memo[key]


def phase_values(workforce: Workforce, *, on: date, by: str, rules: PhaseRules | None = None) -> pl.DataFrame:
    """person_id, value: the category `by` of everyone employed on `on` (several rows per person
    for `life_phase` when phases overlap; `no_named_phase` when none applies)."""
    if by not in PHASE_CATEGORIES:
        raise ValueError(f"unknown life-phase category {by!r}; choose one of {', '.join(PHASE_CATEGORIES)}")
    profile = cached_profiles(workforce, on=on, rules=rules)
    if by != "life_phase":
        return profile.select("person_id", pl.col(by).alias("value"))
    none = pl.col("phases").is_null() | (pl.col("phases").list.len() == 0)  # explode would drop an empty list
    named = pl.when(none).then(pl.lit([NO_PHASE], dtype=pl.List(pl.String))).otherwise(pl.col("phases"))
    return profile.select("person_id", named.alias("value")).explode("value")


def attach_phase(
    events: pl.DataFrame, workforce: Workforce, *, by: str, day: str, start: date, end: date,
    rules: PhaseRules | None = None,
) -> pl.DataFrame:
    """Add `value` to each event row (person_id, `day`) by the rules of this module's docstring."""
    present = lambda on: covering(workforce.assignments, on).select("person_id").unique()  # noqa: E731
    at_start = present(start).with_columns(_at_start=pl.lit(True))
    at_end = present(end).with_columns(_at_end=pl.lit(True))
    tagged = events.join(at_start, on="person_id", how="left").join(at_end, on="person_id", how="left")
    reference = (
        pl.when(pl.col(day).is_in([start, end])).then(pl.col(day))
        .when(pl.col("_at_start").fill_null(False)).then(pl.lit(start))
        .when(pl.col("_at_end").fill_null(False)).then(pl.lit(end))
        .otherwise(pl.col(day))
    )
    tagged = tagged.with_columns(_ref=reference).drop("_at_start", "_at_end")
    days = tagged.get_column("_ref").unique().sort().to_list()
    if not days:
        return tagged.drop("_ref").with_columns(value=pl.lit(None, dtype=pl.String))
    values = pl.concat([
        phase_values(workforce, on=d, by=by, rules=rules).with_columns(_ref=pl.lit(d, dtype=pl.Date)) for d in days
    ])
    return tagged.join(values, on=["person_id", "_ref"], how="left").drop("_ref")


def phase_order(by: str, rules: PhaseRules | None = None) -> list[str]:
    """Reading order of the values: phases in file order then `no_named_phase`; axis states as defined."""
    if by == "life_phase":
        return [*(rules or load_rules()).phase_names, NO_PHASE]
    return list(AXES[by])
