"""Life-phase profiles on a hand-built organisation: every axis rule and boundary worked out by hand.

The day is 1 June 2024. Expected states come from the rules in lifephases.toml applied by hand
(dates counted on a calendar); WAI totals are added up by hand from the Tuomi et al. tables and
cross-checked against the separate scorer `instruments.score_survey_items`; AOW dates come from
the published table (domain-facts §1.1, §10.2).
"""

from __future__ import annotations

from datetime import date
from importlib import resources

import polars as pl
import pytest

from levensfase.analytics.phases import aow_dates, profile_history, profiles, vitality_readings
from levensfase.model.instruments import score_survey_items
from levensfase.model.lifephase import load_rules, parse_rules
from levensfase.model.pension import aow_date
from levensfase.model.workforce import Workforce

ON = date(2024, 6, 1)
DEFAULT_TOML = resources.files("levensfase.model").joinpath("data/lifephases.toml").read_text(encoding="utf-8")
D = date.fromisoformat

PEOPLE = {  # person_id: birth date
    "P00": "1975-03-15", "P01": "1998-01-10", "P02": "1998-01-10", "P03": "1990-05-05", "P04": "1999-02-02",
    "P05": "1980-07-07", "P06": "1980-07-07", "P07": "1962-03-01", "P08": "1962-03-02", "P09": "1990-01-01",
    "P10": "1990-01-01", "P11": "1985-01-01", "P12": "1985-01-01", "P13": "1988-01-01", "P14": "1988-01-01",
    "P15": "1970-01-01", "P16": "1970-01-01", "P17": "1970-01-01",
}
ASSIGNMENTS = [  # person, start, end, job, fte, end_reason
    ("P00", "1995-01-01", None, "J1", 1.0, None),           # founder: the records begin with them
    ("P01", "2022-06-02", None, "J1", 1.0, None),           # 1 year 364 days: starter
    ("P02", "2022-06-01", None, "J1", 1.0, None),           # exactly 2 years: growing
    ("P03", "2015-01-01", "2016-12-31", "J1", 1.0, "voluntary"),  # re-hire after a gap
    ("P03", "2024-01-01", None, "J1", 1.0, None),
    ("P04", "2023-01-01", "2023-12-31", "J1", 1.0, None),   # adjacent move to a higher grade: one spell
    ("P04", "2024-01-01", None, "J2", 1.0, None),
    ("P05", "2010-01-01", "2021-05-31", "J1", 1.0, None),   # promoted on 2021-06-01 = ON - 3 years
    ("P05", "2021-06-01", None, "J2", 1.0, None),
    ("P06", "2010-01-01", "2021-05-30", "J1", 1.0, None),   # promoted one day before the window
    ("P06", "2021-05-31", None, "J2", 1.0, None),
    ("P07", "2000-01-01", None, "J1", 1.0, None),
    ("P08", "2000-01-01", None, "J1", 1.0, None),
    ("P09", "2015-01-01", None, "J1", 0.8, None),
    ("P10", "2015-01-01", None, "J1", 1.0, None),
    ("P11", "2015-01-01", None, "J1", 1.0, None),
    ("P12", "2015-01-01", None, "J1", 1.0, None),
    ("P13", "2015-01-01", None, "J1", 0.79, None),
    ("P14", "2015-01-01", None, "J1", 0.5, None),           # two concurrent jobs: 0.5 + 0.3 = 0.8 FTE
    ("P14", "2016-01-01", None, "J3", 0.3, None),
    ("P15", "2015-01-01", None, "J1", 1.0, None),
    ("P16", "2010-01-01", "2024-05-31", "J1", 1.0, "voluntary"),  # left the day before
    ("P17", "2024-06-02", None, "J1", 1.0, None),           # starts the day after
]
LIFE_EVENTS = [  # person, event, start, end
    ("P09", "child", "2020-06-02", None),        # 3 years 364 days: young
    ("P10", "child", "2020-06-01", None),        # 4 years: school age
    ("P11", "child", "2006-06-02", None),        # 17: school age
    ("P12", "child", "2006-06-01", None),        # 18: no longer counted
    ("P13", "caregiving", "2024-01-01", None),
    ("P13", "child", "2022-01-01", None),
    ("P14", "caregiving", "2024-01-01", "2024-06-01"),  # ends on the day: still open
    ("P15", "caregiving", "2023-01-01", "2024-05-31"),  # ended the day before
]
# WAI answers: mixed job → item 2 = 4 + 3 = 7; total 8+7+7+6+4+7+3 = 42 (good).
WAI_42 = {"q1": 8, "q2_physical": 4, "q2_mental": 3, "q3_diseases": 0, "q4": 6, "q5_sick_days": 5, "q6": 7,
          "q7_1": 3, "q7_2": 3, "q7_3": 3}
