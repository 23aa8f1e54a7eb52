"""Synthetic Dutch care organisation in the exchange format: demo data, tests and benchmarks.

`generate` simulates *Zorggroep Waalland*, a fictional regional care group (verpleging,
verzorging en thuiszorg), year by year: a Dutch age structure with many 50-plussers, mostly women
in part-time care jobs, hires, exits, internal moves (doorstroom), retirements around each
person's AOW date, life events, absences, survey waves, career conversations, arrangements and
skills. No real person is in it. The same arguments always give the same tables (numpy Generator
seeded once; every step draws in a fixed order and every table is sorted).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import numpy as np
import polars as pl

from levensfase.ingest.synthetic import frames, health, hr, names
from levensfase.ingest.synthetic.careers import simulate
from levensfase.ingest.synthetic.catalogue import build_catalogue
from levensfase.ingest.synthetic.plant import PlantedEffect, plant_effect
from levensfase.ingest.synthetic.population import shift_years, to_day
from levensfase.model.schema import TABLES
from levensfase.model.workforce import conform

__all__ = ["generate", "generate_scan"]

MAX_EMPLOYEES = 2_000_000
MAX_YEARS = 40


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
             plant: PlantedEffect | None = None) -> dict[str, pl.DataFrame]:
    """Every exchange table of a synthetic organisation with exactly `employees` people on `as_of`.

    History runs from `as_of - years` to `as_of`. `progress(stage, fraction)` is called now and then
    (fraction from 0 to 1 over the whole run) so a command line can draw a progress bar.
    `plant` redraws one arrangement's uptake with a known effect on exits (synthetic/plant.py); the
    other tables and the random draws before it stay exactly as without it.
    Raises ValueError with a plain message for impossible arguments.
    """
    as_of = _check(employees, years, seed, as_of)

    def report(stage: str, fraction: float) -> None:
        if progress is not None:
            progress(stage, min(1.0, max(0.0, fraction)))

    rng = np.random.default_rng(seed)
    bounds = [to_day(shift_years(as_of, -(years - k))) for k in range(years + 1)]
    t0, end = bounds[0], bounds[-1]
    report("organisatie", 0.0)
    cat = build_catalogue(employees=employees, rng=rng)
    hist = simulate(rng=rng, cat=cat, employees=employees, bounds=bounds,
                    progress=lambda _s, f: report("loopbanen", 0.05 + 0.45 * f))
    lives = hist.lives
    spells = hist.spells()
    seg = frames.main_segments(hist)
    side = frames.side_jobs(rng, cat, seg, as_of=end)
    width = frames.pid_width(len(lives))
    first_start = np.full(len(lives), np.iinfo(np.int64).max)
    np.minimum.at(first_start, spells[0], spells[1])
    report("levensgebeurtenissen", 0.55)
    tables = {
        "units": cat.units,
        "jobs": cat.jobs,
        "people": frames.people_table(lives, width, names.draw_names(seed, lives.sex)),
        "assignments": frames.assignments_table(cat, width, pl.concat([seg, side])),
        "life_events": frames.life_events_table(lives, width, first_start=first_start, as_of=end),
    }
    report("verzuim", 0.6)
    absence = health.absences(rng, lives, spells, bounds=bounds)
    tables["absences"] = absence.select(frames.pid(width), frames.day("start", "start_date"),
                                        frames.day("end", "end_date"), "pregnancy")
    report("vragenlijsten", 0.7)
    waves = health.wave_days(as_of=as_of, first_day=t0)
    answers = health.surveys(rng, lives, seg, absence, job_physical=cat.job_physical, waves=waves)
    tables["surveys"] = answers.sort("person", "day", "order").select(
        frames.pid(width), frames.day("day", "date"), "instrument", "item", "value")
    report("gesprekken", 0.8)
    talks = hr.conversations(rng, lives, seg, spells, as_of=end)
    tables["conversations"] = talks.sort("person", "day", "order").select(
        frames.pid(width), frames.day("day", "date"), "topic", "value")
    report("regelingen", 0.85)
    arr = hr.arrangements(rng, cat, lives, seg, spells, bounds=bounds)
    tables["arrangements"] = arr.select(
        frames.pid(width), "code", frames.day("start", "start_date"), frames.day("end", "end_date"),
        pl.col("hours").fill_nan(None), pl.col("cost").fill_nan(None).alias("cost_eur"))
    report("vaardigheden", 0.9)
    ps = hr.person_skills(rng, cat, seg, spells, as_of=end)
    tables["skills"] = cat.skills
    tables["job_skills"] = cat.job_skills
    tables["person_skills"] = ps.sort("person", "skill_id", "source", "day").select(
        frames.pid(width), "skill_id", "level", "source", frames.day("day", "date"))
    out = {name: conform(name, tables[name]) for name in TABLES}
    if plant is not None:
        out = plant_effect(out, plant, first=shift_years(as_of, -years), as_of=as_of, seed=seed)
        out = {name: conform(name, frame) for name, frame in out.items()}
    report("klaar", 1.0)
    return out


def generate_scan(tables: dict[str, pl.DataFrame], *, seed: int, as_of: date, plant: float | None = None):
    """The social-innovation scan of a generated organisation: two rounds of scan_responses, unit KPIs
    and one programme (`synthetic/scan.py`; `plant` = a known programme effect). Apart from `generate`
    and drawing from its own random stream, so the exchange tables stay exactly as they are."""
    from levensfase.ingest.synthetic.scan import synthetic_scan

    return synthetic_scan(tables, seed=seed, as_of=as_of, plant=plant)
