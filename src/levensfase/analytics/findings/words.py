"""Names of categories and groups in the words of the UI (DESIGN §9), shared by the findings."""

from __future__ import annotations

from typing import Any

BY_LABEL = {
    "nl": {"age_band": "leeftijdsgroep", "generation": "generatie", "unit": "afdeling", "job_family": "functiefamilie",
           "contract": "contract", "sex": "geslacht", "life_phase": "levensfase"},
    "en": {"age_band": "age band", "generation": "generation", "unit": "unit", "job_family": "job family",
           "contract": "contract", "sex": "sex", "life_phase": "life phase"},
}
NO_PHASE = {"nl": "geen benoemde fase", "en": "no named phase"}


def phase_labels(report: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Life-phase names (nl, en) from the report's phases section, plus "no named phase"."""
    labels = (report.get("phases") or {}).get("labels") or {}
    out = {name: (v.get("nl", name), v.get("en", name)) for name, v in labels.items()}
    out["no_named_phase"] = (NO_PHASE["nl"], NO_PHASE["en"])
    return out


def group_labels(report: dict[str, Any], by: str) -> dict[str, tuple[str, str]]:
    """How a value of `by` reads in a sentence: "leeftijdsgroep 20-24" / "age band 20-24"."""
    if by == "life_phase":
        return {k: (f"levensfase {nl}", f"life phase {en}") for k, (nl, en) in phase_labels(report).items()}
    return _Prefixed(BY_LABEL["nl"].get(by, by), BY_LABEL["en"].get(by, by))


class _Prefixed(dict):
    def __init__(self, nl: str, en: str) -> None:
        super().__init__()
        self.nl, self.en = nl, en

    def get(self, key, default=None):  # noqa: ANN001 - dict protocol
        return (f"{self.nl} {key}", f"{self.en} {key}")


def listed(names: list[str], lang: str, most: int = 6) -> str:
    """"a, b en c" / "a, b and c"; a long list ends in "en 4 andere" / "and 4 more"."""
    conj = " en " if lang == "nl" else " and "
    if len(names) > most:
        more = len(names) - most
        return ", ".join(names[:most]) + (f" en {more} andere" if lang == "nl" else f" and {more} more")
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + conj + names[-1] if names else ""
