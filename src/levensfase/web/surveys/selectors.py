"""Reads of the surveys app. Individual scores come only from `own_trajectory` (for the person
themself or the bedrijfsarts, decided by the caller); everything else is a suppressed aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from levensfase.analytics.employability import LOW_WAI, band_follow_up, flows_by_band
from levensfase.analytics.privacy import display, is_small, suppress
from levensfase.analytics.survey_scores import survey_scores
from levensfase.model.instruments import InvalidAnswers, score_survey_items
from levensfase.model.lifephase import load_rules
from levensfase.web.hr.models import Person, SurveyResponse, Unit
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.surveys.models import Campaign, Consent
from levensfase.web.surveys.rounds import scores_until
from levensfase.web.surveys.services import current_work_demand
from levensfase.web.ui import cache


def k() -> int:
    return int(getattr(settings, "LEVENSFASE_K", 5))


@dataclass(frozen=True)
class Reading:
    date: date
    instrument: str
    score: float
    band: str


def own_trajectory(*, person_id: str) -> list[Reading]:
    """Every scorable response of one person, oldest first, scored as the core scores them."""
    readings = []
    for response in SurveyResponse.objects.filter(person_id=person_id, instrument__in=("wai", "uwes9")).order_by(
            "date", "instrument"):
        demand = current_work_demand(person_id=person_id, on=response.date)
        try:
            result = score_survey_items(response.instrument, response.answers, work_demand=demand)
        except InvalidAnswers:
            continue
        wai = response.instrument == "wai"
        readings.append(Reading(response.date, response.instrument, float(result.data["total"]),
                                result.data["band"] if wai else result.data["bands"]["total"]))
    return readings


def consent_of(*, person_id: str) -> Consent | None:
    return Consent.objects.filter(person_id=person_id).first()


@dataclass(frozen=True)
class Cell:
    text: str
    suppressed: bool
    value: float | None = None
    reason: str | None = None  # why it is withheld (privacy.respondents reasons), for the cell's title


def band_flows(*, today: date) -> tuple[int | None, date | None, list[dict[str, Any]]]:
    """Exit and absence per WAI band (organisation): the respondents of the latest round whose following
    year is over (`employability.band_follow_up`), through that year. Round year, first day, rows.
    Organisation-wide aggregates only, so cached per (data version, day, k, language)."""
    kk = k()
    return cache.cached(("band_flows", cache.data_version(), today, kk, get_language()),
                        lambda: _band_flows(today=today, k=kk))


def _band_flows(*, today: date, k: int) -> tuple[int | None, date | None, list[dict[str, Any]]]:
    workforce = load_workforce()
    follow = band_follow_up(scores_until(today=today), as_of=today)
    if follow is None:
        return None, None, []
    return follow.year, follow.start, _flow_rows(flows_by_band(workforce, scores=follow.scores, start=follow.start,
                                                               end=follow.end, by="band", k=k))


def _flow_rows(table: pl.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for r in table.iter_rows(named=True):
        hidden = r["suppressed"]
        cells = [Cell(display(r["population"], suppressed=hidden, k=k()), hidden),
                 Cell(_number(r["exit_rate"], hidden, 1), hidden),
                 Cell(_number(r["verzuimpercentage"], hidden, 1), hidden),
                 Cell(_number(r["meldingsfrequentie"], hidden, 2), hidden),
                 Cell(_number(r["mean_duration"], hidden, 1), hidden)]
        rows.append({"band": r["group"], "cells": cells})
    return rows


def _number(value: float | None, hidden: bool, digits: int) -> str:
    """A mean in the UI language's notation (41,5 in Dutch); "< k" when suppressed."""
    if hidden or value is None:
        return display(value, suppressed=hidden, k=k())
    return number_format(value, digits)


def group_labels(*, by: str) -> dict[str, str]:
    """Readable names of group codes: unit names, life-phase labels in the UI language."""
    if by == "unit":
        return dict(Unit.objects.values_list("unit_id", "name"))
    if by == "life_phase":
        english = (get_language() or "nl").startswith("en")
        labels = {p.name: (p.label_en if english else p.label_nl) for p in load_rules().phases}
        return {**labels, "none": _("no named phase"), "not_employed": _("not employed")}
    return {"not_employed": _("not employed")}


def followups(*, today: date) -> list[dict[str, Any]]:
    """People who asked for follow-up and whose latest WAI is below 37 — for the bedrijfsarts only.

    Scored in one vectorised pass over the cached Workforce (not one query per person and
    response): the demo alone has well over a thousand consents.
    """
    wanted = list(Consent.objects.filter(withdrawn_at__isnull=True, follow_up=True).values_list("person_id", flat=True))
    if not wanted:
        return []
    scores = survey_scores(load_workforce(), until=today).filter(
        pl.col("instrument") == "wai", pl.col("person_id").is_in(wanted))
    latest = scores.sort("person_id", "date").group_by("person_id", maintain_order=True).last()
    low = latest.filter(pl.col("score") < LOW_WAI).sort("person_id")
    return [{"person_id": r["person_id"], "date": r["date"], "score": float(r["score"]), "band": r["band"]}
            for r in low.iter_rows(named=True)]


def person_exists(*, person_id: str) -> bool:
    return Person.objects.filter(person_id=person_id).exists()


def campaign_rates(*, campaign: Campaign) -> dict[str, Any]:
    """Invited, answered and response rate per unit, suppressed below k invited; counts only."""
    invitations = list(campaign.invitations.values_list("unit_id", "responded_on"))
    names = dict(Unit.objects.values_list("unit_id", "name"))
    per_unit: dict[str, list[int]] = {}
    for unit_id, responded_on in invitations:
        counts = per_unit.setdefault(unit_id, [0, 0])
        counts[0] += 1
        counts[1] += responded_on is not None
    frame = pl.DataFrame({"unit": sorted(per_unit), "invited": [per_unit[u][0] for u in sorted(per_unit)],
                          "answered": [per_unit[u][1] for u in sorted(per_unit)]},
                         schema={"unit": pl.String, "invited": pl.Int64, "answered": pl.Int64})
    frame = frame.with_columns(not_answered=pl.col("invited") - pl.col("answered"),
                               rate=pl.col("answered") / pl.col("invited") * 100)
    out = suppress(frame, k=k(), population="invited", values=["answered", "not_answered", "rate"], has_total=True)
    rows = [{"unit": names.get(r["unit"], r["unit"]), "suppressed": r["suppressed"],
             "invited": display(r["invited"], suppressed=r["suppressed"], k=k()),
             "answered": display(r["answered"], suppressed=r["suppressed"], k=k()),
             "not_answered": display(r["not_answered"], suppressed=r["suppressed"], k=k()),
             "rate": display(r["rate"], suppressed=r["suppressed"], k=k(), digits=0)}
            for r in out.table.iter_rows(named=True)]
    invited, answered = len(invitations), sum(1 for _, r in invitations if r is not None)
    hidden = out.total_withheld or is_small(invited, k())
    total = {"suppressed": hidden,
             "invited": display(invited, suppressed=hidden, k=k()),
             "answered": display(answered, suppressed=hidden, k=k()),
             "not_answered": display(invited - answered, suppressed=hidden, k=k()),
             "rate": display(answered / invited * 100 if invited else None, suppressed=hidden, k=k(), digits=0)}
    for row in (*rows, total):
        row["cells"] = [row["invited"], row["answered"], row["not_answered"], row["rate"]]
    return {"rows": rows, "total": total}
