"""The batch path of `phases` (facts of many days at once, `analytics.phase_facts`) gives exactly the
profiles of the old day-by-day derivation, kept unchanged in tests/support/phases_by_day.py.

Random organisations are drawn to hit the edges the fast path could get wrong: rehires after a gap
and adjacent or overlapping jobs (spells, service), promotions near the three-year window, children
around their 4th and 18th birthdays and care that ends on the day, WAI and WAS readings on the edge
of the vitality window (some unscorable), birthdays on 29 February, and days that fall on 29
February. Every column of every row must be equal, dtypes included.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from levensfase.analytics.phases import profile_history, profiles, profiles_over
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce
from support.phases_by_day import profiles_by_day

WAI = {"q1": 8, "q2_physical": 4, "q2_mental": 3, "q3_diseases": 0, "q4": 6, "q5_sick_days": 5, "q6": 7,
       "q7_1": 3, "q7_2": 3, "q7_3": 3}
DAYS = [date(2019, 3, 1), date(2020, 2, 29), date(2020, 3, 1), date(2021, 2, 28), date(2022, 6, 1),
        date(2023, 1, 1), date(2023, 6, 1), date(2024, 2, 29), date(2024, 6, 1), date(2024, 12, 31)]


def _day(rng: np.random.Generator, low: date, high: date) -> date:
    return low + timedelta(days=int(rng.integers(0, (high - low).days + 1)))


def random_workforce(seed: int, people: int = 80, *, life_events: bool = True) -> Workforce:
    """An organisation drawn at random, its dates crowded around the days the tests ask for."""
    rng = np.random.default_rng(seed)
    near = lambda: DAYS[int(rng.integers(len(DAYS)))] + timedelta(days=int(rng.integers(-3, 4)))  # noqa: E731
    persons, assignments, events, surveys = [], [], [], []
    for i in range(people):
        pid = f"P{i:03d}"
        born = date(1960 + int(rng.integers(0, 4)) * 4, 2, 29) if rng.random() < 0.1 else _day(rng, date(1958, 1, 1), date(2001, 12, 31))
        persons.append((pid, born))
        start = _day(rng, date(2010, 1, 1), date(2024, 6, 1)) if rng.random() < 0.7 else near()
        for _ in range(int(rng.integers(1, 4))):  # jobs one after another, adjacent, overlapping or after a gap
            end = None if rng.random() < 0.3 else start + timedelta(days=int(rng.integers(0, 2000)))
            job = f"J{int(rng.integers(1, 4))}"
            assignments.append((pid, start, end, job, float(rng.choice([0.5, 0.6, 0.8, 1.0])),
                                rng.choice(["voluntary", "retirement", None])))
            if end is None:
                break
            start = end + timedelta(days=int(rng.choice([1, 1, 1, 30, 400])))
            if rng.random() < 0.2:
                start = end - timedelta(days=10)
        for _ in range(int(rng.integers(0, 3)) if life_events else 0):
            kind = rng.choice(["child", "child", "caregiving", "partner"])
            begin = near() - timedelta(days=365 * int(rng.choice([0, 4, 18, 10]))) if kind == "child" else near()
            stop = None if rng.random() < 0.5 else begin + timedelta(days=int(rng.integers(0, 900)))
            events.append((pid, str(kind), begin, stop))
        for _ in range(int(rng.integers(0, 3))):
            when = near() - timedelta(days=365 * int(rng.choice([0, 1, 3])))
            if rng.random() < 0.5:
                items = dict(WAI, q1=int(rng.integers(0, 11)))
                if rng.random() < 0.15:
                    items.pop("q6")  # incomplete: not scored
                surveys += [(pid, when, "wai", k, float(v)) for k, v in items.items()]
            else:
                surveys.append((pid, when, "was", "score", float(rng.integers(0, 11))))
    jobs = pl.DataFrame({"job_id": ["J1", "J2", "J3"], "title": ["A", "B", "C"], "job_family": ["ops", "ops", "tech"],
                         "work_demand": ["mixed", "mental", "physical"], "grade": [5, 7, 6]})
    return Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["U1"], "name": ["Zorg"]}),
        "jobs": jobs,
        "people": pl.DataFrame(persons, schema=["person_id", "birth_date"], orient="row"),
        "assignments": pl.DataFrame([(p, s, e, "U1", j, f, r) for p, s, e, j, f, r in assignments], orient="row",
                                    schema=["person_id", "start_date", "end_date", "unit_id", "job_id", "fte", "end_reason"]),
        "life_events": pl.DataFrame(events, schema=["person_id", "event", "start_date", "end_date"], orient="row")
        if events else None,
        "surveys": pl.DataFrame(surveys, schema=["person_id", "date", "instrument", "item", "value"], orient="row")
        if surveys else None,
    })


def assert_same(old: dict[date, pl.DataFrame], new: dict[date, pl.DataFrame]) -> None:
    assert list(new) == sorted(old)
    for day, frame in old.items():
        assert new[day].schema == frame.schema, day
        assert new[day].equals(frame), f"{day}: {frame.join(new[day], on=frame.columns, how='anti').head(3)}"


@pytest.mark.parametrize("seed", range(6))
def test_batch_equals_day_by_day_on_random_organisations(seed):
    workforce = random_workforce(seed, life_events=seed != 5)  # seed 5: no life events at all (age fallback)
    old = profiles_by_day(workforce, days=DAYS)
    assert sum(f.height for f in old.values()) > 150  # the organisations are not empty on the days
    assert_same(old, dict(profiles_over(workforce, days=DAYS)))
    day = DAYS[7]
    assert profiles(workforce, on=day).equals(old[day])


def test_batch_equals_day_by_day_on_a_generated_organisation_over_many_months():
    """More days than one batch (monthly over ten years): the batches join up without a seam."""
    workforce = Workforce.from_tables(generate(employees=400, years=10, seed=3, as_of=date(2025, 6, 30)))
    days = [date(2015 + m // 12, m % 12 + 1, 1) for m in range(0, 121, 3)] + [date(2020, 2, 29), date(2024, 2, 29)]
    old = profiles_by_day(workforce, days=days)
    vitality = pl.concat(old.values()).get_column("vitality").unique().to_list()
    assert {"good", "unknown"} <= set(vitality)  # readings reach the profiles
    assert_same(old, dict(profiles_over(workforce, days=days)))


def test_one_person_history_equals_their_rows_of_the_old_profiles():
    workforce = random_workforce(11)
    old = profiles_by_day(workforce, days=DAYS)
    for person in ("P003", "P017", "P042"):
        history = profile_history(workforce, person_id=person, dates=DAYS)
        expected = pl.concat([f.filter(pl.col("person_id") == person).with_columns(date=pl.lit(d, dtype=pl.Date))
                              for d, f in old.items()]).select(history.columns)
        assert history.equals(expected), person


def test_primary_phases_alone_equal_the_profiles_with_and_without_a_vitality_phase(tmp_path):
    """The projection's shortcut skips the surveys only when no named phase looks at vitality; with
    a phase that does (added here: "vital starters"), the readings are used and the result still agrees."""
    from importlib import resources

    from levensfase.analytics.phases import primary_phases_over
    from levensfase.model.lifephase import load_rules

    workforce = random_workforce(21)
    text = resources.files("levensfase.model").joinpath("data/lifephases.toml").read_text(encoding="utf-8")
    extra = ('[phases.vital_starter]\nlabel_nl = "Vitale starter"\nlabel_en = "Vital starter"\n'
             'career = ["starter"]\nvitality = ["good", "excellent"]\n\n[primary]')
    path = tmp_path / "vital.toml"
    path.write_text(text.replace("[primary]\n", extra + "\n", 1).replace('priority = ["pre_retirement"', 'priority = ["vital_starter", "pre_retirement"'),
                    encoding="utf-8")
    for rules in (load_rules(), load_rules(path)):
        full = dict(profiles_over(workforce, days=DAYS, rules=rules))
        alone = dict(primary_phases_over(workforce, days=DAYS, rules=rules))
        assert list(alone) == list(full)
        for day, frame in full.items():
            assert alone[day].equals(frame.select("person_id", "primary_phase")), day
    primaries = pl.concat(full.values()).get_column("primary_phase").to_list()
    assert "vital_starter" in primaries  # the edited rules reach the primary phase through vitality


def test_a_person_without_an_aow_date_is_named_in_the_message():
    workforce = random_workforce(2)
    people = workforce.people.with_columns(
        birth_date=pl.when(pl.col("person_id") == "P004").then(None).otherwise(pl.col("birth_date")))
    broken = Workforce.from_tables({**workforce.tables(), "people": people})
    with pytest.raises(ValueError, match=r"no AOW date can be computed for 1 person\(s\): P004 \(None\)"):
        list(profiles_over(broken, days=DAYS))
