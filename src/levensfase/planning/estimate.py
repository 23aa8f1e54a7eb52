"""Estimating the projection model from the history: yearly transitions, exits, retirement, hiring.

Observation (Bartholomew's yearly census): for each observation day d in the fit window, everyone
employed on d is looked up one year later, on d + 1 year: still employed in the same spell → the
state then; the spell ended before → an exit with its end_reason. Recruits of the year are the
people employed on d + 1 year whose spell started after d (someone who came and went within the
year never shows in a yearly stock, so the stock identity n(d+1) = stayers + recruits holds).

Estimators (maximum likelihood for a Markov chain, Bartholomew 1982):
- retirement by years to AOW: r(y) = retirements_y / observations_y, over all states;
- everything else conditional on not retiring: q_ij = n_ij / (n_i − retirements_i), for
  destinations j (states) and exit reasons. The yearly probability from (i, y) to j is then
  (1 − r(y)) · q_ij.

Pooling (`min_observations`, default 30, counts non-retirees of the row): a sparse row borrows
the row of the same phase/age band pooled over all job families — the person keeps their own
family, so a pooled move is "to phase b in the same family" — and, when that pool is sparse too,
the exit rates of the whole organisation with no moves. A sparse cohort y (fewer observations
than `min_observations`) takes the rate of the smallest symmetric window of neighbouring cohorts
that holds enough. Every row says which rule it used (`pooled`: own | phase | all).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import polars as pl

from levensfase.planning.costs import Salaries, load_salaries
from levensfase.planning.states import StateSpace, snapshots, split_state
from levensfase.model.workforce import Workforce

__all__ = ["EXIT_REASONS", "EstimationError", "Fit", "estimate", "observe", "years_before"]

EXIT_REASONS = ("voluntary", "involuntary", "disability", "death", "other")  # retirement is modelled by y
RETIREMENT = "retirement"
# Generatiepact entry (Cao Ziekenhuizen art. 13.1, domain-facts §5.3): from 5 years before the AOW
# date, after at least 8 years of continuous service (the current spell stands in for it).
PACT_WINDOW_YEARS = 5
PACT_MIN_SERVICE_YEARS = 8


class EstimationError(ValueError):
    """The history cannot support a projection (too short, nobody employed)."""


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier or later (28 February for 29 February)."""
    year = day.year - years
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


@dataclass(frozen=True)
class Fit:
    """The estimated model; arrays index states (S) in `states` order and cohorts y in `space.cohorts`."""

    as_of: date
    space: StateSpace
    observation_days: tuple[date, ...]
    states: tuple[str, ...]
    min_observations: int
    observations: np.ndarray       # (S,) people observed in the state (all outcomes)
    retirements: np.ndarray        # (S,) of which retired
    counts: np.ndarray             # (S, S + E) non-retirees by destination state, then exit reason
    q: np.ndarray                  # (S, S + E) probabilities conditional on not retiring, after pooling
    pooled: tuple[str, ...]        # (S,) own | phase | all
    retirement: pl.DataFrame       # y, observations, retirements, rate, window
    retirement_timing: pl.DataFrame  # years_after_aow, retirements, share
    fte: np.ndarray                # (S,) mean FTE per person in the state
    salary: np.ndarray             # (S,) mean annual salary at 1.0 FTE (assumption table), FTE-weighted
    recruits: np.ndarray           # (S, Y) recruits observed, by state and cohort
    recruits_per_year: float
    start: np.ndarray              # (S, Y) headcount on as_of
    start_fte: np.ndarray          # (S,) FTE on as_of
    pact_eligible: float           # share of those within 5 years of AOW with ≥ 8 years of service on as_of
    salaries: Salaries = field(repr=False)
    intended_retirement: int = 0   # people on as_of whose retirement year moved to an intended age they stated

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(split_state(s)[0] for s in self.states)

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(split_state(s)[1] for s in self.states)

    @property
    def rate(self) -> np.ndarray:
        """r(y) over `space.cohorts`."""
        return self.retirement.get_column("rate").to_numpy()

    def hire_mix(self) -> np.ndarray:
        """(S, Y) shares of recruits (uniform over the starting cells when none were observed)."""
        base = self.recruits if self.recruits.sum() > 0 else self.start
        total = base.sum()
        return base / total if total > 0 else np.full(base.shape, 1 / base.size)

    def transitions(self) -> pl.DataFrame:
        """One row per (state, outcome) with the count behind it and the probability used."""
        outcomes = [*self.states, *EXIT_REASONS]
        rows = []
        for i, state in enumerate(self.states):
            for o, outcome in enumerate(outcomes):
                if self.counts[i, o] or self.q[i, o]:
                    rows.append((state, int(self.observations[i]), int(self.retirements[i]), outcome,
                                 int(self.counts[i, o]), float(self.q[i, o]), self.pooled[i]))
        return pl.DataFrame(rows, orient="row", schema={
            "state": pl.String, "observations": pl.Int64, "retirements": pl.Int64, "outcome": pl.String,
            "count": pl.Int64, "probability": pl.Float64, "pooled": pl.String})


