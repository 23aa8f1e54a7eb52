"""An evaluation as people read it: names, Dutch (or English) numbers, verdicts and sentences.

Used by the CLI's HTML page and the web page "Werkt het?" alike, so both say the same. Works
from the *published* rows (after privacy): a suppressed group shows "< k" and no balance table.
"""

from __future__ import annotations

from typing import Any

from levensfase.analytics.findings.evaluation import LIMITS_EN, LIMITS_NL, evaluation_finding
from levensfase.analytics.findings.numbers import day, number
from levensfase.analytics.privacy import is_small
from levensfase.evaluation.effects import HARMS, HELPS, INSUFFICIENT, UNCLEAR
from levensfase.evaluation.evaluate import Evaluation
from levensfase.evaluation.publish import evaluation_rows
from levensfase.model.arrangements import Catalog, load_catalog

__all__ = ["BUNDLE_NAMES", "OUTCOME_NAMES", "presented"]

BUNDLE_NAMES = {"development": ("ontwikkeling", "development"), "utilisation": ("benutting", "utilisation"),
                "maintenance": ("behoud", "maintenance"), "accommodative": ("ontzien", "sparing")}
OUTCOME_NAMES = {"influenceable_exit": ("Beïnvloedbaar vertrek", "Influenceable exit"),
                 "wai_change": ("Verandering WAI-score", "Change in WAI score"),
                 "absence_pct": ("Verzuim het jaar erna", "Absence in the following year")}
VERDICT_NAMES = {HELPS: ("werkt", "works"), HARMS: ("werkt averechts", "backfires"),
                 UNCLEAR: ("geen duidelijk effect", "no clear effect"), INSUFFICIENT: ("onvoldoende gegevens",
                                                                                      "not enough data")}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def presented(evaluation: Evaluation, *, lang: str = "nl", catalog: Catalog | None = None) -> dict[str, Any]:
    """{"as_of", "k", "replicates", "limits", "groups": [{name, bundle, kind, n_treated, n_matched,
    suppressed, outcomes: [{outcome, verdict, verdict_code, effect, ratio, interval, naive, sentence,
    suppressed}], balance: [{covariate, before, after, flagged}]}]} with every number as text."""
    catalog = catalog or load_catalog()
    rows = evaluation_rows(evaluation).iter_rows(named=True)
    published: dict[tuple, list[dict]] = {}
    for row in rows:
        published.setdefault((row["arrangement"], row["bundle"]), []).append(row)
    k = evaluation.k
    groups = []
    for group in evaluation.groups:
        if group.code is not None:
            name = catalog[group.code].name(lang) if group.code in catalog else group.code
            kind = "arrangement"
        else:
            name = _pick(BUNDLE_NAMES.get(group.bundle or "", (group.bundle or "", group.bundle or "")), lang)
            kind = "bundle"
        bundle = _pick(BUNDLE_NAMES.get(group.bundle or "", ("–", "–")), lang)
        outcomes = [_outcome(row, name, lang, k) for row in published[(group.code, group.bundle)]]
        hidden = all(o["suppressed"] for o in outcomes) and is_small(group.n_treated, k)
        balance = [] if hidden or not group.n_matched or is_small(group.n_matched, k) else [
            {"covariate": r["covariate"], "before": number(r["smd_before"], lang, 2),
             "after": number(r["smd_after"], lang, 2), "flagged": bool(r["flagged"])}
            for r in group.balance.iter_rows(named=True)]
        groups.append({"code": group.code, "name": name, "bundle": bundle, "kind": kind, "suppressed": hidden,
                       "n_treated": f"< {k}" if hidden else number(group.n_treated, lang),
                       "n_matched": f"< {k}" if hidden or 0 < group.n_matched < k else number(group.n_matched, lang),
                       "outcomes": outcomes, "balance": balance})
    return {"as_of": day(evaluation.as_of, "en" if lang == "en" else "nl"), "k": k, "replicates": evaluation.replicates,
            "limits": LIMITS_EN if lang == "en" else LIMITS_NL, "groups": groups}


def _outcome(row: dict[str, Any], name: str, lang: str, k: int) -> dict[str, Any]:
    finding = evaluation_finding(row, name_nl=name, name_en=name, k=k)
    exits = row["outcome"] == "influenceable_exit"
    digits = 2 if exits else 1
    shown = not row["suppressed"] and row["effect"] is not None
    text = lambda v, d=1: number(v, lang, d) if shown and v is not None else "–"  # noqa: E731
    interval = f"{text(row['ci_low'], digits)} – {text(row['ci_high'], digits)}" if shown else "–"
    return {"outcome": row["outcome"], "label": _pick(OUTCOME_NAMES[row["outcome"]], lang),
            "verdict_code": row["verdict"], "verdict": _pick(VERDICT_NAMES[row["verdict"]], lang),
            "effect": text(row["effect"]), "ratio": text(row["ratio"], 2) if exits else "–", "interval": interval,
            "naive": text(row["naive_effect"]), "n_matched": f"< {k}" if row["suppressed"] else number(
                row["n_matched"], lang), "suppressed": bool(row["suppressed"]),
            "max_smd": text(row["max_smd"], 2), "sentence": finding.text(lang)}
