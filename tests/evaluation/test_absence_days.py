"""`absence_days.absence_days` (sorted arrays, built once) must give `outcomes.absence_outcome`
(the Polars joins that define the outcome) exactly: the same rows, ids and floats.

On a generated organisation: random follow rows of people employed or not on the day, with and
without a stop (on, before and after the start), starts near the analysis date, people without
absences and ids that do not exist in the workforce; and the hand-built organisation's rows.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from levensfase.evaluation.absence_days import absence_days, absence_index
from levensfase.evaluation.outcomes import absence_outcome
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 12, 31)


@pytest.fixture(scope="module")
def workforce() -> Workforce:
    """A generated organisation in which every tenth person's first assignment starts in 1965: day
    numbers before 1970 are negative (the sector data has one; a key built by bit operations broke there)."""
    tables = generate(employees=300, years=6, seed=4, as_of=AS_OF)
    assignments = tables["assignments"]
    first = pl.col("start_date") == pl.col("start_date").min().over("person_id")
    early = first & (pl.col("person_id").rank("dense") % 10 == 0)
    tables["assignments"] = assignments.with_columns(
        start_date=pl.when(early).then(pl.lit(date(1965, 3, 1))).otherwise(pl.col("start_date")))
    return Workforce.from_tables(tables)


def test_the_organisation_has_spells_before_1970(workforce):
    assert workforce.spells.filter(pl.col("start_date") < date(1970, 1, 1)).height >= 20


def _follow(rng: np.random.Generator, persons: list[str], n: int) -> pl.DataFrame:
    first = AS_OF - timedelta(days=6 * 365)
    start = [first + timedelta(days=int(d)) for d in rng.integers(0, 6 * 365 + 30, n)]
    stop = [None if rng.random() < 0.5 else s + timedelta(days=int(rng.integers(-5, 500))) for s in start]
    who = [persons[i] for i in rng.integers(0, len(persons), n)]
    who[: max(n // 20, 1)] = ["NIEMAND"] * max(n // 20, 1)  # not in the workforce
    ids = rng.permutation(n * 3)[:n]
    return pl.DataFrame({"id": ids, "person_id": who, "start": start, "stop": stop,
                         "fte": rng.choice([0.5, 0.8, 1.0, 0.3333], n)},
                        schema={"id": pl.Int64, "person_id": pl.String, "start": pl.Date, "stop": pl.Date,
                                "fte": pl.Float64})


def test_the_arrays_give_the_joins_numbers_exactly(workforce):
    index = absence_index(workforce)
    persons = workforce.people.get_column("person_id").to_list()
    rng = np.random.default_rng(7)
    for n in (1, 40, 3_000):
        follow = _follow(rng, persons, n)
        fast = absence_days(index, follow, as_of=AS_OF)
        plain = absence_outcome(workforce, follow, as_of=AS_OF)
        assert fast.height > 0 or n == 1
        assert fast.schema == plain.schema
        assert fast.equals(plain)
        assert fast.get_column("sick_fte").sum() > 0 or n < 1_000  # absences do count


def test_no_follow_rows_give_an_empty_frame(workforce):
    follow = _follow(np.random.default_rng(1), ["P1"], 1).clear()
    assert absence_days(absence_index(workforce), follow, as_of=AS_OF).equals(
        absence_outcome(workforce, follow, as_of=AS_OF))


def test_the_hand_built_organisation():
    from support.handbuilt_evaluation import AS_OF as HAND_AS_OF, evaluation_workforce, hand_follow

    hand = evaluation_workforce()
    follow = hand_follow()
    fast = absence_days(absence_index(hand), follow, as_of=HAND_AS_OF)
    assert fast.equals(absence_outcome(hand, follow, as_of=HAND_AS_OF))
    assert fast.filter(pl.col("id") == 4).row(0) == (4, 20.0, 365.0)  # T1 sick 1–20 April 2023, a whole year
