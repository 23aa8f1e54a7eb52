"""A hand-built organisation for the policy scan, with the answers worked out by hand below.

as_of = 2025-06-30, so the 12-month window is 2024-07-01 .. 2025-06-30.

Units on as_of: U1 = P01-P05 (5), U2 = P05-P09 (5; P05 has a concurrent 0.2 FTE job there), U3 = P10-P12 (3).
P15 (U1) left on 2025-03-31: not in the population, so neither are their arrangements.
Contracts on as_of: permanent P01 P02 P03 P05 P06 P07 P08 (7), temporary P09 P11 P12 (3), fixed_term P04 P10 (2).

Arrangements overlapping the window, by unit (bundle, cost_eur):
  U1: P01 opleidingsbudget (dev, 1000), P01 flexibele_werktijden (maint, 0, running since 2023),
      P02 coaching (dev, 1800), P03 seniorendagen (acc, 0, running since 2020), P05 loopbaan_apk (dev, 1000)
      — P02 mentoring ended 2024-06-30 (before the window), P05 opleidingsbudget starts 2025-07-01 (after).
      → 5 uptakes: 3 dev, 1 maint, 1 acc; spend 3800; people: development 3/5 = 0.6, sparing 1/5 = 0.2.
  U2: P05 loopbaan_apk (dev, 1000), P06 generatiepact_80_90_100 (acc, 5000), P07 extra_verlof_55plus (acc, 0),
      P08 thuiswerken (maint, 500) → 4 uptakes; people: development 1/5 = 0.2, sparing 2/5 = 0.4; spend 6500.
  U3: P10 vitaliteitsprogramma (maint, 450), P11 onbekende_regeling (not in the catalog: other, 100)
      → 2 uptakes, no development: development 0.0, sparing 0.0; spend 550.
Conversations in the window: P01 (2025-01-15), P02 (2024-07-01, first day), P05 (2025-03-01),
  P06 (2025-06-30, last day); not: P03 (2024-06-30), P07 (2025-07-01).
  → U1 3/5 = 0.6, U2 2/5 = 0.4, U3 0/3 = 0.0.
Plans (approved/registered count): P01 registered, P06 approved; P02 requested and P09 rejected do not.
  → U1 0.2, U2 0.2, U3 0.0.
Contract permanent: 8 uptakes (P01 ×2, P02, P03, P05 once although two permanent jobs, P06, P07, P08):
  people in development P01 P02 P05 → 3/7 = 0.429, sparing P03 P06 P07 → 0.429; spend 1000+1800+1000+5000+500 = 9300; conversations P01 P02 P05 P06 = 4/7
  = 0.571; plans P01 P06 = 2/7 = 0.286. With k = 3, fixed_term (2) is suppressed and temporary (3) is
  suppressed as its complement.
"""

from __future__ import annotations

from datetime import date

import polars as pl
from levensfase.model.workforce import Workforce

D = date
AS_OF = D(2025, 6, 30)


