"""The life-phase profiles as `analytics.phases` computed them before the batch path (one day at a
time, every fact joined on person_id strings), kept unchanged as the oracle the fast path must equal.

Test support only: `profiles_by_day` gives the old `profiles_over`, row for row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from levensfase.analytics.categories import age_on
from levensfase.analytics.metrics import moves
from levensfase.analytics.phases import PROFILE_COLUMNS, aow_dates
from levensfase.analytics.vitality import vitality_readings
from levensfase.model.lifephase import AXES, VITALITY_STATES, PhaseRules, load_rules
from levensfase.model.workforce import Workforce


def profiles_by_day(workforce: Workforce, *, days: Sequence[date], rules: PhaseRules | None = None
                    ) -> dict[date, pl.DataFrame]:
    """The old `profiles_over`: inputs once for the range, then one `_profiles_on` per day."""
    rules = rules or load_rules()
    asked = sorted(set(days))
    inputs = _Inputs.of(workforce, context=workforce, first=asked[0], last=asked[-1], rules=rules)
    return {day: _profiles_on(inputs, day, rules) for day in asked}


@dataclass(frozen=True)
class _Inputs:
    """Per-workforce tables computed once, whatever the number of dates asked for."""

    assignments: pl.DataFrame
    spells: pl.DataFrame
    promotions: pl.DataFrame
    readings: pl.DataFrame
    life_events: pl.DataFrame
    people: pl.DataFrame
    history_start: date | None
    has_life_events: bool

    @classmethod
    def of(cls, workforce: Workforce, *, context: Workforce, first: date, last: date, rules: PhaseRules,
           persons: pl.DataFrame | None = None) -> _Inputs:
        """Only what dates in [first, last] and the `persons` (if given) can need: their surveys in
        the vitality window, their recent moves."""
        def mine(frame: pl.DataFrame) -> pl.DataFrame:
            return frame if persons is None else frame.join(persons, on="person_id", how="semi")

        people = mine(workforce.people.select("person_id", "birth_date"))
        aow = aow_dates(people.get_column("birth_date"))
        people = people.join(aow, on="birth_date", how="left")
        unknown = people.filter(pl.col("aow_date").is_null())
        if unknown.height:
            shown = ", ".join(f"{p} ({b})" for p, b, _ in unknown.head(5).iter_rows())
            raise ValueError(f"no AOW date can be computed for {unknown.height} person(s): {shown}; check birth_date")
        moved_since = _years_before(first, rules.career.promotion_window_years) - timedelta(days=1)
        assignments = mine(workforce.assignments)
        recent = assignments.filter(
            (pl.col("start_date") <= last) & (pl.col("end_date").is_null() | (pl.col("end_date") >= moved_since))
        )
        return cls(
            assignments=assignments.select("person_id", "start_date", "end_date", "fte"),
            spells=mine(workforce.spells),
            promotions=moves(recent, workforce.jobs).filter(pl.col("promotion")).select("person_id", "start_date"),
            readings=vitality_readings(
                workforce, since=_years_before(first, rules.vitality.window_years), until=last, persons=persons
            ),
            life_events=mine(workforce.life_events).filter(pl.col("event").is_in(["child", "caregiving"])),
            people=people,
            history_start=context.assignments.get_column("start_date").min(),
            has_life_events=context.life_events.height > 0,
        )


def _profiles_on(inputs: _Inputs, on: date, rules: PhaseRules) -> pl.DataFrame:
    day = pl.lit(on, dtype=pl.Date)
    covers = (pl.col("start_date") <= on) & (pl.col("end_date").is_null() | (pl.col("end_date") >= on))
    present = inputs.assignments.lazy().filter(covers).group_by("person_id").agg(pl.col("fte").sum().round(4))
    frame = (  # lazy: Polars runs the per-axis facts side by side
        present.join(inputs.people.lazy(), on="person_id", how="left")
        .join(_career_facts(inputs, on, rules), on="person_id", how="left")
        .join(_care_facts(inputs, on, rules), on="person_id", how="left")
        .join(_vitality_on(inputs, on, rules), on="person_id", how="left")
        .with_columns(age=age_on(pl.col("birth_date"), day).cast(pl.Int64))
    )
    h = rules.pension_horizon
    frame = frame.with_columns(
        pension_horizon=pl.when(day >= pl.col("aow_date").dt.offset_by(f"-{h.window_years}y")).then(pl.lit("window"))
        .when(day >= pl.col("aow_date").dt.offset_by(f"-{h.approaching_years}y")).then(pl.lit("approaching"))
        .otherwise(pl.lit("distant")),
        vitality=pl.col("vitality").fill_null("unknown"),
    )
    booleans, private_life = _private_life(inputs, rules)
    frame = frame.with_columns(_career(rules), *booleans).with_columns(private_life).collect()
    return _with_phases(frame, rules).select(PROFILE_COLUMNS).sort("person_id")


def _career_facts(inputs: _Inputs, on: date, rules: PhaseRules) -> pl.LazyFrame:
    """Per person: service so far (all spells), whether the current spell is the first, a recent
    promotion, and whether the records begin with the person already employed (censored)."""
    day = pl.lit(on, dtype=pl.Date)
    c = rules.career
    spells = inputs.spells.lazy().filter(pl.col("start_date") <= on).with_columns(
        days=(pl.min_horizontal(pl.col("end_date").fill_null(day), day) - pl.col("start_date")).dt.total_days() + 1,
        current=pl.col("end_date").is_null() | (pl.col("end_date") >= on),
    )
    facts = spells.group_by("person_id").agg(
        pl.col("days").sum().alias("service_days"),
        (pl.col("current") & (pl.col("spell_no") == 1)).any().alias("first_spell"),
        pl.col("start_date").min().alias("first_start"),
    )
    # The day on which one unbroken spell of the same length would have begun: calendar-exact years.
    since = day - pl.duration(days=pl.col("service_days") - 1)
    promoted = inputs.promotions.lazy().filter(
        (pl.col("start_date") <= on) & (pl.col("start_date") >= day.dt.offset_by(f"-{c.promotion_window_years}y"))
    ).select("person_id").unique().with_columns(promoted=pl.lit(True))
    short = day < since.dt.offset_by(f"{c.growing_years}y")
    censored = (pl.lit(c.censored_history) & (pl.col("first_start") == pl.lit(inputs.history_start, dtype=pl.Date))
                & short)
    return facts.join(promoted, on="person_id", how="left").select(
        "person_id",
        starter=pl.col("first_spell") & (day < since.dt.offset_by(f"{c.starter_years}y")),
        short_service=short,
        promoted=pl.col("promoted").fill_null(False),
        career_from_age=censored.fill_null(False),
    )


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


def _care_facts(inputs: _Inputs, on: date, rules: PhaseRules) -> pl.LazyFrame:
    """Per person with an open child or caregiving event: the three care booleans."""
    p = rules.private_life
    day = pl.lit(on, dtype=pl.Date)
    child_age = age_on(pl.col("start_date"), day)
    is_child = pl.col("event") == "child"
    return inputs.life_events.lazy().filter(
        (pl.col("start_date") <= on) & (pl.col("end_date").is_null() | (pl.col("end_date") >= on))
    ).group_by("person_id").agg(
        (is_child & (child_age < p.young_children_below_age)).any().alias("has_young_children"),
        (is_child & (child_age >= p.young_children_below_age) & (child_age < p.school_age_below_age)).any()
        .alias("has_school_age_children"),
        (pl.col("event") == "caregiving").any().alias("is_caregiver"),
    )


def _private_life(inputs: _Inputs, rules: PhaseRules) -> tuple[list[pl.Expr], pl.Expr]:
    """The care booleans (from age bands when the organisation records no life events) and the
    single private_life state by the priority of the rules."""
    p = rules.private_life
    flags = {"young_children": "has_young_children", "school_age_children": "has_school_age_children",
             "caregiving": "is_caregiver"}
    if inputs.has_life_events:
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
    booleans.append(pl.lit(not inputs.has_life_events).alias("private_life_from_age"))
    return booleans, state.alias("private_life")


def _vitality_on(inputs: _Inputs, on: date, rules: PhaseRules) -> pl.LazyFrame:
    """The latest WAI within the window, else the latest WAS: vitality, its instrument and date."""
    since = pl.lit(on, dtype=pl.Date).dt.offset_by(f"-{rules.vitality.window_years}y")
    recent = inputs.readings.lazy().filter((pl.col("date") <= on) & (pl.col("date") >= since))
    latest = recent.sort("person_id", pl.col("instrument") == "wai", "date", descending=[False, True, True])
    return latest.group_by("person_id", maintain_order=True).first().select(
        "person_id",
        vitality=pl.when(pl.col("band").is_in(list(VITALITY_STATES))).then(pl.col("band")).otherwise(pl.lit("unknown")),
        vitality_instrument=pl.col("instrument"),
        vitality_date=pl.col("date"),
    )


def _with_phases(frame: pl.DataFrame, rules: PhaseRules) -> pl.DataFrame:
    """phases (every named phase that applies, in file order) and primary_phase (by priority).

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
    return frame.join(lookup, on="_mask", how="left")


def _years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (28 February for 29 February), like Polars' offset_by."""
    return pl.select(pl.lit(day, dtype=pl.Date).dt.offset_by(f"-{years}y")).item()
