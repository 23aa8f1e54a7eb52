"""The facts behind life-phase profiles on many days in one pass: who is employed, tenure, promotion,
care, vitality — per (person, day), for a batch of days at once.

`analytics.phases` applies the rules of `model.lifephase` to these facts. Building them day by day
repeated the same joins for every day and hashed person_id strings each time; here every table gets
an integer person key once, each person-day row is found by spreading an interval (an assignment, a
care event) over the asked days that fall inside it (a binary search per interval, no cross join),
and the latest earlier fact (the current spell, the latest promotion, the latest WAI or WAS) comes
from one as-of merge over all days on `key × span + day`. A row's id is `key × days + day index`:
sorted on it, the rows run by person_id (keys are ranks of the sorted person_ids), then by day, the
order the as-of merges need; `phases` re-sorts by day at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from levensfase.analytics.metrics import move_starts
from levensfase.analytics.vitality import vitality_readings
from levensfase.model.lifephase import VITALITY_STATES, PhaseRules
from levensfase.model.workforce import Workforce

__all__ = ["FACT_COLUMNS", "FactInputs", "facts_on", "turns"]

_OFFSET = 1 << 21  # days either side of 1970 an as-of key can tell apart (about 5.700 years)
_SPAN = 2 * _OFFSET

FACT_COLUMNS = (  # then the columns of FactInputs.people (birth_date, aow_date, …)
    "_rid", "_idx", "_day", "key", "fte", "starter", "short_service", "promoted", "career_from_age",
    "has_young_children", "has_school_age_children", "is_caregiver", "vitality", "vitality_instrument", "vitality_date",
)


@dataclass(frozen=True)
class FactInputs:
    """Per-workforce tables keyed once, for any days in [first, last]."""

    ids: pl.Series            # sorted distinct person_id; a person's key is its position
    people: pl.DataFrame      # key, birth_date, aow_date and any other per-person columns the caller adds
    assignments: pl.DataFrame  # key, start_date, end_date, fte: those touching [first, last]
    spells: pl.DataFrame      # key, _at, start_date, spell_no, prior_days, first_start, _short_until,
                              # _starter_until; by _at
    promotions: pl.DataFrame  # key, _at, _promoted (its start date); by _at
    readings: dict[str, pl.DataFrame]  # instrument I -> key, _at, _I_date, _I_band; by _at
    care: pl.DataFrame        # key, event, start_date, end_date, _school_from, _grown_from: child, caregiving
    history_start: date | None
    has_life_events: bool

    @classmethod
    def of(cls, workforce: Workforce, *, context: Workforce, first: date, last: date, rules: PhaseRules,
           people: pl.DataFrame, persons: pl.DataFrame | None = None, vitality: bool = True) -> FactInputs:
        """`people` (person_id, birth_date, aow_date, …) checked by the caller; `persons` (a person_id
        column) limits the work to them. Organisation-wide facts come from `context`. Without
        `vitality` no survey is read and nobody has a reading (for callers that need no vitality)."""
        touches = (pl.col("start_date") <= last) & (pl.col("end_date").is_null() | (pl.col("end_date") >= first))
        if persons is None:  # everyone ever assigned, in person_id order: the cached sorted assignments
            ordered = workforce.ordered_assignments
            ids = ordered.filter(_runs()).get_column("person_id")
            assignments = ordered.select("start_date", "end_date", "fte", key=_runs().cum_sum().cast(pl.Int64) - 1
                                         ).filter(touches)
        else:
            ids = persons.get_column("person_id").unique().sort()
        index = pl.DataFrame({"person_id": ids, "key": pl.int_range(ids.len(), dtype=pl.Int64, eager=True)})

        def keyed(frame: pl.DataFrame) -> pl.DataFrame:
            return frame.join(index, on="person_id", how="inner").drop("person_id")

        if persons is not None:
            assignments = keyed(workforce.assignments.filter(touches).select("person_id", "start_date", "end_date", "fte"))
        spells = workforce.spells.select("person_id", "spell_no", "start_date", "end_date")
        if persons is None and spells.filter(_runs()).get_column("person_id").equals(ids):
            # Spells come from the same sorted assignments: one run of rows per person, in ids' order.
            spells = spells.with_columns(key=_runs().cum_sum().cast(pl.Int64) - 1).drop("person_id")
        else:
            spells = keyed(spells)
        spells = spells.sort("key", "spell_no")
        length = ((pl.col("end_date") - pl.col("start_date")).dt.total_days() + 1).fill_null(0)
        spells = spells.with_columns(
            prior_days=(length.cum_sum() - length).over("key"), first_start=pl.col("start_date").min().over("key"),
        ).filter(pl.col("start_date") <= last).drop("end_date").with_columns(_at(pl.col("start_date"))).sort("_at")
        # Service on a day in a spell is prior_days + the days of this spell so far, so it began
        # on start_date − prior_days whatever the day: the dates it turns "growing" and "starter"
        # can be set per spell, not per person and day.
        since = pl.col("start_date") - pl.duration(days=pl.col("prior_days"))
        spells = spells.with_columns(_short_until=since.dt.offset_by(f"{rules.career.growing_years}y"),
                                     _starter_until=since.dt.offset_by(f"{rules.career.starter_years}y"))
        since = _years_before(first, rules.career.promotion_window_years)
        moved = move_starts(workforce.assignments, workforce.jobs, ordered=workforce.ordered_assignments)
        promotions = keyed(moved.filter(pl.col("promotion") & pl.col("start_date").is_between(since, last))
                           .select("person_id", "start_date").unique())
        window = _years_before(first, rules.vitality.window_years)
        readings = keyed(vitality_readings(workforce, since=window, until=last, persons=persons) if vitality
                         else pl.DataFrame(schema={"person_id": pl.String, "date": pl.Date, "instrument": pl.String,
                                                   "band": pl.String}))
        band = pl.when(pl.col("band").is_in(list(VITALITY_STATES))).then(pl.col("band")).otherwise(pl.lit("unknown"))
        # A child counts until an age limit; a year later the event can no longer set a flag, so
        # its days end there (fewer rows to spread, the same booleans once the days without a row
        # are read as False).
        years = max(rules.private_life.young_children_below_age, rules.private_life.school_age_below_age) + 1
        grown = pl.col("start_date").dt.offset_by(f"{years}y")
        care = workforce.life_events.filter(pl.col("event").is_in(["child", "caregiving"])).with_columns(
            end_date=pl.when(pl.col("event") == "child").then(pl.min_horizontal(pl.col("end_date"), grown))
            .otherwise(pl.col("end_date"))).filter(touches).with_columns(
            _school_from=turns(pl.col("start_date"), rules.private_life.young_children_below_age),
            _grown_from=turns(pl.col("start_date"), rules.private_life.school_age_below_age))
        return cls(
            ids=ids,
            people=keyed(people),
            assignments=assignments,
            spells=spells,
            promotions=promotions.select("key", _at(pl.col("start_date")), _promoted="start_date").sort("_at"),
            readings={i: readings.filter(pl.col("instrument") == i).select(
                "key", _at(pl.col("date")), pl.col("date").alias(f"_{i}_date"), band.alias(f"_{i}_band")).sort("_at")
                for i in ("wai", "was")},
            care=keyed(care.select("person_id", "event", "start_date", "end_date", "_school_from", "_grown_from")),
            history_start=context.assignments.get_column("start_date").min(),
            has_life_events=context.life_events.height > 0,
        )


def _runs() -> pl.Expr:
    """The first row of each person in a table sorted by person_id."""
    return (pl.col("person_id") != pl.col("person_id").shift()).fill_null(True)


def facts_on(inputs: FactInputs, days: Sequence[date], rules: PhaseRules) -> pl.DataFrame:
    """FACT_COLUMNS for everyone employed on each of `days` (sorted, distinct), by person then day."""
    n = len(days)
    calendar = pl.Series("_day", list(days), dtype=pl.Date)
    on_day = pl.DataFrame({"_idx": range(n), "_day": calendar}, schema={"_idx": pl.Int64, "_day": pl.Date}).with_columns(
        _promoted_from=pl.col("_day").dt.offset_by(f"-{rules.career.promotion_window_years}y"),
        _readings_from=pl.col("_day").dt.offset_by(f"-{rules.vitality.window_years}y"))
    present = _by_rid(_spread(inputs.assignments, calendar).select(_rid(n), "fte"), pl.col("fte").sum().round(4))
    present = present.with_columns(key=pl.col("_rid") // n, _idx=pl.col("_rid") % n)
    present = present.with_columns(pl.lit(on_day.get_column(c)).gather(pl.col("_idx")).alias(c)
                                   for c in on_day.columns[1:]).with_columns(_at=_at(pl.col("_day")))
    frame = _care_facts(inputs, _career_facts(inputs, present, rules), calendar)
    frame = _vitality(inputs, frame).select(FACT_COLUMNS)
    return frame.join(inputs.people, on="key", how="left", maintain_order="left")  # last: fewer columns copied


def _by_rid(frame: pl.DataFrame, *aggs: pl.Expr) -> pl.DataFrame:
    """`aggs` per _rid, sorted by _rid: sorted first (stable, so a sum adds in the same order on
    every run), the group-by runs over consecutive rows (several times cheaper than hashing, then
    sorting the groups)."""
    return frame.sort("_rid", maintain_order=True).group_by("_rid", maintain_order=True).agg(*aggs)


def _rid(days: int) -> pl.Expr:
    """One integer per person and asked day, in person-then-day order."""
    return (pl.col("key") * days + pl.col("_idx")).alias("_rid")


def _at(day: pl.Expr) -> pl.Expr:
    """key × _SPAN + day: one sorted integer per person and date, so "the latest row of the same
    person on or before the day" is an as-of merge on one column (dates clipped to ±5.700 years)."""
    days = day.cast(pl.Int64).clip(-_OFFSET, _OFFSET - 1) + _OFFSET
    return (pl.col("key") * _SPAN + days).alias("_at")


