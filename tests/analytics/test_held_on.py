"""`survey_scores.held_on` (the job each respondent held on the answer's day, shared by the unit and
job family groupings) against the rule written out: of the assignments covering the day, the one
started last (then the largest unit, job)."""

from datetime import date, timedelta
import random

import polars as pl

from levensfase.analytics.survey_scores import held_on, with_group
from levensfase.model.workforce import Workforce


def _workforce(seed: int) -> Workforce:
    rng = random.Random(seed)
    rows = []
    for p in range(30):
        for _ in range(rng.randrange(1, 4)):
            start = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 900))
            end = None if rng.random() < 0.3 else start + timedelta(days=rng.randrange(0, 500))
            rows.append({"person_id": f"p{p:02d}", "start_date": start, "end_date": end, "fte": 1.0,
                         "unit_id": rng.choice(["u1", "u2"]), "job_id": rng.choice(["j1", "j2"])})
    return Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["u1", "u2"], "name": ["U1", "U2"]}),
        "jobs": pl.DataFrame({"job_id": ["j1", "j2"], "title": ["J1", "J2"], "job_family": ["f1", "f2"]}),
        "people": pl.DataFrame({"person_id": [f"p{p:02d}" for p in range(30)], "birth_date": [date(1980, 1, 1)] * 30}),
        "assignments": pl.DataFrame(rows, schema_overrides={"end_date": pl.Date}),
    })


def _reference(workforce: Workforce, person: str, day: date) -> tuple[str, str] | None:
    covering = [r for r in workforce.assignments.iter_rows(named=True) if r["person_id"] == person
                and r["start_date"] <= day and (r["end_date"] is None or r["end_date"] >= day)]
    if not covering:
        return None
    last = max(covering, key=lambda r: (r["start_date"], r["unit_id"], r["job_id"]))
    return last["unit_id"], last["job_id"]


def test_the_job_held_on_each_answer_day_is_the_one_started_last():
    for seed in range(4):
        workforce = _workforce(seed)
        rng = random.Random(100 + seed)
        answers = pl.DataFrame({"person_id": [f"p{rng.randrange(32):02d}" for _ in range(80)],  # p30, p31: nobody
                                "date": [date(2020, 6, 1) + timedelta(days=rng.randrange(0, 1200)) for _ in range(80)]})
        held = held_on(answers, workforce)
        got = {(p, d): (u, j) for p, d, u, j in held.select("person_id", "date", "unit_id", "job_id").iter_rows()}
        expected = {(p, d): _reference(workforce, p, d) for p, d in answers.iter_rows()}
        assert got == {key: value for key, value in expected.items() if value is not None}
        assert held.height == held.select("person_id", "date").unique().height
        for by in ("unit", "job_family"):  # given or found: the same groups
            assert with_group(answers, workforce, by=by, held=held).equals(with_group(answers, workforce, by=by))
