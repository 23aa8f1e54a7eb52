"""Issue 18, done-when: on the demo organisation (2,500 employees, seed 2026, the demo's defaults) the
planner spends nothing on 65-69 for retirement, gives no category fractional places, and keeps money per
head within a stated factor of the average unless a limit or an evidence gap explains it.

The stated factor is 4 on the demo organisation for the three axes the issue names (primary life
phase, age band, job family), with the page's default policy (€ 100,000, 2 % minimum per category,
25 % development, 3 years, whole places). Other generated organisations stay within 7 (seeds 7 and
11 below): the factor follows from the diminishing-returns assumption of effects.toml and from how far
the categories' influenceable exit rates lie apart, so it is a property of the data, not a constraint.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.analytics.outflow_kinds import classified_exits
from levensfase.analytics.metrics import covering
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce
from levensfase.planning.effects import load_effects
from levensfase.planning.planner import Policy
from levensfase.planning.planner_baseline import category_baseline, plan_for_workforce

AS_OF = date(2026, 12, 6)
PAGE_DEFAULT = Policy(budget=100_000, min_category_share=0.02, min_development_share=0.25, horizon_years=3)
AXES = ("primary_phase", "age_band", "job_family")


@pytest.fixture(scope="module")
def demo() -> Workforce:
    return Workforce.from_tables(generate(employees=2500, years=10, seed=2026, as_of=AS_OF))


def published(plan) -> pl.DataFrame:
    return plan.categories.table.filter(~pl.col("suppressed"))


def test_retirement_at_aow_is_not_in_the_objective(demo):
    base = {r["value"]: r for r in category_baseline(demo, by="age_band", as_of=AS_OF).iter_rows(named=True)}
    old = base["65-69"]
    # Independently: exits of 65-69 year olds in 2023-2025 by kind; only the influenceable ones count.
    window = demo.spells.filter(pl.col("end_date").dt.year().is_between(2023, 2025))
    kinds = classified_exits(demo, window).join(demo.people.select("person_id", "birth_date"), on="person_id")
    age = (pl.col("end_date").dt.year() - pl.col("birth_date").dt.year()
           - (pl.col("end_date").dt.ordinal_day() < pl.col("birth_date").dt.ordinal_day()).cast(pl.Int32))
    olds = kinds.filter(age.is_between(65, 69))
    assert olds.filter(kind="pension").height > 50  # the pension wave is large here (99 exits) …
    assert old["exits"] == olds.filter(kind="influenceable").height  # … and left out of the rate
    assert old["exit_rate"] < 0.1
    # No FTE-year counts past the AOW date: 65-69 year olds have on average under 3 working years left.
    assert old["working_years"][2] < 1.5 and base["30-34"]["working_years"][2] == pytest.approx(3.0)
    # Without a minimum share the planner spends nothing on 65-69 (before: € 80,000 of € 100,000).
    plan = plan_for_workforce(demo, by="age_band", as_of=AS_OF, effects=load_effects(),
                              policy=Policy(budget=100_000, min_development_share=0.25))
    assert published(plan).filter(value="65-69")["spend"].item() == 0
    # With the page's 2 % floor it gets the floor (rounded up to whole places), and the page says so.
    plan = plan_for_workforce(demo, by="age_band", as_of=AS_OF, effects=load_effects(), policy=PAGE_DEFAULT)
    row = published(plan).filter(value="65-69").row(0, named=True)
    assert row["reason"] == "floor" and 2000 <= row["spend"] < 2000 + 600


@pytest.mark.parametrize("by", AXES)
def test_whole_places_and_money_per_head_within_the_stated_factor(demo, by):
    plan = plan_for_workforce(demo, by=by, as_of=AS_OF, effects=load_effects(), policy=PAGE_DEFAULT)
    assert all(float(p).is_integer() for p in plan.allocation["places"].drop_nulls())
    table = published(plan)
    assert plan.spend == pytest.approx(plan.average_per_head * plan.population)
    for row in table.iter_rows(named=True):
        assert row["per_head"] == pytest.approx(row["spend"] / row["population"])
        assert row["per_head_ratio"] == pytest.approx(row["per_head"] / plan.average_per_head)
        if not row["explained"]:
            assert 1 / 4 <= row["per_head_ratio"] <= 4, row
        else:  # the page names the limit or the gap
            assert row["reason"] in ("past_aow", "no_outflow", "reach", "floor") or row["few_exits"] or row["capacity"]
    # No category takes the lion's share any more (before: ICT, 49 people, 51 % by job family).
    assert table["spend"].max() < 0.6 * plan.spend


@pytest.mark.parametrize(("seed", "day"), [(7, date(2026, 11, 28)), (11, date(2027, 3, 1))])
def test_other_organisations_stay_within_seven(seed, day):
    org = Workforce.from_tables(generate(employees=2500, years=10, seed=seed, as_of=day))
    for by in AXES:
        plan = plan_for_workforce(org, by=by, as_of=day, effects=load_effects(), policy=PAGE_DEFAULT)
        free = published(plan).filter(~pl.col("explained"))
        assert free.height >= 2
        assert free["per_head_ratio"].min() >= 1 / 7 and free["per_head_ratio"].max() <= 7


def test_primary_life_phase_is_a_partition(demo):
    base = category_baseline(demo, by="primary_phase", as_of=AS_OF)
    at_work = covering(demo.assignments, AS_OF)["person_id"].n_unique()
    assert base["population"].sum() == at_work  # everyone once: no money counted twice
    assert set(base["value"]) <= {"starter", "spitsuur", "stable_mid_career", "late_career", "pre_retirement",
                                  "no_named_phase"}
    # The exposure is (opening + closing) / 2 per year, summed over the three window years.
    assert base["exposure"].sum() == pytest.approx(sum(
        (covering(demo.assignments, date(y, 1, 1))["person_id"].n_unique()
         + covering(demo.assignments, date(y, 12, 31))["person_id"].n_unique()) / 2 for y in (2023, 2024, 2025)))