def observe(workforce: Workforce, *, days: list[date], space: StateSpace) -> tuple[pl.DataFrame, pl.DataFrame, dict]:
    """Transitions (person_id, state, y, outcome) and recruits (state, y) over consecutive `days`,
    plus the snapshots by day (reused for FTE and salaries) and, under the key "planned", the
    planned-retirement snapshot of the last day (one set of life-phase inputs for all)."""
    snaps, planned = snapshots(workforce, days=days, space=space, planned=(days[-1],))
    moves, hires = [], []
    for d0, d1 in zip(days, days[1:]):
        before, after = snaps[d0], snaps[d1]
        left = pl.col("spell_end").is_not_null() & (pl.col("spell_end") < d1)
        reason = pl.col("end_reason").fill_null("other")
        later = after.select("person_id", pl.col("state").alias("next"), pl.col("spell_start").alias("next_start"))
        joined = before.join(later, on="person_id", how="left")
        outcome = pl.when(left).then(reason).when(pl.col("next").is_null()).then(pl.lit("other")).otherwise("next")
        moves.append(joined.select("person_id", "state", "y", outcome.alias("outcome")))
        hires.append(after.filter(pl.col("spell_start") > d0).select("state", "y"))
    empty_moves = pl.DataFrame(schema={"person_id": pl.String, "state": pl.String, "y": pl.Int64, "outcome": pl.String})
    empty_hires = pl.DataFrame(schema={"state": pl.String, "y": pl.Int64})
    return (pl.concat(moves) if moves else empty_moves), (pl.concat(hires) if hires else empty_hires), {
        **snaps, "planned": planned[days[-1]]}


