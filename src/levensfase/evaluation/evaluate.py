"""Did it work? Every arrangement code and every bundle, evaluated against matched comparisons.

`evaluate` builds the person-month panel once, then per arrangement (and per bundle: a person's
first start of any of its codes) matches, follows both arms and estimates the three outcomes.
`evaluation_json` turns the result into the published rows of issue 18, each through the
privacy engine. Matching removes bias from measured covariates only (domain-facts §9a).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from levensfase.evaluation.absence_days import AbsenceIndex, absence_days, absence_index
from levensfase.evaluation.effects import (
    MIN_PAIRS, OUTCOMES, OutcomeEffect, absence_effect, exit_effect, insufficient, wai_effect,
)
from levensfase.evaluation.estimate import REPLICATES, balance
from levensfase.evaluation.matching import Matched, match, months_of
from levensfase.evaluation.outcomes import (
    exit_kinds, exit_outcome, wai_outcome, wai_scores,
)
from levensfase.evaluation.panel import panel as build_panel
from levensfase.evaluation.propensity import Design, design
from levensfase.evaluation.risk_index import PanelIndex, index_panel
from levensfase.model.arrangements import BUNDLES, Catalog, load_catalog
from levensfase.model.workforce import Workforce

__all__ = ["WINDOW_YEARS", "Evaluation", "GroupEvaluation", "evaluate", "evaluate_group", "first_starts",
           "window_start"]


@dataclass(frozen=True)
class GroupEvaluation:
    """One arrangement (code set, bundle = its bundle) or one bundle (code None)."""

    code: str | None
    bundle: str | None
    n_treated: int
    n_matched: int
    caliper: float
    balance: pl.DataFrame
    outcomes: tuple[OutcomeEffect, ...]

    @property
    def max_smd(self) -> float | None:
        values = self.balance.get_column("smd_after").drop_nulls().abs()
        return float(values.max()) if values.len() else None  # type: ignore[arg-type]


@dataclass(frozen=True)
class Evaluation:
    as_of: date
    k: int
    replicates: int
    seed: int
    groups: tuple[GroupEvaluation, ...]


Known = tuple[pl.DataFrame, pl.DataFrame, AbsenceIndex]  # what every group's outcomes read, built once

GROUP_WORKERS = 2  # groups evaluated at once (this machine has two cores)
WINDOW_YEARS = 10  # starts in the ten years before the analysis date are evaluated


def window_start(as_of: date) -> date:
    """The first start day evaluated: WINDOW_YEARS before `as_of` (28 February for 29 February)."""
    try:
        return as_of.replace(year=as_of.year - WINDOW_YEARS)
    except ValueError:
        return as_of.replace(year=as_of.year - WINDOW_YEARS, day=28)


def first_starts(arrangements: pl.DataFrame, codes: list[str], *, as_of: date) -> pl.DataFrame:
    """person_id, start: each person's first start of any of `codes`, on or before `as_of`."""
    return arrangements.filter(pl.col("code").is_in(codes) & (pl.col("start_date") <= as_of)).group_by(
        "person_id").agg(start=pl.col("start_date").min()).sort("person_id")


