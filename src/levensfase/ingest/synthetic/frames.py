"""Turn the simulated arrays into exchange tables: people, assignments and life_events.

Assignments come from the main chain of segments (adjacent, never overlapping) plus a few
concurrent part-time side jobs that stay strictly inside their spell, so the spells derived
from the file are exactly the simulated ones and end_reason sits on the spell's last assignment.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from levensfase.ingest.synthetic.careers import FIXED_TERM, TEMPORARY, History
from levensfase.ingest.synthetic.catalogue import Catalogue
from levensfase.ingest.synthetic.population import NEVER, Lives
from levensfase.model.schema import CONTRACTS, END_REASONS

SIDE_JOB_SHARE = 0.03


def person_ids(n: int) -> np.ndarray:
    width = max(6, len(str(n)))
    return np.array([f"P{i + 1:0{width}d}" for i in range(n)])


def day_col(name: str, values: np.ndarray) -> pl.Expr:
    """An int-day array as a Date column, NEVER (or beyond) becoming null."""
    s = pl.Series(name, values, dtype=pl.Int64)
    return pl.when(s < NEVER).then(s).otherwise(None).cast(pl.Int32).cast(pl.Date).alias(name)


def frame(**columns) -> pl.DataFrame:
    """Build a frame from numpy arrays; int-day arrays are passed as ("date", array)."""
    exprs = []
    for name, values in columns.items():
        if isinstance(values, tuple) and values[0] == "date":
            exprs.append(day_col(name, values[1]))
        else:
            exprs.append(pl.Series(name, values).alias(name) if not isinstance(values, pl.Expr) else values)
    return pl.select(exprs) if exprs else pl.DataFrame()


def main_segments(hist: History) -> pl.DataFrame:
    """One row per assignment of the main chain: spell, person, start, end, team, job, fte, contract, reason."""
    s_person, _, s_end, s_reason = hist.spells()
    spell, start, team, job, fte, contract = hist.segments()
    order = np.lexsort((start, spell))
    spell, start, team, job, fte, contract = (x[order] for x in (spell, start, team, job, fte, contract))
    last = np.r_[spell[1:] != spell[:-1], True]
    end = np.where(last, s_end[spell], np.r_[start[1:], 0] - 1)
    reason = np.where(last, s_reason[spell], -1)
    return pl.DataFrame({"spell": spell, "person": s_person[spell], "start": start, "end": end, "team": team,
                         "job": job, "fte": fte, "contract": contract, "reason": reason})


def side_jobs(rng: np.random.Generator, cat: Catalogue, seg: pl.DataFrame, *, as_of: int) -> pl.DataFrame:
    """A few concurrent second part-time assignments (another team, another care job), inside one segment."""
    cand = seg.filter(pl.Series(cat.job_care[seg["job"].to_numpy()]) & (pl.col("fte") <= 0.7))
    pick = rng.random(cand.height) < SIDE_JOB_SHARE
    cand = cand.filter(pl.Series(pick))
    if cand.height == 0:
        return cand.select("spell", "person", "start", "end", "team", "job", "fte", "contract", "reason").clear()
    seg_end = np.minimum(cand["end"].to_numpy(), as_of)
    seg_start = cand["start"].to_numpy()
    span = seg_end - seg_start
    keep = span >= 30
    start = seg_start + 1 + (rng.random(len(span)) * np.maximum(span - 1, 0)).astype(np.int64)
    end = start + rng.integers(90, 900, len(span))
    # Inside the spell: strictly before the end of a closed spell (so the spell's end_reason stays on
    # its main assignment), and within its own segment when another segment follows (fte sum ≤ 1).
    own_end = cand["end"].to_numpy()
    closed = cand["reason"].to_numpy() >= 0
    followed = ~closed & (own_end < NEVER)
    end = np.where(closed, np.minimum(end, own_end - 1), end)
    end = np.where(end >= as_of, NEVER, end)
    end = np.where(followed, np.minimum(end, own_end), end)
    keep &= end >= start
    side_pool = np.flatnonzero(cat.job_care & (cat.job_grade <= 40))
    job = rng.choice(side_pool, size=len(span))
    same = job == cand["job"].to_numpy()
    job[same] = side_pool[(np.searchsorted(side_pool, job[same]) + 1) % side_pool.size]
    team = np.array([rng.choice(cat.job_teams[j]) for j in job], dtype=np.int64)
    fte = np.round(rng.choice([0.1, 0.15, 0.2, 0.25, 0.3], size=len(span)), 2)
    contract = np.where(rng.random(len(span)) < 0.6, FIXED_TERM, TEMPORARY)
    out = pl.DataFrame({"spell": cand["spell"], "person": cand["person"], "start": start, "end": end,
                        "team": team, "job": job, "fte": fte, "contract": contract,
                        "reason": np.full(len(span), -1)}).filter(pl.Series(keep))
    # no overlap with a main-chain assignment of the same person in the same job
    clash = out.join(seg.select("person", "job", s="start", e="end"), on=["person", "job"], how="inner").filter(
        (pl.col("s") <= pl.col("end")) & (pl.col("start") <= pl.col("e")))
    out = out.join(clash.select("spell", "start").unique(), on=["spell", "start"], how="anti")
    return out.sort("person", "start").unique("person", keep="first", maintain_order=True)


def assignments_table(cat: Catalogue, pids: np.ndarray, rows: pl.DataFrame) -> pl.DataFrame:
    contracts = np.array(CONTRACTS)
    reasons = np.array(("",) + END_REASONS)
    r = rows.sort("person", "start", "job", "team")
    reason = reasons[r["reason"].to_numpy() + 1]
    return frame(
        person_id=pids[r["person"].to_numpy()],
        start_date=("date", r["start"].to_numpy()),
        end_date=("date", r["end"].to_numpy()),
        unit_id=cat.unit_ids[r["team"].to_numpy()],
        job_id=cat.job_ids[r["job"].to_numpy()],
        fte=r["fte"].to_numpy().astype(float),
        contract=contracts[r["contract"].to_numpy()],
        end_reason=pl.Series("end_reason", reason).replace("", None),
    )


def people_table(lives: Lives, pids: np.ndarray) -> pl.DataFrame:
    return frame(person_id=pids, birth_date=("date", lives.birth), sex=lives.sex)


def life_events_table(lives: Lives, pids: np.ndarray, *, first_start: np.ndarray, as_of: int) -> pl.DataFrame:
    """Events known to HR: partner and children always; other episodes when they touch the employment."""
    parts = []
    n = len(lives)
    idx = np.arange(n)

    def add(event: str, start: np.ndarray, end: np.ndarray | None, relevant: np.ndarray) -> None:
        end_arr = np.full(n, NEVER) if end is None else np.where(end > as_of, NEVER, end)
        mask = (start <= as_of) & relevant
        parts.append(pl.DataFrame({"person": idx[mask], "event": event, "start": start[mask], "end": end_arr[mask]}))

    everyone = np.ones(n, dtype=bool)
    add("partner", lives.partner, None, everyone)
    for c in range(lives.children.shape[1]):
        add("child", lives.children[:, c], None, everyone)
    add("caregiving", lives.care_start, lives.care_end, lives.care_end >= first_start)
    add("study", lives.study_start, lives.study_end, lives.study_end >= first_start)
    add("health_limitation", lives.health_start, lives.health_end, lives.health_end >= first_start)
    ev = pl.concat(parts).sort("person", "event", "start").unique(["person", "event", "start"], maintain_order=True)
    return frame(person_id=pids[ev["person"].to_numpy()], event=ev["event"].to_numpy(),
                 start_date=("date", ev["start"].to_numpy()), end_date=("date", ev["end"].to_numpy()))
