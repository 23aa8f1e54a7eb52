"""Measurement rounds and freezing their results (issue 16): a survey result is published per closed
round, on the respondents of that round, once.

A response belongs to the campaign whose invitation it answered (`Invitation.responded_on`; with
two open campaigns of one instrument, the one closing first). Every other response — imported,
filled in without an invitation, or answered after its campaign closed — belongs to the round of
its calendar year, which closes after 31 December. A round closed before today is published the
first time anyone asks (`freeze_closed_rounds`) and stored as a `RoundResult`; from then on
joiners, leavers, imports and late answers no longer change it. An open round publishes only its
response rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.db import IntegrityError, transaction
from django.utils import timezone

from levensfase.analytics.survey_rounds import publish_round
from levensfase.analytics.survey_scores import survey_scores
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.surveys.models import Campaign, Invitation, RoundResult
from levensfase.web.ui import cache

INSTRUMENTS = ("wai", "uwes9")  # the questionnaires the dashboard shows


@dataclass(frozen=True)
class Round:
    instrument: str
    name: str
    closes_on: date  # the last day answers count
    campaign_id: int | None = None
    year: int | None = None


def campaign_of_responses() -> pl.DataFrame:
    """person_id, date, instrument, campaign_id: the campaign each answered invitation belongs to."""
    rows = Invitation.objects.filter(responded_on__isnull=False).order_by(
        "person_id", "responded_on", "campaign__closes_on", "campaign_id").values_list(
        "person_id", "responded_on", "campaign__instrument", "campaign_id")
    frame = pl.DataFrame(list(rows), schema={"person_id": pl.String, "date": pl.Date, "instrument": pl.String,
                                             "campaign_id": pl.Int64}, orient="row")
    return frame.unique(["person_id", "date", "instrument"], keep="first", maintain_order=True)


def with_round(scores: pl.DataFrame) -> pl.DataFrame:
    """`scores` (survey_scores rows) with campaign_id (null outside campaigns)."""
    return scores.join(campaign_of_responses(), on=["person_id", "date", "instrument"], how="left")


def answer_rounds() -> pl.DataFrame:
    """person_id, date, instrument, round, closes_on of every answer given in an invitation round: what
    the core (`employability.with_rounds`) needs to publish the rounds this dashboard publishes; the
    answers not listed belong to their calendar year."""
    campaigns = pl.DataFrame(list(Campaign.objects.values_list("id", "name", "closes_on")),
                             schema={"campaign_id": pl.Int64, "round": pl.String, "closes_on": pl.Date}, orient="row")
    return campaign_of_responses().join(campaigns, on="campaign_id", how="inner").drop("campaign_id")


def all_rounds(*, instrument: str, scored: pl.DataFrame) -> list[Round]:
    """Every round of `instrument`: its campaigns and the years with answers outside them, by closing day."""
    found = [Round(instrument, c.name, c.closes_on, campaign_id=c.id)
             for c in Campaign.objects.filter(instrument=instrument)]
    loose = scored.filter((pl.col("instrument") == instrument) & pl.col("campaign_id").is_null())
    found += [Round(instrument, str(year), date(year, 12, 31), year=year)
              for year in sorted(loose.get_column("year").unique().to_list())]
    return sorted(found, key=lambda r: (r.closes_on, r.campaign_id or 0))


def answers_of(scored: pl.DataFrame, round_: Round) -> pl.DataFrame:
    mine = scored.filter(pl.col("instrument") == round_.instrument)
    if round_.campaign_id is not None:
        return mine.filter(pl.col("campaign_id") == round_.campaign_id)
    return mine.filter(pl.col("campaign_id").is_null() & (pl.col("year") == round_.year))


def _stored() -> dict[tuple, tuple[int, int]]:
    """(campaign id or year, instrument) → (pk, k) of every stored round result, in one query."""
    return {(campaign_id if campaign_id is not None else ("year", year), instrument): (pk, k)
            for pk, campaign_id, year, instrument, k in RoundResult.objects.values_list(
                "pk", "campaign_id", "year", "instrument", "k")}


def scores_until(*, today: date) -> pl.DataFrame:
    """Every survey answer's scores up to `today` (`survey_scores`), once per data version: the
    employability dashboard's round check and band flows start from it on every request. Held in
    this process only, like the Workforce it is computed from."""
    return cache.cached(("survey_scores", cache.data_version(), today),
                        lambda: survey_scores(load_workforce(), until=today))


def freeze_closed_rounds(*, today: date, k: int) -> int:
    """Publish and store every round closed before `today` that has no result at this k yet;
    returns how many were stored. Two requests freezing the same round at once: the first wins."""
    workforce = load_workforce()
    scored = with_round(scores_until(today=today))
    stored, known = 0, _stored()
    for instrument in INSTRUMENTS:
        for round_ in all_rounds(instrument=instrument, scored=scored):
            if round_.closes_on >= today:
                continue
            existing = known.get((round_.campaign_id if round_.campaign_id is not None else ("year", round_.year),
                                  instrument))
            if existing is not None and existing[1] == k:
                continue
            table = publish_round(answers_of(scored, round_), workforce, instrument=instrument, k=k)
            values = {"instrument": instrument, "name": round_.name, "closed_on": round_.closes_on,
                      "frozen_at": timezone.now(), "k": k, "groups": table.to_dicts()}
            try:
                with transaction.atomic():
                    if existing is not None:
                        RoundResult.objects.filter(pk=existing[0]).update(**values)
                    else:
                        RoundResult.objects.create(campaign_id=round_.campaign_id, year=round_.year, **values)
            except IntegrityError:
                continue
            stored += 1
    return stored


def open_rounds(*, instrument: str, today: date) -> list[Round]:
    """The rounds still open today: campaigns not yet closed, and the current year."""
    found = [Round(instrument, c.name, c.closes_on, campaign_id=c.id)
             for c in Campaign.objects.filter(instrument=instrument, closes_on__gte=today)]
    found.append(Round(instrument, str(today.year), date(today.year, 12, 31), year=today.year))
    return sorted(found, key=lambda r: (r.closes_on, r.campaign_id or 0))