def evaluate(workforce: Workforce, *, as_of: date, k: int = 5, arrangement: str | None = None,
             catalog: Catalog | None = None, replicates: int = REPLICATES, seed: int = 0,
             progress: Callable[[str, float], None] | None = None, workers: int = GROUP_WORKERS) -> Evaluation:
    """Every arrangement code in the catalog or the data (or only `arrangement`) and every bundle,
    for the people who first took it up in the WINDOW_YEARS before `as_of`. `workers` groups are
    evaluated at the same time (threads: numpy and Polars let go of the interpreter in their
    passes over millions of rows); each group's result depends on its own inputs only."""
    catalog = catalog or load_catalog()
    bundle_of = catalog.bundle_of()
    in_data = set(workforce.arrangements.get_column("code").unique().to_list())
    codes = sorted(set(bundle_of) | in_data, key=lambda c: (BUNDLES.index(bundle_of[c]) if c in bundle_of else 9, c))
    groups: list[tuple[str | None, str | None, list[str]]] = [(c, bundle_of.get(c), [c]) for c in codes]
    if arrangement is not None:
        groups = [g for g in groups if g[0] == arrangement] or [(arrangement, bundle_of.get(arrangement), [arrangement])]
    else:
        groups += [(None, b, [c for c in codes if bundle_of.get(c) == b]) for b in BUNDLES]
    starts = {i: first_starts(workforce.arrangements, g[2], as_of=as_of) for i, g in enumerate(groups)}
    since = window_start(as_of)
    every = pl.concat(list(starts.values())).filter(pl.col("start") >= since) if starts else pl.DataFrame(
        schema={"person_id": pl.String, "start": pl.Date})
    report = progress or (lambda _s, _f: None)
    report("panel", 0.0)
    frame = build_panel(workforce, snapshots=months_of(every))
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        # what every group reads, built side by side: the design matrix, the panel's index, the outcomes' tables
        matrix_job, index_job = pool.submit(design, frame), pool.submit(index_panel, frame)
        known = (exit_kinds(workforce), wai_scores(workforce, as_of=as_of), absence_index(workforce))
        matrix, index = matrix_job.result(), index_job.result()

        def one(i: int) -> GroupEvaluation:
            code, bundle, _ = groups[i]
            return evaluate_group(workforce, frame, matrix, starts[i], code=code, bundle=bundle, as_of=as_of,
                                  replicates=replicates, seed=seed, known=known, since=since, index=index)

        results = []
        # the largest groups first, so that the last ones left to run are small; results in group order
        order = sorted(range(len(groups)), key=lambda i: -starts[i].height)
        running = dict(zip(order, (pool.submit(one, i) for i in order), strict=True))
        for i, (code, bundle, _) in enumerate(groups):
            report(code or bundle or "", 0.3 + 0.7 * i / max(len(groups), 1))
            results.append(running[i].result())
    report("klaar", 1.0)
    return Evaluation(as_of=as_of, k=k, replicates=replicates, seed=seed, groups=tuple(results))


def evaluate_group(workforce: Workforce, frame: pl.DataFrame, matrix: Design, starts: pl.DataFrame, *,
                   code: str | None, bundle: str | None, as_of: date, replicates: int = REPLICATES,
                   seed: int = 0, known: Known | None = None,
                   since: date | None = None, index: PanelIndex | None = None) -> GroupEvaluation:
    """Match the participants in `starts` on the panel `frame` (design `matrix`) and estimate.
    `known`: (`outcomes.exit_kinds`, `outcomes.wai_scores`, `absence_days.absence_index`) when
    already computed for this workforce;
    `since`: only starts from that day on are evaluated (earlier participants are never candidates);
    `index`: `risk_index.index_panel(frame)` when already built."""
    new = starts if since is None else starts.filter(pl.col("start") >= since)
    if new.height == 0:
        nobody = np.zeros(0, dtype=np.int64)
        table = balance(matrix, treated_all=nobody, risk_rows=nobody, matched_t=nobody, matched_c=nobody)
        return GroupEvaluation(code=code, bundle=bundle, n_treated=0, n_matched=0, caliper=0.0, balance=table,
                               outcomes=tuple(insufficient(o, 0) for o in OUTCOMES))
    matched = match(frame, matrix, starts, seed=seed, since=since, index=index)
    pairs = matched.pairs.filter(pl.col("control_id").is_not_null())
    t_all = matched.pairs.get_column("t_row").to_numpy()
    table = balance(matrix, treated_all=t_all, risk_rows=matched.risk_rows,
                    matched_t=pairs.get_column("t_row").to_numpy(), matched_c=pairs.get_column("c_row").to_numpy())
    if pairs.height < MIN_PAIRS:
        outcomes = tuple(insufficient(o, pairs.height) for o in OUTCOMES)
    else:
        outcomes = _outcomes(workforce, frame, matched, as_of=as_of, replicates=replicates, seed=seed, known=known)
    return GroupEvaluation(code=code, bundle=bundle, n_treated=matched.n_treated, n_matched=pairs.height,
                           caliper=matched.caliper, balance=table, outcomes=outcomes)


