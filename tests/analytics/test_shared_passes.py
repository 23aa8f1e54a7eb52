"""The analysis computes shared work once for many tables (issue 21); each shared pass must give
what the one-at-a-time computation gives, checked here against that computation on a generated
organisation (a few hundred people, 10 years: a second or two)."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from levensfase.analytics.employability import with_rounds
from levensfase.analytics.flows import _Shared, flows_by, yearly_flows
from levensfase.analytics.outflow_kinds import aow_wave
from levensfase.analytics.survey_rounds import publish_round, publish_rounds, round_groups
from levensfase.analytics.survey_scores import survey_scores
from levensfase.ingest.generator import generate
from levensfase.model.pension import aow_date
from levensfase.model.workforce import Workforce

AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def org() -> Workforce:
    return Workforce.from_tables(generate(employees=400, years=10, seed=7, as_of=AS_OF))


def test_every_round_published_in_one_pass_is_each_round_published_alone(org):
    scores = with_rounds(survey_scores(org, until=AS_OF).filter(instrument="wai"))
    together = publish_rounds(scores, org, instrument="wai", k=5, rounds=("closes_on", "round"))
    names = scores.select("closes_on", "round").unique().sort("closes_on", "round").rows()
    assert len(names) >= 2
    for closes, name in names:
        alone = publish_round(scores.filter(closes_on=closes, round=name), org, instrument="wai", k=5)
        mine = together.filter(closes_on=closes, round=name).drop("closes_on", "round")
        assert_frame_equal(mine, alone)
    groups = round_groups(scores, org, rounds=("closes_on", "round"))
    assert groups.height == groups.unique().height  # each membership once: respondents are counted rows
    for closes, name in names:  # the memberships too, life phases on each round's own last day
        alone = round_groups(scores.filter(closes_on=closes, round=name), org)
        assert_frame_equal(groups.filter(closes_on=closes, round=name).drop("closes_on", "round"), alone)


def test_instruments_sharing_their_respondents_are_grouped_once_and_publish_as_alone(org):
    scores = with_rounds(survey_scores(org, until=AS_OF))
    rounds = ("closes_on", "round")
    shared: dict = {}
    wai = publish_rounds(scores, org, instrument="wai", k=5, rounds=rounds, shared=shared)
    first = shared["groups"]
    uwes = publish_rounds(scores, org, instrument="uwes9", k=5, rounds=rounds, shared=shared)
    assert shared["groups"] is first  # the generator's UWES-9 answers come with the WAI: not grouped again
    assert_frame_equal(wai, publish_rounds(scores, org, instrument="wai", k=5, rounds=rounds))
    assert_frame_equal(uwes, publish_rounds(scores, org, instrument="uwes9", k=5, rounds=rounds))
    # fewer UWES respondents than WAI ones: grouped anew, published as alone
    fewer = scores.filter((pl.col("instrument") == "wai") | (pl.col("person_id").rank("dense") % 3 != 0))
    shared = {}
    publish_rounds(fewer, org, instrument="wai", k=5, rounds=rounds, shared=shared)
    first = shared["groups"]
    uwes = publish_rounds(fewer, org, instrument="uwes9", k=5, rounds=rounds, shared=shared)
    assert shared["groups"] is not first
    assert_frame_equal(uwes, publish_rounds(fewer, org, instrument="uwes9", k=5, rounds=rounds))


def test_rounds_published_a_batch_of_closing_days_at_a_time_are_those_of_one_pass(org, monkeypatch):
    from levensfase.analytics import employability

    scores = survey_scores(org, until=AS_OF)
    monkeypatch.setattr(employability, "ROUND_BATCH", 10_000)  # every round in one pass
    whole = employability.measurement_rounds_of(scores, org, instruments=["wai", "uwes9"], k=5, as_of=AS_OF)
    assert whole["wai"]["closes_on"].n_unique() == 3  # batches of 1 and 2 split them, 3 takes them whole
    for batch in (1, 2, 3):
        monkeypatch.setattr(employability, "ROUND_BATCH", batch)
        parts = employability.measurement_rounds_of(scores, org, instruments=["wai", "uwes9"], k=5, as_of=AS_OF)
        for instrument in ("wai", "uwes9"):
            assert_frame_equal(parts[instrument], whole[instrument])
            assert_frame_equal(parts[instrument], employability.measurement_rounds(
                scores, org, instrument=instrument, k=5, as_of=AS_OF))
    nothing = employability.measurement_rounds_of(scores.clear(), org, instruments=["wai"], k=5, as_of=AS_OF)
    assert nothing["wai"].height == 0 and "year" in nothing["wai"].columns


def _crossing_by_hand(org: Workforce, years: list[int], *, closing: bool) -> pl.DataFrame:
    """Every spell × every year, kept when open across the boundary (the definition in flows.py)."""
    start, end = pl.col("start_date").dt.year(), pl.col("end_date").dt.year()
    crossed = org.spells.select("person_id", "spell_no", "start_date", "end_date").join(
        pl.DataFrame({"year": years}, schema={"year": pl.Int64}), how="cross")
    kept = ((start <= pl.col("year")) & (pl.col("end_date").is_null() | (end > pl.col("year"))) if closing
            else (start < pl.col("year")) & (pl.col("end_date").is_null() | (end >= pl.col("year"))))
    return crossed.filter(kept).select("person_id", "spell_no", "year").sort("person_id", "spell_no", "year")


@pytest.mark.parametrize("years", [list(range(2016, 2026)), [2017, 2021, 2025], [2030]])
def test_spell_years_from_ranges_are_the_spells_crossed_with_every_year(org, years):
    shared = _Shared(org, years)
    for closing in (False, True):
        got = shared.part("closing" if closing else "opening").select("person_id", "spell_no", "year")
        assert_frame_equal(got.sort("person_id", "spell_no", "year"), _crossing_by_hand(org, years, closing=closing))


def test_flow_tables_of_all_categories_at_once_are_those_asked_one_by_one(org):
    years = list(range(2017, 2026))
    bys = [None, "unit", "job_family", "contract", "age_band", "sex", "generation"]
    together = flows_by(org, years=years, bys=bys)
    fresh = Workforce.from_tables(generate(employees=400, years=10, seed=7, as_of=AS_OF))  # nothing cached
    for by in bys:
        assert_frame_equal(together[by], yearly_flows(fresh, years=years, by=by))
        assert yearly_flows(org, years=years, by=by) is together[by]  # kept for the outflow section


def test_the_pension_wave_counts_each_person_by_their_own_aow_date(org):
    wave = aow_wave(org, as_of=AS_OF, years=5)
    employed = org.assignments.filter((pl.col("start_date") <= AS_OF) & (
        pl.col("end_date").is_null() | (pl.col("end_date") >= AS_OF))).get_column("person_id").unique()
    births = org.people.filter(pl.col("person_id").is_in(employed.to_list())).get_column("birth_date").to_list()
    dates = [aow_date(b) for b in births]
    start = AS_OF + timedelta(days=1)
    for row in wave.to_dicts():
        inside = [r for r in dates if row["from"] <= r.date <= row["to"]]
        assert row["persons"] == len(inside)
        assert row["statutory"] == all(r.statutory for r in inside)
    assert wave.get_column("from").to_list()[0] == start
    assert wave.get_column("persons").sum() > 0