def estimate(
    workforce: Workforce, *, as_of: date, fit_years: int = 5, space: StateSpace | None = None,
    min_observations: int = 30, salaries: Salaries | None = None,
) -> Fit:
    """Fit the model on the `fit_years` years of history up to `as_of` (fewer when the records are shorter)."""
    space = space or StateSpace()
    salaries = salaries or load_salaries()
    if not isinstance(fit_years, int) or not 1 <= fit_years <= 30:
        raise EstimationError(f"fit_years must be a whole number from 1 to 30, got {fit_years!r}")
    first_record = workforce.assignments.get_column("start_date").min()
    if first_record is None:
        raise EstimationError("the history has no assignments")
    days = [d for d in (years_before(as_of, j) for j in range(fit_years, -1, -1)) if d >= first_record]
    if len(days) < 2:
        raise EstimationError("the history is shorter than one year before the start date; nothing to estimate from")
    moves, hires, snaps = observe(workforce, days=days, space=space)
    planned = snaps.pop("planned")
    start_snap = snaps[as_of]
    if start_snap.height == 0:
        raise EstimationError(f"nobody is employed on {as_of}")
    states = tuple(sorted(pl.concat([s.select("state") for s in snaps.values()]).get_column("state").unique().to_list()))
    index = {s: i for i, s in enumerate(states)}
    S, E = len(states), len(EXIT_REASONS)
    outcomes = {**index, **{r: S + e for e, r in enumerate(EXIT_REASONS)}}
    ys = np.array(list(space.cohorts))

    observations = np.zeros(S)
    retirements = np.zeros(S)
    counts = np.zeros((S, S + E))
    tally = moves.group_by("state", "outcome").len()
    for state, outcome, n in tally.iter_rows():
        i = index[state]
        observations[i] += n
        if outcome == RETIREMENT:
            retirements[i] += n
        else:
            counts[i, outcomes.get(outcome, S + E - 1)] += n
    q, pooled = _pool(counts, states, min_observations)
    retirement = _retirement(moves, ys, min_observations)
    timing = _timing(workforce, days)

    fte, salary = _fte_and_salary(pl.concat(list(snaps.values())), states, salaries)
    recruits = _cells(hires, index, space)
    # The start follows each person's planned retirement (a stated intended age, else AOW); the
    # history above stays on the AOW date. The generatiepact window below is the legal one (AOW).
    start = _cells(planned.select("state", "y"), index, space)
    moved = int((planned.get_column("y") != start_snap.get_column("y")).sum())
    start_fte = _sums(_codes(start_snap, index), start_snap.get_column("fte"), len(index))
    heads = start.sum(axis=1)
    fte = np.where(heads > 0, start_fte / np.maximum(heads, 1), fte)  # t = 0 of a projection is the real FTE
    window = start_snap.filter(pl.col("y").is_between(0, PACT_WINDOW_YEARS - 1))
    served = window.filter(pl.col("spell_start") <= years_before(as_of, PACT_MIN_SERVICE_YEARS)).height
    pact_eligible = served / window.height if window.height else 0.0
    return Fit(
        as_of=as_of, space=space, observation_days=tuple(days), states=states, min_observations=min_observations,
        observations=observations, retirements=retirements, counts=counts, q=q, pooled=pooled,
        retirement=retirement, retirement_timing=timing, fte=fte, salary=salary, recruits=recruits,
        recruits_per_year=float(hires.height) / (len(days) - 1), start=start, start_fte=start_fte,
        pact_eligible=pact_eligible, salaries=salaries, intended_retirement=moved,
    )


def _pool(counts: np.ndarray, states: tuple[str, ...], minimum: int) -> tuple[np.ndarray, tuple[str, ...]]:
    S = len(states)
    values = [split_state(s)[0] for s in states]
    families = [split_state(s)[1] for s in states]
    rows = counts.sum(axis=1)
    q = np.zeros_like(counts)
    pooled = []
    everyone = counts.sum(axis=0)
    all_exits = everyone[S:] / max(everyone.sum(), 1)
    for i in range(S):
        if rows[i] >= minimum:
            q[i] = counts[i] / rows[i]
            pooled.append("own")
            continue
        peers = [j for j in range(S) if values[j] == values[i]]
        peer_rows = counts[peers]
        if peer_rows.sum() >= minimum:
            # destinations re-read as "same value-change, own family"; exits as they are
            row = np.zeros(counts.shape[1])
            row[S:] = peer_rows[:, S:].sum(axis=0)
            for j in peers:
                for d in range(S):
                    if counts[j, d]:
                        target = next((t for t in range(S) if values[t] == values[d] and families[t] == families[i]), i)
                        row[target] += counts[j, d]
            q[i] = row / row.sum()
            pooled.append("phase")
        else:
            q[i, S:] = all_exits
            q[i, i] = 1 - all_exits.sum()
            pooled.append("all")
    return q, tuple(pooled)


