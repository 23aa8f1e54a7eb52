"""The published form of an evaluation (issue 18, "JSON of `evaluate`"), every group through privacy.

A group (an arrangement or a bundle) is suppressed when fewer than k people took it up, and an
outcome when fewer than k matched pairs carry it (`privacy.suppress`, with the pairs as its
respondents); its numbers are then empty and it says `suppressed`. Groups overlap (a bundle holds
its arrangements' participants and a person may take several), so no total is published.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from levensfase.analytics.privacy import suppress
from levensfase.evaluation.effects import OUTCOMES
from levensfase.evaluation.evaluate import Evaluation

__all__ = ["ROW_KEYS", "evaluation_json", "evaluation_rows"]

ROW_KEYS = ("arrangement", "bundle", "outcome", "verdict", "effect", "ratio", "ci_low", "ci_high", "n_treated",
            "n_matched", "max_smd", "naive_effect", "suppressed")
_VALUES = ("effect", "ratio", "ci_low", "ci_high", "max_smd", "naive_effect", "n_matched")


def evaluation_rows(evaluation: Evaluation) -> pl.DataFrame:
    """ROW_KEYS per group × outcome, suppressed where privacy says so."""
    rows = []
    for group in evaluation.groups:
        for effect in group.outcomes:
            rows.append({"arrangement": group.code, "bundle": group.bundle, "outcome": effect.outcome,
                         "verdict": effect.verdict, "effect": effect.effect, "ratio": effect.ratio,
                         "ci_low": effect.ci_low, "ci_high": effect.ci_high, "n_treated": group.n_treated,
                         "n_matched": effect.n_pairs, "max_smd": group.max_smd, "naive_effect": effect.naive_effect})
    schema = {"arrangement": pl.String, "bundle": pl.String, "outcome": pl.String, "verdict": pl.String,
              **{c: pl.Float64 for c in ("effect", "ratio", "ci_low", "ci_high")}, "n_treated": pl.Int64,
              "n_matched": pl.Int64, "max_smd": pl.Float64, "naive_effect": pl.Float64}
    table = pl.DataFrame(rows, schema=schema)
    if table.height == 0:
        return table.with_columns(suppressed=pl.lit(False))
    published = suppress(table.with_columns(pairs=pl.col("n_matched")), k=evaluation.k, population="n_treated",
                         values=list(_VALUES), respondents="pairs", has_total=False).table
    return published.select(*ROW_KEYS[:-1], "suppressed")


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """{"as_of", "k", "outcomes", "rows": [...]} exactly as issue 18 names them."""
    rows = evaluation_rows(evaluation)
    return {"as_of": evaluation.as_of.isoformat(), "k": evaluation.k, "outcomes": list(OUTCOMES),
            "rows": [{key: row[key] for key in ROW_KEYS} for row in rows.iter_rows(named=True)]}
