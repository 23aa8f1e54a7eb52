"""Verzuim (sickness absence) the Vernet way (domain-facts §7.3, DESIGN §4), per group of people.

- **verzuimpercentage** = Σ sick calendar days × part-time factor / Σ employment calendar days ×
  part-time factor × 100. The part-time factor of a day is the fte of the assignment(s) covering
  it, so a sick day of someone with two part-time jobs weighs their summed fte. The exchange
  format records no partial incapacity, so the incapacity factor is 1 (a recorded day is a whole
  sick day).
- **meldingsfrequentie** = sick reports that start in the period / personeelssterkte (the average
  number of employees over the period's calendar days), annualised: × 12 / months for a period of
  whole months (Vernet's quarter × 4), else × 365 / days.
- **gemiddelde verzuimduur** = calendar days of the cases that *end* in the period, counted from
  their first day even before the period, / number of those cases; a case counts at most 730 days
  (two years of loondoorbetaling).

Pregnancy-related absence is left out of all three (a null `pregnancy` counts as not pregnancy).
Only days on which the person is employed count, and a report or a closed case counts when its
first day falls in employment.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.exact import exact_sum
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["ABSENCE_COUNTS", "MAX_CASE_DAYS", "absence_by", "absence_rates", "years_in"]

MAX_CASE_DAYS = 730
ABSENCE_COUNTS = ("population", "employment_days_fte", "sick_days_fte", "staff_days", "reports", "closed_cases",
                  "closed_case_days")


def years_in(start: date, end: date) -> float:
    """The period's length in years: months / 12 for whole months (a quarter is ¼), else days / 365."""
    whole_months = start.day == 1 and (end.toordinal() + 1 == _first_of_next_month(end).toordinal())
    if whole_months:
        return ((end.year - start.year) * 12 + end.month - start.month + 1) / 12
    return ((end - start).days + 1) / 365


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _overlap_days(lo: pl.Expr, hi: pl.Expr) -> pl.Expr:
    return pl.max_horizontal((hi - lo).dt.total_days() + 1, pl.lit(0))


def absence_by(
    workforce: Workforce, *, start: date, end: date, groups: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Additive absence counts per group: `group`, then ABSENCE_COUNTS.

    `groups` maps person_id → group (one row per person); people not in it are left out. Without
    it everybody is one group "all". `population` is the distinct people employed in the period.
    """
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    if groups is None:
        groups = workforce.people.select("person_id", group=pl.lit("all"))
    groups = groups.select("person_id", pl.col("group").cast(pl.String)).unique("person_id")
    lo_p, hi_p = pl.lit(start, dtype=pl.Date), pl.lit(end, dtype=pl.Date)
    a = workforce.assignments.select(
        "person_id", "fte", a_start=pl.col("start_date"), a_end=pl.col("end_date").fill_null(OPEN_END)
    ).join(groups, on="person_id", how="inner").filter((pl.col("a_start") <= end) & (pl.col("a_end") >= start))
    employment = a.group_by("group").agg(
        population=pl.col("person_id").n_unique(),
        employment_days_fte=exact_sum(_overlap_days(pl.max_horizontal("a_start", lo_p),
                                                    pl.min_horizontal("a_end", hi_p)) * pl.col("fte")),
    )
    staff = _person_days(a, start, end).group_by("group").agg(staff_days=pl.col("days").sum())

    sick = workforce.absences.filter(~pl.col("pregnancy").fill_null(False)).select(
        "person_id", s=pl.col("start_date"), e=pl.col("end_date").fill_null(OPEN_END))
    # only cases touching the period can count below (an ill-formed one ending before it starts is
    # kept as it was): ten years of absences are not joined with the jobs for one year's rates
    sick = sick.filter(((pl.col("s") <= end) & (pl.col("e") >= start)) | (pl.col("e") < pl.col("s")))
    cases = sick.join(a, on="person_id", how="inner")
    sick_days = cases.filter((pl.col("s") <= end) & (pl.col("e") >= start)).group_by("group").agg(
        sick_days_fte=exact_sum(_overlap_days(pl.max_horizontal("s", "a_start", lo_p),
                                              pl.min_horizontal("e", "a_end", hi_p)) * pl.col("fte")))
    employed_at_start = cases.filter((pl.col("a_start") <= pl.col("s")) & (pl.col("a_end") >= pl.col("s")))
    one_per_case = employed_at_start.unique(["person_id", "s"])
    reports = one_per_case.filter(pl.col("s").is_between(start, end)).group_by("group").agg(reports=pl.len())
    closed = one_per_case.filter(pl.col("e").is_between(start, end)).group_by("group").agg(
        closed_cases=pl.len(),
        closed_case_days=pl.min_horizontal((pl.col("e") - pl.col("s")).dt.total_days() + 1,
                                           pl.lit(MAX_CASE_DAYS)).sum())
    table = employment
    for part in (staff, sick_days, reports, closed):
        table = table.join(part, on="group", how="left")
    return table.with_columns(
        pl.col("employment_days_fte", "sick_days_fte").fill_null(0.0),
        pl.col("staff_days", "reports", "closed_cases", "closed_case_days").fill_null(0).cast(pl.Int64),
        pl.col("population").cast(pl.Int64),
    ).select("group", *ABSENCE_COUNTS).sort("group")


def _person_days(a: pl.DataFrame, start: date, end: date) -> pl.DataFrame:
    """Calendar days each person is employed in the period, each day once (concurrent jobs merged).

    Sorted by person and first day, a job starts a new run of days unless it begins by the furthest
    last day of the person's earlier jobs. That running furthest day is one cumulative maximum over
    the whole column of (person number × a span wider than the period + day in the period), so no
    per-person window is evaluated (it was one evaluation per person: most of absence's time)."""
    first_day = pl.lit(start, dtype=pl.Date)
    clipped = a.select(
        "person_id", "group",
        lo=pl.max_horizontal("a_start", first_day),
        hi=pl.min_horizontal("a_end", pl.lit(end, dtype=pl.Date)),
    ).sort("person_id", "lo")
    span = (end - start).days + 2  # every lo and hi lies in [start, end] (the rows overlap the period)
    new_person = (pl.col("person_id") != pl.col("person_id").shift(1)).fill_null(True)
    offset = lambda column: (pl.col(column) - first_day).dt.total_days()  # noqa: E731
    person = new_person.cast(pl.Int64).cum_sum()
    reach = (person * span + offset("hi")).cum_max().shift(1) - person * span  # earlier rows of this person
    runs = clipped.with_columns(_run=(new_person | (offset("lo") > reach)).cast(pl.Int64).cum_sum())
    merged = runs.group_by("_run").agg(pl.col("person_id", "group").first(), pl.col("lo").min(), pl.col("hi").max())
    return merged.group_by("person_id", "group").agg(days=_overlap_days(pl.col("lo"), pl.col("hi")).sum())


def absence_rates(counts: pl.DataFrame, *, start: date, end: date) -> pl.DataFrame:
    """Add verzuimpercentage, meldingsfrequentie (per year) and mean_duration to `absence_by` counts."""
    period_days = (end - start).days + 1
    staff = pl.col("staff_days") / period_days
    return counts.with_columns(
        verzuimpercentage=pl.when(pl.col("employment_days_fte") > 0)
        .then(pl.col("sick_days_fte") / pl.col("employment_days_fte") * 100),
        meldingsfrequentie=pl.when(pl.col("staff_days") > 0).then(pl.col("reports") / staff / years_in(start, end)),
        mean_duration=pl.when(pl.col("closed_cases") > 0).then(pl.col("closed_case_days") / pl.col("closed_cases")),
    )
