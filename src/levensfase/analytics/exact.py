"""Order-independent sums of decimals.

Polars aggregates groups in parallel, so the order in which a group's floats are added differs
between runs; float addition is not associative, and a mean that lands on a rounding edge
(3.835) then prints as 3.83 one run and 3.84 the next. Summing scaled integers is exact in any
order, which keeps `levensfase analyse` byte-identical for the same data.
"""

from __future__ import annotations

import polars as pl

SCALE = 10**6  # six decimals: far below what any report shows


def exact_sum(expr: pl.Expr) -> pl.Expr:
    """Sum of `expr` rounded to six decimals per value, added as integers (same result in any order)."""
    return (expr * SCALE).round(0).cast(pl.Int64).sum() / SCALE


def exact_mean(expr: pl.Expr) -> pl.Expr:
    """Mean of the non-null values of `expr`, via `exact_sum`."""
    return exact_sum(expr) / expr.count()