def _latest(frame: pl.DataFrame, facts: pl.DataFrame, columns: Sequence[str]) -> pl.DataFrame:
    """`columns` of each row's latest fact (`facts` by `_at`) of the same person on or before its day."""
    right = facts.select("_at", pl.col("key").alias("_of"), *columns)
    joined = frame.join_asof(right, on="_at", strategy="backward", check_sortedness=False)
    mine = pl.col("_of") == pl.col("key")
    return joined.with_columns(pl.when(mine).then(pl.col(c)).alias(c) for c in columns).drop("_of")


def _spread(frame: pl.DataFrame, calendar: pl.Series) -> pl.DataFrame:
    """One row per interval [start_date, end_date] (empty end: open) and asked day inside it, `_idx`
    the day's position: a binary search for the first and last day, then the range between."""
    ints = calendar.cast(pl.Int32).to_numpy()
    starts = frame.get_column("start_date").cast(pl.Int32).to_numpy()
    ends = frame.get_column("end_date").cast(pl.Int32).fill_null(np.iinfo(np.int32).max).to_numpy()
    low = np.searchsorted(ints, starts, side="left")
    high = np.searchsorted(ints, ends, side="right")
    spread = frame.with_columns(_lo=pl.Series(low, dtype=pl.Int64), _hi=pl.Series(high, dtype=pl.Int64))
    return (spread.filter(pl.col("_hi") > pl.col("_lo"))
            .with_columns(_idx=pl.int_ranges("_lo", "_hi", dtype=pl.Int64)).explode("_idx").drop("_lo", "_hi"))


