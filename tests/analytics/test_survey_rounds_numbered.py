"""`publish_round` hands the respondents to the audit as numbers (person_id order); the decisions
must be those of the audit given the person_ids themselves, group by group."""

from datetime import date

import polars as pl
import pytest

from levensfase.analytics.employability import with_rounds
from levensfase.analytics.privacy.respondents import bands_withheld, respondent_groups_withheld
from levensfase.analytics.survey_rounds import publish_round, round_groups
from levensfase.analytics.survey_scores import survey_scores
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def org() -> Workforce:
    return Workforce.from_tables(generate(employees=300, years=4, seed=5, as_of=AS_OF))


@pytest.mark.parametrize("k", [3, 5, 10])
def test_decisions_with_numbered_respondents_are_those_with_their_ids(org, k):
    scores = with_rounds(survey_scores(org, until=AS_OF).filter(instrument="wai"))
    last = scores.get_column("closes_on").max()
    scores = scores.filter(closes_on=last)
    published = publish_round(scores, org, instrument="wai", k=k)
    latest = scores.sort("person_id", "date", "score").group_by("person_id", maintain_order=True).last()
    groups = {(by, group): frozenset(people) for by, group, people in
              round_groups(scores, org).group_by("by", "group").agg("person_id").iter_rows()}
    values = respondent_groups_withheld(groups, k=k)
    bands = bands_withheld(groups, dict(zip(latest["person_id"], latest["band"])), k=k, already=values)
    got = {(by, group): (reason, band_reason) for by, group, reason, band_reason in
           published.select("by", "group", "reason", "bands_reason").iter_rows()}
    assert set(got) == set(groups)
    assert got == {key: (values.get(key), bands.get(key)) for key in groups}
    assert any(reason is not None for reason, _ in got.values())  # the audit had something to decide
    assert any(reason is None for reason, _ in got.values())
