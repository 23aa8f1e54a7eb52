"""Career conversations (loopbaangesprekken): the topics and answers of conversations.csv, and history.

A conversation is stored as rows (person_id, date, topic, value) — one per topic answered — so a
new conversation never overwrites an old one: the history stays, and "what does this person want
now" is the latest answer per topic. The vocabulary below is what the recommender and the web
forms understand; the synthetic generator writes the same topics and values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.model.arrangements.eligibility import months_before

__all__ = [
    "AMBITIONS", "MOBILITY_WISHES", "STAY_FACTORS", "TOPICS", "ConversationError", "Topic",
    "conversed_since", "history", "latest", "latest_answers", "normalise",
]

AMBITIONS = ("grow_in_role", "other_role", "leadership", "specialist", "other_employer", "reduce", "stop")
MOBILITY_WISHES = ("none", "internal", "external")
# "What would help you stay?" — closed answers so that they can drive recommendations.
STAY_FACTORS = ("development", "flexibility", "fewer_hours", "lighter_work", "other_role", "recognition", "pay",
                "other")


class ConversationError(ValueError):
    """An answer outside the vocabulary; the message names the topic, the value and what is allowed."""


@dataclass(frozen=True)
class Topic:
    name: str
    kind: str  # choice | number | whole | bool | text
    label_nl: str
    label_en: str
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None


TOPICS: dict[str, Topic] = {t.name: t for t in (
    Topic("ambition", "choice", "Ambitie", "Ambition", AMBITIONS),
    Topic("learning_wish", "text", "Leerwens", "Learning wish"),
    Topic("desired_fte", "number", "Gewenste omvang (fte)", "Desired FTE", low=0.1, high=1.2),
    Topic("intended_retirement_age", "whole", "Beoogde pensioenleeftijd", "Intended retirement age", low=55, high=75),
    Topic("mobility_wish", "choice", "Mobiliteitswens", "Mobility wish", MOBILITY_WISHES),
    Topic("internal_mobility_opt_in", "bool", "Open voor interne vacatures", "Open to internal vacancies",
          ("true", "false")),
    Topic("stay_factor", "choice", "Wat helpt u om te blijven", "What would help you stay", STAY_FACTORS),
)}


def normalise(topic: str, value: object) -> str:
    """The stored text of an answer, or ConversationError with a message fit for a form."""
    spec = TOPICS.get(topic)
    if spec is None:
        raise ConversationError(f"unknown topic {topic!r}; known topics: {', '.join(TOPICS)}")
    text = "" if value is None else str(value).strip()
    if not text:
        raise ConversationError(f"{topic}: an answer is required")
    if spec.kind in ("choice", "bool"):
        text = text.lower()
        if text not in spec.choices:
            raise ConversationError(f"{topic}: {text!r} is not one of {', '.join(spec.choices)}")
        return text
    if spec.kind in ("number", "whole"):
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise ConversationError(f"{topic}: {text!r} is not a number") from None
        if spec.kind == "whole" and number != int(number):
            raise ConversationError(f"{topic}: {text!r} must be a whole number")
        if not spec.low <= number <= spec.high:  # type: ignore[operator]
            raise ConversationError(f"{topic}: {text} is outside {spec.low:g}–{spec.high:g}")
        return f"{int(number)}" if spec.kind == "whole" else f"{number:g}"
    if len(text) > 500:
        raise ConversationError(f"{topic}: at most 500 characters")
    return text


def history(conversations: pl.DataFrame, *, person_id: str) -> pl.DataFrame:
    """All answers of one person, newest conversation first, topics in vocabulary order."""
    order = {name: i for i, name in enumerate(TOPICS)}
    return conversations.filter(pl.col("person_id") == person_id).sort(
        pl.col("date"), pl.col("topic").replace_strict(order, default=len(order), return_dtype=pl.Int64),
        descending=[True, False],
    ).select("date", "topic", "value")


def latest(conversations: pl.DataFrame, *, on: date) -> pl.DataFrame:
    """The latest answer per person and topic given on or before `on`: person_id, topic, value, date."""
    return (conversations.filter(pl.col("date") <= on).sort("person_id", "topic", "date")
            .group_by("person_id", "topic", maintain_order=True).last()
            .select("person_id", "topic", "value", "date"))


def latest_answers(conversations: pl.DataFrame, *, person_id: str, on: date) -> dict[str, str]:
    """topic → latest value for one person (what the recommender reads)."""
    mine = latest(conversations.filter(pl.col("person_id") == person_id), on=on)
    return dict(mine.select("topic", "value").iter_rows())


def conversed_since(conversations: pl.DataFrame, *, on: date, months: int = 12) -> set[str]:
    """Persons with a career conversation in the `months` up to and including `on` (after on − months)."""
    since = months_before(on, months)
    return set(conversations.filter((pl.col("date") > since) & (pl.col("date") <= on))
               .get_column("person_id").unique().to_list())