def _arms(frame: pl.DataFrame, pairs: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Who is followed from each pair's start and until when. A comparison person who takes the
    arrangement up later no longer stands for "not taking it up": they are censored then, and so
    is their participant ("t": pair censoring, as in matched cohort studies of vaccines, Dagan et
    al. 2021). Censoring the comparison arm alone removed its most likely stayers (those who take
    it up resemble those who do) and leaned the hazard ratio below 1 with nothing planted. The
    naive comparison has its own participant arm ("tn"), censored with the naive person."""
    fte = frame.get_column("fte").to_numpy()
    indexed = pairs.with_row_index("id")
    arms = {}
    for arm, person, stop, row in (("t", "treated_id", "control_start", "t_row"), ("tn", "treated_id", "naive_start", "t_row"),
                                   ("c", "control_id", "control_start", "c_row"), ("n", "naive_id", "naive_start", "n_row")):
        part = indexed.filter(pl.col(person).is_not_null())
        rows = part.get_column(row).to_numpy()
        arms[arm] = part.select("id", pl.col(person).alias("person_id"), "start", pl.col(stop).alias("stop"),
                                fte=pl.Series(fte[rows] if rows.size else np.zeros(0), dtype=pl.Float64))
    return arms


def _paired(results: dict[str, pl.DataFrame], a: str, b: str, columns: list[str],
            persons: dict[str, pl.DataFrame]) -> tuple[tuple, tuple, tuple[np.ndarray, np.ndarray]]:
    """The two arms' columns for the pairs both have, in pair order, and the persons of each pair."""
    joined = results[a].join(results[b], on="id", suffix="_b").sort("id").join(
        persons[a].select("id", "person_id"), on="id", how="left").join(
        persons[b].select("id", person_b="person_id"), on="id", how="left")
    left = tuple(joined.get_column(c).cast(pl.Float64).to_numpy() for c in columns)
    right = tuple(joined.get_column(f"{c}_b").cast(pl.Float64).to_numpy() for c in columns)
    return left, right, (joined.get_column("person_id").to_numpy(), joined.get_column("person_b").to_numpy())


def _per_arm(outcome: Callable[[pl.DataFrame], pl.DataFrame], arms: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """`outcome` of every arm, computed once over the arms put end to end (each row's outcome is
    its own, so the numbers are those of four calls; the large tables are joined once, not four times)."""
    width = 1 + max((int(f.get_column("id").max() or 0) for f in arms.values() if f.height), default=0)
    names = list(arms)
    together = pl.concat([f.with_columns(pl.col("id").cast(pl.Int64) + i * width) for i, f in enumerate(arms.values())])
    found = outcome(together).with_columns(_arm=pl.col("id") // width, id=(pl.col("id") % width).cast(pl.UInt32))
    return {a: found.filter(pl.col("_arm") == i).drop("_arm") for i, a in enumerate(names)}


def _outcomes(workforce: Workforce, frame: pl.DataFrame, matched: Matched, *, as_of: date, replicates: int,
              seed: int, known: Known | None) -> tuple[OutcomeEffect, ...]:
    arms = _arms(frame, matched.pairs)
    matched_ids = matched.pairs.with_row_index("id").filter(pl.col("control_id").is_not_null()).select("id")
    arms["c"] = arms["c"].join(matched_ids, on="id")
    spells, scores, absences = known if known is not None else (
        exit_kinds(workforce), wai_scores(workforce, as_of=as_of), absence_index(workforce))
    exits = _per_arm(lambda f: exit_outcome(workforce, f, as_of=as_of, spells=spells), arms)
    t, c, who = _paired(exits, "t", "c", ["time", "event"], arms)
    nt, nc, naive_who = _paired(exits, "tn", "n", ["time", "event"], arms)
    exit_result = exit_effect(t, c, (nt, nc), replicates=replicates, seed=seed, persons=who,
                              naive_persons=naive_who)
    wai = _per_arm(lambda f: wai_outcome(workforce, f, as_of=as_of, scores=scores), arms)
    (wt,), (wc,), who = _paired(wai, "t", "c", ["change"], arms)
    (nwt,), (nwc,), _ = _paired(wai, "tn", "n", ["change"], arms)
    wai_result = wai_effect(wt, wc, (nwt, nwc), replicates=replicates, seed=seed, persons=who)
    absence = _per_arm(lambda f: absence_days(absences, f, as_of=as_of), arms)  # `outcomes.absence_outcome`, on arrays
    at, ac, who = _paired(absence, "t", "c", ["sick_fte", "employed_fte"], arms)
    naive_absence = _paired(absence, "tn", "n", ["sick_fte", "employed_fte"], arms)[:2]
    absence_result = absence_effect(at, ac, naive_absence, replicates=replicates, seed=seed, persons=who)
    return exit_result, wai_result, absence_result
