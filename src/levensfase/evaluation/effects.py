"""One outcome's effect on the matched pairs, its naive counterpart and its verdict.

`effect` is the 1-year risk difference in percentage points for influenceable exit (with the
hazard ratio as `ratio` and its interval as `ci_low`/`ci_high`), the mean difference in WAI points
for WAI change, and the difference in Vernet absence percentage points for absence; the interval
then bounds `effect`. Below MIN_PAIRS usable pairs the verdict is "onvoldoende gegevens" and no
number is given.

`persons` (the treated and the comparison person of each pair) make the bootstrap resample persons
(`estimate.cluster_weights`); without them every pair is resampled as a unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from levensfase.evaluation.estimate import cluster_weights, hazard_ratio, km_risk, percentile, ratio_of_sums

__all__ = ["HARMS", "HELPS", "INSUFFICIENT", "MIN_PAIRS", "OUTCOMES", "UNCLEAR", "VERDICTS", "OutcomeEffect",
           "absence_effect", "exit_effect", "insufficient", "wai_effect"]

OUTCOMES = ("influenceable_exit", "wai_change", "absence_pct")
MIN_PAIRS = 20  # DESIGN §6a: a finding names a group only from 20 people on
INSUFFICIENT = "onvoldoende gegevens"
HELPS = "werkt"
HARMS = "werkt averechts"
UNCLEAR = "geen duidelijk effect"
VERDICTS = (HELPS, UNCLEAR, HARMS, INSUFFICIENT)
YEAR, TWO_YEARS = 365.0, 730.0
Persons = tuple[np.ndarray, np.ndarray] | None  # (treated person, comparison person) per pair


@dataclass(frozen=True)
class OutcomeEffect:
    """One outcome for one group. `extra`: risk_difference_2y and its interval, the 1-year risk
    difference's interval and the naive hazard ratio (exits); None where there is no number."""

    outcome: str
    verdict: str
    n_pairs: int
    effect: float | None = None
    ratio: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    naive_effect: float | None = None
    extra: dict[str, float | None] = field(default_factory=dict)


def insufficient(outcome: str, n_pairs: int) -> OutcomeEffect:
    return OutcomeEffect(outcome=outcome, verdict=INSUFFICIENT, n_pairs=n_pairs)


def _point_only(outcome: str, n: int, effect: float, ratio: float | None) -> OutcomeEffect:
    """replicates = 0 (benchmarks): the point estimate alone; without an interval nothing is decided."""
    return OutcomeEffect(outcome=outcome, verdict=UNCLEAR, n_pairs=n, effect=effect, ratio=ratio)


def _verdict(low: float | None, high: float | None, *, neutral: float, lower_is_better: bool) -> str:
    if low is None or high is None:
        return INSUFFICIENT
    if high < neutral:
        return HELPS if lower_is_better else HARMS
    if low > neutral:
        return HARMS if lower_is_better else HELPS
    return UNCLEAR


