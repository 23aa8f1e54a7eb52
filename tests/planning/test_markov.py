"""The Markov core against the worked example of domain-facts §8 (numbers derived by hand there)."""

import numpy as np
import pytest

from levensfase.planning.markov import expected_path, leavers, recruitment_to_hold, steady_state, wastage

P = [[0.70, 0.15, 0.00], [0.00, 0.80, 0.10], [0.00, 0.00, 0.85]]
N0 = [100, 60, 40]
R = [20, 0, 0]


def test_wastage_is_the_row_deficit():
    assert wastage(P) == pytest.approx([0.15, 0.10, 0.15])


def test_worked_example_path():
    path = expected_path(N0, P, R, years=2)
    assert path[1] == pytest.approx([90, 63, 40])
    assert path[1].sum() == pytest.approx(193)
    assert path[2] == pytest.approx([83, 63.9, 40.3])
    assert path[2].sum() == pytest.approx(187.2)


def test_worked_example_leavers_and_recruitment_to_hold():
    assert leavers(N0, P) == pytest.approx([15, 6, 6])
    assert recruitment_to_hold(N0, P) == pytest.approx(27)


def test_worked_example_steady_state():
    assert steady_state(P, R) == pytest.approx([200 / 3, 50, 100 / 3], abs=1e-9)
    # the path converges to it
    assert expected_path(N0, P, R, years=200)[-1] == pytest.approx([200 / 3, 50, 100 / 3], abs=1e-6)


def test_recruitment_per_year():
    path = expected_path(N0, P, np.array([[20, 0, 0], [0, 0, 0]]), years=2)
    assert path[2] == pytest.approx([63, 63.9, 40.3])


@pytest.mark.parametrize("bad", [[[0.5, 0.6], [0, 1]], [[-0.1, 0], [0, 1]], [[1, 0, 0]]])
def test_bad_matrices_are_refused(bad):
    with pytest.raises(ValueError):
        wastage(bad)


def test_no_steady_state_without_wastage():
    with pytest.raises(ValueError, match="steady state"):
        steady_state([[1.0, 0], [0, 0.5]], [1, 0])
