"""AOW-leeftijd and AOW-datum (Dutch state pension age and start date), art. 7a AOW.

The personal AOW date drives retirement in projections, the window of generatiebeleid and RVU
arrangements, and the life phase "towards retirement", so it must be exact to the day and cheap
enough to compute for every person of a sector. The statutory ages and the life-expectancy
assumptions live in `data/aow.toml` (sources in its comments); domain-facts §1 explains the rules.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import Mapping

__all__ = [
    "AowAge",
    "AowResult",
    "LifeExpectancy",
    "add_months",
    "default_life_expectancy",
    "aow_age",
    "aow_date",
    "aow_json",
    "assumption_note",
    "formula_step",
    "last_statutory_year",
]


@dataclass(frozen=True, order=True)
class AowAge:
    """An AOW age as whole years plus months (the law counts in steps of months)."""

    years: int
    months: int

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    @classmethod
    def of_months(cls, total: int) -> AowAge:
        return cls(total // 12, total % 12)

    def __str__(self) -> str:
        return f"{self.years}y{self.months}m"


@dataclass(frozen=True)
class AowResult:
    """The AOW date of one person; `statutory` is False when it rests on assumed life expectancy."""

    birth_date: date
    date: date
    age: AowAge
    statutory: bool


@dataclass(frozen=True)
class LifeExpectancy:
    """L per target year: remaining period life expectancy at 65 (CBS estimate or an assumption).

    Kept as exact fractions of decimal strings so that a value on the 0.25 threshold is not
    decided by floating-point noise. Hashable, so results can be cached per assumption set.
    """

    by_year: tuple[tuple[int, Fraction], ...]

    def __post_init__(self) -> None:
        # Hashed on every cached AOW look-up: compute the hash of the tuple once.
        object.__setattr__(self, "_hash", hash(self.by_year))
        object.__setattr__(self, "_index", dict(self.by_year))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined]

    @classmethod
    def from_mapping(cls, values: Mapping[int | str, float | str | Fraction]) -> LifeExpectancy:
        pairs: list[tuple[int, Fraction]] = []
        for year, value in values.items():
            try:
                y = int(year)
                v = value if isinstance(value, Fraction) else Fraction(str(value))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"life expectancy {year!r} = {value!r} is not a year and a number") from exc
            if not 0 < v < 100:
                raise ValueError(f"life expectancy at 65 for {y} must be between 0 and 100 years, got {value}")
            pairs.append((y, v))
        return cls(tuple(sorted(pairs)))

    def get(self, year: int) -> Fraction:
        value = self._index.get(year)  # type: ignore[attr-defined]
        if value is not None:
            return value
        listed = f"{self.by_year[0][0]}–{self.by_year[-1][0]}" if self.by_year else "none"
        raise ValueError(
            f"no life-expectancy assumption for {year} (listed years: {listed}); "
            "add one to the [life_expectancy] table of aow.toml or pass assumptions="
        )


@dataclass(frozen=True)
class _Rules:
    first_year: int
    before: AowAge
    statutory: dict[int, AowAge]
    factor: Fraction
    reference_life_expectancy: Fraction
    reference_age: Fraction
    threshold: Fraction
    step_months: int
    life_expectancy: LifeExpectancy


def _load_rules() -> _Rules:
    raw = tomllib.loads(resources.files("levensfase.model").joinpath("data/aow.toml").read_text("utf-8"))
    stat = dict(raw["statutory"])
    first_year = int(stat.pop("first_year"))
    before = AowAge(*stat.pop("before"))
    statutory = {int(y): AowAge(*ym) for y, ym in stat.items()}
    years = sorted(statutory)
    if years[0] != first_year or years != list(range(first_year, years[-1] + 1)):
        raise ValueError("aow.toml [statutory] must list every year from first_year without gaps")
    f = raw["formula"]
    return _Rules(
        first_year=first_year,
        before=before,
        statutory=statutory,
        factor=Fraction(f["factor"]),
        reference_life_expectancy=Fraction(f["reference_life_expectancy"]),
        reference_age=Fraction(f["reference_age"]),
        threshold=Fraction(f["threshold"]),
        step_months=int(f["step_months"]),
        life_expectancy=LifeExpectancy.from_mapping(raw["life_expectancy"]),
    )


_RULES = _load_rules()


def last_statutory_year() -> int:
    """The last calendar year whose AOW age is fixed by law (later years use the formula)."""
    return max(_RULES.statutory)


def assumption_note(*, through_year: int) -> dict:
    """Whether a result running through `through_year` rests on AOW ages that no law has set yet,
    and the sentence (nl/en) every projection page and report then shows. The law fixes the AOW
    age five years ahead; later years follow the life-expectancy formula on assumed L values."""
    last = last_statutory_year()
    return {
        "applies": through_year > last,
        "statutory_until": last,
        "note_nl": f"De AOW-leeftijd ligt wettelijk vast tot en met {last}. Pensioneringen na {last} rusten op een "
                   "aangenomen verdere stijging van de levensverwachting (de formule van art. 7a AOW met "
                   "aangenomen CBS-ramingen), niet op de wet: lees ze als schatting.",
        "note_en": f"The AOW age is fixed by law up to and including {last}. Retirements after {last} rest on an "
                   "assumed further rise in life expectancy (the formula of art. 7a AOW with assumed CBS "
                   "estimates), not on the law: read them as estimates.",
    }


def default_life_expectancy() -> LifeExpectancy:
    """The L values of aow.toml: published CBS estimates up to 2031, an assumption after."""
    return _RULES.life_expectancy


def formula_step(*, previous: AowAge, life_expectancy: float | str | Fraction) -> AowAge:
    """One year of art. 7a lid 2: V = 2/3·(L − 20,64) − (P − 67); V ≥ 0,25 → +3 months, else 0.

    `previous` is P, the AOW age of the preceding year. The age never decreases.
    """
    L = life_expectancy if isinstance(life_expectancy, Fraction) else Fraction(str(life_expectancy))
    P = Fraction(previous.total_months, 12)
    v = _RULES.factor * (L - _RULES.reference_life_expectancy) - (P - _RULES.reference_age)
    if v >= _RULES.threshold:
        return AowAge.of_months(previous.total_months + _RULES.step_months)
    return previous


def _check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an integer calendar year, got {year!r}")
    if not 1900 <= year <= 2200:
        raise ValueError(f"year {year} is outside the supported range 1900–2200")
    return year


def aow_age(year: int, *, assumptions: LifeExpectancy | None = None) -> tuple[AowAge, bool]:
    """The AOW age that applies in calendar `year`, and whether it is fixed by law.

    After the last statutory year the formula is applied year by year on top of the last
    statutory age, using `assumptions` (default: the L values of aow.toml).
    """
    return _aow_age(_check_year(year), assumptions or _RULES.life_expectancy)


@lru_cache(maxsize=4096)
def _aow_age(year: int, assumptions: LifeExpectancy) -> tuple[AowAge, bool]:
    if year < _RULES.first_year:
        return _RULES.before, True
    if year in _RULES.statutory:
        return _RULES.statutory[year], True
    previous, _ = _aow_age(year - 1, assumptions)
    return formula_step(previous=previous, life_expectancy=assumptions.get(year)), False


def add_months(start: date, months: int) -> date:
    """The date `months` calendar months after `start`; a day that does not exist (31 Nov,
    29 Feb in a common year) rolls to the 1st of the next month, as the AOW practice does."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    try:
        return date(year, month + 1, start.day)
    except ValueError:
        year, month = divmod(index + 1, 12)
        return date(year, month + 1, 1)


