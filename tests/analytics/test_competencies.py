"""Untapped potential, development need and training spend per category (hand-built answers in
tests/support/handbuilt_skills.py; a synthetic organisation cross-checked in plain Python)."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest

from levensfase.analytics.breakdown import period_metrics_by
from levensfase.analytics.competencies import BY, ROW_KEYS, competencies_section, competency_categories
from levensfase.analytics.protected_day import day_pattern
from levensfase.analytics.report import build_report, clean
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce
from support.handbuilt_skills import AS_OF, skills_workforce

WF = skills_workforce()


def rows(table):
    return {r["value"]: r for r in table.iter_rows(named=True)}


def test_units_by_hand():
    got = rows(competency_categories(WF, as_of=AS_OF, by="unit", k=3))
    u1, u2 = got["U1"], got["U2"]
    assert (u1["population"], u1["assessed"], u1["persons_untapped"], u1["persons_development_need"]) == (4, 4, 3, 4)
    assert (u1["untapped_share"], u1["development_need_share"], u1["training_spend_eur"]) == (0.75, 1.0, 2500.0)
    assert (u2["population"], u2["assessed"], u2["persons_untapped"], u2["persons_development_need"]) == (4, 3, 2, 1)
    assert (u2["untapped_share"], u2["development_need_share"], u2["training_spend_eur"]) == (0.667, 0.333, 2800.0)
    assert (u1["training_spend_per_person"], u2["training_spend_per_person"]) == (625.0, 700.0)


def test_job_families_by_hand():
    # zorg: P01 P02 P07 (all assessed; untapped all three; need P01 P02); leiding: P03 P04 (too few at k = 3);
    # ondersteuning: P04 P05 P06 (assessed P04 P05).
    got = rows(competency_categories(WF, as_of=AS_OF, by="job_family", k=2))
    assert (got["zorg"]["untapped_share"], got["zorg"]["development_need_share"]) == (1.0, 0.667)
    assert got["zorg"]["training_spend_eur"] == 1500.0
    assert (got["leiding"]["population"], got["leiding"]["untapped_share"], got["leiding"]["training_spend_eur"]) == \
        (2, 0.5, 1000.0)
    assert (got["ondersteuning"]["untapped_share"], got["ondersteuning"]["development_need_share"]) == (0.5, 0.5)
    assert got["ondersteuning"]["training_spend_eur"] == 2800.0


def test_few_assessed_withholds_the_shares_but_not_the_spend():
    got = rows(competency_categories(WF, as_of=AS_OF, by="unit", k=4))
    for unit, spend in (("U1", 2500.0), ("U2", 2800.0)):  # U2 has 3 assessed < 4; U1 is withheld as its complement
        r = got[unit]
        assert (r["suppressed"], r["shares_withheld"], r["population"], r["training_spend_eur"]) == \
            (False, True, 4, spend)
        assert r["untapped_share"] is None and r["development_need_share"] is None and r["assessed"] is None


def test_small_groups_are_suppressed_entirely():
    got = rows(competency_categories(WF, as_of=AS_OF, by="unit", k=5))
    assert all(r["suppressed"] and r["population"] is None and r["training_spend_eur"] is None
               and r["untapped_share"] is None for r in got.values())
    family = rows(competency_categories(WF, as_of=AS_OF, by="job_family", k=3))
    assert family["leiding"]["suppression_reason"] == "small_group"
    assert sum(r["suppressed"] for r in family.values()) == 2  # plus a complement


def test_section_rows_have_exactly_the_contract_keys_and_it_is_in_the_analysis():
    section = competencies_section(WF, as_of=AS_OF, k=3)
    assert section["as_of"] == "2025-06-30" and section["window_from"] == "2024-07-01" and section["k"] == 3
    assert all(tuple(r) == ROW_KEYS for r in section["rows"])
    assert {r["by"] for r in section["rows"]} == set(BY)
    alone = rows(competency_categories(WF, as_of=AS_OF, by="unit", k=3))["U1"]  # the table on its own
    assert {key: alone[key] for key in ROW_KEYS[1:]} == {
        "value": "U1", "population": 4, "suppressed": False, "untapped_share": 0.75, "development_need_share": 1.0,
        "training_spend_eur": 2500.0, "assessed": 4, "persons_untapped": 3, "training_spend_per_person": 625.0}
    # the document's day set hides U1's headcount (a companion), so the section withholds its row
    assert not day_pattern(WF, day=AS_OF, k=3, subtrees=False).shown(None, "unit", "U1")
    shown = {(r["by"], r["value"]): r for r in section["rows"]}
    assert shown[("unit", "U1")]["suppressed"] and shown[("unit", "U1")]["population"] is None
    json.dumps(section)
    report = build_report(WF, as_of=AS_OF, k=3)
    assert report["competencies"] == clean(section)


def test_bad_arguments_get_a_clear_error():
    with pytest.raises(ValueError, match="unknown category 'colour'"):
        competency_categories(WF, as_of=AS_OF, by="colour")
    with pytest.raises(TypeError, match="as_of must be a date"):
        competency_categories(WF, as_of="2025-06-30", by="unit")
    with pytest.raises(ValueError, match="k must be a whole number"):
        competency_categories(WF, as_of=AS_OF, by="unit", k=0)


def _gaps(workforce: Workforce, section: dict, *, start: date, end: date) -> list:
    present = {(r["by"], r["value"]) for r in section["rows"]}
    wanted = {(by, r["value"]) for by in BY
              for r in period_metrics_by(workforce, start=start, end=end, by=by, k=5)["rows"]}
    return sorted(wanted - present)


def test_every_value_of_metrics_by_appears_for_the_hand_built_organisation():
    section = competencies_section(WF, as_of=AS_OF, k=3)
    assert _gaps(WF, section, start=date(2024, 7, 1), end=AS_OF) == []  # P08, gone since March, too
    assert ("unit", "U1") in {(r["by"], r["value"]) for r in section["rows"]}


@pytest.fixture(scope="module")
def synthetic():
    return Workforce.from_tables(generate(employees=400, years=4, seed=8, as_of=date(2025, 1, 1)))


def test_synthetic_every_value_of_metrics_by_appears(synthetic):
    as_of = date(2025, 1, 1)
    section = competencies_section(synthetic, as_of=as_of, k=5)
    assert _gaps(synthetic, section, start=date(2024, 1, 2), end=as_of) == []
    assert _gaps(synthetic, section, start=as_of, end=as_of) == []


def test_synthetic_units_match_a_plain_python_count(synthetic):
    as_of = date(2025, 1, 1)
    levels: dict[tuple[str, str], tuple[date, int, int]] = {}
    rank = {"self": 0, "manager": 1, "certified": 2}
    for p, s, level, source, day in synthetic.person_skills.select(
            "person_id", "skill_id", "level", "source", "date").iter_rows():
        if day <= as_of and (p, s) not in levels or day <= as_of and (day, rank[source]) > levels[(p, s)][:2]:
            levels[(p, s)] = (day, rank[source], level)
    jobs = {}
    for p, start, end, unit, job in synthetic.assignments.select(
            "person_id", "start_date", "end_date", "unit_id", "job_id").iter_rows():
        if start <= as_of and (end is None or end >= as_of):
            jobs.setdefault(p, []).append((unit, job))
    asked: dict[str, dict[str, int]] = {}
    for j, s, level in synthetic.job_skills.iter_rows():
        asked.setdefault(j, {})[s] = level
    per_unit: dict[str, list[set]] = {}
    for p, held in jobs.items():
        need: dict[str, int] = {}
        for _, j in held:
            for s, level in asked.get(j, {}).items():
                need[s] = max(need.get(s, 0), level)
        mine = {s: v[2] for (q, s), v in levels.items() if q == p}
        untapped = any(level >= 3 and s not in need for s, level in mine.items())
        short = any(mine.get(s, 0) < level for s, level in need.items())
        for unit in {u for u, _ in held}:
            groups = per_unit.setdefault(unit, [set(), set(), set(), set()])
            groups[0].add(p)
            if mine:
                groups[1].add(p)
                if untapped:
                    groups[2].add(p)
                if short:
                    groups[3].add(p)
    got = rows(competency_categories(synthetic, as_of=as_of, by="unit", k=1))
    assert set(got) >= set(per_unit)
    for unit, (population, assessed, untapped, short) in per_unit.items():
        r = got[unit]
        assert (r["population"], r["assessed"], r["persons_untapped"], r["persons_development_need"]) == \
            (len(population), len(assessed), len(untapped), len(short))


def test_training_spend_is_the_development_spend_of_the_policy_scan(synthetic):
    from levensfase.analytics.policy_scan import policy_counts

    as_of = date(2025, 1, 1)
    for by in ("unit", "age_band", "contract"):
        scan = dict(policy_counts(synthetic, as_of=as_of, by=by).select("value", "spend_development").iter_rows())
        ours = dict(competency_categories(synthetic, as_of=as_of, by=by, k=1)
                    .filter(pl.col("population") > 0).select("value", "training_spend_eur").iter_rows())
        assert set(ours) == set(scan) and sum(scan.values()) > 0
        assert all(abs(ours[v] - scan[v]) < 0.005 for v in scan), by