def _career_facts(inputs: FactInputs, present: pl.DataFrame, rules: PhaseRules) -> pl.DataFrame:
    """The current spell (the latest started on or before the day) gives service so far (earlier
    spells whole, this one to the day), whether it is the first, and where the records begin."""
    c = rules.career
    day = pl.col("_day")
    frame = _latest(present, inputs.spells, ["spell_no", "start_date", "prior_days", "first_start", "_short_until",
                                             "_starter_until"])
    frame = _latest(frame, inputs.promotions, ["_promoted"])
    short = day < pl.col("_short_until")  # service began `since` = start_date − prior_days: see FactInputs.of
    censored = (pl.lit(c.censored_history) & (pl.col("first_start") == pl.lit(inputs.history_start, dtype=pl.Date))
                & short)
    return frame.with_columns(
        starter=(pl.col("spell_no") == 1) & (day < pl.col("_starter_until")),
        short_service=short,
        promoted=(pl.col("_promoted") >= pl.col("_promoted_from")).fill_null(False),
        career_from_age=censored.fill_null(False),
    )


def _care_facts(inputs: FactInputs, frame: pl.DataFrame, calendar: pl.Series) -> pl.DataFrame:
    """`frame` (one row per _rid, by _rid) with the three care booleans of each row: true when one
    of the person's child or caregiving events open on the day says so, null without any open.
    A child's age is read from the days it turns of school age and grown (`turns`), and each
    event's days are found in `frame` by a binary search on _rid (no join, no group-by)."""
    care, n = inputs.care, calendar.len()
    days = calendar.cast(pl.Int64).to_numpy()
    lo = np.searchsorted(days, _ints(care.get_column("start_date")), side="left")
    hi = np.maximum(np.searchsorted(days, _ints(care.get_column("end_date")), side="right"), lo)
    row = np.repeat(np.arange(care.height, dtype=np.int64), hi - lo)
    idx = np.arange(row.size, dtype=np.int64) - np.repeat(np.cumsum(hi - lo) - (hi - lo) - lo, hi - lo)
    rids = frame.get_column("_rid").to_numpy()
    rid = care.get_column("key").to_numpy()[row] * n + idx
    at = np.minimum(np.searchsorted(rids, rid), max(rids.size - 1, 0))
    found = rids[at] == rid if rids.size else np.zeros(0, dtype=bool)
    at, row, day = at[found], row[found], days[idx[found]]
    event = care.get_column("event")
    child = (event == "child").to_numpy()[row]
    school_from, grown_from = _ints(care.get_column("_school_from"))[row], _ints(care.get_column("_grown_from"))[row]
    flags = {"has_young_children": child & (day < school_from),
             "has_school_age_children": child & (day >= school_from) & (day < grown_from),
             "is_caregiver": (event == "caregiving").to_numpy()[row]}
    opened = pl.Series(np.bincount(at, minlength=frame.height) > 0)
    return frame.with_columns(
        pl.when(opened).then(pl.Series(np.bincount(at[flag], minlength=frame.height) > 0)).alias(name)
        for name, flag in flags.items())


