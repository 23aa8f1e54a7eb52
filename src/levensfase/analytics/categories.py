"""Categories of employees (DESIGN §4, §9): age band, generation, unit, job family, contract, sex.

A category is attached to an *event* — a person on a day in an assignment — because people move
between categories: someone turns 30, changes unit, gets a permanent contract. Person categories
(age band, generation, sex) come from people; assignment categories (unit, job family, contract)
from the assignment the event belongs to.
"""

from __future__ import annotations

import weakref

import polars as pl

from levensfase.analytics.unit_depth import unit_expr
from levensfase.model.workforce import Workforce

PERSON_CATEGORIES = ("age_band", "generation", "sex")
ASSIGNMENT_CATEGORIES = ("unit", "job_family", "contract")
CATEGORIES = ("age_band", "generation", "unit", "job_family", "contract", "sex")

# Generations by birth year (DESIGN §4).
GENERATIONS = (
    ("babyboom", 1946, 1964),
    ("X", 1965, 1979),
    ("Y", 1980, 1996),
    ("Z", 1997, 2012),
)
UNKNOWN = "onbekend"  # shown for a missing sex or contract: a real group, not an error


def age_on(birth: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Age in completed years on `day` (a birthday on 29 February counts from 1 March): the
    difference of the dates written as year·10000 + month·100 + day, floored to whole 10000s —
    the birthday test as arithmetic, half the cost of comparing months and days."""
    return ((_yyyymmdd(day) - _yyyymmdd(birth)) // 10_000).cast(pl.Int32)


def _yyyymmdd(day: pl.Expr) -> pl.Expr:
    return day.dt.year().cast(pl.Int64) * 10_000 + day.dt.month().cast(pl.Int64) * 100 + day.dt.day().cast(pl.Int64)


AGE_BANDS = ("<20", *(f"{low}-{low + 4}" for low in range(20, 70, 5)), "70+")


def age_band(age: pl.Expr) -> pl.Expr:
    """Five-year bands "20-24", "25-29", …; under 20 and 70+ are open bands. Looked up by band
    number in AGE_BANDS: building the text per row cost 4× as much on millions of person-days."""
    return pl.lit(pl.Series(AGE_BANDS, dtype=pl.String)).gather((age.clip(15, 70) // 5 - 3).cast(pl.Int64))


def generation(birth: pl.Expr) -> pl.Expr:
    year = birth.dt.year()
    expr = pl.when(year < GENERATIONS[0][1]).then(pl.lit("pre-babyboom"))
    for name, first, last in GENERATIONS:
        expr = expr.when(year.is_between(first, last)).then(pl.lit(name))
    return expr.otherwise(pl.lit("alpha"))


def ordered(frame: pl.DataFrame, *, by: str) -> pl.DataFrame:
    """Rows in the order people read the category: ages ascending, generations oldest first."""
    if by == "age_band":
        key = pl.when(pl.col("value") == "<20").then(0).otherwise(
            pl.col("value").str.extract(r"^(\d+)").cast(pl.Int64, strict=False)
        )
    elif by == "generation":
        names = ["pre-babyboom", *(g[0] for g in GENERATIONS), "alpha"]
        key = pl.col("value").replace_strict(names, list(range(len(names))), default=len(names))
    elif by in ("life_phase", "career", "private_life", "vitality", "pension_horizon"):
        from levensfase.analytics.phase_categories import phase_order

        names = phase_order(by)
        key = pl.col("value").replace_strict(names, list(range(len(names))), default=len(names))
    else:
        key = pl.col("value")
    return frame.sort(key, pl.col("value"), nulls_last=True)


_PER_PERSON: weakref.WeakKeyDictionary[Workforce, dict[str, pl.DataFrame]] = weakref.WeakKeyDictionary()


def _per_person(workforce: Workforce, by: str) -> pl.DataFrame:
    """person_id and value: each person's generation or sex, kept per workforce (every section of a
    report asks again)."""
    memo = _PER_PERSON.setdefault(workforce, {})
    if by not in memo:
        value = generation(pl.col("birth_date")) if by == "generation" else pl.col("sex").fill_null(UNKNOWN)
        memo[by] = workforce.people.select("person_id", value.alias("value"))
    return memo[by]


def with_person_categories(events: pl.DataFrame, workforce: Workforce, *, day: str) -> pl.DataFrame:
    """`events` with _age_band, _generation and _sex: the values `attach` gives for the three person
    categories, from one join with the people instead of one per category (composition's days)."""
    memo = _PER_PERSON.setdefault(workforce, {})
    if "all" not in memo:
        memo["all"] = workforce.people.select("person_id", _birth="birth_date", _generation=generation(pl.col("birth_date")),
                                              _sex=pl.col("sex").fill_null(UNKNOWN))
    return events.join(memo["all"], on="person_id", how="left").with_columns(
        _age_band=age_band(age_on(pl.col("_birth"), pl.col(day))),
        _generation=pl.col("_generation").fill_null("alpha"), _sex=pl.col("_sex").fill_null(UNKNOWN)).drop("_birth")


def attach(events: pl.DataFrame, workforce: Workforce, *, by: str, day: str) -> pl.DataFrame:
    """Add a `value` column: the category `by` of each event row on its date column `day`.

    Events need person_id and the day column; assignment categories also need unit_id, job_id
    and contract (rows of the assignments frame).
    """
    if by not in CATEGORIES:
        raise ValueError(f"unknown category {by!r}; choose one of {', '.join(CATEGORIES)}")
    if by in ("generation", "sex") and not {"value", "birth_date", "sex"} & set(events.columns):
        # a person's own value, worked out once per person instead of once per event row; a person
        # missing from people is "alpha" / UNKNOWN, as the expressions below make of a null
        joined = events.join(_per_person(workforce, by), on="person_id", how="left")
        return joined.with_columns(pl.col("value").fill_null("alpha" if by == "generation" else UNKNOWN))
    if by in PERSON_CATEGORIES:
        people = workforce.people.select("person_id", "birth_date", "sex")
        joined = events.join(people, on="person_id", how="left")
        value = {
            "age_band": age_band(age_on(pl.col("birth_date"), pl.col(day))),
            "generation": generation(pl.col("birth_date")),
            "sex": pl.col("sex").fill_null(UNKNOWN),
        }[by]
        return joined.with_columns(value.alias("value")).drop("birth_date", "sex")
    if by == "unit":  # deeper units as their ancestor when the report is cut at a depth (unit_depth)
        return events.with_columns(unit_expr(workforce).alias("value"))
    if by == "contract":
        return events.with_columns(pl.col("contract").fill_null(UNKNOWN).alias("value"))
    families = workforce.jobs.select("job_id", pl.col("job_family").alias("value"))
    return events.join(families, on="job_id", how="left")
