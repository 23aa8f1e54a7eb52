"""The intervals a finding needs before it names a group (DESIGN §6a): Wilson for shares, Greenwood
(via the Kaplan–Meier curve of analytics.retention) for survival, and the test "separates"."""

from __future__ import annotations

import math

__all__ = ["MIN_N", "Z95", "separated", "wilson"]

MIN_N = 20  # a group is named only with at least this many people (or events)
Z95 = 1.959963984540054


def wilson(successes: float, n: float, *, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of successes/n (None when n is 0). Exact at 0 and n, never outside [0, 1]."""
    if n is None or n <= 0 or successes is None:
        return None
    if successes < 0 or successes > n:
        raise ValueError(f"successes must lie between 0 and n, got {successes} of {n}")
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def separated(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """True when two intervals do not overlap (so the difference is beyond chance at the 95% level)."""
    if a is None or b is None:
        return False
    return a[1] < b[0] or b[1] < a[0]