# Physical job → item 2 = 4×1.5 + 3×0.5 = 7.5; total 9+7.5+7+6+4+7+3 = 43.5: below the excellent threshold 44 → good.
WAI_435 = {**WAI_42, "q1": 9}
SURVEYS = [  # person, date, instrument, items
    ("P09", "2021-06-01", "wai", WAI_42),            # exactly 3 years before: inside the window
    ("P10", "2021-05-31", "wai", WAI_42),            # one day too old: unknown
    ("P11", "2024-01-01", "was", {"score": 6}),      # WAS only: moderate
    ("P12", "2023-01-01", "wai", WAI_42),            # WAI wins over a newer WAS
    ("P12", "2024-01-01", "was", {"score": 3}),
    ("P13", "2024-02-01", "wai", {k: v for k, v in WAI_42.items() if k != "q6"}),  # incomplete: not scored
    ("P13", "2023-06-01", "was", {"score": 9}),
    ("P14", "2024-03-01", "wai", WAI_435),           # last job started is J3 (physical)
]

# person: career, private_life, vitality, pension_horizon, phases, primary_phase, fte, age,
#         (has_young_children, has_school_age_children, is_caregiver)
EXPECTED = {
    "P00": ("established", "no_care_duties", "unknown", "distant", ["stable_mid_career"], "stable_mid_career", 1.0, 49, (0, 0, 0)),
    "P01": ("starter", "no_care_duties", "unknown", "distant", ["starter"], "starter", 1.0, 26, (0, 0, 0)),
    "P02": ("growing", "no_care_duties", "unknown", "distant", ["stable_mid_career"], "stable_mid_career", 1.0, 26, (0, 0, 0)),
    "P03": ("growing", "no_care_duties", "unknown", "distant", ["stable_mid_career"], "stable_mid_career", 1.0, 34, (0, 0, 0)),
    "P04": ("starter", "no_care_duties", "unknown", "distant", ["starter"], "starter", 1.0, 25, (0, 0, 0)),
    "P05": ("growing", "no_care_duties", "unknown", "distant", ["stable_mid_career"], "stable_mid_career", 1.0, 43, (0, 0, 0)),
    "P06": ("established", "no_care_duties", "unknown", "distant", ["stable_mid_career"], "stable_mid_career", 1.0, 43, (0, 0, 0)),
    "P07": ("late_career", "no_care_duties", "unknown", "window", ["late_career", "pre_retirement"], "pre_retirement", 1.0, 62, (0, 0, 0)),
    "P08": ("late_career", "no_care_duties", "unknown", "approaching", ["late_career"], "late_career", 1.0, 62, (0, 0, 0)),
    "P09": ("growing", "young_children", "good", "distant", ["spitsuur", "stable_mid_career"], "spitsuur", 0.8, 34, (1, 0, 0)),
    "P10": ("growing", "school_age_children", "unknown", "distant", ["spitsuur", "stable_mid_career"], "spitsuur", 1.0, 34, (0, 1, 0)),
    "P11": ("growing", "school_age_children", "moderate", "distant", ["spitsuur", "stable_mid_career"], "spitsuur", 1.0, 39, (0, 1, 0)),
    "P12": ("growing", "no_care_duties", "good", "distant", ["stable_mid_career"], "stable_mid_career", 1.0, 39, (0, 0, 0)),
    "P13": ("growing", "caregiving", "good", "distant", ["spitsuur", "stable_mid_career"], "spitsuur", 0.79, 36, (1, 0, 1)),
    "P14": ("growing", "caregiving", "good", "distant", ["spitsuur", "stable_mid_career"], "spitsuur", 0.8, 36, (0, 0, 1)),
    "P15": ("growing", "no_care_duties", "unknown", "distant", ["stable_mid_career"], "stable_mid_career", 1.0, 54, (0, 0, 0)),
}


def build(*, people=PEOPLE, assignments=ASSIGNMENTS, life_events=LIFE_EVENTS, surveys=SURVEYS) -> Workforce:
    jobs = pl.DataFrame({"job_id": ["J1", "J2", "J3"], "title": ["Medewerker", "Senior", "Monteur"],
                         "job_family": ["ops", "ops", "tech"], "work_demand": ["mixed", "mixed", "physical"],
                         "grade": [5, 6, 5]})
    rows = [(p, *it) for p, d, i, items in surveys for it in [(D(d), i, k, float(v)) for k, v in items.items()]]
    return Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["U1"], "name": ["Zorg"]}),
        "jobs": jobs,
        "people": pl.DataFrame({"person_id": list(people), "birth_date": [D(b) for b in people.values()]}),
        "assignments": pl.DataFrame(
            [(p, D(s), D(e) if e else None, "U1", j, f, r) for p, s, e, j, f, r in assignments],
            schema=["person_id", "start_date", "end_date", "unit_id", "job_id", "fte", "end_reason"], orient="row"),
        "life_events": pl.DataFrame([(p, ev, D(s), D(e) if e else None) for p, ev, s, e in life_events],
                                    schema=["person_id", "event", "start_date", "end_date"], orient="row")
        if life_events else None,
        "surveys": pl.DataFrame(rows, schema=["person_id", "date", "instrument", "item", "value"], orient="row")
        if rows else None,
    })


