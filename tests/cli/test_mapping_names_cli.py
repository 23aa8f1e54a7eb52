"""`--mapping` takes a shipped profile by its bare name (docs/import-mapping.md) or says which exist."""

from __future__ import annotations

import json

import polars as pl


def test_metrics_reads_a_foreign_export_through_a_shipped_profile_name(cli, ibm_sample):
    ran = cli("metrics", "--data", str(ibm_sample), "--mapping", "ibm_hr_attrition",
              "--from", "2016-04-01", "--to", "2017-03-31", "--format", "json")
    assert ran.code == 0, ran.err
    # the IBM snapshot: every row is an employee on the reference date 2017-03-31 (leavers leave that day)
    assert json.loads(ran.out)["headcount_end"] == pl.read_csv(ibm_sample, infer_schema=False).height == 1470


def test_an_unknown_profile_name_lists_the_shipped_ones(cli, ibm_sample):
    ran = cli("import", str(ibm_sample), "--mapping", "ibm_hr_atrition")
    assert ran.code == 2
    flat = " ".join(ran.err.split())
    assert "ibm_hr_atrition bestaat niet" in flat
    for name in ("ibm_hr_attrition", "nl_hris_export", "survey_long", "survey_wide", "esco_skills"):
        assert name in flat