def _check_birth_date(birth_date: object) -> date:
    if isinstance(birth_date, datetime):
        return birth_date.date()
    if isinstance(birth_date, date):
        return birth_date
    if isinstance(birth_date, str):
        try:
            return date.fromisoformat(birth_date.strip())
        except ValueError:
            raise ValueError(f"birth date {birth_date!r} is not an ISO date (YYYY-MM-DD)") from None
    raise TypeError(f"birth date must be a date, got {birth_date!r}")


def aow_date(birth_date: date, *, assumptions: LifeExpectancy | None = None) -> AowResult:
    """The AOW-datum: the first day on which the person's age reaches the AOW age of that year.

    Each calendar year has its own AOW age, so we try the candidate years in turn: the first
    year Y in which the birthday-plus-age(Y) falls is the answer (ages rise by at most three
    months a year, so such a year always exists). Cached per birth date.
    """
    born = _check_birth_date(birth_date)
    if not 1850 <= born.year <= 2100:
        raise ValueError(f"birth date {born.isoformat()} is outside the supported range 1850–2100")
    return _aow_date(born, assumptions or _RULES.life_expectancy)


@lru_cache(maxsize=262_144)
def _aow_date(born: date, assumptions: LifeExpectancy) -> AowResult:
    year = born.year + _RULES.before.years
    while True:
        age, statutory = _aow_age(year, assumptions)
        reached = add_months(born, age.total_months)
        if reached.year <= year:
            # reached.year < year cannot happen with non-decreasing ages; max() keeps it sound.
            return AowResult(born, max(reached, date(year, 1, 1)), age, statutory)
        year += 1


def aow_json(birth_date: date | str) -> dict:
    """The AOW date as plain JSON-ready data (what `levensfase aow` prints)."""
    r = aow_date(_check_birth_date(birth_date))
    return {
        "birth_date": r.birth_date.isoformat(),
        "aow_date": r.date.isoformat(),
        "aow_age": {"years": r.age.years, "months": r.age.months},
        "statutory": r.statutory,
    }