@pytest.fixture(scope="module")
def table() -> pl.DataFrame:
    return profiles(build(), on=ON)


def test_one_row_per_person_employed_on_the_day(table):
    assert table.get_column("person_id").to_list() == sorted(EXPECTED)  # P16 left, P17 not yet started


@pytest.mark.parametrize("person", sorted(EXPECTED))
def test_profile_matches_hand_worked_rules(table, person):
    row = table.filter(pl.col("person_id") == person).row(0, named=True)
    career, private, vitality, horizon, phases, primary, fte, age, care = EXPECTED[person]
    got = (row["career"], row["private_life"], row["vitality"], row["pension_horizon"], row["phases"],
           row["primary_phase"], row["fte"], row["age"],
           tuple(int(row[c]) for c in ("has_young_children", "has_school_age_children", "is_caregiver")))
    assert got == (career, private, vitality, horizon, phases, primary, fte, age, care)
    assert row["career_from_age"] is False and row["private_life_from_age"] is False


def test_aow_dates_of_the_horizon_boundaries(table):
    # 2029: AOW age 67y3m (art. 7a, domain-facts §1.1): 1962-03-01 + 67y3m = 2029-06-01 = ON + 5 years.
    aow = dict(table.select("person_id", "aow_date").iter_rows())
    assert aow["P07"] == date(2029, 6, 1) and aow["P08"] == date(2029, 6, 2)


def test_ten_year_horizon_boundary_with_a_statutory_aow_date():
    # domain-facts §10.2: born 1961-01-01 → AOW 2028-04-01; so 2018-04-01 is exactly 10 years before.
    people = {"A": "1961-01-01", "B": "1961-01-02"}
    wf = build(people=people, assignments=[(p, "1990-01-01", None, "J1", 1.0, None) for p in people],
               life_events=[], surveys=[])
    got = profiles(wf, on=date(2018, 4, 1)).select("person_id", "aow_date", "pension_horizon", "career").rows()
    assert got == [("A", date(2028, 4, 1), "approaching", "late_career"), ("B", date(2028, 4, 2), "distant", "established")]


def test_vitality_source_is_reported(table):
    src = {p: (i, d) for p, i, d in table.select("person_id", "vitality_instrument", "vitality_date").iter_rows()}
    assert src["P12"] == ("wai", date(2023, 1, 1))
    assert src["P13"] == ("was", date(2023, 6, 1))
    assert src["P10"] == (None, None)


def test_vectorised_wai_scoring_agrees_with_the_instrument_scorer():
    wf = build()
    got = {(p, d, i): b for p, d, i, b in vitality_readings(wf).iter_rows()}
    expected = {}
    for person, day, instrument, items in SURVEYS:
        demand = "physical" if person == "P14" else "mixed"
        try:
            result = score_survey_items(instrument, {k: float(v) for k, v in items.items()}, work_demand=demand)
        except ValueError:
            continue  # the incomplete questionnaire of P13
        expected[(person, D(day), instrument)] = result.data["band"]
    assert got == expected
    assert got[("P14", date(2024, 3, 1), "wai")] == "good"  # 43.5 is below the excellent threshold 44


def test_age_fallback_when_the_organisation_records_no_life_events():
    table = profiles(build(life_events=[]), on=ON)
    assert table.get_column("private_life_from_age").all()
    states = dict(table.select("person_id", "private_life").iter_rows())
    # default bands: 30–34 young children, 35–49 school-age children, else none; never caregiving
    assert (states["P01"], states["P03"], states["P11"], states["P00"], states["P15"]) == (
        "no_care_duties", "young_children", "school_age_children", "school_age_children", "no_care_duties")
    assert not table.get_column("is_caregiver").any()
    p09 = table.filter(pl.col("person_id") == "P09").row(0, named=True)  # 34 and 0.8 FTE: spitsuur by age
    assert p09["primary_phase"] == "spitsuur" and p09["has_young_children"]


CENSORED = [("C1", "2023-01-01"), ("C2", "2023-01-01"), ("C3", "2023-01-01"), ("C4", "2023-01-01"),
            ("C5", "2023-06-01")]


