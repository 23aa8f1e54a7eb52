"""The scan's answers in the exchange shape (`scan_responses.csv`, DESIGN §3 v1.2), checked.

One row per answer: response_id, unit_id, role (employee | manager), date, item, value. A response
is one filled-in questionnaire of one round; it never carries a person reference. `date` is the
round's date (the campaign's), never the moment someone answered: a time stamp beside the
invitation list could tie an answer to a person.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.scan.errors import ScanError, with_columns_of
from levensfase.scan.instrument import Instrument

__all__ = ["RESPONSE_SCHEMA", "ROLES", "check_responses", "respondent_scores", "round_dates"]

ROLES = ("employee", "manager")
RESPONSE_SCHEMA: dict[str, pl.DataType] = {"response_id": pl.String(), "unit_id": pl.String(), "role": pl.String(),
                                           "date": pl.Date(), "item": pl.String(), "value": pl.Float64()}
_SHOWN = 5  # problems named in one message


def check_responses(responses: pl.DataFrame, *, instrument: Instrument, unit_ids: set[str] | None = None
                    ) -> pl.DataFrame:
    """The answers with exactly the exchange columns and dtypes; ScanError listing what is wrong
    (unknown item, value off the scale, unknown role or unit, one response in two units or roles,
    an item answered twice in one response)."""
    frame = with_columns_of(responses, RESPONSE_SCHEMA, what_nl="Antwoorden", what_en="Answers")
    problems: list[tuple[str, str]] = []
    nulls = [c for c in RESPONSE_SCHEMA if frame[c].null_count()]
    if nulls:
        problems.append((f"lege waarden in {', '.join(nulls)}", f"empty values in {', '.join(nulls)}"))
    frame = frame.drop_nulls()
    items = set(instrument.items)
    unknown = sorted(set(frame["item"].unique().to_list()) - items)
    if unknown:
        problems.append((f"onbekende vraag(en) {', '.join(unknown[:_SHOWN])}", f"unknown item(s) {', '.join(unknown[:_SHOWN])}"))
    roles = sorted(set(frame["role"].unique().to_list()) - set(ROLES))
    if roles:
        problems.append((f"onbekende rol(len) {', '.join(roles[:_SHOWN])} (toegestaan: employee, manager)",
                         f"unknown role(s) {', '.join(roles[:_SHOWN])} (allowed: employee, manager)"))
    low, high = instrument.scale_min, instrument.scale_max
    off = frame.filter((pl.col("value") < low) | (pl.col("value") > high) | (pl.col("value") != pl.col("value").round()))
    if off.height:
        problems.append((f"{off.height} antwoord(en) geen geheel getal van {low} tot {high}",
                         f"{off.height} answer(s) not a whole number from {low} to {high}"))
    if unit_ids is not None:
        stray = sorted(set(frame["unit_id"].unique().to_list()) - unit_ids)
        if stray:
            problems.append((f"onbekende afdeling(en) {', '.join(stray[:_SHOWN])}", f"unknown unit(s) {', '.join(stray[:_SHOWN])}"))
    split = frame.group_by("date", "response_id").agg(pl.col("unit_id").n_unique().alias("u"),
                                                      pl.col("role").n_unique().alias("r")).filter(
        (pl.col("u") > 1) | (pl.col("r") > 1))
    if split.height:
        problems.append((f"{split.height} respons(en) in meer dan één afdeling of rol",
                         f"{split.height} response(s) in more than one unit or role"))
    twice = frame.group_by("date", "response_id", "item").len().filter(pl.col("len") > 1)
    if twice.height:
        problems.append((f"{twice.height} vraag/vragen twee keer beantwoord in één respons",
                         f"{twice.height} item(s) answered twice in one response"))
    if problems:
        raise ScanError("Antwoorden niet bruikbaar: " + "; ".join(nl for nl, _ in problems) + ". Er is niets berekend.",
                        "Answers not usable: " + "; ".join(en for _, en in problems) + ". Nothing was computed.")
    return frame


def round_dates(responses: pl.DataFrame) -> list[date]:
    """The measurement rounds present, oldest first (a round is one `date`)."""
    return sorted(responses["date"].unique().drop_nulls().to_list())


def respondent_scores(responses: pl.DataFrame, *, instrument: Instrument) -> pl.DataFrame:
    """One row per response and dimension: date, response_id, unit_id, role, dimension, score (the
    mean of the items of that dimension it answered; reversed items turned round). Stays inside the
    core: it is per response, so only `scoring.unit_scores` may publish anything made of it."""
    items = instrument.items
    lookup = pl.DataFrame({"item": list(items), "dimension": [i.dimension for i in items.values()],
                           "reverse": [i.reverse for i in items.values()]})
    turn = instrument.scale_min + instrument.scale_max
    return (responses.join(lookup, on="item", how="inner")
            .with_columns(pl.when(pl.col("reverse")).then(turn - pl.col("value")).otherwise(pl.col("value")).alias("value"))
            .group_by("date", "response_id", "unit_id", "role", "dimension")
            .agg(pl.col("value").mean().alias("score"))
            .sort("date", "response_id", "dimension"))