def _retirement(moves: pl.DataFrame, ys: np.ndarray, minimum: int) -> pl.DataFrame:
    tally = moves.group_by("y").agg(pl.len().alias("n"), (pl.col("outcome") == RETIREMENT).sum().alias("r"))
    seen = dict(zip(tally.get_column("y").to_list(), zip(tally.get_column("n").to_list(), tally.get_column("r").to_list())))
    n = np.array([seen.get(int(y), (0, 0))[0] for y in ys], dtype=float)
    r = np.array([seen.get(int(y), (0, 0))[1] for y in ys], dtype=float)
    rate, window = np.zeros(len(ys)), np.zeros(len(ys), dtype=np.int64)
    for i in range(len(ys)):
        w = 0
        while True:
            lo, hi = max(0, i - w), min(len(ys), i + w + 1)
            if n[lo:hi].sum() >= minimum or (lo == 0 and hi == len(ys)):
                break
            w += 1
        total = n[lo:hi].sum()
        rate[i] = r[lo:hi].sum() / total if total else 0.0
        window[i] = w
    return pl.DataFrame({"y": ys, "observations": n.astype(np.int64), "retirements": r.astype(np.int64),
                         "rate": rate, "window": window})


def _timing(workforce: Workforce, days: list[date]) -> pl.DataFrame:
    """Observed retirements in the fit window by whole years after the AOW date (negative = before)."""
    from levensfase.analytics.phases import aow_dates

    spells = workforce.spells.filter(
        (pl.col("end_reason") == RETIREMENT) & (pl.col("end_date") >= days[0]) & (pl.col("end_date") < days[-1]))
    people = workforce.people.select("person_id", "birth_date")
    joined = spells.join(people, on="person_id").join(aow_dates(people.get_column("birth_date")), on="birth_date")
    after = ((pl.col("end_date") - pl.col("aow_date")).dt.total_days() / 365.25).floor().cast(pl.Int64)
    table = joined.group_by(after.alias("years_after_aow")).len("retirements").sort("years_after_aow")
    total = table.get_column("retirements").sum() or 1
    return table.with_columns(share=pl.col("retirements") / total)


def _fte_and_salary(rows: pl.DataFrame, states: tuple[str, ...], salaries: Salaries) -> tuple[np.ndarray, np.ndarray]:
    grades = rows.get_column("grade").unique().to_list()
    lookup = pl.DataFrame({"grade": grades, "salary": salaries.salaries(grades)},
                          schema={"grade": pl.Int64, "salary": pl.Float64})
    salary = rows.join(lookup, on="grade", how="left", maintain_order="left").get_column("salary")
    codes, fte = _codes(rows, {s: i for i, s in enumerate(states)}), rows.get_column("fte")
    heads, ftes, paid = (_sums(codes, v, len(states)) for v in (None, fte, salary * fte))
    mean_fte = float(fte.mean() or 0.8)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.where(heads > 0, ftes / np.maximum(heads, 1), mean_fte),
                np.where(heads > 0, paid / ftes, salaries.default_salary))


def _codes(rows: pl.DataFrame, index: dict[str, int]) -> np.ndarray:
    return rows.get_column("state").replace_strict(index, return_dtype=pl.Int64).to_numpy()


def _sums(codes: np.ndarray, values: pl.Series | None, states: int) -> np.ndarray:
    """Per state (`codes`: each row's state index) the sum of `values` (None: the row count), added
    in row order: the same bits on every run, where a parallel group-by sum may round differently
    from one run to the next."""
    weights = None if values is None else values.fill_null(0.0).to_numpy()
    return np.bincount(codes, weights=weights, minlength=states).astype(float)


def _cells(frame: pl.DataFrame, index: dict[str, int], space: StateSpace) -> np.ndarray:
    cells = np.zeros((len(index), len(space.cohorts)))
    for state, y, n in frame.group_by("state", "y").len().iter_rows():
        cells[index[state], y - space.y_min] += n
    return cells
