"""A finding: one sentence the product may say about its numbers, in Dutch and English, with the
numbers it rests on (DESIGN §6a). Pages, documents and the CLI print `text_nl`/`text_en`; the
analyse JSON carries `as_dict()`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "Finding"]

KINDS = (
    "highest", "lowest", "no_clear_difference", "missing_data", "coverage", "partial_year", "overlap",
    "share_of", "influenceable_outflow", "pension_wave", "scenario_better", "scenario_no_clear_difference",
    "none_in_group", "fact", "falling", "not_falling",
)


@dataclass(frozen=True)
class Finding:
    """`interval` is the 95% interval of the main number (Wilson, Greenwood or P10–P90), when it has one."""

    section: str
    kind: str
    text_nl: str
    text_en: str
    numbers: dict[str, Any] = field(default_factory=dict)
    n: int | None = None
    interval: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown finding kind {self.kind!r}")

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" else self.text_nl

    def as_dict(self) -> dict[str, Any]:
        return {"section": self.section, "kind": self.kind, "text_nl": self.text_nl, "text_en": self.text_en,
                "numbers": dict(self.numbers), "n": self.n,
                "interval": None if self.interval is None else [round(self.interval[0], 4), round(self.interval[1], 4)]}