def censored_workforce() -> Workforce:
    people = {"C1": "1999-01-01", "C2": "1984-01-01", "C3": "1974-01-01", "C4": "1962-03-01", "C5": "1984-01-01"}
    return build(people=people, assignments=[(p, s, None, "J1", 1.0, None) for p, s in CENSORED],
                 life_events=[("C1", "partner", "2020-01-01", None)], surveys=[])


def test_career_from_age_when_records_begin_with_the_person_employed():
    got = profiles(censored_workforce(), on=ON).select("person_id", "age", "career", "career_from_age").rows()
    assert got == [
        ("C1", 25, "starter", True), ("C2", 40, "growing", True), ("C3", 50, "established", True),
        ("C4", 62, "late_career", True),  # AOW within 5 years and not growing
        ("C5", 40, "starter", False),     # hired after the records began: data decide
    ]


def test_edited_rules_change_the_result(tmp_path):
    text = DEFAULT_TOML
    edited = text.replace("min_fte = 0.8", "min_fte = 0.75").replace(
        "censored_history = true", "censored_history = false")
    path = tmp_path / "ours.toml"
    path.write_text(edited, encoding="utf-8")
    rules = load_rules(path)
    p13 = profiles(build(), on=ON, rules=rules).filter(pl.col("person_id") == "P13").row(0, named=True)
    assert p13["phases"] == ["spitsuur", "stable_mid_career"] and p13["primary_phase"] == "spitsuur"
    got = profiles(censored_workforce(), on=ON, rules=rules).select("person_id", "career", "career_from_age").rows()
    assert got == [("C1", "starter", False), ("C2", "starter", False), ("C3", "starter", False),
                   ("C4", "late_career", False), ("C5", "starter", False)]


def test_priority_decides_the_primary_phase():
    text = DEFAULT_TOML
    rules = parse_rules(text.replace(
        'priority = ["pre_retirement", "spitsuur", "late_career", "starter", "stable_mid_career"]',
        'priority = ["stable_mid_career", "late_career", "pre_retirement", "spitsuur", "starter"]'))
    table = profiles(build(), on=ON, rules=rules)
    primary = dict(table.select("person_id", "primary_phase").iter_rows())
    assert (primary["P07"], primary["P09"], primary["P01"]) == ("late_career", "stable_mid_career", "starter")
    assert table.get_column("phases").to_list() == profiles(build(), on=ON).get_column("phases").to_list()


def test_profile_history_follows_one_person_and_equals_profiles():
    wf = build()
    dates = [date(2024, 6, 1), date(2016, 6, 1), date(2020, 1, 1), date(2024, 1, 1)]
    history = profile_history(wf, person_id="P03", dates=dates)
    # 2016: first spell, 1y5m → starter; 2020: between spells → no row; 2024-01-01: re-hired → growing
    assert history.select("date", "career").rows() == [
        (date(2016, 6, 1), "starter"), (date(2024, 1, 1), "growing"), (date(2024, 6, 1), "growing")]
    same_day = profiles(wf, on=ON).filter(pl.col("person_id") == "P03")
    assert history.filter(pl.col("date") == ON).drop("date").equals(same_day)
    assert profile_history(wf, person_id="P03", dates=[]).height == 0


def test_aow_dates_vectorised_equal_pension_aow_date():
    births = [date(1940, 1, 1) + (date(1940, 1, 8) - date(1940, 1, 1)) * k for k in range(0, 3650, 3)]
    births += [date(1950, 8, 31), date(1950, 9, 30), date(1957, 2, 28), date(1960, 12, 31), date(1964, 2, 29)]
    got = dict(aow_dates(pl.Series(births, dtype=pl.Date)).iter_rows())
    assert got == {b: aow_date(b).date for b in births}
    assert got[date(1950, 8, 31)] == date(2015, 12, 1)  # month-end rollover, domain-facts §10.2


def test_bad_input_gets_a_clear_message():
    wf = build()
    with pytest.raises(TypeError, match="on must be a date"):
        profiles(wf, on="2024-06-01")
    with pytest.raises(TypeError, match="rules must be PhaseRules"):
        profiles(wf, on=ON, rules={"spitsuur": 1})
    with pytest.raises(ValueError, match="unknown person_id 'nobody'"):
        profile_history(wf, person_id="nobody", dates=[ON])
    with pytest.raises(TypeError, match="workforce must be a Workforce"):
        profiles({"people": None}, on=ON)


def test_nobody_employed_gives_an_empty_table_with_the_columns():
    table = profiles(build(), on=date(1990, 1, 1))
    assert table.height == 0 and "primary_phase" in table.columns
