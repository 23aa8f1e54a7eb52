"""People of the synthetic organisation: birth, sex, AOW date, retirement plan and life events.

Dates are integer days since 1970-01-01 inside the simulation (fast numpy arithmetic); `NEVER`
marks an event that does not happen and an open end. Life events are drawn once per person over
the whole life course, so the career simulation can let them change exit and part-time rates.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta

import numpy as np

from levensfase.model.pension import aow_date

EPOCH = date(1970, 1, 1)
NEVER = 10_000_000  # far beyond any real date: "not happened" / "open end"
YEAR = 365.25
MAX_CHILDREN = 3


def to_day(d: date) -> int:
    return (d - EPOCH).days


def to_date(day: int) -> date:
    return EPOCH + timedelta(days=int(day))


def shift_years(d: date, years: int) -> date:
    """The same calendar day `years` later (29 February falls back to 28 February)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


@dataclass
class Lives:
    """Per-person arrays (index = person number); every date an int day, NEVER when absent."""

    birth: np.ndarray
    sex: np.ndarray  # "f" | "m" | "x"
    aow: np.ndarray
    retire: np.ndarray  # planned last working day
    partner: np.ndarray
    children: np.ndarray  # (n, MAX_CHILDREN) birth days of own children
    care_start: np.ndarray
    care_end: np.ndarray
    study_start: np.ndarray
    study_end: np.ndarray
    health_start: np.ndarray
    health_end: np.ndarray
    vitality: np.ndarray  # persistent personal effect on work ability, N(0, 1)

    def __len__(self) -> int:
        return len(self.birth)

    def slice(self, lo: int, hi: int) -> Lives:
        """The people numbered lo … hi-1 (views, no copies)."""
        return Lives(**{f.name: getattr(self, f.name)[lo:hi] for f in fields(self)})

    def extend(self, other: Lives) -> None:
        for f in fields(self):
            setattr(self, f.name, np.concatenate([getattr(self, f.name), getattr(other, f.name)]))


_AOW_CACHE: dict[int, int] = {}


def aow_days(birth: np.ndarray) -> np.ndarray:
    """Personal AOW date per person, computed once per distinct birth date (the law is per day)."""
    unique, inverse = np.unique(birth, return_inverse=True)
    values = np.empty(unique.size, dtype=np.int64)
    for i, b in enumerate(unique.tolist()):
        hit = _AOW_CACHE.get(b)
        if hit is None:
            hit = _AOW_CACHE[b] = to_day(aow_date(to_date(b)).date)
        values[i] = hit
    return values[inverse]


def draw_sex(rng: np.random.Generator, female_share: np.ndarray) -> np.ndarray:
    u = rng.random(len(female_share))
    return np.where(u < 0.003, "x", np.where(u < 0.003 + female_share * 0.997, "f", "m"))


def draw_lives(rng: np.random.Generator, *, birth: np.ndarray, sex: np.ndarray) -> Lives:
    """Life course of new people: partner, children, mantelzorg (caregiving), study, health."""
    n = len(birth)
    female = sex == "f"

    def at_age(years: np.ndarray) -> np.ndarray:
        return birth + np.round(years * YEAR).astype(np.int64)

    def maybe(mask: np.ndarray, days: np.ndarray) -> np.ndarray:
        return np.where(mask, days, NEVER)

    has_partner = rng.random(n) < 0.78
    partner = maybe(has_partner, at_age(np.clip(rng.normal(28.0, 3.5, n), 19, 48)))

    parent = has_partner | (rng.random(n) < 0.05)
    n_children = np.where(parent, rng.choice(4, size=n, p=[0.22, 0.18, 0.42, 0.18]), 0)
    first = np.where(female, np.clip(rng.normal(30.5, 4.0, n), 21, 42), np.clip(rng.normal(32.5, 4.5, n), 21, 48))
    gaps = rng.uniform(1.3, 4.0, size=(n, MAX_CHILDREN - 1))
    ages = np.column_stack([first, first[:, None] + np.cumsum(gaps, axis=1)])
    children = np.where(np.arange(MAX_CHILDREN)[None, :] < n_children[:, None],
                        birth[:, None] + np.round(ages * YEAR).astype(np.int64), NEVER)

    # Mantelzorg starts mostly after 45 (ageing parents), sometimes earlier.
    cares = rng.random(n) < 0.38
    care_age = np.where(rng.random(n) < 0.25, rng.uniform(25, 45, n), rng.triangular(43, 52, 66, n))
    care_start = maybe(cares, at_age(care_age))
    care_end = np.where(cares, care_start + np.round((0.5 + rng.exponential(2.5, n)) * YEAR).astype(np.int64), NEVER)

    studies = rng.random(n) < 0.28
    study_start = maybe(studies, at_age(np.clip(19 + rng.exponential(7.0, n), 19, 50)))
    study_end = np.where(studies, study_start + np.round(rng.uniform(0.8, 4.0, n) * YEAR).astype(np.int64), NEVER)

    # Chronic health limitation: onset probability rising steeply with age (Weibull, shape 4).
    onset_age = 82.0 * rng.weibull(4.0, n)
    limited = onset_age < 75
    health_start = maybe(limited, at_age(np.maximum(onset_age, 18)))
    recovers = rng.random(n) < 0.35
    health_end = np.where(limited & recovers,
                          health_start + np.round(rng.uniform(0.5, 3.0, n) * YEAR).astype(np.int64), NEVER)

    aow = aow_days(birth)
    u = rng.random(n)
    retire = np.select(
        [u < 0.70, u < 0.82, u < 0.92],
        [aow - 1, aow - rng.integers(365, 3 * 365, n), aow - rng.integers(3 * 365, 5 * 365, n)],
        aow + rng.integers(30, 730, n),
    )
    return Lives(
        birth=birth.astype(np.int64), sex=sex, aow=aow, retire=retire.astype(np.int64), partner=partner,
        children=children, care_start=care_start, care_end=care_end, study_start=study_start,
        study_end=study_end, health_start=health_start, health_end=health_end,
        vitality=rng.normal(0.0, 1.0, n),
    )


def empty_lives() -> Lives:
    z = np.zeros(0, dtype=np.int64)
    return Lives(birth=z, sex=np.zeros(0, dtype="<U1"), aow=z, retire=z, partner=z,
                 children=np.zeros((0, MAX_CHILDREN), dtype=np.int64), care_start=z, care_end=z,
                 study_start=z, study_end=z, health_start=z, health_end=z, vitality=np.zeros(0))


def in_state(start: np.ndarray, end: np.ndarray, day: int | np.ndarray) -> np.ndarray:
    """True where the episode [start, end) covers `day`."""
    return (start <= day) & (day < end)
