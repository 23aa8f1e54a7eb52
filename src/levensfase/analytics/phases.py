"""Life-phase profiles (levensfaseprofielen) over a Workforce: the rules of `model.lifephase`, vectorised.

One row per person employed on a date, with the four axes (career, private life, vitality,
pension horizon), the named phases that apply, one primary phase for tables whose rows must not
overlap, and flags where calendar age stood in for missing data (DESIGN §5). Everything is Polars
expressions over whole tables — no Python loop over people, only over the few rules — and AOW
dates are computed once per distinct birth date, so 100,000 people take about a second.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache

import numpy as np
import polars as pl

from levensfase.analytics.phase_facts import FactInputs, facts_on
from levensfase.analytics.vitality import vitality_readings
from levensfase.model.lifephase import AXES, PhaseRules, load_rules
from levensfase.model.pension import aow_age
from levensfase.model.workforce import Workforce

__all__ = ["PROFILE_COLUMNS", "aow_dates", "fact_inputs", "keyed_profiles_over", "primary_phases_over", "profile_history", "profiles",
           "profiles_over", "vitality_readings"]

PROFILE_COLUMNS = (
    "person_id", "career", "private_life", "vitality", "pension_horizon", "phases", "primary_phase", "fte", "age",
    "has_young_children", "has_school_age_children", "is_caregiver", "career_from_age", "private_life_from_age",
    "aow_date", "vitality_instrument", "vitality_date",
)
BATCH_DAYS = 8  # days whose facts are built together: 8 × the workforce rows at most in memory


def profiles(workforce: Workforce, *, on: date, rules: PhaseRules | None = None) -> pl.DataFrame:
    """The life-phase profile of everyone employed on `on` (columns: PROFILE_COLUMNS, by person_id)."""
    day = _check_day(on, "on")
    rules = _checked(workforce, rules)
    present = workforce.assignments.filter(
        (pl.col("start_date") <= day) & (pl.col("end_date").is_null() | (pl.col("end_date") >= day))
    ).select("person_id").unique()
    inputs = _inputs(workforce, context=workforce, first=day, last=day, rules=rules, persons=present)
    return next(_profiles_on_days(inputs, [day], rules))[1]


def profiles_over(workforce: Workforce, *, days: Sequence[date], rules: PhaseRules | None = None,
                  inputs: FactInputs | None = None) -> Iterator[tuple[date, pl.DataFrame]]:
    """(day, `profiles(workforce, on=day)`) for each distinct day in order, the per-workforce tables
    built once for the whole range and the days taken in batches (`phase_facts`): a panel of
    monthly snapshots in a fraction of the time, never more than a batch of days in memory.
    `inputs`: `fact_inputs` of this workforce and rules for a range holding every day (reused)."""
    rules = _checked(workforce, rules)
    asked = sorted({_check_day(d, "days") for d in days})
    if not asked:
        return
    if inputs is None:
        inputs = fact_inputs(workforce, first=asked[0], last=asked[-1], rules=rules)
    for start in range(0, len(asked), BATCH_DAYS):
        yield from _profiles_on_days(inputs, asked[start:start + BATCH_DAYS], rules)


def fact_inputs(workforce: Workforce, *, first: date, last: date, rules: PhaseRules | None = None) -> FactInputs:
    """The per-workforce tables of `profiles_over` for any days in [first, last]: built once, they
    serve later days in that range too (a report's sections ask for days at different times)."""
    return _inputs(workforce, context=workforce, first=first, last=last, rules=_checked(workforce, rules))


def keyed_profiles_over(workforce: Workforce, *, days: Sequence[date], rules: PhaseRules | None = None,
                        columns: Sequence[str] = PROFILE_COLUMNS[1:], batch_days: int = BATCH_DAYS
                        ) -> tuple[pl.Series, Iterator[tuple[list[date], pl.DataFrame]]]:
    """The profiles of `profiles_over` without a person_id string per row, for a caller that joins
    them on integers (the evaluation panel): `ids` (the sorted person_ids; a row's `key` is its
    position) and, per batch of days, (the batch's days, one frame of PROFILE_COLUMNS but person_id,
    plus `_idx`: the day's position in the batch, and `key`; by day, then key). `columns`: only
    these of PROFILE_COLUMNS (fewer columns to sort); `batch_days`: days per frame."""
    rules = _checked(workforce, rules)
    unknown = set(columns) - set(PROFILE_COLUMNS[1:])
    if unknown:
        raise ValueError(f"not a profile column: {', '.join(sorted(unknown))}")
    asked = sorted({_check_day(d, "days") for d in days})
    if not asked:
        return pl.Series("person_id", [], dtype=pl.String), iter(())
    inputs = _inputs(workforce, context=workforce, first=asked[0], last=asked[-1], rules=rules)
    batches = (asked[start:start + batch_days] for start in range(0, len(asked), batch_days))
    return inputs.ids, ((batch, _profile_rows(inputs, batch, rules, columns)) for batch in batches)


def primary_phases_over(workforce: Workforce, *, days: Sequence[date], rules: PhaseRules | None = None
                        ) -> Iterator[tuple[date, pl.DataFrame]]:
    """(day, person_id and primary_phase) exactly as in `profiles_over`, for callers that need
    only the primary phase (the projection's states): when no named phase looks at vitality, the
    surveys are not read at all (vitality is then "unknown" inside, which no phase can see)."""
    rules = _checked(workforce, rules)
    asked = sorted({_check_day(d, "days") for d in days})
    if not asked:
        return
    vitality = any(phase.allowed("vitality") is not None for phase in rules.phases)
    inputs = _inputs(workforce, context=workforce, first=asked[0], last=asked[-1], rules=rules, vitality=vitality)
    for start in range(0, len(asked), BATCH_DAYS):
        for day, profile in _profiles_on_days(inputs, asked[start:start + BATCH_DAYS], rules):
            yield day, profile.select("person_id", "primary_phase")


def profile_history(
    workforce: Workforce, *, person_id: str, dates: Sequence[date], rules: PhaseRules | None = None
) -> pl.DataFrame:
    """One person's profile on each of `dates` on which they were employed (a `date` column first).

    Organisation-wide facts (where the records begin, whether life events are recorded at all)
    come from the whole workforce, so a row here equals that person's row of `profiles`.
    """
    rules = _checked(workforce, rules)
    if not isinstance(person_id, str) or workforce.people.filter(pl.col("person_id") == person_id).height == 0:
        raise ValueError(f"unknown person_id {person_id!r}: not in people")
    if isinstance(dates, (str, bytes)) or not isinstance(dates, Sequence):
        raise TypeError("dates must be a sequence of dates")
    days = sorted({_check_day(d, "dates") for d in dates})
    mine = Workforce.from_tables({
        name: frame.filter(pl.col("person_id") == person_id) if "person_id" in frame.columns else frame
        for name, frame in workforce.tables().items()
    })
    asked = days or [date(1900, 1, 1)]  # no dates: an empty table with the same columns
    inputs = _inputs(mine, context=workforce, first=asked[0], last=asked[-1], rules=rules)
    frames = [profile.with_columns(date=pl.lit(day, dtype=pl.Date)) for day, profile in _profiles_on_days(inputs, asked, rules)]
    history = pl.concat(frames).select("date", *PROFILE_COLUMNS)
    return history if days else history.clear()


def aow_dates(birth_dates: pl.Series) -> pl.DataFrame:
    """birth_date → aow_date for each distinct birth date: the rule of `pension.aow_date`, vectorised.

    The AOW date is the first day on which the age reaches the AOW age of that calendar year, so
    each candidate year Y (from the 65th birthday on) is tried for all birth dates at once; a day
    that does not exist (31 Nov) rolls to the 1st of the next month. Years without an AOW age (no
    life-expectancy assumption) leave the date empty. The table is kept for the last few sets of
    birth dates: a projection asks for the same people's AOW dates four times.
    """
    return _aow_table(tuple(birth_dates.cast(pl.Date).drop_nulls().unique().sort().to_list()))


@lru_cache(maxsize=4)
def _aow_table(birth_dates: tuple[date, ...]) -> pl.DataFrame:
    frame = pl.DataFrame({"birth_date": birth_dates}, schema={"birth_date": pl.Date})
    frame = frame.with_columns(aow_date=pl.lit(None, dtype=pl.Date), born_year=pl.col("birth_date").dt.year())
    if frame.height == 0:
        return frame.select("birth_date", "aow_date")
    # Ages never fall, so no year before born_year + (whole years of the age at 65) can hold the date.
    months: dict[int, int | None] = {}
    first_year = {y: y + (_aow_months(y + 65) or 65 * 12) // 12 for y in frame.get_column("born_year").unique()}
    frame = frame.with_columns(year0=pl.col("born_year").replace_strict(first_year, return_dtype=pl.Int64))
    for step in range(0, 40):
        pending = frame.filter(pl.col("aow_date").is_null())
        if pending.height == 0:
            break
        for year in pending.get_column("year0").unique().to_list():
            months.setdefault(year + step, _aow_months(year + step))
        year = pl.col("year0") + step
        m = year.replace_strict(list(months), list(months.values()), default=None, return_dtype=pl.Int64)
        reached = _add_months(pl.col("birth_date"), m)
        found = pl.col("aow_date").is_null() & (reached.dt.year() <= year)
        jan_first = pl.date(year, 1, 1)
        frame = frame.with_columns(
            aow_date=pl.when(found).then(pl.max_horizontal(reached, jan_first)).otherwise(pl.col("aow_date"))
        )
    return frame.select("birth_date", "aow_date")


# --- internals -------------------------------------------------------------------------------------


def _inputs(workforce: Workforce, *, context: Workforce, first: date, last: date, rules: PhaseRules,
            persons: pl.DataFrame | None = None, vitality: bool = True) -> FactInputs:
    """The keyed tables of `phase_facts` for days in [first, last] and the `persons` (if given),
    after checking that every person has an AOW date."""
    people = workforce.people.select("person_id", "birth_date")
    if persons is not None:
        people = people.join(persons, on="person_id", how="semi")
    h = rules.pension_horizon
    aow = aow_dates(people.get_column("birth_date")).with_columns(  # per birth date, not per person and day
        _window_from=pl.col("aow_date").dt.offset_by(f"-{h.window_years}y"),
        _approaching_from=pl.col("aow_date").dt.offset_by(f"-{h.approaching_years}y"))
    born = pl.col("birth_date")  # for `_ages`: age_on's year and (month, day) per person once, not per row
    people = people.join(aow, on="birth_date", how="left").with_columns(
        _born_year=born.dt.year().cast(pl.Int64), _born_md=born.dt.month().cast(pl.Int64) * 100 + born.dt.day())
    unknown = people.filter(pl.col("aow_date").is_null())
    if unknown.height:
        shown = ", ".join(f"{p} ({b})" for p, b in unknown.head(5).select("person_id", "birth_date").iter_rows())
        raise ValueError(f"no AOW date can be computed for {unknown.height} person(s): {shown}; check birth_date")
    return FactInputs.of(workforce, context=context, first=first, last=last, rules=rules, people=people,
                         persons=persons, vitality=vitality)


def _profiles_on_days(inputs: FactInputs, days: list[date], rules: PhaseRules) -> Iterator[tuple[date, pl.DataFrame]]:
    """(day, profile) for each of `days` (sorted, distinct): the rules applied to the facts of all
    days at once, then cut into one table per day (already in person_id order)."""
    frame = _profile_rows(inputs, days, rules).with_columns(person_id=pl.lit(inputs.ids).gather(pl.col("key")))
    bounds = np.searchsorted(frame.get_column("_idx").to_numpy(), np.arange(len(days) + 1), side="left")
    for i, on in enumerate(days):
        yield on, frame.slice(int(bounds[i]), int(bounds[i + 1] - bounds[i])).select(PROFILE_COLUMNS)


def _profile_rows(inputs: FactInputs, days: list[date], rules: PhaseRules,
                  columns: Sequence[str] = PROFILE_COLUMNS[1:]) -> pl.DataFrame:
    """The profiles of all `days` (sorted, distinct) in one frame by day, then key: `_idx` the day's
    position in `days`, `key` the person's in `inputs.ids`, and `columns` (no person_id yet).
    Only those columns are sorted, and the list of phases is made only when asked for."""
    day = pl.col("_day")
    frame = facts_on(inputs, days, rules).with_columns(age=_ages(days))
    frame = frame.with_columns(
        pension_horizon=pl.when(day >= pl.col("_window_from")).then(pl.lit("window"))
        .when(day >= pl.col("_approaching_from")).then(pl.lit("approaching"))
        .otherwise(pl.lit("distant")),
        vitality=pl.col("vitality").fill_null("unknown"),
    )
    booleans, private_life = _private_life(inputs.has_life_events, rules)
    frame = frame.with_columns(_career(rules), *booleans).with_columns(private_life)
    by_day = pl.col("_idx") * max(inputs.ids.len(), 1) + pl.col("key")
    return _with_phases(frame, rules, listed="phases" in columns).select("_idx", "key", *columns).sort(by_day)


def _ages(days: list[date]) -> pl.Expr:
    """`categories.age_on(birth_date, day)` of each row (day = days[_idx]) on integers: the years
    between, less one before the birthday ((month, day) as month × 100 + day)."""
    year = pl.lit(pl.Series([d.year for d in days], dtype=pl.Int64)).gather(pl.col("_idx"))
    md = pl.lit(pl.Series([d.month * 100 + d.day for d in days], dtype=pl.Int64)).gather(pl.col("_idx"))
    return year - pl.col("_born_year") - (md < pl.col("_born_md")).cast(pl.Int64)


def _career(rules: PhaseRules) -> pl.Expr:
    """starter / growing / established from data (or from age when censored); then late career."""
    c = rules.career
    from_data = (pl.when(pl.col("starter")).then(pl.lit("starter"))
                 .when(pl.col("short_service") | pl.col("promoted")).then(pl.lit("growing"))
                 .otherwise(pl.lit("established")))
    from_age = (pl.when(pl.col("age") < c.starter_below_age).then(pl.lit("starter"))
                .when(pl.col("age") < c.growing_below_age).then(pl.lit("growing"))
                .otherwise(pl.lit("established")))
    state = pl.when(pl.col("career_from_age")).then(from_age).otherwise(from_data)
    late = (pl.col("pension_horizon") != "distant") & (state != "growing")
    return pl.when(late).then(pl.lit("late_career")).otherwise(state).alias("career")


def _private_life(has_life_events: bool, rules: PhaseRules) -> tuple[list[pl.Expr], pl.Expr]:
    """The care booleans (from age bands when the organisation records no life events) and the
    single private_life state by the priority of the rules."""
    p = rules.private_life
    flags = {"young_children": "has_young_children", "school_age_children": "has_school_age_children",
             "caregiving": "is_caregiver"}
    if has_life_events:
        booleans = [pl.col(col).fill_null(False).alias(col) for col in flags.values()]
    else:
        guess = pl.lit("no_care_duties")
        for low, below, state in reversed(p.age_fallback):
            guess = pl.when(pl.col("age").is_between(low, below, closed="left")).then(pl.lit(state)).otherwise(guess)
        booleans = [(guess == state).alias(col) if state != "caregiving" else pl.lit(False).alias(col)
                    for state, col in flags.items()]
    state = pl.lit("no_care_duties")
    for situation in reversed(p.priority):
        state = pl.when(pl.col(flags[situation])).then(pl.lit(situation)).otherwise(state)
    booleans.append(pl.lit(not has_life_events).alias("private_life_from_age"))
    return booleans, state.alias("private_life")


def _with_phases(frame: pl.DataFrame, rules: PhaseRules, *, listed: bool = True) -> pl.DataFrame:
    """phases (every named phase that applies, in file order; not `listed`: left out) and
    primary_phase (by priority).

    Each person gets a bit mask of the phases that apply; the few distinct masks are turned into
    the list and the primary phase once, then joined back (much cheaper than list ops per row)."""
    situations = {"young_children": pl.col("has_young_children"), "caregiving": pl.col("is_caregiver"),
                  "school_age_children": pl.col("has_school_age_children")}
    situations["no_care_duties"] = ~(situations["young_children"] | situations["school_age_children"]
                                     | situations["caregiving"])
    matches: dict[str, pl.Expr] = {}
    for phase in rules.phases:
        cond = pl.lit(True)
        for axis in AXES:
            allowed = phase.allowed(axis)
            if allowed is None:
                continue
            if axis == "private_life":
                cond = cond & pl.any_horizontal(*(situations[s] for s in allowed))
            else:
                cond = cond & pl.col(axis).is_in(list(allowed))
        if phase.min_fte is not None:
            cond = cond & (pl.col("fte") >= phase.min_fte)
        if phase.max_fte is not None:
            cond = cond & (pl.col("fte") <= phase.max_fte)
        matches[phase.name] = cond
    names = list(matches)
    mask = pl.sum_horizontal(*(c.fill_null(False).cast(pl.Int64) * (1 << i) for i, c in enumerate(matches.values())))
    frame = frame.with_columns(_mask=mask)
    masks = frame.get_column("_mask").unique().sort().to_list()
    applying = [[n for i, n in enumerate(names) if m >> i & 1] for m in masks]
    primary = [next((n for n in rules.primary_priority if n in listed), None) for listed in applying]
    lookup = pl.DataFrame({"_mask": masks, "phases": applying, "primary_phase": primary},
                          schema={"_mask": pl.Int64, "phases": pl.List(pl.String), "primary_phase": pl.String})
    return frame.join(lookup if listed else lookup.drop("phases"), on="_mask", how="left")


def _add_months(born: pl.Expr, months: pl.Expr) -> pl.Expr:
    """`pension.add_months` over columns: a day missing in the target month rolls to the next 1st."""
    index = born.dt.year() * 12 + born.dt.month() - 1 + months
    first = pl.date(index // 12, index % 12 + 1, 1)
    exists = born.dt.day() <= first.dt.month_end().dt.day()
    return pl.when(exists).then(first + pl.duration(days=born.dt.day() - 1)).otherwise(first.dt.offset_by("1mo"))


def _aow_months(year: int) -> int | None:
    try:
        return aow_age(year)[0].total_months
    except ValueError:
        return None


def _check_day(value: object, name: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date (datetime.date), got {value!r}")
    return value


def _checked(workforce: object, rules: PhaseRules | None) -> PhaseRules:
    if not isinstance(workforce, Workforce):
        raise TypeError(f"workforce must be a Workforce, got {type(workforce).__name__}")
    if rules is not None and not isinstance(rules, PhaseRules):
        raise TypeError(f"rules must be PhaseRules from load_rules(), got {type(rules).__name__}")
    return rules or load_rules()
