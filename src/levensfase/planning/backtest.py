"""Backtest: fit on the early years of a history, project the later years, compare with what happened.

The honest check of a projection model: on an organisation whose future is known, fit on the first
`fit_years` years up to a cut-off date, run the baseline (observed trend) for the remaining years
and report the error of the median against the real headcount per year, in total and per job
family, and whether the real value fell inside the P10–P90 band. Bounds used in the tests are in
docs/planning.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.metrics import covering
from levensfase.model.workforce import Workforce
from levensfase.planning.estimate import estimate, years_before
from levensfase.planning.report import project_fit
from levensfase.planning.scenarios import builtin_scenarios
from levensfase.planning.states import StateSpace, snapshot

__all__ = ["Backtest", "backtest"]


@dataclass(frozen=True)
class Backtest:
    cut_off: date
    table: pl.DataFrame  # year, group ("total" or a job family), actual, p10, p50, p90, error (p50 − actual), relative

    def total(self) -> pl.DataFrame:
        return self.table.filter(pl.col("group") == "total")

    def families(self) -> pl.DataFrame:
        return self.table.filter(pl.col("group") != "total")

    @property
    def worst_total_error(self) -> float:
        """Largest |p50 − actual| / actual over the projected years (t ≥ 1)."""
        return float(self.total().filter(pl.col("t") > 0).get_column("relative").abs().max())

    @property
    def family_error(self) -> float:
        """Headcount-weighted mean |p50 − actual| / actual over families and projected years."""
        rows = self.families().filter(pl.col("t") > 0)
        return float((rows.get_column("error").abs().sum()) / rows.get_column("actual").sum())

    @property
    def inside_band(self) -> float:
        """Share of (year, group) points with the actual value inside P10–P90 (t ≥ 1)."""
        rows = self.table.filter(pl.col("t") > 0)
        inside = rows.filter((pl.col("actual") >= pl.col("p10")) & (pl.col("actual") <= pl.col("p90"))).height
        return inside / rows.height


def backtest(workforce: Workforce, *, as_of: date, years: int = 5, fit_years: int = 5, runs: int = 1000,
             seed: int = 1, space: StateSpace | None = None) -> Backtest:
    """Cut off `years` before `as_of`, fit on the `fit_years` before the cut-off, project to `as_of`."""
    space = space or StateSpace()
    cut = years_before(as_of, years)
    fit = estimate(workforce, as_of=cut, fit_years=fit_years, space=space)
    doc = project_fit(fit, scenarios=[builtin_scenarios()["baseline"]], years=years, runs=runs, seed=seed,
                      demand=None, k=1)
    projected = doc["scenarios"][0]
    rows = []
    for t in range(years + 1):
        day = years_before(cut, -t)
        actual = snapshot(workforce, on=day, space=space) if t else None
        count = covering(workforce.assignments, day).get_column("person_id").n_unique()
        rows.append((t, day.year, "total", count, *(projected["headcount"][b][t] for b in ("p10", "p50", "p90"))))
        per_family = dict(actual.group_by("family").len().iter_rows()) if actual is not None else {}
        for family, line in projected["by_family"].items():
            real = per_family.get(family, 0) if t else line["start"]
            rows.append((t, day.year, family, real, *(line["headcount"][b][t] for b in ("p10", "p50", "p90"))))
    table = pl.DataFrame(rows, orient="row", schema={"t": pl.Int64, "year": pl.Int64, "group": pl.String,
                                                     "actual": pl.Int64, "p10": pl.Float64, "p50": pl.Float64,
                                                     "p90": pl.Float64})
    table = table.with_columns(error=pl.col("p50") - pl.col("actual"),
                               relative=(pl.col("p50") - pl.col("actual")) / pl.col("actual"))
    return Backtest(cut_off=cut, table=table)
