"""Dimension scores per unit, role and round — the only way scan answers leave the core.

Every published score is a mean over a group of responses: a unit's subtree (the unit and every
unit below it, so a parent is the sum of its children) or the whole organisation, in one round,
for everyone (role "all") or one role. Means times respondents are sums, so the *set* of published
groups is audited as one linear system by `analytics.privacy.respondents` (the linked engine):

- a group of 1..k-1 respondents is never shown (primary);
- the role split is shown only where both roles have ≥ k respondents (`is_small` on each), else the
  combined row only: all minus employees would otherwise give the managers' answers;
- a parent minus its children, the organisation minus a unit, and any two published groups that
  differ by 1..k-1 respondents are guarded too (secondary suppression, the respondent-difference
  rule); rounds are audited together, so what one round's page shows never completes another's.
The audit runs per dimension (a respondent who skipped every item of a dimension is not in it).
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from datetime import date

import polars as pl

from levensfase.analytics.privacy import is_small
from levensfase.analytics.privacy.respondents import respondent_groups_withheld
from levensfase.analytics.scope import subtrees
from levensfase.model.workforce import Workforce
from levensfase.scan.errors import ScanError
from levensfase.scan.instrument import Instrument
from levensfase.scan.responses import ROLES, check_responses, respondent_scores, round_dates

__all__ = ["ALL", "ROLES_TOGETHER", "SCORE_SCHEMA", "unit_scores"]

ALL = "all"
ROLES_TOGETHER = "roles_together"  # a role row not shown: one of the roles has fewer than k respondents
SCORE_SCHEMA = {"date": pl.Date(), "unit_id": pl.String(), "role": pl.String(), "dimension": pl.String(),
                "respondents": pl.Int64(), "score": pl.Float64(), "suppressed": pl.Boolean(), "reason": pl.String()}


def unit_scores(responses: pl.DataFrame, *, instrument: Instrument, units: pl.DataFrame, k: int,
                round_date: date | None = None) -> pl.DataFrame:
    """The published scores: one row per round (`date`), unit (`unit_id`; null = the whole
    organisation), role (all | employee | manager) and dimension, with `respondents`, `score` (the
    mean of the respondents' dimension scores) and `suppressed` / `reason` (few_respondents,
    small_difference, roles_together). Suppressed rows carry no score and no respondent count.

    Units without responses get an "all" row with 0 respondents and no score. `round_date` keeps
    one round; the audit always covers every round, so one round's rows are the same either way.
    Raises ScanError for answers that do not fit the instrument or the unit tree.
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number ≥ 1, got {k!r}")
    inside = subtrees(Workforce.from_tables({"units": units}))
    responses = check_responses(responses, instrument=instrument, unit_ids=set(inside))
    rounds = round_dates(responses)
    if round_date is not None and round_date not in rounds:
        shown = ", ".join(d.isoformat() for d in rounds) or "geen"
        raise ScanError(f"Geen meetronde op {round_date.isoformat()} (rondes: {shown}).",
                        f"No measurement round on {round_date.isoformat()} (rounds: {shown.replace('geen', 'none')}).")
    scores = respondent_scores(responses, instrument=instrument)
    rows: list[dict] = []
    memo: dict[frozenset, dict[Hashable, str]] = {}
    for dimension in instrument.dimension_codes:
        per = scores.filter(pl.col("dimension") == dimension)
        groups, values = _groups(per, inside, rounds, k)
        signature = frozenset(groups.items())
        if signature not in memo:
            memo[signature] = respondent_groups_withheld(groups, k=k)
        hidden = memo[signature]
        for key, members in groups.items():
            day, unit, role = key
            reason = hidden.get(key)
            shown = reason is None
            rows.append({"date": day, "unit_id": unit, "role": role, "dimension": dimension,
                         "respondents": len(members) if shown else None,
                         "score": math.fsum(values[m] for m in members) / len(members) if shown and members else None,
                         "suppressed": not shown, "reason": reason})
            if role == ALL and members and (day, unit, ROLES[0]) not in groups:  # the roles only together
                rows += [{"date": day, "unit_id": unit, "role": r, "dimension": dimension, "respondents": None,
                          "score": None, "suppressed": True, "reason": ROLES_TOGETHER} for r in ROLES]
    out = pl.DataFrame(rows, schema=SCORE_SCHEMA, orient="row") if rows else pl.DataFrame(schema=SCORE_SCHEMA)
    if round_date is not None:
        out = out.filter(pl.col("date") == round_date)
    order = {d: i for i, d in enumerate(instrument.dimension_codes)}
    return (out.with_columns(pl.col("dimension").replace_strict(order, return_dtype=pl.Int64).alias("_d"),
                             pl.col("role").replace_strict({ALL: 0, "employee": 1, "manager": 2},
                                                           return_dtype=pl.Int64).alias("_r"))
            .sort("date", "unit_id", "_r", "_d", nulls_last=False).drop("_d", "_r"))


def _groups(per: pl.DataFrame, inside: dict[str, set[str]], rounds: list[date], k: int
            ) -> tuple[dict[tuple, frozenset], dict[tuple, float]]:
    """Every candidate group of one dimension (round, unit or None, role) → its responses, and each
    response's score. Role groups only where both roles reach k (else the 'all' row stands alone)."""
    values = {(d, r): s for d, r, s in per.select("date", "response_id", "score").iter_rows()}
    by_unit: dict[tuple[date, str, str], set] = {}
    for d, r, unit, role in per.select("date", "response_id", "unit_id", "role").iter_rows():
        by_unit.setdefault((d, unit, role), set()).add((d, r))
    groups: dict[tuple, frozenset] = {}
    for day in rounds:
        for scope in [None, *sorted(inside)]:
            units = inside[scope] if scope is not None else set(inside)
            parts = {role: frozenset().union(*(by_unit.get((day, u, role), ()) for u in units)) for role in ROLES}
            groups[(day, scope, ALL)] = parts["employee"] | parts["manager"]
            if all(len(p) > 0 and not is_small(len(p), k) for p in parts.values()):  # both roles ≥ k
                for role in ROLES:
                    groups[(day, scope, role)] = parts[role]
    return groups, values
