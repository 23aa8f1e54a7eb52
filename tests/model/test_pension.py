"""AOW age and date: every worked example of domain-facts §1 and §10.1–10.3, the published birth
ranges of the §1.1 table (expected dates worked out by hand), and the formula of art. 7a lid 2."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levensfase.model.pension import (
    AowAge,
    LifeExpectancy,
    add_months,
    aow_age,
    aow_date,
    aow_json,
    formula_step,
    last_statutory_year,
)

# domain-facts §10.1
AGE_BY_YEAR = {
    2000: (65, 0), 2012: (65, 0), 2013: (65, 1), 2014: (65, 2), 2015: (65, 3), 2016: (65, 6),
    2017: (65, 9), 2018: (66, 0), 2019: (66, 4), 2020: (66, 4), 2021: (66, 4), 2022: (66, 7),
    2023: (66, 10), 2024: (67, 0), 2025: (67, 0), 2026: (67, 0), 2027: (67, 0), 2028: (67, 3),
    2029: (67, 3), 2030: (67, 3), 2031: (67, 3),
}


@pytest.mark.parametrize(("year", "expected"), sorted(AGE_BY_YEAR.items()))
def test_statutory_age_per_year(year: int, expected: tuple[int, int]) -> None:
    assert aow_age(year) == (AowAge(*expected), True)


def test_after_2031_not_statutory_and_never_below_67y3m() -> None:
    assert last_statutory_year() == 2031
    for year in range(2032, 2060):
        age, statutory = aow_age(year)
        assert statutory is False
        assert age >= AowAge(67, 3)


def test_default_ages_rise_by_at_most_three_months_and_never_fall() -> None:
    previous = aow_age(2012)[0]
    for year in range(2013, 2101):
        age = aow_age(year)[0]
        step = age.total_months - previous.total_months
        # the statute itself made bigger steps (2019: 66y -> 66y4m); the formula cannot
        assert 0 <= step <= (3 if year > 2031 else 4), year
        previous = age


# domain-facts §10.2 (and §1.1 month-end convention)
@pytest.mark.parametrize(
    ("born", "expected", "age"),
    [
        (date(1957, 2, 28), date(2023, 12, 28), (66, 10)),
        (date(1957, 3, 1), date(2024, 3, 1), (67, 0)),
        (date(1960, 12, 31), date(2027, 12, 31), (67, 0)),
        (date(1961, 1, 1), date(2028, 4, 1), (67, 3)),
        (date(1955, 8, 31), date(2021, 12, 31), (66, 4)),
        (date(1950, 8, 31), date(2015, 12, 1), (65, 3)),  # 31 Nov does not exist -> 1 Dec
        (date(1950, 9, 30), date(2015, 12, 30), (65, 3)),
    ],
)
def test_worked_examples(born: date, expected: date, age: tuple[int, int]) -> None:
    result = aow_date(born)
    assert (result.birth_date, result.date, result.age, result.statutory) == (born, expected, AowAge(*age), True)


# Edges of the published/derived birth ranges of domain-facts §1.1: (born, AOW date by hand).
RANGE_EDGES = [
    (date(1947, 12, 31), date(2012, 12, 31)),  # before 2013: 65y
    (date(1948, 1, 1), date(2013, 2, 1)), (date(1948, 11, 30), date(2013, 12, 30)),  # 65y1m
    (date(1948, 12, 1), date(2014, 2, 1)), (date(1949, 10, 31), date(2014, 12, 31)),  # 65y2m
    (date(1949, 11, 1), date(2015, 2, 1)), (date(1950, 9, 30), date(2015, 12, 30)),  # 65y3m
    (date(1950, 10, 1), date(2016, 4, 1)), (date(1951, 6, 30), date(2016, 12, 30)),  # 65y6m
    (date(1951, 7, 1), date(2017, 4, 1)), (date(1952, 3, 31), date(2017, 12, 31)),  # 65y9m
    (date(1952, 4, 1), date(2018, 4, 1)), (date(1952, 12, 31), date(2018, 12, 31)),  # 66y
    (date(1953, 1, 1), date(2019, 5, 1)), (date(1953, 8, 31), date(2019, 12, 31)),  # 66y4m
    (date(1953, 9, 1), date(2020, 1, 1)), (date(1954, 8, 31), date(2020, 12, 31)),  # 66y4m
    (date(1954, 9, 1), date(2021, 1, 1)), (date(1955, 8, 31), date(2021, 12, 31)),  # 66y4m
    (date(1955, 9, 1), date(2022, 4, 1)), (date(1956, 5, 31), date(2022, 12, 31)),  # 66y7m
    (date(1956, 6, 1), date(2023, 4, 1)), (date(1957, 2, 28), date(2023, 12, 28)),  # 66y10m
    (date(1957, 3, 1), date(2024, 3, 1)), (date(1957, 12, 31), date(2024, 12, 31)),  # 67y
    (date(1958, 1, 1), date(2025, 1, 1)), (date(1958, 12, 31), date(2025, 12, 31)),
    (date(1959, 1, 1), date(2026, 1, 1)), (date(1959, 12, 31), date(2026, 12, 31)),
    (date(1960, 1, 1), date(2027, 1, 1)), (date(1960, 12, 31), date(2027, 12, 31)),
    (date(1961, 1, 1), date(2028, 4, 1)), (date(1961, 9, 30), date(2028, 12, 30)),  # 67y3m
    (date(1961, 10, 1), date(2029, 1, 1)), (date(1962, 9, 30), date(2029, 12, 30)),
    (date(1962, 10, 1), date(2030, 1, 1)), (date(1963, 9, 30), date(2030, 12, 30)),
    (date(1963, 10, 1), date(2031, 1, 1)), (date(1964, 9, 30), date(2031, 12, 30)),
]


@pytest.mark.parametrize(("born", "expected"), RANGE_EDGES)
def test_published_birth_range_edges(born: date, expected: date) -> None:
    result = aow_date(born)
    assert result.date == expected
    assert result.age == aow_age(expected.year)[0]
    assert result.statutory is True


def test_first_birth_date_after_the_table_is_not_statutory() -> None:
    # born 1 Oct 1964 reaches 67y3m on 1 Jan 2032: the age for 2032 is not fixed by law yet.
    result = aow_date(date(1964, 10, 1))
    assert result.statutory is False
    assert result.date >= date(2032, 1, 1)


# domain-facts §10.3
@pytest.mark.parametrize(
    ("previous", "L", "expected"),
    [
        ((67, 0), "21.05", (67, 3)),  # V = 0.2733
        ((67, 0), "20.93", (67, 0)),  # V = 0.1933
        ((67, 3), "21.02", (67, 3)),  # V = 0.0033: no increase
        ((67, 0), "21.015", (67, 3)),  # V = exactly 0.25: counts
        ((67, 0), "21.0149", (67, 0)),  # V just below 0.25
        ((67, 3), "19.00", (67, 3)),  # strongly negative V: never a decrease
        ((67, 0), "25.00", (67, 3)),  # at most three months a year
    ],
)
def test_formula_step(previous: tuple[int, int], L: str, expected: tuple[int, int]) -> None:
    assert formula_step(previous=AowAge(*previous), life_expectancy=L) == AowAge(*expected)


def test_formula_reproduces_statutory_2028_with_published_life_expectancy() -> None:
    assert formula_step(previous=aow_age(2027)[0], life_expectancy=21.05) == aow_age(2028)[0]
    assert formula_step(previous=aow_age(2030)[0], life_expectancy=21.02) == aow_age(2031)[0]


def test_explicit_assumptions_drive_later_years() -> None:
    # 2032: V = 2/3·(21.40 − 20.64) − 0.25 = 0.2567 → 67y6m; 2033: V = 0.5067 − 0.5 → stays.
    le = LifeExpectancy.from_mapping({2032: "21.40", 2033: "21.40"})
    assert aow_age(2032, assumptions=le) == (AowAge(67, 6), False)
    assert aow_age(2033, assumptions=le) == (AowAge(67, 6), False)
    result = aow_date(date(1964, 10, 1), assumptions=le)
    assert (result.date, result.age, result.statutory) == (date(2032, 4, 1), AowAge(67, 6), False)
    # statutory years ignore assumptions
    assert aow_date(date(1961, 1, 1), assumptions=le).date == date(2028, 4, 1)


def test_missing_assumption_is_a_clear_error() -> None:
    le = LifeExpectancy.from_mapping({2032: "21.0"})
    with pytest.raises(ValueError, match="no life-expectancy assumption for 2033"):
        aow_age(2033, assumptions=le)
    with pytest.raises(ValueError, match="between 0 and 100"):
        LifeExpectancy.from_mapping({2032: "-1"})
    with pytest.raises(ValueError, match="not a year and a number"):
        LifeExpectancy.from_mapping({"soon": "21"})


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(1950, 8, 31), 783, date(2015, 12, 1)),
        (date(1952, 2, 29), 12 * 65, date(2017, 3, 1)),  # 29 Feb in a common year
        (date(1952, 2, 29), 12 * 64, date(2016, 2, 29)),
        (date(1960, 1, 31), 1, date(1960, 3, 1)),
        (date(1960, 12, 15), 1, date(1961, 1, 15)),
        (date(1960, 5, 31), 0, date(1960, 5, 31)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_aow_json_shape() -> None:
    out = aow_json(date(1950, 8, 31))
    assert out == {
        "birth_date": "1950-08-31",
        "aow_date": "2015-12-01",
        "aow_age": {"years": 65, "months": 3},
        "statutory": True,
    }
    assert json.loads(json.dumps(out)) == out
    assert aow_json("1961-01-01")["aow_date"] == "2028-04-01"
    assert aow_json(date(1980, 1, 1))["statutory"] is False


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        ("1957-13-01", ValueError, "not an ISO date"),
        (19570301, TypeError, "must be a date"),
        (None, TypeError, "must be a date"),
        (date(1700, 1, 1), ValueError, "outside the supported range"),
    ],
)
def test_bad_birth_date(bad: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        aow_date(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["2020", 2020.0, True, None])
def test_bad_year(bad: object) -> None:
    with pytest.raises(TypeError, match="integer calendar year"):
        aow_age(bad)  # type: ignore[arg-type]


def _eligible(born: date, day: date) -> bool:
    """Independent restatement of the rule: on `day` the person has reached that year's age."""
    return add_months(born, aow_age(day.year)[0].total_months) <= day


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1935, 1, 1), max_value=date(2010, 12, 31)))
def test_aow_date_is_the_first_eligible_day(born: date) -> None:
    result = aow_date(born)
    assert _eligible(born, result.date)
    assert not _eligible(born, result.date - timedelta(days=1))
    # within a year eligibility only switches on, so no earlier year may end eligible
    for year in range(born.year + 65, result.date.year):
        assert not _eligible(born, date(year, 12, 31))
    assert result.age == aow_age(result.date.year)[0]
    assert result.statutory == (result.date.year <= 2031)