def maatwerk_workforce() -> Workforce:
    rows = [
        ("P01", D(2015, 1, 1), None, "U1", "J1", 1.0, "permanent"),
        ("P02", D(2019, 3, 1), None, "U1", "J1", 0.8, "permanent"),
        ("P03", D(2005, 1, 1), None, "U1", "J2", 0.9, "permanent"),
        ("P04", D(2024, 9, 1), None, "U1", "J1", 1.0, "fixed_term"),
        ("P05", D(2012, 1, 1), None, "U1", "J2", 0.6, "permanent"),
        ("P05", D(2023, 1, 1), None, "U2", "J3", 0.2, "permanent"),
        ("P06", D(2000, 1, 1), None, "U2", "J3", 1.0, "permanent"),
        ("P07", D(2010, 5, 1), None, "U2", "J3", 0.7, "permanent"),
        ("P08", D(2021, 1, 1), None, "U2", "J2", 1.0, "permanent"),
        ("P09", D(2025, 1, 1), None, "U2", "J3", 0.5, "temporary"),
        ("P10", D(2024, 1, 1), None, "U3", "J1", 0.8, "fixed_term"),
        ("P11", D(2025, 2, 1), None, "U3", "J1", 0.6, "temporary"),
        ("P12", D(2025, 3, 1), None, "U3", "J2", 1.0, "temporary"),
        ("P15", D(2018, 1, 1), D(2025, 3, 31), "U1", "J1", 1.0, "permanent"),
    ]
    cols = ["person_id", "start_date", "end_date", "unit_id", "job_id", "fte", "contract"]
    assignments = pl.DataFrame([dict(zip(cols, r)) for r in rows], schema_overrides={"end_date": pl.Date})
    assignments = assignments.with_columns(
        end_reason=pl.when(pl.col("person_id") == "P15").then(pl.lit("voluntary")).otherwise(None))
    births = {"P01": D(1990, 4, 1), "P02": D(1995, 8, 8), "P03": D(1966, 2, 2), "P04": D(2001, 1, 1),
              "P05": D(1980, 6, 6), "P06": D(1961, 3, 3), "P07": D(1968, 7, 7), "P08": D(1985, 5, 5),
              "P09": D(2003, 3, 3), "P10": D(1975, 1, 1), "P11": D(1999, 9, 9), "P12": D(1988, 8, 8),
              "P15": D(1992, 2, 2)}
    people = pl.DataFrame({"person_id": list(births), "birth_date": list(births.values()),
                           "sex": ["f", "f", "m", "x", "f", "m", "f", "m", "f", "m", "f", None, "m"]})
    units = pl.DataFrame({"unit_id": ["ORG", "U1", "U2", "U3"], "name": ["Org", "Zorg", "Thuiszorg", "Staf"],
                          "parent_id": [None, "ORG", "ORG", "ORG"]})
    jobs = pl.DataFrame({"job_id": ["J1", "J2", "J3"], "title": ["Verzorgende", "Verpleegkundige", "Huishoudelijk"],
                         "job_family": ["zorg", "zorg", "facilitair"], "work_demand": ["physical", "mixed", "physical"],
                         "grade": [5, 7, 3]})
    arr = [
        ("P01", "opleidingsbudget", D(2024, 9, 1), D(2024, 12, 31), 40.0, 1000.0),
        ("P01", "flexibele_werktijden", D(2023, 1, 1), None, None, 0.0),
        ("P02", "mentoring", D(2024, 5, 1), D(2024, 6, 30), 20.0, 0.0),
        ("P02", "coaching", D(2025, 1, 10), D(2025, 4, 10), 12.0, 1800.0),
        ("P03", "seniorendagen", D(2020, 1, 1), None, 16.0, None),
        ("P05", "loopbaan_apk", D(2025, 2, 1), D(2025, 2, 1), 6.0, 1000.0),
        ("P05", "opleidingsbudget", D(2025, 7, 1), None, 10.0, 500.0),
        ("P06", "generatiepact_80_90_100", D(2024, 1, 1), None, 374.4, 5000.0),
        ("P07", "extra_verlof_55plus", D(2023, 1, 1), None, 24.0, 0.0),
        ("P08", "thuiswerken", D(2024, 8, 1), None, None, 500.0),
        ("P10", "vitaliteitsprogramma", D(2024, 10, 1), D(2024, 12, 31), 12.0, 450.0),
        ("P11", "onbekende_regeling", D(2025, 1, 1), D(2025, 1, 31), None, 100.0),
        ("P15", "opleidingsbudget", D(2024, 10, 1), D(2024, 12, 31), 30.0, 900.0),
    ]
    arrangements = pl.DataFrame(arr, schema={"person_id": pl.String, "code": pl.String, "start_date": pl.Date,
                                             "end_date": pl.Date, "hours": pl.Float64, "cost_eur": pl.Float64},
                                orient="row")
    conv = [("P01", D(2025, 1, 15)), ("P02", D(2024, 7, 1)), ("P05", D(2025, 3, 1)), ("P06", D(2025, 6, 30)),
            ("P03", D(2024, 6, 30)), ("P07", D(2025, 7, 1))]
    conversations = pl.DataFrame([(p, d, "ambition", "grow_in_role") for p, d in conv],
                                 schema={"person_id": pl.String, "date": pl.Date, "topic": pl.String,
                                         "value": pl.String}, orient="row")
    return Workforce.from_tables({"units": units, "jobs": jobs, "people": people, "assignments": assignments,
                                  "arrangements": arrangements, "conversations": conversations})


def maatwerk_plans() -> pl.DataFrame:
    return pl.DataFrame({"person_id": ["P01", "P02", "P06", "P09"],
                         "state": ["registered", "requested", "approved", "rejected"]})
