"""Dimension scores per unit, role and round against values worked out by hand."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.scan.errors import ScanError
from levensfase.scan.instrument import load_instrument, parse_instrument
from levensfase.scan.responses import respondent_scores
from levensfase.scan.scoring import unit_scores
from support.scan_answers import answers, tree

DAY = date(2025, 3, 1)
UNITS = tree([("ORG", None), ("A", "ORG"), ("B", "ORG")])
DM = "dynamisch_management"


def _rows():
    # A: employees 4, 3, 5 and managers 2, 2, 5 on dynamisch management (both roles ≥ k = 3).
    # B: employees 1, 2, 3, 4 and one manager 5 (the roles only together).
    a = [("a1", "employee", 4), ("a2", "employee", 3), ("a3", "employee", 5),
         ("a4", "manager", 2), ("a5", "manager", 2), ("a6", "manager", 5)]
    b = [("b1", "employee", 1), ("b2", "employee", 2), ("b3", "employee", 3), ("b4", "employee", 4), ("b5", "manager", 5)]
    return [(r, "A", role, DAY, {DM: v}) for r, role, v in a] + [(r, "B", role, DAY, {DM: v}) for r, role, v in b]


def _score(table: pl.DataFrame, unit: str | None, role: str, dimension: str = DM) -> dict:
    rows = table.filter((pl.col("unit_id").is_null() if unit is None else pl.col("unit_id") == unit)
                        & (pl.col("role") == role) & (pl.col("dimension") == dimension))
    assert rows.height == 1, (unit, role, rows)
    return rows.row(0, named=True)


def test_means_per_unit_role_and_organisation_by_hand():
    instrument = load_instrument()
    table = unit_scores(answers(instrument, _rows()), instrument=instrument, units=UNITS, k=3)
    a = _score(table, "A", "all")
    assert (a["respondents"], a["score"], a["suppressed"]) == (6, pytest.approx(21 / 6), False)
    b = _score(table, "B", "all")
    assert (b["respondents"], b["score"]) == (5, pytest.approx(3.0))  # (1 + 2 + 3 + 4 + 5) / 5
    for role in ("employee", "manager"):  # one manager in B: the roles only together
        hidden = _score(table, "B", role)
        assert hidden["suppressed"] and hidden["score"] is None and hidden["respondents"] is None
        assert hidden["reason"] == "roles_together"
    org = _score(table, None, "all")
    assert (org["respondents"], org["score"]) == (11, pytest.approx(36 / 11))
    assert _score(table, "ORG", "all")["score"] == pytest.approx(36 / 11)  # the root's subtree is everyone
    assert _score(table, None, "employee")["score"] == pytest.approx(22 / 7)  # 4 3 5 1 2 3 4
    assert _score(table, None, "manager")["score"] == pytest.approx(14 / 4)  # 2 2 5 5
    # The organisation's managers (4) minus A's (3) would give B's one manager, and A's employees
    # follow from A's total and A's managers: both of A's role rows are withheld.
    for role in ("employee", "manager"):
        assert _score(table, "A", role)["reason"] == "small_difference"
    # Other dimensions: everyone answered 3.
    assert _score(table, None, "all", "co_creatie")["score"] == pytest.approx(3.0)


def test_mean_of_answered_items_and_reversed_items():
    text = load_instrument().origin
    assert text.endswith("instrument.toml")
    from importlib import resources

    raw = resources.files("levensfase.scan").joinpath("data", "instrument.toml").read_text(encoding="utf-8")
    raw = raw.replace('{ code = "dm4", nl', '{ code = "dm4", reverse = true, nl')
    instrument = parse_instrument(raw, source="eigen.toml")
    frame = pl.DataFrame({"response_id": ["r1"] * 3, "unit_id": ["A"] * 3, "role": ["employee"] * 3,
                          "date": [DAY] * 3, "item": ["dm1", "dm2", "dm4"], "value": [4.0, 5.0, 2.0]})
    per = respondent_scores(frame, instrument=instrument)
    assert per.filter(pl.col("dimension") == DM)["score"].item() == pytest.approx((4 + 5 + (6 - 2)) / 3)
    assert per.height == 1  # no answers to the other dimensions: no score there (missing is not 3)


def test_round_filter_and_rounds_are_audited_together():
    instrument = load_instrument()
    second = [(r + "-2", unit, role, date(2026, 3, 1), values) for r, unit, role, _, values in _rows()]
    frame = answers(instrument, _rows() + second)
    both = unit_scores(frame, instrument=instrument, units=UNITS, k=3)
    one = unit_scores(frame, instrument=instrument, units=UNITS, k=3, round_date=date(2026, 3, 1))
    assert one.equals(both.filter(pl.col("date") == date(2026, 3, 1)))
    assert set(both["date"].unique().to_list()) == {DAY, date(2026, 3, 1)}
    with pytest.raises(ScanError, match="Geen meetronde op 2027-01-01"):
        unit_scores(frame, instrument=instrument, units=UNITS, k=3, round_date=date(2027, 1, 1))


@pytest.mark.parametrize(("change", "needle"), [
    (pl.col("item").replace({"dm1": "xx9"}), "onbekende vraag(en) xx9"),
    (pl.col("value").replace({3.0: 7.0}), "geen geheel getal van 1 tot 5"),
    (pl.col("role").replace({"manager": "baas"}), "onbekende rol(len) baas"),
    (pl.col("unit_id").replace({"B": "Z"}), "onbekende afdeling(en) Z"),
])
def test_bad_answers_are_refused_with_a_dutch_message(change, needle):
    instrument = load_instrument()
    frame = answers(instrument, _rows())
    column = {"item", "value", "role", "unit_id"} & set(change.meta.root_names())
    with pytest.raises(ScanError) as refused:
        unit_scores(frame.with_columns(change.alias(column.pop())), instrument=instrument, units=UNITS, k=3)
    assert needle in str(refused.value) and "Er is niets berekend" in str(refused.value)
    assert refused.value.message_en.startswith("Answers not usable")


def test_one_response_in_two_units_is_refused():
    instrument = load_instrument()
    frame = answers(instrument, _rows())
    moved = frame.with_columns(pl.when((pl.col("response_id") == "a1") & (pl.col("item") == "dm1")).then(pl.lit("B"))
                               .otherwise(pl.col("unit_id")).alias("unit_id"))
    with pytest.raises(ScanError, match="1 respons\\(en\\) in meer dan één afdeling of rol"):
        unit_scores(moved, instrument=instrument, units=UNITS, k=3)
