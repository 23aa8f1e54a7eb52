"""Reads of the scan: the questionnaire, rounds and invitations, and the stored answers as the
core's exchange frame. The results themselves come from `levensfase.scan` (see results.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.db.models import Count, Q
from django.utils.translation import get_language

from levensfase.scan.instrument import Instrument, load_instrument
from levensfase.web.scan.models import ScanParticipation, ScanResponse, ScanRound

RESPONSE_SCHEMA = {"response_id": pl.String, "unit_id": pl.String, "role": pl.String, "date": pl.Date,
                   "item": pl.String, "value": pl.Float64}


def language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def instrument() -> Instrument:
    return load_instrument()


def questions(*, lang: str) -> list[tuple[str, str, str]]:
    """(dimension name, item code, statement) of every item, in the instrument's order."""
    return [(dimension.name(lang), item.code, item.text(lang))
            for dimension in instrument().dimensions for item in dimension.items]


def dimension_names(*, lang: str) -> list[tuple[str, str]]:
    return [(d.code, d.name(lang)) for d in instrument().dimensions]


def responses() -> pl.DataFrame:
    """Every stored answer in the exchange shape (scan_responses.csv), the core's input."""
    rows = ScanResponse.objects.order_by("date", "unit_id", "response_id", "item").values_list(
        "response_id", "unit_id", "role", "date", "item", "value")
    return pl.DataFrame(list(rows), schema=RESPONSE_SCHEMA, orient="row")


def round_dates() -> list[date]:
    """The measurement dates that hold answers, oldest first."""
    return sorted(ScanResponse.objects.values_list("date", flat=True).distinct())


@dataclass(frozen=True)
class OpenInvitation:
    round_id: int
    name: str
    closes_on: date
    answered: bool


def my_invitations(*, person_id: str, today: date) -> list[OpenInvitation]:
    """The person's invitations to rounds still open today, answered or not."""
    rows = (ScanParticipation.objects.filter(person_id=person_id, round__closes_on__gte=today)
            .order_by("round__closes_on", "round_id").values_list("round_id", "round__name", "round__closes_on",
                                                                    "answered"))
    return [OpenInvitation(*row) for row in rows]


def open_invitation(*, person_id: str, round_id: int, today: date) -> ScanParticipation | None:
    """The person's unanswered invitation to this open round, or None."""
    return (ScanParticipation.objects.select_related("round")
            .filter(person_id=person_id, round_id=round_id, answered=False, round__closes_on__gte=today).first())


@dataclass(frozen=True)
class RoundRow:
    round_id: int
    name: str
    date: date
    closes_on: date
    invited: int
    answered: int


def rounds() -> list[RoundRow]:
    """Every round with how many were invited and answered (organisation-wide counts only)."""
    rows = ScanRound.objects.annotate(
        invited=Count("participations"), answered=Count("participations", filter=Q(participations__answered=True)),
    ).values_list("pk", "name", "date", "closes_on", "invited", "answered")
    return [RoundRow(*row) for row in rows]
