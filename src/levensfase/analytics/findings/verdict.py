"""The executive verdict for a page: only the sections it rests on, computed once per workforce,
day and k (a home page asks on every visit; the analysis document computes them all anyway)."""

from __future__ import annotations

import hashlib
import weakref
from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.arrangement_mix import arrangement_mix
from levensfase.analytics.competencies import competencies_section
from levensfase.analytics.employability import scores_by
from levensfase.analytics.findings.executive import executive_verdict
from levensfase.analytics.policy_scan import policy_scan_section
from levensfase.analytics.protected_year import report_day
from levensfase.analytics.report_outflow import outflow_section
from levensfase.analytics.survey_scores import survey_scores
from levensfase.model.lifephase import PhaseRules, load_rules
from levensfase.model.workforce import Workforce

__all__ = ["verdict_for"]

_MEMO: weakref.WeakKeyDictionary[Workforce, dict] = weakref.WeakKeyDictionary()


def verdict_inputs(workforce: Workforce, *, as_of: date, k: int, rules: PhaseRules | None = None,
                   policy_scan: dict[str, Any] | None = None, survey_rounds: pl.DataFrame | None = None,
                   pages: bool = False) -> dict[str, Any]:
    """The report sections the verdict reads, as a report dict. `pages`: for a reader of the
    dashboards too (`build_report`'s): the outflow rows then follow the web download's decision,
    so the home page never shows a row the downloaded document withholds, or the reverse."""
    from levensfase.analytics.report import clean, coverage, flow_years

    rules = rules or load_rules()
    scores = survey_scores(workforce, until=as_of)
    if survey_rounds is not None:
        scores = scores.join(survey_rounds, on=["person_id", "date", "instrument"], how="left")
    wai = scores_by(scores, workforce, instrument="wai", by="life_phase", k=k,
                    as_of=as_of)
    day = report_day(workforce, day=as_of, k=k, pages=pages, end=as_of)
    return clean({
        "as_of": as_of, "k": k, "coverage": coverage(workforce),
        "policy_scan": policy_scan or policy_scan_section(workforce, as_of=as_of, k=k, rules=rules, day=day),
        "competencies": competencies_section(workforce, as_of=as_of, k=k, rules=rules, day=day),
        "outflow": outflow_section(workforce, as_of=as_of, k=k, years=flow_years(workforce, as_of), rules=rules,
                                   pages=pages),
        "arrangement_mix": arrangement_mix(workforce, as_of=as_of, k=k),
        "phases": {"labels": {p.name: {"nl": p.label_nl, "en": p.label_en} for p in rules.phases}},
        "employability": {"work_ability": {"life_phase": wai.drop("suppression_reason").to_dicts()}},
    })


def verdict_for(workforce: Workforce, *, as_of: date, k: int, rules: PhaseRules | None = None,
                policy_scan: dict[str, Any] | None = None, survey_rounds: pl.DataFrame | None = None,
                pages: bool = False) -> dict[str, dict[str, Any]]:
    """`executive_verdict` of `verdict_inputs`, remembered per workforce, day, k, `pages` and the
    policy scan given (the policy-scan page passes its own; the home page none)."""
    from levensfase.analytics.report import clean

    memo = _MEMO.setdefault(workforce, {})
    scan = None if policy_scan is None else hashlib.sha256(repr(policy_scan).encode()).hexdigest()
    key = (as_of, k, rules, pages, scan, None if survey_rounds is None else int(survey_rounds.hash_rows().sum()))
    if key not in memo:
        inputs = verdict_inputs(workforce, as_of=as_of, k=k, rules=rules, policy_scan=policy_scan,
                                survey_rounds=survey_rounds, pages=pages)
        memo[key] = clean(executive_verdict(inputs))
    return memo[key]
