"""The Monte Carlo engine against an independent explicit Markov chain over (state, years-to-AOW) cells.

The engine labels cohorts by years to AOW on the start date and merges cohorts that behave alike;
the reference below does none of that: it writes out the full transition matrix over every
(state, y) cell, with everyone's y dropping by one each year, and runs markov.expected_path.
"""

import numpy as np
import pytest

from levensfase.planning.markov import expected_path
from levensfase.planning.montecarlo import simulate
from levensfase.planning.params import Params

YS = np.arange(-2, 8)  # cohorts y = −2 … 7


def small_params(**changes) -> Params:
    S, Y = 2, len(YS)
    n0 = np.zeros((S, Y), dtype=np.int64)
    n0[0, YS.tolist().index(7)] = 40   # juniors far from AOW
    n0[0, YS.tolist().index(2)] = 10
    n0[1, YS.tolist().index(1)] = 30   # seniors close to AOW
    n0[1, YS.tolist().index(4)] = 20
    retire = np.where(YS <= 0, 0.8, np.where(YS == 1, 0.1, 0.0))
    leave = np.array([[0.15] * Y, [0.05] * Y])
    move = np.array([[0.2] * Y, [0.0] * Y])
    dest = np.array([[0.0, 1.0], [0.0, 0.0]])
    fte = np.array([[0.8] * Y, [1.0] * Y])
    mix = np.zeros((S, Y))
    mix[0, -1] = 0.75
    mix[0, -3] = 0.25
    base = dict(
        states=("junior | zorg", "senior | zorg"), family_of=np.array([0, 0]), value_of=np.array([0, 1]),
        families=("zorg",), values=("junior", "senior"), ys=YS, n0=n0, retire=retire, leave=leave, move=move,
        dest=dest, fte=fte, fte_start=np.array([0.8, 1.0]), cost=fte * 50_000, cost_start=np.array([40_000, 50_000]),
        freed=np.zeros((S, Y)), hire_mix=mix, young_mix=mix, policy="fixed", intake=12, targets=None,
        young_hires=False,
    )
    base.update(changes)
    return Params(**base)


def explicit_chain(p: Params):
    """P over cells (s, y) flattened s-major, and the recruitment vector."""
    S, Y = p.n0.shape
    P = np.zeros((S * Y, S * Y))
    for s in range(S):
        for i, y in enumerate(p.ys):
            j = max(i - 1, 0)  # one year closer to AOW; the lowest cohort keeps its members
            stay = (1 - p.retire[i]) * (1 - p.leave[s, i])
            P[s * Y + i, s * Y + j] += stay * (1 - p.move[s, i])
            for d in range(S):
                P[s * Y + i, d * Y + j] += stay * p.move[s, i] * p.dest[s, d]
    R = (p.intake * p.hire_mix).ravel()
    return P, R


def test_expected_mode_is_the_explicit_markov_path():
    p = small_params()
    P, R = explicit_chain(p)
    reference = expected_path(p.n0.ravel(), P, R, years=6)  # (7, S*Y)
    paths = simulate(p, years=6, runs=1, seed=0, expected=True)
    by_state = reference.reshape(7, 2, len(YS)).sum(axis=2)
    assert paths.headcount[:, 0] == pytest.approx(reference.sum(axis=1))
    assert paths.by_value[:, 0, :] == pytest.approx(by_state)
    assert paths.fte[:, 0] == pytest.approx(by_state @ np.array([0.8, 1.0]))
    # retirements in year 1 by hand: 10 at y=2 never retire; seniors at y=1 retire with 0.1 → 3
    assert paths.retirements[1, 0] == pytest.approx(3.0)


def test_monte_carlo_mean_matches_the_expected_path():
    p = small_params()
    expected = simulate(p, years=6, runs=1, seed=0, expected=True)
    drawn = simulate(p, years=6, runs=4000, seed=3)
    for t in range(7):
        mean, sd = drawn.headcount[t].mean(), drawn.headcount[t].std()
        assert abs(mean - expected.headcount[t, 0]) < 4 * sd / np.sqrt(4000) + 1e-9
        assert drawn.retirements[t].mean() == pytest.approx(expected.retirements[t, 0], abs=0.15)
    # counts stay whole and nobody is created or lost: stock identity per run
    h = drawn.headcount
    assert np.array_equal(h[1:], h[:-1] - drawn.leavers[1:] + drawn.hires[1:])


def test_same_seed_same_result_and_other_seed_differs():
    p = small_params()
    a = simulate(p, years=5, runs=300, seed=11)
    b = simulate(p, years=5, runs=300, seed=11)
    c = simulate(p, years=5, runs=300, seed=12)
    assert np.array_equal(a.headcount, b.headcount) and np.array_equal(a.by_value, b.by_value)
    assert not np.array_equal(a.headcount, c.headcount)


def test_replace_policy_hires_exactly_the_leavers():
    p = small_params(policy="replace")
    paths = simulate(p, years=5, runs=200, seed=5)
    assert np.array_equal(paths.hires[1:], paths.leavers[1:])
    assert (paths.headcount == 100).all()
