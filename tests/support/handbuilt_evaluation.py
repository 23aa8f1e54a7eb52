"""A hand-built organisation for risk-set matching, with the risk sets worked out by hand.

Nobody has life events, so every private life is guessed from age: the people born 1980-1985 are
in the "spitsuur" phase, D1 (born 1998, hired 2022) is a "starter". Job family: J1 and J2 are "zorg", J3 is "ict". Tenure bands on 1 March 2023:
hired 2010 → "10+", 2016 → "5-10", 2020 → "2-5", 2022 → "<2".

Participants in coaching (first start): T1 2023-03-15, T2 2023-03-20, T3 2023-06-10.
Candidates for T1 (zorg, 10+, spitsuur, snapshot 2023-03-01), by hand:
  C1, C2, C3 employed and never in coaching → in;
  C4 takes coaching on 2023-09-01 → in (not yet a participant on 15 March; censored on 1 Sept);
  T2 (20 March) and T3 (10 June) → in for T1 (not yet participants on the 15th);
  C5 took coaching on 2022-01-10 → out; C6 left on 2023-03-10 → out; C7 ict → out;
  C8 hired 2016 (5-10) → out; C9 hired 2023-03-05 (not in the snapshot) → out; D1 starter → out.
For T2 (same stratum, 20 March): C1, C2, C3, C4, T3 (T1 is a participant since the 15th).
For T3 (2023-06-10): C1, C2, C3, C4 (C6 gone, T1 and T2 participants).
For C4 (2023-09-01): C1, C2 (leaves 30 Sept: employed on the 1st), C3.
For C5 (2022-01-10, snapshot 2022-01-01): C1, C2, C3, C4, C6, T1, T2, T3 (C9 and D1 not yet hired).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.model.workforce import Workforce

D = date
AS_OF = D(2024, 12, 31)
CODE = "coaching"

# person: (hired, left, end_reason, job, fte, unit, born)
PEOPLE = {
    "T1": (D(2010, 1, 1), None, None, "J1", 1.0, "U1", D(1980, 5, 1)),
    "T2": (D(2010, 1, 1), D(2023, 12, 31), "voluntary", "J1", 0.8, "U1", D(1981, 5, 1)),
    "T3": (D(2010, 1, 1), None, None, "J2", 0.9, "U1", D(1982, 5, 1)),
    "C1": (D(2010, 1, 1), None, None, "J1", 0.6, "U1", D(1983, 5, 1)),
    "C2": (D(2010, 1, 1), D(2023, 9, 30), "voluntary", "J1", 0.8, "U2", D(1984, 5, 1)),
    "C3": (D(2010, 1, 1), None, None, "J2", 1.0, "U2", D(1985, 5, 1)),
    "C4": (D(2010, 1, 1), None, None, "J1", 0.5, "U2", D(1980, 8, 1)),
    "C5": (D(2010, 1, 1), None, None, "J1", 1.0, "U2", D(1981, 8, 1)),
    "C6": (D(2010, 1, 1), D(2023, 3, 10), "voluntary", "J1", 1.0, "U2", D(1982, 8, 1)),
    "C7": (D(2010, 1, 1), None, None, "J3", 1.0, "U2", D(1983, 8, 1)),
    "C8": (D(2016, 1, 1), None, None, "J1", 1.0, "U2", D(1984, 8, 1)),
    "C9": (D(2023, 3, 5), None, None, "J1", 1.0, "U2", D(1985, 8, 1)),
    "D1": (D(2022, 6, 1), None, None, "J1", 1.0, "U2", D(1998, 8, 1)),
}
STARTS = {"T1": D(2023, 3, 15), "T2": D(2023, 3, 20), "T3": D(2023, 6, 10), "C4": D(2023, 9, 1),
          "C5": D(2022, 1, 10)}
RISK_SETS = {"T1": {"C1", "C2", "C3", "C4", "T2", "T3"}, "T2": {"C1", "C2", "C3", "C4", "T3"},
             "T3": {"C1", "C2", "C3", "C4"}, "C4": {"C1", "C2", "C3"},
             "C5": {"C1", "C2", "C3", "C4", "C6", "T1", "T2", "T3"}}


def evaluation_workforce() -> Workforce:
    assignments = pl.DataFrame(
        [{"person_id": p, "start_date": hired, "end_date": left, "unit_id": unit, "job_id": job, "fte": fte,
          "contract": "permanent", "end_reason": reason}
         for p, (hired, left, reason, job, fte, unit, _) in PEOPLE.items()],
        schema_overrides={"end_date": pl.Date, "end_reason": pl.String})
    people = pl.DataFrame({"person_id": list(PEOPLE), "birth_date": [v[6] for v in PEOPLE.values()],
                           "sex": ["f"] * len(PEOPLE)})
    units = pl.DataFrame({"unit_id": ["ORG", "U1", "U2"], "name": ["Org", "Zorg noord", "Zorg zuid"],
                          "parent_id": [None, "ORG", "ORG"]})
    jobs = pl.DataFrame({"job_id": ["J1", "J2", "J3"], "title": ["Verzorgende", "Verpleegkundige", "Developer"],
                         "job_family": ["zorg", "zorg", "ict"], "work_demand": ["physical", "mixed", "mental"],
                         "grade": [40, 50, 60]})
    arrangements = pl.DataFrame(
        [{"person_id": p, "code": CODE, "start_date": d, "end_date": None, "hours": None, "cost_eur": None}
         for p, d in STARTS.items()],
        schema_overrides={"end_date": pl.Date, "hours": pl.Float64, "cost_eur": pl.Float64})
    absences = pl.DataFrame({"person_id": ["C1", "T1"], "start_date": [D(2022, 6, 1), D(2023, 4, 1)],
                             "end_date": [D(2022, 6, 10), D(2023, 4, 20)], "pregnancy": [False, False]})
    return Workforce.from_tables({"units": units, "jobs": jobs, "people": people, "assignments": assignments,
                                  "arrangements": arrangements, "absences": absences})


def hand_follow() -> pl.DataFrame:
    """Five rows to follow (id, person_id, start, stop, fte), read by the outcome tests: T2 and C2
    from 20 March 2023, C4 (stopped on 1 September), C1 and T1 from 15 March 2023."""
    return pl.DataFrame({
        "id": [0, 1, 2, 3, 4], "person_id": ["T2", "C2", "C4", "C1", "T1"],
        "start": [D(2023, 3, 20), D(2023, 3, 20), D(2023, 3, 15), D(2023, 3, 15), D(2023, 3, 15)],
        "stop": [None, None, D(2023, 9, 1), None, None], "fte": [0.8, 0.8, 0.5, 0.6, 1.0]},
        schema_overrides={"stop": pl.Date})
