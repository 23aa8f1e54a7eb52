"""An organisation's own catalog: the packaged defaults merged with its changes and additions.

The shipped `catalog.toml` stays the default, so an update of the package still reaches every
entry the organisation did not touch. A change is a whole entry in the TOML shape (what
`entry_body` returns), checked by the same parser as the file — so an override can never hold
something the file could not. On top of the file's rules, an entry changed or added by the
organisation that distinguishes by age must carry its own objective justification (WGBL): the
packaged legal note says one is needed, the organisation has to write down which.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from levensfase.model.arrangements.catalog import Arrangement, Catalog, CatalogError, _Entry

__all__ = ["entry_body", "merge_catalog", "parse_entry"]

ORGANISATION = "organisation"


def entry_body(arrangement: Arrangement) -> dict[str, Any]:
    """The arrangement as a TOML-shaped table: the form's initial values and the audit's before/after."""
    e, c = arrangement.eligibility, arrangement.cost
    eligibility: dict[str, Any] = {}
    if e.contracts:
        eligibility["contracts"] = list(e.contracts)
    if e.work_demand:
        eligibility["work_demand"] = list(e.work_demand)
    for key in ("min_service_years", "min_fte", "max_fte", "within_years_before_aow", "within_months_before_aow",
                "min_age"):
        if getattr(e, key) is not None:
            eligibility[key] = getattr(e, key)
    eligibility.update({axis: list(states) for axis, states in e.axes})
    return {
        "name_nl": arrangement.name_nl, "name_en": arrangement.name_en,
        "description_nl": arrangement.description_nl, "description_en": arrangement.description_en,
        "bundle": arrangement.bundle, "serves": {axis: list(states) for axis, states in arrangement.serves},
        "eligibility": eligibility,
        "cost": {"hours": c.hours, "eur": c.eur, "salary_pct": c.salary_pct, "per": c.per, "funded_by": c.funded_by,
                 **({"job_required": True} if c.job_required else {})},
        "legal_note": arrangement.legal_note, "source": arrangement.source,
        "wgbl_justification_required": arrangement.wgbl_justification_required,
        "wgbl_justification": arrangement.wgbl_justification, "active": arrangement.active,
    }


def parse_entry(code: str, body: Mapping[str, Any]) -> Arrangement:
    """One organisation entry, checked like a file entry plus the WGBL justification rule."""
    arrangement = _Entry(ORGANISATION, code).parse(dict(body))
    used = arrangement.age_conditions
    if used and not arrangement.wgbl_justification:
        raise CatalogError(f"{ORGANISATION}: arrangements.{code}: wgbl_justification: required, because the "
                           f"eligibility distinguishes by age ({', '.join(used)})")
    return arrangement


def merge_catalog(default: Catalog, overrides: Mapping[str, Mapping[str, Any]]) -> Catalog:
    """Defaults in their order with changed entries replaced, then the organisation's own entries by code.

    Inactive entries stay in the catalog (budgets and the policy scan still price and type past
    use); whoever offers or recommends skips them. A CatalogError names the entry and field.
    """
    changed = {code: parse_entry(code, body) for code, body in overrides.items()}
    merged = [changed.pop(a.code, a) for a in default]
    merged.extend(changed[code] for code in sorted(changed))
    source = default.source if not overrides else f"{default.source} + {ORGANISATION} ({len(overrides)} changed)"
    return Catalog(tuple(merged), source)
