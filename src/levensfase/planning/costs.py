"""Costs: an assumed salary table per grade and the generatiepact (80-90-100) arithmetic.

The exchange format has no salaries, so costs rest on `data/salaries.toml`, flagged as an
assumption everywhere it is used. The generatiepact rule (Cao Ziekenhuizen art. 13.1,
domain-facts §5.3): work less, keep half of the pay over the hours given up, keep the full pension
accrual — 80% work → 90% pay → 100% pension.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from levensfase.model.datafiles import describe, read_data_file

__all__ = ["CostError", "GeneratiepactTerms", "Salaries", "generatiepact_terms", "load_salaries"]


class CostError(ValueError):
    """A salary file that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class GeneratiepactTerms:
    """Shares of the former job: time worked, pay received, pension accrued."""

    work: float
    pay: float
    pension: float


def generatiepact_terms(work: float, *, keep_of_reduction: float = 0.5) -> GeneratiepactTerms:
    """pay = work + keep × (1 − work); pension stays at 100%. 0.8 → 0.9, 0.6 → 0.8, 0.5 → 0.75."""
    if isinstance(work, bool) or not isinstance(work, (int, float)) or not 0 < work < 1:
        raise ValueError(f"work must be a share between 0 and 1, got {work!r}")
    if not 0 <= keep_of_reduction <= 1:
        raise ValueError(f"keep_of_reduction must be between 0 and 1, got {keep_of_reduction!r}")
    return GeneratiepactTerms(work=float(work), pay=round(work + keep_of_reduction * (1 - work), 10), pension=1.0)


@dataclass(frozen=True)
class Salaries:
    """Annual salary at 1.0 FTE per grade plus employer charges (all assumptions, see the data file)."""

    scale: tuple[tuple[int, float], ...]
    default_salary: float
    social_charges: float
    pension_premium: float
    source: str = "salaries.toml"

    def salary(self, grade: int | None) -> float:
        if grade is None:
            return self.default_salary
        chosen = self.default_salary
        for start, amount in self.scale:
            if grade >= start:
                chosen = amount
        return chosen

    def salaries(self, grades: Iterable[int | None]) -> list[float]:
        return [self.salary(g) for g in grades]

    @property
    def cost_factor(self) -> float:
        """Employer cost per euro of salary for an ordinary employee."""
        return 1.0 + self.social_charges + self.pension_premium

    def participant_factor(self, terms: GeneratiepactTerms) -> float:
        """Employer cost per euro of the FORMER salary for a generatiepact participant: social
        charges follow the pay, the pension premium follows the pension basis (100%)."""
        return terms.pay * (1.0 + self.social_charges) + terms.pension * self.pension_premium


def load_salaries(path: Path | str | None = None) -> Salaries:
    """The shipped assumption table, or an organisation's own file (same keys)."""
    try:
        origin, text = read_data_file(path, packaged="salaries.toml", package="levensfase.planning")
    except (OSError, UnicodeDecodeError) as exc:
        raise CostError(f"{path}: cannot be read ({describe(exc)})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CostError(f"{origin}: not valid TOML ({exc})") from exc
    unknown = set(data) - {"social_charges", "pension_premium", "default_salary", "scale"}
    if unknown:
        raise CostError(f"{origin}: unknown key(s) {', '.join(sorted(unknown))}")
    try:
        shares = {key: float(data[key]) for key in ("social_charges", "pension_premium")}
        default = float(data["default_salary"])
        rows = tuple(sorted((int(g), float(s)) for g, s in data["scale"]))
    except KeyError as exc:
        raise CostError(f"{origin}: missing key {exc.args[0]}") from None
    except (TypeError, ValueError):
        raise CostError(f"{origin}: scale must be rows [grade_from, salary] of numbers") from None
    if any(not 0 <= v < 1 for v in shares.values()) or default <= 0 or any(s <= 0 for _, s in rows):
        raise CostError(f"{origin}: charges must be shares between 0 and 1 and salaries positive")
    return Salaries(scale=rows, default_salary=default, source=origin, **shares)
