"""Effects from evaluation rows (the JSON row format of `levensfase evaluate`, issue 18), hand-made:
a measured hazard ratio replaces the assumption only with enough evidence, and every effect says
whether it is gemeten or aanname."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce
from levensfase.planning.effects import load_effects
from levensfase.planning.evidence import effects_from_evaluation, with_evidence
from levensfase.planning.planner import Policy
from levensfase.planning.planner_baseline import plan_for_workforce


def row(arrangement, bundle, *, ratio, verdict="effect", suppressed=False, outcome="influenceable_exit",
        ci=(None, None), n_matched=120) -> dict:
    return {"arrangement": arrangement, "bundle": bundle, "outcome": outcome, "verdict": verdict, "effect": -0.03,
            "ratio": ratio, "ci_low": ci[0], "ci_high": ci[1], "n_treated": 130, "n_matched": n_matched,
            "max_smd": 0.05, "naive_effect": -0.06, "suppressed": suppressed}


def test_without_rows_every_effect_is_the_assumption():
    effects = load_effects()
    chosen = effects_from_evaluation(None, effects)
    assert {e.status for e in chosen.values()} == {"aanname"}
    assert {code: e.reduction for code, e in chosen.items()} == {t.code: t.reduction for t in effects}
    assert with_evidence(effects, []) == effects


def test_measured_hazard_ratios_where_the_evidence_suffices():
    effects = load_effects()
    rows = [
        row(None, "development", ratio=0.7, ci=(0.55, 0.9)),                      # bundle row → ontwikkeling
        row("mentoring", "development", ratio=0.5),                               # a catalog code: no planner type
        row(None, "utilisation", ratio=0.6, verdict="onvoldoende gegevens"),      # not enough evidence
        row("bundle:maintenance", "maintenance", ratio=0.8, suppressed=True),     # suppressed: no number
        row("ontzien", "accommodative", ratio=1.25, ci=(0.9, 1.7)),               # own code; harmful → 0
        row(None, "development", ratio=0.4, outcome="wai_change"),                # another outcome
    ]
    chosen = effects_from_evaluation(rows, effects)
    assert chosen["ontwikkeling"].status == "gemeten"
    assert chosen["ontwikkeling"].reduction == pytest.approx(0.3)
    assert chosen["ontwikkeling"].interval == (0.55, 0.9) and chosen["ontwikkeling"].hazard_ratio == 0.7
    assert chosen["inzetbaarheid"].status == "aanname" and chosen["inzetbaarheid"].reduction == 0.12
    assert chosen["behoud"].status == "aanname" and chosen["behoud"].reduction == 0.08
    assert chosen["ontzien"].status == "gemeten" and chosen["ontzien"].reduction == 0.0
    # ontzien and doorwerken share the accommodative bundle: without a bundle row doorwerken stays assumed.
    assert chosen["doorwerken"].status == "aanname"
    measured = with_evidence(effects, rows)
    dev = next(t for t in measured if t.code == "ontwikkeling")
    assert (dev.assumption, dev.status, dev.reduction, dev.n_matched) == (False, "gemeten", pytest.approx(0.3), 120)
    assert dev.reduction_for("age_band", "20-24") == pytest.approx(0.3)  # the file's age overrides no longer apply
    assert next(t for t in measured if t.code == "behoud").status == "aanname"


def test_an_own_code_row_wins_over_the_bundle_row():
    rows = [row(None, "accommodative", ratio=0.9), row("doorwerken", "accommodative", ratio=0.6)]
    chosen = effects_from_evaluation(rows, load_effects())
    assert chosen["doorwerken"].reduction == pytest.approx(0.4)
    assert chosen["ontzien"].reduction == pytest.approx(0.1)


@pytest.mark.parametrize("bad", [
    row(None, "development", ratio=None), row(None, "development", ratio=0), row(None, "development", ratio=-1),
    row(None, "development", ratio=float("nan")), row(None, "development", ratio=True), "not a row",
])
def test_rows_without_a_usable_number_fall_back_to_the_assumption(bad):
    assert effects_from_evaluation([bad], load_effects())["ontwikkeling"].status == "aanname"


def test_the_planner_solves_with_the_measured_effects():
    org = Workforce.from_tables(generate(employees=400, years=5, seed=3, as_of=date(2026, 1, 1)))
    policy = Policy(budget=60_000, min_category_share=0.0, min_development_share=0.0)
    assumed = plan_for_workforce(org, by="job_family", as_of=date(2026, 1, 1), effects=load_effects(), policy=policy)
    # Development measured useless (HR 1): no development place is bought any more.
    measured = plan_for_workforce(org, by="job_family", as_of=date(2026, 1, 1), effects=load_effects(), policy=policy,
                                  evaluation=[row(None, "development", ratio=1.0)])
    spent = lambda plan: plan.allocation.filter(bundle="development")["spend"].sum()  # noqa: E731
    assert spent(assumed) > 0 and spent(measured) == 0
    assert [t.status for t in measured.effects] == ["gemeten", "aanname", "aanname", "aanname", "aanname"]
