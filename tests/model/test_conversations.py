"""Career-conversation vocabulary, latest answer per topic, history and the 12-month look-back."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.ingest.generator import generate
from levensfase.model.conversations import (
    TOPICS, ConversationError, conversed_since, history, latest_answers, normalise,
)

D = date
ROWS = pl.DataFrame({
    "person_id": ["A", "A", "A", "A", "B"],
    "date": [D(2023, 5, 1), D(2023, 5, 1), D(2025, 2, 1), D(2025, 2, 1), D(2024, 6, 30)],
    "topic": ["ambition", "desired_fte", "ambition", "learning_wish", "ambition"],
    "value": ["grow_in_role", "0.8", "other_role", "Scholing wondzorg", "reduce"],
})


def test_latest_answer_per_topic_keeps_older_topics_not_asked_again():
    assert latest_answers(ROWS, person_id="A", on=D(2025, 6, 1)) == {
        "ambition": "other_role", "desired_fte": "0.8", "learning_wish": "Scholing wondzorg"}
    assert latest_answers(ROWS, person_id="A", on=D(2024, 1, 1)) == {"ambition": "grow_in_role", "desired_fte": "0.8"}


def test_history_is_newest_first_in_vocabulary_order():
    h = history(ROWS, person_id="A")
    assert h.select("date", "topic").rows() == [
        (D(2025, 2, 1), "ambition"), (D(2025, 2, 1), "learning_wish"),
        (D(2023, 5, 1), "ambition"), (D(2023, 5, 1), "desired_fte")]


def test_conversed_since_counts_the_12_months_up_to_the_day():
    assert conversed_since(ROWS, on=D(2025, 6, 30)) == {"A"}  # B's 2024-06-30 is just outside
    assert conversed_since(ROWS, on=D(2025, 6, 29)) == {"A", "B"}


@pytest.mark.parametrize(("topic", "value", "stored"), [
    ("ambition", " Leadership ", "leadership"), ("desired_fte", "0,8", "0.8"),
    ("intended_retirement_age", "67", "67"), ("internal_mobility_opt_in", "TRUE", "true"),
])
def test_answers_are_normalised(topic, value, stored):
    assert normalise(topic, value) == stored


@pytest.mark.parametrize(("topic", "value", "message"), [
    ("ambition", "retire_rich", "ambition: 'retire_rich' is not one of grow_in_role"),
    ("desired_fte", "1.5", "desired_fte: 1.5 is outside 0.1–1.2"),
    ("intended_retirement_age", "66.5", "must be a whole number"),
    ("favourite_colour", "blue", "unknown topic 'favourite_colour'"),
    ("learning_wish", "  ", "an answer is required"),
])
def test_bad_answers_get_a_clear_message(topic, value, message):
    with pytest.raises(ConversationError, match=message):
        normalise(topic, value)


def test_the_synthetic_generator_speaks_the_same_vocabulary():
    conv = generate(employees=200, years=3, seed=2, as_of=D(2025, 1, 1))["conversations"]
    assert set(conv.get_column("topic").unique().to_list()) <= set(TOPICS)
    for topic, value in conv.select("topic", "value").unique().iter_rows():
        assert normalise(topic, value)
