"""Agreement with lifelines 0.30 (a test-only reference) on seeded random data.

Kaplan–Meier: survival and both band limits at every time of lifelines' timeline, the median, and
the curve read between times, to 1e-9, on data with heavy ties and heavy censoring.
Aalen–Johansen: lifelines jitters tied times of *different* exit reasons at random, which would
change its answer, so the comparison uses (a) continuous durations without ties and (b) tied
durations where every tied exit has the same reason (lifelines does not jitter those). The variance
is compared where lifelines gives a number (it returns NaN once everyone at risk leaves at once).
Note that lifelines labels its AJ bands the wrong way round (its "upper" column holds the lower
limit); the comparison pairs them by value.
"""

from __future__ import annotations

import warnings

import numpy as np
import polars as pl
import pytest

from levensfase.analytics.retention import cumulative_incidence, kaplan_meier, kaplan_meier_by

lifelines = pytest.importorskip("lifelines")

TOL = 1e-9
CASES = [
    # (seed, n, censoring probability, distinct day values: small = many ties)
    (11, 60, 0.3, 40),
    (12, 300, 0.85, 200),  # heavy censoring
    (13, 500, 0.5, 12),  # heavy ties
    (14, 25, 0.0, 1000),  # no censoring: the curve reaches 0
    (15, 150, 0.97, 100),  # almost everything censored: no median
]


def _data(seed: int, n: int, censoring: float, days: int):
    rng = np.random.default_rng(seed)
    t = rng.integers(1, days + 1, n) * (3650 / days) / 365.25
    e = rng.random(n) >= censoring
    return t, e


def _assert_same_curve(ours, theirs):
    sf = theirs.survival_function_.iloc[:, 0]
    ci = theirs.confidence_interval_
    assert ours.table["timeline"].to_numpy() == pytest.approx(sf.index.to_numpy(), abs=0)
    np.testing.assert_allclose(ours.table["survival"].to_numpy(), sf.to_numpy(), rtol=0, atol=TOL)
    np.testing.assert_allclose(ours.table["ci_lower"].to_numpy(), ci.iloc[:, 0].to_numpy(), rtol=0, atol=TOL)
    np.testing.assert_allclose(ours.table["ci_upper"].to_numpy(), ci.iloc[:, 1].to_numpy(), rtol=0, atol=TOL)
    median = theirs.median_survival_time_
    assert ours.median_years == (None if np.isinf(median) else pytest.approx(median, abs=TOL))
    et = theirs.event_table
    assert ours.table["at_risk"].to_list() == et["at_risk"].astype(int).tolist()
    assert ours.table["events"].to_list() == et["observed"].astype(int).tolist()
    assert ours.table["censored"].to_list() == et["censored"].astype(int).tolist()


@pytest.mark.parametrize(("seed", "n", "censoring", "days"), CASES)
@pytest.mark.parametrize("alpha", [0.05, 0.1])
def test_kaplan_meier_matches_lifelines(seed, n, censoring, days, alpha):
    t, e = _data(seed, n, censoring, days)
    ours = kaplan_meier(durations=t, events=e, alpha=alpha)
    theirs = lifelines.KaplanMeierFitter(alpha=alpha).fit(t, e)
    _assert_same_curve(ours, theirs)
    assert (ours.n, ours.events) == (n, int(e.sum()))
    probe = np.concatenate([np.unique(t), np.unique(t) + 1e-6, [0.0, 50.0]])
    predicted = theirs.predict(probe).to_numpy()
    assert [ours.survival_at(float(x)) for x in probe] == pytest.approx(predicted, abs=TOL)


@pytest.mark.parametrize("seed", [21, 22])
def test_kaplan_meier_by_matches_lifelines_per_group(seed):
    rng = np.random.default_rng(seed)
    n = 400
    t, e = _data(seed, n, 0.6, 60)
    groups = rng.choice(["25-29", "30-34", "50-54", "<20"], n, p=[0.4, 0.3, 0.25, 0.05])
    frame = pl.DataFrame({"duration_years": t, "event": e, "age_band": groups})
    curves = kaplan_meier_by(frame, by="age_band")
    assert list(curves) == ["<20", "25-29", "30-34", "50-54"]  # reading order of age bands
    for value, ours in curves.items():
        mask = groups == value
        _assert_same_curve(ours, lifelines.KaplanMeierFitter().fit(t[mask], e[mask]))


def _lifelines_cif(t, codes, code):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a jitter warning would mean the comparison is not like for like
        fitted = lifelines.AalenJohansenFitter(calculate_variance=True).fit(t, codes, event_of_interest=code)
    band = fitted.confidence_interval_.to_numpy()
    return (fitted.cumulative_density_.index.to_numpy(), fitted.cumulative_density_.iloc[:, 0].to_numpy(),
            fitted.variance_.to_numpy(), band.min(axis=1), band.max(axis=1))


def _compare_cif(t, codes, labels):
    reasons = np.array([None, *labels], dtype=object)[codes]
    ours = cumulative_incidence(durations=t, events=codes > 0, reasons=reasons)
    for code, label in enumerate(labels, start=1):
        mine = ours.filter(reason=label)
        timeline, cif, variance, low, high = _lifelines_cif(t, codes, code)
        assert mine["timeline"].to_numpy() == pytest.approx(timeline, abs=0)
        np.testing.assert_allclose(mine["cif"].to_numpy(), cif, rtol=0, atol=TOL)
        has = np.isfinite(variance)
        assert has[:-1].all()  # lifelines only loses the variance at a final time where all leave
        np.testing.assert_allclose(mine["variance"].to_numpy()[has], variance[has], rtol=0, atol=TOL)
        bands = np.isfinite(low)  # lifelines has no band while the CIF is still 0; ours is [0, 0] there
        assert (mine["cif"].to_numpy()[~bands & has] == 0).all()
        np.testing.assert_allclose(mine["ci_lower"].to_numpy()[bands], low[bands], rtol=0, atol=TOL)
        np.testing.assert_allclose(mine["ci_upper"].to_numpy()[bands], high[bands], rtol=0, atol=TOL)


@pytest.mark.parametrize(("seed", "n", "censoring"), [(31, 80, 0.3), (32, 300, 0.8), (33, 40, 0.0)])
def test_cumulative_incidence_matches_lifelines_without_ties(seed, n, censoring):
    rng = np.random.default_rng(seed)
    t = rng.exponential(4.0, n)  # continuous: no two durations are equal
    assert np.unique(t).size == n
    codes = np.where(rng.random(n) < censoring, 0, rng.integers(1, 4, n))
    _compare_cif(t, codes, ["voluntary", "involuntary", "retirement"])


@pytest.mark.parametrize("seed", [41, 42])
def test_cumulative_incidence_matches_lifelines_with_same_reason_ties(seed):
    rng = np.random.default_rng(seed)
    n = 300
    days = rng.integers(1, 30, n)
    t = days / 4.0
    # The reason is a function of the duration, so tied exits share their reason: lifelines keeps them.
    codes = np.where(rng.random(n) < 0.4, 0, days % 3 + 1)
    _compare_cif(t, codes, ["voluntary", "involuntary", "retirement"])


def test_kaplan_meier_with_exits_at_time_zero_matches_lifelines():
    t, e = np.array([0.0, 0.0, 1.0, 2.0, 2.0, 3.0]), np.array([True, False, True, False, True, True])
    ours = kaplan_meier(durations=t, events=e)
    _assert_same_curve(ours, lifelines.KaplanMeierFitter().fit(t, e))
    assert ours.table["survival"][0] == pytest.approx(5 / 6)  # one of six left on day 0
