"""The numbers behind the alignment finding: per published unit, its work-organisation renewal and
its development share beside the rest of the organisation (`analytics.findings.scan` words them).

Renewal is the mean of the four work-organisation dimensions (dynamisch management, flexibel
organiseren, slimmer werken, co-creatie) per response; its 95% interval is Student t over the
responses. Only units whose scores *and* HR row are published in the round take part, and the rest
is the published organisation minus the published unit, so nothing withheld is used.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.employability import mean_interval
from levensfase.analytics.findings.scan import AlignmentRow
from levensfase.scan.scoring import ALL

__all__ = ["RENEWAL_DIMENSIONS", "alignment_rows"]

RENEWAL_DIMENSIONS = ("dynamisch_management", "flexibel_organiseren", "slimmer_werken", "co_creatie")


def _interval(values: list[float]) -> tuple[float, tuple[float, float]] | None:
    found = mean_interval(values)  # Student t over the responses (n ≥ 2)
    return None if found is None else (found[0], (found[1], found[2]))


def alignment_rows(per_response: pl.DataFrame, scores: pl.DataFrame, hr: pl.DataFrame, *, round_date: date,
                   names: dict[str, str]) -> list[AlignmentRow]:
    """`per_response`: `responses.respondent_scores`; `scores`: published `unit_scores`; `hr`:
    published `hr_indicators`. One row per unit published on both sides."""
    shown = scores.filter((pl.col("date") == round_date) & (pl.col("role") == ALL)
                          & pl.col("dimension").is_in(RENEWAL_DIMENSIONS))
    published = {u for (u,), part in shown.partition_by("unit_id", as_dict=True).items()
                 if part.height == len(RENEWAL_DIMENSIONS) and not part["suppressed"].any()}
    if None not in published:
        return []
    dev = hr.filter((pl.col("measure") == "development_share") & ~pl.col("suppressed") & pl.col("value").is_not_null())
    developed = {u: (p, round(v * p)) for u, p, v in dev.select("unit_id", "population", "value").iter_rows()}
    if None not in developed:
        return []
    renewal = (per_response.filter((pl.col("date") == round_date) & pl.col("dimension").is_in(RENEWAL_DIMENSIONS))
               .group_by("response_id", "unit_id").agg(pl.col("score").mean()))
    units_of = {}
    for unit in sorted(u for u in published if u is not None and u in developed):
        units_of[unit] = renewal.filter(pl.col("unit_id") == unit)["score"].to_list()
    rows = []
    org_pop, org_dev = developed[None]
    for unit, values in units_of.items():
        rest_values = renewal.filter(pl.col("unit_id") != unit)["score"].to_list()
        own, rest = _interval(values), _interval(rest_values)
        if own is None or rest is None:
            continue
        pop, dev_count = developed[unit]
        rows.append(AlignmentRow(unit=unit, name=names.get(unit, unit), respondents=len(values), renewal=own[0],
                                 renewal_interval=own[1], rest_renewal=rest[0], rest_renewal_interval=rest[1],
                                 population=pop, developed=dev_count, rest_population=org_pop - pop,
                                 rest_developed=org_dev - dev_count))
    return rows
