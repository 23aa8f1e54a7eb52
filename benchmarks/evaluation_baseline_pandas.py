"""Baseline for `evaluation_bench.py`: the evaluation's risk-set matching written as a plain
pandas + scikit-learn script, the way one would without our code.

Per group (the participants' first starts): the panel rows of the months needed, merged with the
starts; at risk = not started before the snapshot day; a participant's row = the snapshot of the
start month (else the next month's); propensity = scikit-learn `LogisticRegression` on
standardised covariates (`StandardScaler`), solver "newton-cholesky" (lbfgs did not converge in
1.000 iterations on these unscaled covariates), `max_iter=MAX_ITER`, the same ridge as ours
(C = 1 / (1e-4 · rows)), fitted on the participants and up to 20 non-participant rows each
(at most 200.000 rows, `DataFrame.sample`); nearest neighbour on the logit within (month, life
phase, job family, tenure band) by `pandas.merge_asof(direction="nearest")`, kept when within the
caliper (0,2 sd of the logit) and eligible on the start day (employed, not started by then).

Where it simplifies: `merge_asof` gives one nearest row, so an ineligible nearest row leaves the
participant unmatched instead of trying the next one, and persons who start in a month are not
candidates in that month's risk set; so its pair count is a little lower. It is a timing
baseline, not a second implementation to agree with ours pair for pair.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

__all__ = ["MAX_ITER", "baseline_pairs", "to_pandas"]

MAX_ITER = 100
CALIPER_SD = 0.2
STRATA = ["life_phase", "job_family", "tenure_band"]


def to_pandas(panel) -> pd.DataFrame:
    """The Polars panel as a pandas frame with a `row` column (column by column: no pyarrow here)."""
    frame = pd.DataFrame({c: panel.get_column(c).to_numpy() for c in panel.columns})
    for column in ("snapshot", "spell_end"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    frame["row"] = np.arange(len(frame))
    return frame


def baseline_pairs(frame: pd.DataFrame, matrix: np.ndarray, starts: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """treated_id, start, control_id (None when unmatched) for the participants in `starts`
    (person_id, start as datetime64)."""
    starts = starts.assign(start=starts["start"].astype("datetime64[ns]"))
    start_month = starts["start"].dt.to_period("M").dt.to_timestamp()
    needed = set(start_month) | set(start_month + pd.offsets.MonthBegin(1))
    rows = frame[frame["snapshot"].isin(needed)].merge(starts, on="person_id", how="left")
    month_of = rows["start"].dt.to_period("M").dt.to_timestamp()
    same = rows[rows["snapshot"] == month_of]
    later = rows[(rows["snapshot"] == month_of + pd.offsets.MonthBegin(1)) & ~rows["person_id"].isin(same["person_id"])]
    treated = pd.concat([same, later]).assign(month=lambda t: t["start"].dt.to_period("M").dt.to_timestamp())
    at_risk = rows[rows["start"].isna() | (rows["start"] >= rows["snapshot"])]
    controls = at_risk[at_risk["start"].isna() | (at_risk["start"] >= at_risk["snapshot"] + pd.offsets.MonthBegin(1))]
    fit_controls = controls.sample(n=min(len(controls), max(20 * len(treated), 8000), 200_000 - len(treated)),
                                   random_state=seed)
    x = np.vstack([matrix[treated["row"].to_numpy()], matrix[fit_controls["row"].to_numpy()]])
    y = np.r_[np.ones(len(treated)), np.zeros(len(fit_controls))]
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(solver="newton-cholesky", C=1.0 / (1e-4 * len(y)), max_iter=MAX_ITER)
    model.fit(scaler.transform(x), y)
    logit = model.decision_function(scaler.transform(matrix))
    caliper = CALIPER_SD * np.std(np.r_[logit[treated["row"].to_numpy()], logit[controls["row"].to_numpy()]], ddof=1)
    left = treated[["person_id", "start", "month", *STRATA]].assign(logit=logit[treated["row"].to_numpy()]).rename(
        columns={"person_id": "treated_id"}).sort_values("logit")
    pool = controls[["person_id", "start", "spell_end", "snapshot", *STRATA]].assign(
        logit=logit[controls["row"].to_numpy()]).rename(
        columns={"person_id": "control_id", "start": "c_start", "snapshot": "month"}).sort_values("logit")
    pool["c_logit"] = pool["logit"]
    pairs = pd.merge_asof(left, pool, on="logit", by=["month", *STRATA], direction="nearest")
    ok = ((pairs["logit"] - pairs["c_logit"]).abs() <= caliper) & (pairs["control_id"] != pairs["treated_id"])
    ok &= pairs["spell_end"].isna() | (pairs["spell_end"] >= pairs["start"])
    pairs.loc[~ok, "control_id"] = None
    return pairs[["treated_id", "start", "control_id"]]
