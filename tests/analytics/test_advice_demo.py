"""Development first on the demo organisation: with a training budget apart from the own budget
(budget.toml, CAO Woondiensten figures) development advice outnumbers maintenance advice among
people in the stable mid-career (issue 17: before, "budget ontoereikend" left 261 maintenance to 89
development). The demo's own settings: 2,500 employees, 10 years, seed 2026 (`levensfase demo`).

Counted both ways: by main (primary) phase, 1,009 people; by overlapping phases (everyone whose
phases include the stable mid-career, 722 of them mainly in spitsuur or pre-retirement), 1,731.
Before the rules `established_deepening`, `low_vitality_coaching` and the vitality programme's
`unless_recommended`, the overlapping count had maintenance ahead, 1,575 to 1,215: 843 of the 1,731
got no development advice at all, because every development rule waited for a conversation answer
(or 8 years in one job, or physical work)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.analytics.advice import advice_by_bundle, advice_for
from levensfase.analytics.maatwerk import maatwerk_for
from levensfase.analytics.phases import profiles
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

ON = date(2026, 12, 6)


@pytest.fixture(scope="module")
def demo() -> Workforce:
    return Workforce.from_tables(generate(employees=2500, years=10, seed=2026, as_of=ON))


@pytest.fixture(scope="module")
def overlapping_advice(demo):
    """Advice for everyone in the stable mid-career, primary phase or not."""
    mids = profiles(demo, on=ON).filter(pl.col("phases").list.contains("stable_mid_career"))["person_id"].to_list()
    return advice_for(demo, on=ON, person_ids=mids)


@pytest.fixture(scope="module")
def mid_career_advice(demo, overlapping_advice):
    """The same advice, for those whose main phase is the stable mid-career."""
    mids = profiles(demo, on=ON).filter(pl.col("primary_phase") == "stable_mid_career")["person_id"].to_list()
    assert len(mids) > 500  # most of the demo organisation
    return {pid: overlapping_advice[pid] for pid in mids}


def test_development_first_holds_counted_by_main_phase_and_by_overlapping_phases(mid_career_advice,
                                                                                 overlapping_advice):
    main, overlapping = advice_by_bundle(mid_career_advice), advice_by_bundle(overlapping_advice)
    print(f"main phase {len(mid_career_advice)}: {main}; overlapping {len(overlapping_advice)}: {overlapping}")
    assert (len(mid_career_advice), len(overlapping_advice)) == (1009, 1731)
    assert main["development"] > main["maintenance"]
    assert overlapping["development"] > overlapping["maintenance"]
    assert (overlapping["development"], overlapping["maintenance"]) == (1659, 1233)
    # Each person's first advice, too: development first in both counts.
    for advice in (mid_career_advice, overlapping_advice):
        first = advice_by_bundle(advice, top_only=True)
        assert first["development"] > first.get("maintenance", 0) + first.get("utilisation", 0)
    # Before, 843 of the 1,731 got no development advice; now 717 — of whom 382 get no advice at all
    # (growing careers, short in the job, no wish recorded) — and under a fifth other advice only.
    other_only = sum(1 for r in overlapping_advice.values()
                           if r.items and not any(i.bundle == "development" for i in r.items))
    assert other_only == 335 and other_only < len(overlapping_advice) / 5  # maintenance or utilisation only


def test_development_advice_outnumbers_maintenance_among_mid_career_people(mid_career_advice):
    every = advice_by_bundle(mid_career_advice)
    first = advice_by_bundle(mid_career_advice, top_only=True)
    print(f"mid-career people {len(mid_career_advice)}: all advice {every}; first advice {first}")
    assert every["development"] > every["maintenance"]
    assert first["development"] > first["maintenance"]
    # Budget shortage is now the exception, not the rule that removes development.
    short = sum(1 for r in mid_career_advice.values() for s in r.skipped if s[2].startswith("budget ontoereikend"))
    assert short < every["development"] / 4


def test_the_batch_gives_the_same_advice_as_the_one_person_chain(demo, mid_career_advice):
    for person_id in sorted(mid_career_advice)[:5]:
        one = maatwerk_for(demo, person_id=person_id, on=ON)
        assert one.recommendations == mid_career_advice[person_id]


def test_no_balance_in_the_demo_goes_negative(demo, mid_career_advice):
    from levensfase.model.arrangements import load_catalog
    from levensfase.model.budget import budget_statement, load_budget_rules

    catalog, rules = load_catalog(), load_budget_rules()
    for person_id in sorted(mid_career_advice)[:40]:
        for y in budget_statement(assignments=demo.assignments, arrangements=demo.arrangements, catalog=catalog,
                                  person_id=person_id, through=ON, rules=rules, absences=demo.absences):
            assert min(y.plb_balance_h, y.own_balance_eur, y.training_balance_eur) >= 0
            assert y.training_balance_eur <= rules.training_max_eur
