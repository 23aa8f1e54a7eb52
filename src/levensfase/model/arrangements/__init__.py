"""Arrangements (regelingen): the catalog of instruments and who may use them on a date."""

from levensfase.model.arrangements.catalog import (
    BUNDLES, FUNDERS, Arrangement, Catalog, CatalogError, Cost, Eligibility, load_catalog, parse_catalog,
)
from levensfase.model.arrangements.eligibility import Check, PersonFacts, Verdict, check, eligible_codes

__all__ = [
    "BUNDLES", "FUNDERS", "Arrangement", "Catalog", "CatalogError", "Check", "Cost", "Eligibility", "PersonFacts",
    "Verdict", "check", "eligible_codes", "load_catalog", "parse_catalog",
]