def exit_effect(t: tuple[np.ndarray, np.ndarray], c: tuple[np.ndarray, np.ndarray],
                naive: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]] | None, *,
                replicates: int, seed: int, persons: Persons = None, naive_persons: Persons = None) -> OutcomeEffect:
    """t, c: (time, event) per pair, same order; naive: the same for the naive pairs."""
    n = t[0].size
    ratio = hazard_ratio(t[0], t[1], c[0], c[1])
    if n < MIN_PAIRS or not np.isfinite(ratio):
        return insufficient(OUTCOMES[0], n)
    rd1 = km_risk(*t, at=YEAR) - km_risk(*c, at=YEAR)
    rd2 = km_risk(*t, at=TWO_YEARS) - km_risk(*c, at=TWO_YEARS)
    if replicates == 0:
        return _point_only(OUTCOMES[0], n, 100 * rd1, ratio)
    ratios, rd1s, rd2s = [], [], []
    for wt, wc in cluster_weights(*(persons or (None, None)), n, replicates=replicates, seed=seed):
        ratios.append(hazard_ratio(t[0], t[1], c[0], c[1], wt, wc))
        rd1s.append(km_risk(*t, at=YEAR, weights=wt) - km_risk(*c, at=YEAR, weights=wc))
        rd2s.append(km_risk(*t, at=TWO_YEARS, weights=wt) - km_risk(*c, at=TWO_YEARS, weights=wc))
    low, high = percentile(np.concatenate(ratios))
    if low is None:  # too few bootstrap samples with an exit in the comparison arm: no stable interval
        return insufficient(OUTCOMES[0], n)
    rd1_ci, rd2_ci = percentile(np.concatenate(rd1s)), percentile(np.concatenate(rd2s))
    naive_effect = naive_ratio = None
    naive_ci: tuple[float | None, float | None] = (None, None)
    if naive is not None and naive[0][0].size >= MIN_PAIRS:
        (nt, nc) = naive
        naive_effect = 100 * (km_risk(*nt, at=YEAR) - km_risk(*nc, at=YEAR))
        value = hazard_ratio(nt[0], nt[1], nc[0], nc[1])
        naive_ratio = value if np.isfinite(value) else None
        naive_ci = percentile(np.concatenate([hazard_ratio(nt[0], nt[1], nc[0], nc[1], wt, wc) for wt, wc in cluster_weights(
            *(naive_persons or (None, None)), nt[0].size, replicates=replicates, seed=seed)]))
    pp = lambda v: None if v is None else 100 * v  # noqa: E731
    return OutcomeEffect(
        outcome=OUTCOMES[0], verdict=_verdict(low, high, neutral=1.0, lower_is_better=True), n_pairs=n,
        effect=100 * rd1, ratio=ratio, ci_low=low, ci_high=high, naive_effect=naive_effect,
        extra={"risk_difference_2y": 100 * rd2, "rd1_ci_low": pp(rd1_ci[0]), "rd1_ci_high": pp(rd1_ci[1]),
               "rd2_ci_low": pp(rd2_ci[0]), "rd2_ci_high": pp(rd2_ci[1]), "naive_ratio": naive_ratio,
               "naive_ci_low": naive_ci[0], "naive_ci_high": naive_ci[1]})


def _difference(outcome: str, t: tuple[np.ndarray, np.ndarray], c: tuple[np.ndarray, np.ndarray],
                naive: tuple | None, *, scale: float, lower_is_better: bool, replicates: int,
                seed: int, persons: Persons = None) -> OutcomeEffect:
    """Difference of (Σ numerator / Σ denominator) between the arms, per pair (means: denominator 1)."""
    n = t[0].size
    if n < MIN_PAIRS:
        return insufficient(outcome, n)
    value = scale * (ratio_of_sums(*t) - ratio_of_sums(*c))
    if replicates == 0:
        return _point_only(outcome, n, value, None)
    reps = [scale * (ratio_of_sums(*t, wt) - ratio_of_sums(*c, wc))
            for wt, wc in cluster_weights(*(persons or (None, None)), n, replicates=replicates, seed=seed)]
    low, high = percentile(np.concatenate(reps))
    if low is None:
        return insufficient(outcome, n)
    naive_effect = None
    if naive is not None and naive[0][0].size >= MIN_PAIRS:
        naive_effect = scale * (ratio_of_sums(*naive[0]) - ratio_of_sums(*naive[1]))
    return OutcomeEffect(outcome=outcome, verdict=_verdict(low, high, neutral=0.0, lower_is_better=lower_is_better),
                         n_pairs=n, effect=value, ci_low=low, ci_high=high, naive_effect=naive_effect)


def wai_effect(t: np.ndarray, c: np.ndarray, naive: tuple[np.ndarray, np.ndarray] | None, *, replicates: int,
               seed: int, persons: Persons = None) -> OutcomeEffect:
    """Mean WAI change of participants minus that of their matches (higher is better)."""
    one = lambda a: (a, np.ones_like(a))  # noqa: E731
    return _difference(OUTCOMES[1], one(t), one(c), None if naive is None else (one(naive[0]), one(naive[1])),
                       scale=1.0, lower_is_better=False, replicates=replicates, seed=seed, persons=persons)


def absence_effect(t: tuple[np.ndarray, np.ndarray], c: tuple[np.ndarray, np.ndarray], naive: tuple | None, *,
                   replicates: int, seed: int, persons: Persons = None) -> OutcomeEffect:
    """Vernet % of participants minus that of their matches, in percentage points (lower is better)."""
    return _difference(OUTCOMES[2], t, c, naive, scale=100.0, lower_is_better=True, replicates=replicates,
                       seed=seed, persons=persons)
