"""One colour per life phase, generation and exit reason on every chart (DESIGN §9; Okabe–Ito,
colour-blind safe), and a fixed palette for the other categories."""

from __future__ import annotations

from levensfase.analytics.categories import UNKNOWN
from levensfase.analytics.phase_categories import NO_PHASE

PHASE_COLOURS = {
    "starter": "#0072B2", "spitsuur": "#D55E00", "stable_mid_career": "#009E73", "late_career": "#CC79A7",
    "pre_retirement": "#E69F00", UNKNOWN: "#999999", NO_PHASE: "#999999",
}
REASON_COLOURS = {
    "voluntary": "#D55E00", "involuntary": "#CC79A7", "retirement": "#E69F00", "disability": "#56B4E9",
    "death": "#000000", "other": "#999999",
}
GENERATION_COLOURS = {
    "pre-babyboom": "#000000", "babyboom": "#CC79A7", "X": "#0072B2", "Y": "#E69F00", "Z": "#009E73", "alpha": "#56B4E9",
}
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")


def colour(by: str, value: str, index: int) -> str:
    fixed = {"life_phase": PHASE_COLOURS, "generation": GENERATION_COLOURS}.get(by, {})
    return fixed.get(value, PALETTE[index % len(PALETTE)])
