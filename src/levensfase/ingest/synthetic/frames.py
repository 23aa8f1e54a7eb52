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


def pid(width: int, column: str = "person") -> pl.Expr:
    """Person number (0-based int) as the exchange person_id, e.g. 0 -> "P000001"."""
    return pl.concat_str(pl.lit("P"), (pl.col(column) + 1).cast(pl.String).str.zfill(width)).alias("person_id")


def pid_width(n_people: int) -> int:
    return max(6, len(str(n_people)))


def day(column: str, alias: str | None = None) -> pl.Expr:
    """An int-day column as a Date; NEVER (or beyond) becomes null (= open end)."""
    c = pl.col(column)
    return pl.when(c < NEVER).then(c).otherwise(None).cast(pl.Int32).cast(pl.Date).alias(alias or column)


def lookup(values: np.ndarray, index: pl.Series, name: str) -> pl.Series:
    """Map an int index column to the strings it stands for (unit_id, job_id, contract …)."""
    return pl.Series(name, values).gather(index)


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
    team = pick_team(cat, job, rng.integers(0, np.array([t.size for t in cat.job_teams])[job]))
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


def pick_team(cat: Catalogue, job: np.ndarray, draw: np.ndarray) -> np.ndarray:
    """The `draw`-th team of each job: one array draw equals a `choice` per row in row order."""
    team = np.empty(len(job), dtype=np.int64)
    for j in np.unique(job):  # a loop over jobs, not people
        mine = job == j
        team[mine] = cat.job_teams[j][draw[mine]]
    return team


def assignments_table(cat: Catalogue, width: int, rows: pl.DataFrame) -> pl.DataFrame:
    r = rows.sort("person", "start", "team", "job")
    return r.select(
        pid(width),
        day("start", "start_date"),
        day("end", "end_date"),
        lookup(cat.unit_ids, r["team"], "unit_id"),
        lookup(cat.job_ids, r["job"], "job_id"),
        pl.col("fte").cast(pl.Float64),
        lookup(np.array(CONTRACTS), r["contract"], "contract"),
        pl.when(pl.col("reason") >= 0)
        .then(lookup(np.array(END_REASONS), r["reason"].clip(lower_bound=0), "end_reason"))
        .otherwise(None).alias("end_reason"),
    )


def people_table(lives: Lives, width: int, names: np.ndarray | pl.Series | None = None, *,
                 first: int = 0) -> pl.DataFrame:
    """people.csv; `names` (v1.2 display_name, one per person) is optional; `lives` holds the people
    numbered from `first` on."""
    frame = pl.DataFrame({"person": np.arange(first, first + len(lives)), "birth": lives.birth, "sex": lives.sex})
    if names is not None:
        frame = frame.with_columns(display_name=pl.Series(names, dtype=pl.String()))
    return frame.select(pid(width), day("birth", "birth_date"), "sex", *(["display_name"] if names is not None else []))


def life_events_table(lives: Lives, width: int, *, first_start: np.ndarray, as_of: int,
                      first: int = 0) -> pl.DataFrame:
    """Events known to HR: partner and children always; other episodes when they touch the employment.
    `lives` holds the people numbered from `first` on."""
    parts = []
    n = len(lives)
    idx = np.arange(first, first + n)

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
    return ev.select(pid(width), "event", day("start", "start_date"), day("end", "end_date"))
