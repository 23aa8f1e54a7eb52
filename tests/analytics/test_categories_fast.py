"""The fast forms in `categories` (bands looked up by number, ages by date arithmetic, person values
worked out once per person) against the rules written out plainly."""

from datetime import date

import polars as pl
import pytest

from levensfase.analytics.categories import age_band, age_on, attach, with_person_categories
from levensfase.model.workforce import Workforce


def _reference(age: int | None) -> str | None:
    """The rule written out: under 20 and 70+ open, else the five years starting at age // 5 * 5."""
    if age is None:
        return None
    if age < 20:
        return "<20"
    if age >= 70:
        return "70+"
    low = age - age % 5
    return f"{low}-{low + 4}"


@pytest.mark.parametrize("dtype", [pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt32])
def test_every_age_gets_the_band_of_the_rule(dtype):
    ages = [a for a in range(-5, 131) if a >= 0 or not dtype.is_unsigned_integer()] + [None]
    got = pl.select(age_band(pl.lit(pl.Series(ages, dtype=dtype)))).to_series()
    assert got.dtype == pl.String
    assert got.to_list() == [_reference(a) for a in ages]


def test_bands_at_their_edges():
    got = pl.DataFrame({"age": [19, 20, 24, 25, 69, 70, 0, 120]}).select(age_band(pl.col("age"))).to_series()
    assert got.to_list() == ["<20", "20-24", "20-24", "25-29", "65-69", "70+", "<20", "70+"]


def _age(born: date, day: date) -> int:
    """Completed years, the birthday test written out (29 February's birthday on 1 March)."""
    years = day.year - born.year
    return years if (day.month, day.day) >= (born.month, born.day) else years - 1


def test_age_on_by_date_arithmetic_matches_the_birthday_rule():
    births = [date(1960, 2, 29), date(1980, 3, 1), date(1999, 12, 31), date(2000, 1, 1), date(1975, 6, 15)]
    days = [date(2021, 2, 28), date(2021, 3, 1), date(2024, 2, 29), date(2019, 12, 30), date(1970, 1, 1),
            date(1999, 12, 31), date(2026, 6, 14), date(2026, 6, 15)]
    pairs = [(b, d) for b in births for d in days]
    frame = pl.DataFrame({"b": [b for b, _ in pairs] + [None, date(1990, 1, 1)],
                          "d": [d for _, d in pairs] + [date(2020, 1, 1), None]})
    got = frame.select(age_on(pl.col("b"), pl.col("d"))).to_series()
    assert got.dtype == pl.Int32
    assert got.to_list() == [_age(b, d) for b, d in pairs] + [None, None]
    assert _age(date(1960, 2, 29), date(2021, 2, 28)) == 60  # the reference itself, by hand


def _workforce(people: pl.DataFrame) -> Workforce:
    return Workforce.from_tables({"people": people, "units": pl.DataFrame({"unit_id": ["u"]}),
                                  "jobs": pl.DataFrame({"job_id": ["j"]}),
                                  "assignments": pl.DataFrame({"person_id": [], "unit_id": [], "job_id": []})})


@pytest.mark.parametrize("by", ["generation", "sex", "age_band"])
def test_person_values_worked_out_per_person_match_per_event(by):
    people = pl.DataFrame({"person_id": ["a", "b", "c", "d"],
                           "birth_date": [date(1950, 5, 1), date(1970, 2, 28), None, date(2001, 8, 8)],
                           "sex": ["V", None, "M", "X"]})
    workforce = _workforce(people)
    events = pl.DataFrame({"person_id": ["b", "a", "zz", "c", "d", "a", "d"],  # zz: not in people
                           "day": [date(2020, 1, 1), date(2016, 4, 30), date(2020, 1, 1), date(2020, 1, 1),
                                   date(2021, 8, 7), date(2016, 5, 1), date(2021, 8, 8)], "n": range(7)})
    born = dict(zip(people["person_id"], people["birth_date"]))
    sexes = dict(zip(people["person_id"], people["sex"]))
    expected = {
        "generation": ["X", "babyboom", "alpha", "alpha", "Z", "babyboom", "Z"],  # no birth date: "alpha"
        "sex": ["onbekend", "V", "onbekend", "M", "X", "V", "X"],
        "age_band": [None if born.get(p) is None else _reference(_age(born[p], d))
                     for p, d in zip(events["person_id"], events["day"])],
    }[by]
    got = attach(events, workforce, by=by, day="day")
    assert got.columns == ["person_id", "day", "n", "value"]
    assert got["n"].to_list() == list(range(7)) and got["value"].to_list() == expected
    assert sexes["b"] is None and expected[:2] != [None, None]
    again = attach(events, workforce, by=by, day="day")  # the per-person table is kept: same answer
    assert again.equals(got)


def test_person_categories_from_one_join_are_those_of_attach():
    people = pl.DataFrame({"person_id": ["a", "b", "c"], "birth_date": [date(1950, 5, 1), None, date(2001, 8, 8)],
                           "sex": ["V", "M", None]})
    workforce = _workforce(people)
    events = pl.DataFrame({"person_id": ["c", "a", "zz", "b", "c"], "n": range(5),
                           "day": [date(2021, 8, 7), date(2016, 5, 1), date(2020, 1, 1), date(2020, 1, 1), date(2021, 8, 8)]})
    got = with_person_categories(events, workforce, day="day")
    assert got.select("person_id", "n", "day").equals(events)
    for by in ("age_band", "generation", "sex"):
        assert got.get_column(f"_{by}").to_list() == attach(events, workforce, by=by, day="day")["value"].to_list()
    assert got["_age_band"].to_list() == ["<20", "65-69", None, None, "20-24"]
