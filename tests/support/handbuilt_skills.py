"""A hand-built organisation for competencies and matching, with the answers worked out by hand below.

as_of = 2025-06-30; the 12-month window is 2024-07-01 .. 2025-06-30.

Skills: S1 Wondzorg (skill), S2 Medicatiekennis (knowledge), S3 Samenwerken (attitude),
        S4 Coachen (skill), S5 Plannen (skill), S6 Digitale vaardigheden (skill).
Jobs:   J1 Verpleegkundige (zorg, grade 7): S1@3 S2@3 S3@2
        J2 Teamleider (leiding, grade 9):    S3@3 S4@3 S5@3
        J3 Planner (ondersteuning, grade 6): S5@2 S6@2
Employed on as_of: P01 J1/U1, P02 J1/U1, P03 J2/U1, P04 J2/U1 + J3/U2 (concurrent), P05 J3/U2,
P06 J3/U2 (never assessed), P07 J1/U2. P08 (J1/U1) left on 2025-03-31.

Profiles on as_of (level = latest assessment on or before as_of; same day: certified > manager > self):
  P01: S1 self 3 (2024-01-10), manager 4 (2024-02-01) → 4 ≥ 3 used (self − manager = −1);
       S2 self 2 → need; S3 never assessed → need; S4 self 4 → untapped; S5 self 2 → other
       (the manager's S5 = 3 of 2025-07-05 is after as_of and ignored).
  P02: S1 self 2 and certified 3 on the same day 2024-05-01 → 3 used; S2 manager 3 (2023-01-01) then
       self 2 (2024-06-01) → latest 2 → need; S3 self 3 → used; S4 manager 3 → untapped; S5 self 4 and
       manager 4 → untapped.
  P03: S3 4 used, S4 3 used, S5 2 need (J2 asks 3); S1 self 4 → untapped.
  P04: J2 and J3 both ask S5 (3 and 2) → required 3; S4 self 3 used, S5 self 2 need, S3 and S6 never
       assessed → need. Nothing untapped.
  P05: S5 3 used, S6 2 used; S4 manager 4 → untapped.
  P06: nothing assessed: S5, S6 need — but P06 is not "assessed", so counts in no share.
  P07: S1 3, S2 3, S3 3 used; S4 3, S5 3 untapped.

Per unit (k = 3): U1 = P01 P02 P03 P04 (4; all assessed): untapped P01 P02 P03 = 3/4 = 0.75,
  need P01 P02 P03 P04 = 4/4 = 1.0.  U2 = P04 P05 P06 P07 (4; assessed P04 P05 P07 = 3): untapped
  P05 P07 = 2/3 = 0.667, need P04 = 1/3 = 0.333. With k = 4 the U2 shares are withheld (3 assessed)
  and U1's with them (complement), but both populations (4) and spends stay shown.
Development spend in the window: P01 opleidingsbudget 1500 (2025-01-01..03-31), P04 loopbaan_apk 1000
  (2025-05-01; counts in U1 and U2), P05 coaching 1800 (2024-09-01); not: P07 vitaliteitsprogramma 450
  (maintenance), P02 opleidingsbudget 900 ending 2024-06-30 (before the window), P08 (gone).
  → U1 2500, U2 2800.

Conversations (latest on or before as_of): opt-in "true": P01, P02, P03, P04, P07; P05 "true" in 2024
  then "false" on 2025-01-01 → not opted in; P06 never asked → not opted in; P08 "true" but gone.
  Ambition / mobility: P01 leadership / internal; P02 grow_in_role / none; P05 other_role / –;
  P07 other_role / internal (P07's earlier ambition "stop" of 2023 is replaced); others none.

Match for J2 (S3@3 S4@3 S5@3), holders P03 P04 excluded; score = 0.6 skill + 0.25 ambition + 0.15 mobility:
  P07: skills 1, 1, 1 → 1.0; other_role 1.0; internal 1.0 → 1.0
  P01: S3 0/3, S4 min(4,3)/3 = 1, S5 2/3 → 5/9 = 0.5556; leadership, grade 9 > 7 → 1.0; internal 1.0
       → 0.6 × 5/9 + 0.25 + 0.15 = 0.7333
  P05 (not opted in): S3 0, S4 1, S5 1 → 2/3; other_role 1.0; no mobility answer 0.5 → 0.4 + 0.25 + 0.075 = 0.725
  P02: all 1 → 1.0; grow_in_role 0.25; none 0.0 → 0.6 + 0.0625 = 0.6625
  P06 (not opted in): 0; no answers 0.5, 0.5 → 0.125 + 0.075 = 0.2
  Default list: P07, P01, P02. Full list: P07, P01, P05, P02, P06.
Match for the ad-hoc list {S4: 3} (no holders, no grade: leadership counts 0.5):
  P07 1.0; P01 0.6 + 0.125 + 0.15 = 0.875; P03 and P04 (S4 3, no answers) 0.6 + 0.125 + 0.075 = 0.8
  (tie: P03 before P04); P02 0.6625.
Roles for P01 (untapped: S4; holds J1, grade 7; ambition leadership); 0.5 skill + 0.3 untapped + 0.2 ambition:
  J2: skill 5/9, uses S4 → untapped 1/1, grade 9 > 7 → 1.0 → 0.2778 + 0.3 + 0.2 = 0.7778
  J3: S5 min(2,2)/2 = 1, S6 0 → 0.5; untapped 0; grade 6 → leadership sideways 0.5 → 0.25 + 0.1 = 0.35
"""