def _ints(dates: pl.Series) -> np.ndarray:
    """Days since 1970 (an empty date: the last day an Int32 holds, i.e. open)."""
    return dates.cast(pl.Int32).fill_null(np.iinfo(np.int32).max).cast(pl.Int64).to_numpy()


def turns(born: pl.Expr, years: int) -> pl.Expr:
    """The first day on which `categories.age_on(born, day)` reaches `years`: that birthday, or for
    one born on 29 February, 1 March in a year without 29 February (as `age_on` counts it)."""
    year = born.dt.year() + years
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    moved = (born.dt.month() == 2) & (born.dt.day() == 29) & ~leap
    birthday = pl.date(year, born.dt.month(), pl.when(moved).then(28).otherwise(born.dt.day()))
    return birthday + pl.duration(days=moved.cast(pl.Int64))


def _vitality(inputs: FactInputs, frame: pl.DataFrame) -> pl.DataFrame:
    """The latest WAI within the window, else the latest WAS: its band, instrument and date."""
    if all(r.height == 0 for r in inputs.readings.values()):
        return frame.with_columns(vitality=pl.lit(None, pl.String), vitality_instrument=pl.lit(None, pl.String),
                                  vitality_date=pl.lit(None, pl.Date))
    since = pl.col("_readings_from")
    for instrument, readings in inputs.readings.items():
        frame = _latest(frame, readings, [f"_{instrument}_date", f"_{instrument}_band"])
    wai, was = pl.col("_wai_date") >= since, pl.col("_was_date") >= since
    return frame.with_columns(
        vitality=pl.when(wai).then(pl.col("_wai_band")).when(was).then(pl.col("_was_band")),
        vitality_instrument=pl.when(wai).then(pl.lit("wai")).when(was).then(pl.lit("was")),
        vitality_date=pl.when(wai).then(pl.col("_wai_date")).when(was).then(pl.col("_was_date")),
    )


def _years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (28 February for 29 February), like Polars' offset_by."""
    return pl.select(pl.lit(day, dtype=pl.Date).dt.offset_by(f"-{years}y")).item()
