"""Planting a known effect in the generator: the option's format, and what it changes."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.analytics.phases import profiles, profiles_over
from levensfase.ingest.generator import generate
from levensfase.ingest.synthetic.plant import PlantedEffect, parse_plant
from levensfase.model.workforce import Workforce
from support.handbuilt_evaluation import evaluation_workforce

AS_OF = date(2025, 6, 30)


def test_parse_plant():
    assert parse_plant("mentoring:influenceable_exit:0,7") == PlantedEffect("mentoring", "influenceable_exit", 0.7)
    for bad in ("mentoring:influenceable_exit", "mentoring:wai_change:0.7", "mentoring:influenceable_exit:x",
                ":influenceable_exit:0.5", "mentoring:influenceable_exit:0"):
        with pytest.raises(ValueError):
            parse_plant(bad)


def test_planting_changes_only_the_arrangement_and_the_exits_it_moves():
    plain = generate(employees=400, years=4, seed=3, as_of=AS_OF)
    null = generate(employees=400, years=4, seed=3, as_of=AS_OF,
                    plant=PlantedEffect("mentoring", "influenceable_exit", 1.0))
    half = generate(employees=400, years=4, seed=3, as_of=AS_OF,
                    plant=PlantedEffect("mentoring", "influenceable_exit", 0.5))
    for name in ("people", "absences", "surveys", "life_events"):
        assert plain[name].equals(half[name])
    assert null["assignments"].equals(plain["assignments"])  # ratio 1: no exit moves
    mentoring = half["arrangements"].filter(pl.col("code") == "mentoring")
    assert mentoring.height > 50 and not mentoring.equals(plain["arrangements"].filter(pl.col("code") == "mentoring"))
    assert half["arrangements"].filter(pl.col("code") != "mentoring").equals(
        plain["arrangements"].filter(pl.col("code") != "mentoring"))
    # fewer influenceable exits among participants after their start, never more
    def exits_after_start(tables):
        w = Workforce.from_tables(tables)
        starts = mentoring.group_by("person_id").agg(start=pl.col("start_date").min())
        ended = w.spells.join(starts, on="person_id").filter(
            (pl.col("end_date") >= pl.col("start")) & (pl.col("start_date") <= pl.col("start"))
            & pl.col("end_reason").is_in(["voluntary", "disability"]))
        return ended.height
    assert exits_after_start(half) < exits_after_start(null)


def test_profiles_over_equals_profiles_day_by_day():
    workforce = evaluation_workforce()
    days = [date(2022, 1, 1), date(2023, 3, 1), date(2023, 9, 1)]
    for day, frame in profiles_over(workforce, days=days):
        assert frame.equals(profiles(workforce, on=day))
