"""The packaged arrangement catalog and its loader's validation."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.ingest.generator import generate
from levensfase.model.arrangements import BUNDLES, CatalogError, load_catalog, parse_catalog

ISSUE_CODES = {  # issue 5's list, by code
    "opleidingsbudget", "loopbaan_apk", "mentoring", "reverse_mentoring", "job_rotatie", "interne_detachering",
    "projectrol", "sabbatical", "ouderschapsverlof", "mantelzorgverlof", "flexibele_werktijden", "zelfroosteren",
    "thuiswerken", "vitaliteitsprogramma", "ergonomische_aanpassing", "generatiepact_80_90_100",
    "generatiepact_60_80_100", "generatiepact_50_75_100", "rvu", "seniorendagen", "vrijstelling_nachtdiensten",
    "extra_verlof_55plus",
}

ENTRY = """
version = 1
[arrangements.x]
name_nl = "X"
name_en = "X"
description_nl = "x"
description_en = "x"
bundle = "development"
legal_note = "none"
source = "test"
"""


def test_catalog_has_at_least_25_arrangements_covering_the_issue_list_and_all_bundles():
    catalog = load_catalog()
    codes = {a.code for a in catalog}
    assert len(catalog) >= 25
    assert ISSUE_CODES <= codes
    assert {a.bundle for a in catalog} == set(BUNDLES)


def test_every_code_the_synthetic_generator_writes_is_in_the_catalog():
    tables = generate(employees=300, years=5, seed=4, as_of=date(2025, 1, 1))
    written = set(tables["arrangements"].get_column("code").unique().to_list())
    assert written and written <= {a.code for a in load_catalog()}


def test_generation_pact_rules_and_cost_follow_the_cao():
    catalog = load_catalog()
    for code, extra_pay in (("generatiepact_80_90_100", 10), ("generatiepact_60_80_100", 20),
                            ("generatiepact_50_75_100", 25)):
        a = catalog[code]
        assert a.bundle == "accommodative" and a.wgbl_justification_required
        assert a.eligibility.within_years_before_aow == 5 and a.eligibility.min_service_years == 8
        assert a.cost.salary_pct == extra_pay  # pay = work% + 50% of the reduction, over the work share
    assert catalog["rvu"].eligibility.within_months_before_aow == 36


def test_age_based_entries_are_flagged_and_development_entries_are_not():
    catalog = load_catalog()
    flagged = {a.code for a in catalog if a.wgbl_justification_required}
    assert {"seniorendagen", "extra_verlof_55plus", "vrijstelling_nachtdiensten", "rvu"} <= flagged
    assert not any(a.wgbl_justification_required for a in catalog if a.bundle == "development")


def test_serves_names_axes_not_ages():
    with pytest.raises(CatalogError, match=r"arrangements\.x: serves\.age: unknown axis"):
        parse_catalog(ENTRY + 'serves = { age = ["55+"] }\n')


def test_an_age_condition_without_the_wgbl_flag_is_refused():
    text = ENTRY + "[arrangements.x.eligibility]\nmin_age = 55\n"
    with pytest.raises(CatalogError, match=r"x\.toml: arrangements\.x: wgbl_justification_required: must be true"):
        parse_catalog(text, source="x.toml")
    assert parse_catalog(text.replace('source = "test"', 'source = "test"\nwgbl_justification_required = true'))


@pytest.mark.parametrize(("change", "field"), [
    (("bundle = \"development\"", "bundle = \"ontzie\""), "bundle"),
    (("name_nl = \"X\"", "name_nl = \"\""), "name_nl"),
    (("source = \"test\"", "source = \"test\"\ncolour = 1"), "colour"),
    (("source = \"test\"", "source = \"test\"\n[arrangements.x.eligibility]\ncontracts = [\"zzp\"]"),
     "eligibility.contracts"),
    (("source = \"test\"", "source = \"test\"\n[arrangements.x.cost]\nper = \"month\""), "cost.per"),
    (("source = \"test\"", "source = \"test\"\n[arrangements.x.cost]\nhours = -1"), "cost.hours"),
])
def test_bad_entries_name_file_entry_and_field(change, field):
    with pytest.raises(CatalogError) as info:
        parse_catalog(ENTRY.replace(*change), source="org.toml")
    assert str(info.value).startswith(f"org.toml: arrangements.x: {field}")


@pytest.mark.parametrize("funder", ["own_budget", "training_budget", "plb", "ikb"])
def test_training_the_job_requires_is_never_paid_from_a_personal_budget(funder):
    text = ENTRY + f'[arrangements.x.cost]\neur = 600\nfunded_by = "{funder}"\njob_required = true\n'
    with pytest.raises(CatalogError, match=r"arrangements\.x: cost\.funded_by: .*art\. 7:611a BW"):
        parse_catalog(text, source="org.toml")
    employer = parse_catalog(text.replace(f'"{funder}"', '"employer"'))["x"].cost
    assert employer.job_required and employer.funded_by == "employer"


def test_the_packaged_job_required_training_is_the_employers_in_working_time():
    catalog = load_catalog()
    required = [a for a in catalog if a.cost.job_required]
    assert [a.code for a in required] == ["functiegerichte_scholing"]
    assert all(a.cost.funded_by == "employer" and "7:611a" in a.legal_note for a in required)


def test_unreadable_or_broken_files_get_a_clear_error(tmp_path):
    with pytest.raises(CatalogError, match="cannot read"):
        load_catalog(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("version = 1\n[arrangements.x\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid TOML"):
        load_catalog(broken)
