"""Synthetic Dutch care organisation in the exchange format: demo data, tests and benchmarks.

`generate` simulates *Zorggroep Waalland*, a fictional regional care group (verpleging,
verzorging en thuiszorg), year by year: a Dutch age structure with many 50-plussers, mostly women
in part-time care jobs, hires, exits, internal moves (doorstroom), retirements around each
person's AOW date, life events, absences, survey waves, career conversations, arrangements and
skills. No real person is in it. The same arguments always give the same tables (numpy Generator
seeded once; every step draws in a fixed order and every table is sorted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import polars as pl

from levensfase.ingest.synthetic import frames, health, hr, names
from levensfase.ingest.synthetic.careers import simulate
from levensfase.ingest.synthetic.catalogue import Catalogue, build_catalogue
from levensfase.ingest.synthetic.plant import PlantedEffect, plant_effect
from levensfase.ingest.synthetic.population import Lives, shift_years, to_day
from levensfase.model.schema import TABLES
from levensfase.model.workforce import conform

__all__ = ["BLOCK_PEOPLE", "generate", "generate_chunks", "generate_scan"]

MAX_EMPLOYEES = 2_000_000
MAX_YEARS = 40
# People per block: each block's person tables (absences, surveys, conversations, arrangements,
# skills) are drawn from a random stream of its own and written as one chunk, so a sector-size run
# never holds every table at once. The first block draws from the run's own stream, so an
# organisation of up to BLOCK_PEOPLE people ever employed (about 120.000 employees with 10 years of
# history) is exactly what it was before blocks existed; beyond that, those tables are drawn per
# block (the careers, people, assignments and life events never depend on the blocks).
BLOCK_PEOPLE = 250_000
BLOCK_STREAM = 0x424C4F4B  # "BLOK": the stream id next to the seed and the block number
FIXED_TABLES = ("units", "jobs", "skills", "job_skills")


# The AOW table holds life-expectancy assumptions up to 2100; the youngest people of a run need them.
FIRST_AS_OF, LAST_AS_OF = date(1990, 1, 1), date(2045, 12, 31)


def _check(employees: object, years: object, seed: object, as_of: object) -> date:
    if isinstance(employees, bool) or not isinstance(employees, int) or not 1 <= employees <= MAX_EMPLOYEES:
        raise ValueError(f"employees must be a whole number from 1 to {MAX_EMPLOYEES:,}, got {employees!r}")
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise ValueError(f"years must be a whole number from 1 to {MAX_YEARS}, got {years!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number, got {seed!r}")
    if isinstance(as_of, datetime):  # a datetime is a date: keep only the day
        as_of = as_of.date()
    if not isinstance(as_of, date) or not FIRST_AS_OF <= as_of <= LAST_AS_OF:
        raise ValueError(f"as_of must be a date from {FIRST_AS_OF} to {LAST_AS_OF}, got {as_of!r}")
    return as_of


def generate(*, employees: int, years: int, seed: int, as_of: date,
             progress: Callable[[str, float], None] | None = None,
             plant: PlantedEffect | None = None, block_people: int = BLOCK_PEOPLE) -> dict[str, pl.DataFrame]:
    """Every exchange table of a synthetic organisation with exactly `employees` people on `as_of`.

    History runs from `as_of - years` to `as_of`. `progress(stage, fraction)` is called now and then
    (fraction from 0 to 1 over the whole run) so a command line can draw a progress bar.
    `plant` redraws one arrangement's uptake with a known effect on exits (synthetic/plant.py); the
    other tables and the random draws before it stay exactly as without it.
    The tables are the chunks of `generate_chunks` put together (rows sorted by person throughout).
    Raises ValueError with a plain message for impossible arguments.
    """
    parts: dict[str, list[pl.DataFrame]] = {name: [] for name in TABLES}
    for chunk in generate_chunks(employees=employees, years=years, seed=seed, as_of=as_of, progress=progress,
                                 block_people=block_people):
        for name, frame in chunk.items():
            parts[name].append(frame)
    out = {name: pl.concat(frames) if len(frames) > 1 else frames[0] for name, frames in parts.items()}
    if plant is not None:
        out = plant_effect(out, plant, first=shift_years(as_of, -years), as_of=as_of, seed=seed)
        out = {name: conform(name, frame) for name, frame in out.items()}
    return out


def generate_chunks(*, employees: int, years: int, seed: int, as_of: date,
                    progress: Callable[[str, float], None] | None = None,
                    block_people: int = BLOCK_PEOPLE) -> Iterator[dict[str, pl.DataFrame]]:
    """The organisation of `generate` in chunks, for writing a sector without holding it whole.

    The first chunk holds the fixed tables (units, jobs, skills, job_skills); then one chunk per
    block of `block_people` people (person numbers in order) with every person table of those
    people, each sorted as the whole table is. The careers are simulated for everyone first (one
    vectorised step per year); only the tables drawn per person come block by block.
    """
    as_of = _check(employees, years, seed, as_of)
    if isinstance(block_people, bool) or not isinstance(block_people, int) or block_people < 1:
        raise ValueError(f"block_people must be a whole number of at least 1, got {block_people!r}")

    def report(stage: str, fraction: float) -> None:
        if progress is not None:
            progress(stage, min(1.0, max(0.0, fraction)))

    org = _simulate(employees=employees, years=years, seed=seed, as_of=as_of, report=report)
    yield {name: conform(name, getattr(org.cat, name)) for name in FIXED_TABLES}
    blocks = max(1, -(-len(org.lives) // block_people))
    for b in range(blocks):
        rng = org.rng if b == 0 else np.random.default_rng([seed, BLOCK_STREAM, b])

        def stage(name: str, step: float, b: int = b) -> None:
            report(name, 0.3 + 0.7 * (b + step) / blocks)

        yield _block(org, rng, lo=b * block_people, hi=min((b + 1) * block_people, len(org.lives)), stage=stage)
    report("klaar", 1.0)


@dataclass(frozen=True)
class _Org:
    """What is drawn for the whole organisation before the tables drawn per person."""

    rng: np.random.Generator
    cat: Catalogue
    lives: Lives
    spells: tuple[np.ndarray, ...]
    seg: pl.DataFrame
    side: pl.DataFrame
    names: pl.Series
    first_start: np.ndarray
    width: int
    bounds: list[int]
    waves: list[int]


def _simulate(*, employees: int, years: int, seed: int, as_of: date,
              report: Callable[[str, float], None]) -> _Org:
    rng = np.random.default_rng(seed)
    bounds = [to_day(shift_years(as_of, -(years - k))) for k in range(years + 1)]
    report("organisatie", 0.0)
    cat = build_catalogue(employees=employees, rng=rng)
    hist = simulate(rng=rng, cat=cat, employees=employees, bounds=bounds,
                    progress=lambda _s, f: report("loopbanen", 0.02 + 0.23 * f))
    spells = hist.spells()
    seg = frames.main_segments(hist)
    side = frames.side_jobs(rng, cat, seg, as_of=bounds[-1])
    first_start = np.full(len(hist.lives), np.iinfo(np.int64).max)
    np.minimum.at(first_start, spells[0], spells[1])
    report("levensgebeurtenissen", 0.3)
    return _Org(rng=rng, cat=cat, lives=hist.lives, spells=spells, seg=seg, side=side,
                names=names.draw_names(seed, hist.lives.sex), first_start=first_start,
                width=frames.pid_width(len(hist.lives)), bounds=bounds,
                waves=health.wave_days(as_of=as_of, first_day=bounds[0]))


def _block(org: _Org, rng: np.random.Generator, *, lo: int, hi: int,
           stage: Callable[[str, float], None]) -> dict[str, pl.DataFrame]:
    """Every person table of the people numbered lo … hi-1, drawn from `rng` in the generator's order."""
    cat, lives, width, end = org.cat, org.lives, org.width, org.bounds[-1]
    mine = (org.spells[0] >= lo) & (org.spells[0] < hi)
    spells = org.spells if mine.all() else tuple(x[mine] for x in org.spells)
    in_block = pl.col("person").is_between(lo, hi - 1)
    seg = org.seg.filter(in_block)
    tables = {
        "people": frames.people_table(lives.slice(lo, hi), width, org.names[lo:hi], first=lo),
        "assignments": frames.assignments_table(cat, width, pl.concat([seg, org.side.filter(in_block)])),
        "life_events": frames.life_events_table(lives.slice(lo, hi), width, first_start=org.first_start[lo:hi],
                                                as_of=end, first=lo),
    }
    stage("verzuim", 0.1)
    absence = health.absences(rng, lives, spells, bounds=org.bounds)
    tables["absences"] = absence.select(frames.pid(width), frames.day("start", "start_date"),
                                        frames.day("end", "end_date"), "pregnancy")
    stage("vragenlijsten", 0.3)
    answers = health.surveys(rng, lives, seg, absence, job_physical=cat.job_physical, waves=org.waves)
    tables["surveys"] = answers.sort("person", "day", "order").select(
        frames.pid(width), frames.day("day", "date"), "instrument", "item", "value")
    stage("gesprekken", 0.5)
    talks = hr.conversations(rng, lives, seg, spells, as_of=end)
    tables["conversations"] = talks.sort("person", "day", "order").select(
        frames.pid(width), frames.day("day", "date"), "topic", "value")
    stage("regelingen", 0.6)
    arr = hr.arrangements(rng, cat, lives, seg, spells, bounds=org.bounds)
    tables["arrangements"] = arr.select(
        frames.pid(width), "code", frames.day("start", "start_date"), frames.day("end", "end_date"),
        pl.col("hours").fill_nan(None), pl.col("cost").fill_nan(None).alias("cost_eur"))
    stage("vaardigheden", 0.8)
    # person_skills looks a spell's start up by its number in the whole organisation
    ps = hr.person_skills(rng, cat, seg, org.spells, as_of=end)
    tables["person_skills"] = ps.sort("person", "skill_id", "source", "day").select(
        frames.pid(width), "skill_id", "level", "source", frames.day("day", "date"))
    return {name: conform(name, frame) for name, frame in tables.items()}


def generate_scan(tables: dict[str, pl.DataFrame], *, seed: int, as_of: date, plant: float | None = None):
    """The social-innovation scan of a generated organisation: two rounds of scan_responses, unit KPIs
    and one programme (`synthetic/scan.py`; `plant` = a known programme effect). Apart from `generate`
    and drawing from its own random stream, so the exchange tables stay exactly as they are."""
    from levensfase.ingest.synthetic.scan import synthetic_scan

    return synthetic_scan(tables, seed=seed, as_of=as_of, plant=plant)
