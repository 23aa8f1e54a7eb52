"""Age-based or life-phase-aware? The mix of arrangements used in the policy scan's window.

Of the arrangement records of the people employed on `as_of` that overlap the 12 months up to it
(the policy scan's window and rule): how many carry an age criterion (min_age, a window before the
AOW date, a pension-horizon condition: catalog.AGE_CONDITIONS), and of those how many are CAO or
statutory entitlements (the catalog `source` names a cao or a law: the organisation did not choose
them) against the organisation's own choices. One row for the whole organisation; withheld when
fewer than k people used an arrangement.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.metrics import covering
from levensfase.analytics.policy_scan import window_start
from levensfase.analytics.privacy import suppress
from levensfase.model.arrangements.catalog import Catalog, load_catalog
from levensfase.model.workforce import Workforce

__all__ = ["arrangement_mix", "is_entitlement"]


def is_entitlement(source: str) -> bool:
    """A CAO or statutory arrangement (the organisation must offer it), judged by its catalog source."""
    text = source.lower()
    return text.startswith("cao") or " cao " in f" {text} " or text.startswith("wet ")


def arrangement_mix(workforce: Workforce, *, as_of: date, k: int, catalog: Catalog | None = None) -> dict[str, Any]:
    """uptake_total, age_criterion, age_criterion_entitlement (cao/law), age_criterion_own, persons."""
    catalog = catalog or load_catalog()
    age = {a.code for a in catalog if a.age_conditions}
    entitled = {a.code for a in catalog if is_entitlement(a.source)}
    employed = covering(workforce.assignments, as_of).select("person_id").unique()
    used = workforce.arrangements.filter(
        (pl.col("start_date") <= as_of) & (pl.col("end_date").is_null() | (pl.col("end_date") >= window_start(as_of)))
    ).unique(["person_id", "code", "start_date"]).join(employed, on="person_id", how="semi")
    persons = used.get_column("person_id").n_unique()
    codes = used.get_column("code")
    with_age = codes.is_in(list(age))
    counts = {
        "uptake_total": used.height,
        "age_criterion": int(with_age.sum()),
        "age_criterion_entitlement": int((with_age & codes.is_in(list(entitled))).sum()),
        "age_criterion_own": int((with_age & ~codes.is_in(list(entitled))).sum()),
    }
    row = suppress(pl.DataFrame({"population": [persons], **{key: [v] for key, v in counts.items()}}), k=k,
                   values=list(counts), has_total=False).table.row(0, named=True)
    return {"persons": row["population"], "suppressed": row["suppressed"], **{key: row[key] for key in counts}}