from __future__ import annotations

from datetime import date

import polars as pl
from levensfase.model.workforce import Workforce

D = date
AS_OF = D(2025, 6, 30)


def skills_workforce() -> Workforce:
    units = pl.DataFrame({"unit_id": ["U1", "U2"], "name": ["Zorg Noord", "Zorg Zuid"], "parent_id": [None, None]},
                         schema_overrides={"parent_id": pl.String})
    jobs = pl.DataFrame({"job_id": ["J1", "J2", "J3"], "title": ["Verpleegkundige", "Teamleider", "Planner"],
                         "job_family": ["zorg", "leiding", "ondersteuning"],
                         "work_demand": ["physical", "mental", "mental"], "grade": [7, 9, 6]})
    people = pl.DataFrame({
        "person_id": [f"P0{i}" for i in range(1, 9)],
        "birth_date": [D(1980, 3, 1), D(1965, 7, 1), D(1975, 1, 1), D(1990, 5, 5), D(1999, 2, 2), D(2001, 8, 8),
                       D(1970, 10, 10), D(1985, 4, 4)],
        "sex": ["f", "f", "m", "f", "m", "f", "x", "m"],
    })
    rows = [
        ("P01", D(2015, 1, 1), None, "U1", "J1", 1.0), ("P02", D(2010, 1, 1), None, "U1", "J1", 0.8),
        ("P03", D(2012, 1, 1), None, "U1", "J2", 1.0), ("P04", D(2020, 1, 1), None, "U1", "J2", 0.5),
        ("P04", D(2021, 1, 1), None, "U2", "J3", 0.5), ("P05", D(2022, 1, 1), None, "U2", "J3", 1.0),
        ("P06", D(2025, 1, 1), None, "U2", "J3", 0.6), ("P07", D(2005, 1, 1), None, "U2", "J1", 0.9),
        ("P08", D(2018, 1, 1), D(2025, 3, 31), "U1", "J1", 1.0),
    ]
    cols = ["person_id", "start_date", "end_date", "unit_id", "job_id", "fte"]
    assignments = pl.DataFrame([dict(zip(cols, r)) for r in rows], schema_overrides={"end_date": pl.Date}).with_columns(
        contract=pl.lit("permanent"),
        end_reason=pl.when(pl.col("person_id") == "P08").then(pl.lit("voluntary")).otherwise(None))
    skills = pl.DataFrame({
        "skill_id": ["S1", "S2", "S3", "S4", "S5", "S6"],
        "name": ["Wondzorg", "Medicatiekennis", "Samenwerken", "Coachen", "Plannen", "Digitale vaardigheden"],
        "kind": ["skill", "knowledge", "attitude", "skill", "skill", "skill"],
    })
    job_skills = pl.DataFrame([
        ("J1", "S1", 3), ("J1", "S2", 3), ("J1", "S3", 2), ("J2", "S3", 3), ("J2", "S4", 3), ("J2", "S5", 3),
        ("J3", "S5", 2), ("J3", "S6", 2)], schema=["job_id", "skill_id", "level_required"], orient="row")
    person_skills = pl.DataFrame([
        ("P01", "S1", 3, "self", D(2024, 1, 10)), ("P01", "S1", 4, "manager", D(2024, 2, 1)),
        ("P01", "S2", 2, "self", D(2024, 1, 10)), ("P01", "S4", 4, "self", D(2024, 1, 10)),
        ("P01", "S5", 2, "self", D(2024, 1, 10)), ("P01", "S5", 3, "manager", D(2025, 7, 5)),
        ("P02", "S1", 2, "self", D(2024, 5, 1)), ("P02", "S1", 3, "certified", D(2024, 5, 1)),
        ("P02", "S2", 3, "manager", D(2023, 1, 1)), ("P02", "S2", 2, "self", D(2024, 6, 1)),
        ("P02", "S3", 3, "self", D(2024, 6, 1)), ("P02", "S4", 3, "manager", D(2024, 6, 1)),
        ("P02", "S5", 4, "self", D(2024, 6, 1)), ("P02", "S5", 4, "manager", D(2024, 6, 1)),
        ("P03", "S3", 4, "self", D(2025, 1, 1)), ("P03", "S4", 3, "self", D(2025, 1, 1)),
        ("P03", "S5", 2, "self", D(2025, 1, 1)), ("P03", "S1", 4, "self", D(2025, 1, 1)),
        ("P04", "S4", 3, "self", D(2025, 2, 1)), ("P04", "S5", 2, "self", D(2025, 2, 1)),
        ("P05", "S5", 3, "self", D(2025, 3, 1)), ("P05", "S6", 2, "self", D(2025, 3, 1)),
        ("P05", "S4", 4, "manager", D(2025, 3, 15)),
        ("P07", "S1", 3, "self", D(2024, 11, 1)), ("P07", "S2", 3, "self", D(2024, 11, 1)),
        ("P07", "S3", 3, "self", D(2024, 11, 1)), ("P07", "S4", 3, "self", D(2024, 11, 1)),
        ("P07", "S5", 3, "self", D(2024, 11, 1)),
        ("P08", "S4", 4, "self", D(2024, 1, 1)),
    ], schema=["person_id", "skill_id", "level", "source", "date"], orient="row")
    conversations = pl.DataFrame([
        ("P01", D(2025, 2, 1), "internal_mobility_opt_in", "true"), ("P01", D(2025, 2, 1), "ambition", "leadership"),
        ("P01", D(2025, 2, 1), "mobility_wish", "internal"),
        ("P02", D(2025, 3, 1), "internal_mobility_opt_in", "true"), ("P02", D(2025, 3, 1), "ambition", "grow_in_role"),
        ("P02", D(2025, 3, 1), "mobility_wish", "none"),
        ("P03", D(2025, 1, 1), "internal_mobility_opt_in", "true"),
        ("P04", D(2025, 1, 1), "internal_mobility_opt_in", "true"),
        ("P05", D(2024, 1, 1), "internal_mobility_opt_in", "true"), ("P05", D(2024, 1, 1), "ambition", "other_role"),
        ("P05", D(2025, 1, 1), "internal_mobility_opt_in", "false"),
        ("P07", D(2023, 1, 1), "ambition", "stop"), ("P07", D(2025, 4, 1), "ambition", "other_role"),
        ("P07", D(2025, 4, 1), "internal_mobility_opt_in", "true"), ("P07", D(2025, 4, 1), "mobility_wish", "internal"),
        ("P08", D(2024, 6, 1), "internal_mobility_opt_in", "true"),
    ], schema=["person_id", "date", "topic", "value"], orient="row")
    arrangements = pl.DataFrame([
        ("P01", "opleidingsbudget", D(2025, 1, 1), D(2025, 3, 31), 1500.0),
        ("P04", "loopbaan_apk", D(2025, 5, 1), D(2025, 5, 1), 1000.0),
        ("P05", "coaching", D(2024, 9, 1), D(2024, 12, 31), 1800.0),
        ("P07", "vitaliteitsprogramma", D(2025, 1, 1), None, 450.0),
        ("P02", "opleidingsbudget", D(2024, 1, 1), D(2024, 6, 30), 900.0),
        ("P08", "opleidingsbudget", D(2024, 10, 1), D(2024, 12, 31), 700.0),
    ], schema={"person_id": pl.String, "code": pl.String, "start_date": pl.Date, "end_date": pl.Date,
               "cost_eur": pl.Float64}, orient="row")
    return Workforce.from_tables({
        "units": units, "jobs": jobs, "people": people, "assignments": assignments, "skills": skills,
        "job_skills": job_skills, "person_skills": person_skills, "conversations": conversations,
        "arrangements": arrangements,
    })
