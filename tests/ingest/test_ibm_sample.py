"""The public IBM HR attrition sample through its shipped snapshot profile."""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.ingest.mapping import PROFILES_DIR
from levensfase.ingest.reader import read_exchange, validate_tables
from levensfase.model.workforce import Workforce


def test_ibm_sample_imports_cleanly(ibm_sample):
    result = read_exchange(ibm_sample, mapping=PROFILES_DIR / "ibm_hr_attrition.toml")
    assert result.ok, result.problems[:5]
    raw = pl.read_csv(ibm_sample, infer_schema=False)  # independent read of the same file
    workforce = Workforce.from_tables(result.tables)
    assert workforce.people.height == 1470
    spells = workforce.spells
    assert spells.height == 1470
    assert spells.filter(pl.col("end_date").is_not_null()).height == 237 == raw.filter(pl.col("Attrition") == "Yes").height
    assert set(spells["end_date"].drop_nulls().to_list()) == {date(2017, 3, 31)}
    # the marginal counts that fixed the label encoding come back as labels
    units = workforce.assignments.group_by("unit_id").len().sort("unit_id").rows()
    assert units == [("Human Resources", 63), ("Research & Development", 961), ("Sales", 446)]
    assert workforce.people.group_by("sex").len().sort("sex").rows() == [("f", 588), ("m", 882)]
    assert workforce.units.height == 3
    # a job is a role at a level: 26 distinct (JobRole, JobLevel) pairs in the file
    assert workforce.jobs.height == raw.select("JobRole", "JobLevel").unique().height
    assert set(workforce.jobs["grade"].to_list()) == {1, 2, 3, 4, 5}
    # approximated birth dates reproduce the stated age at the reference date
    ages = workforce.people.join(raw.select(pl.col("EmployeeNumber").alias("person_id"), pl.col("Age").cast(pl.Int64)),
                                 on="person_id")
    completed = ages.select(
        (2017 - pl.col("birth_date").dt.year()
         - ((pl.col("birth_date").dt.month().cast(pl.Int64) * 100 + pl.col("birth_date").dt.day()) > 331)
         .cast(pl.Int64)).alias("age"),
        "Age")
    assert (completed["age"] == completed["Age"]).all()
    assert validate_tables(workforce.tables()) == []
    assert any("geboortedata" in n.lower() for n in result.notes)
