"""The generated organisation's social-innovation scan (issue 19): two measurement rounds of
`scan_responses.csv`, quarterly `unit_kpis.csv` and one change programme.

Each unit without sub-units has a latent level per dimension (around 3 on the 1–5 scale); a
response is that level plus a person and an item deviation, rounded to a whole answer. Between the
rounds every unit drifts a little and, with `plant`, the programme's units rise by `plant` on every
dimension — a known effect that `scan.programmes.difference_in_differences` must recover. Levels sit
mid-scale so that rounding and the 1–5 bounds hardly bend the planted effect.

Respondents are the people employed in the unit on the round's date (about 70% answer); managers
are those in a management job. Nothing ties a response to a person: response ids are numbered
after shuffling, and `date` is the round's date. Draws come from their own generator
(seed, 19), so the other generated tables stay exactly as they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import polars as pl

from levensfase.analytics.metrics import covering
from levensfase.ingest.synthetic.population import shift_years
from levensfase.scan.instrument import Instrument, load_instrument
from levensfase.scan.kpis import KPI_SCHEMA
from levensfase.scan.programmes import Programme
from levensfase.scan.responses import RESPONSE_SCHEMA

__all__ = ["SyntheticScan", "synthetic_scan"]

RESPONSE_RATE = 0.7
KPIS = {"productiviteit": (100.0, 6.0), "clienttevredenheid": (7.6, 0.3), "kwaliteit_incidenten": (12.0, 3.0)}


@dataclass(frozen=True)
class SyntheticScan:
    responses: pl.DataFrame
    kpis: pl.DataFrame
    programme: Programme


def _leaves(units: pl.DataFrame) -> list[str]:
    parents = set(units["parent_id"].drop_nulls().to_list())
    return sorted(u for u in units["unit_id"].to_list() if u not in parents)


def _programme_units(units: pl.DataFrame, leaves: list[str]) -> tuple[str, ...]:
    """The home-care division's units (Thuiszorg), else the first division with two or more units."""
    parent = dict(zip(units["unit_id"].to_list(), units["parent_id"].to_list()))
    names = dict(zip(units["unit_id"].to_list(), units["name"].to_list()))
    by_parent: dict[str, list[str]] = {}
    for leaf in leaves:
        if parent.get(leaf) is not None:
            by_parent.setdefault(parent[leaf], []).append(leaf)
    choices = sorted(by_parent, key=lambda p: (names.get(p) != "Thuiszorg", p))
    for p in choices:
        if len(by_parent[p]) >= 2:
            return tuple(by_parent[p])
    return tuple(leaves[:1])


def synthetic_scan(tables: Mapping[str, pl.DataFrame], *, seed: int, as_of: date, plant: float | None = None,
                   instrument: Instrument | None = None) -> SyntheticScan:
    """Two scan rounds (a year before `as_of` and on `as_of`), KPIs per quarter, one programme."""
    instrument = instrument or load_instrument()
    rng = np.random.default_rng([seed, 19])
    units, assignments, jobs = tables["units"], tables["assignments"], tables["jobs"]
    leaves = _leaves(units)
    treated = _programme_units(units, leaves)
    rounds = (shift_years(as_of, -1), as_of)
    programme = Programme(name="Zelfroosterende teams", start=rounds[0] + timedelta(days=30), units=treated,
                          comparison=None, rounds=rounds, targets={"flexibel_organiseren": 3.5})
    dims = instrument.dimension_codes
    level = {u: rng.normal(3.0, 0.25, len(dims)) for u in leaves}
    drift = {u: rng.normal(0.05, 0.08, len(dims)) for u in leaves}
    managers = set(jobs.filter(pl.col("job_family") == "management")["job_id"].to_list())
    items = [(i.code, dims.index(i.dimension), i.reverse) for d in instrument.dimensions for i in d.items]
    low, high = instrument.scale_min, instrument.scale_max
    frames = []
    for n, day in enumerate(rounds):
        staff = covering(assignments, day).filter(pl.col("unit_id").is_in(leaves)).sort("person_id", "start_date") \
            .unique("person_id", keep="first", maintain_order=True).select("unit_id", "job_id").rows()
        answering = [s for s in staff if rng.random() < RESPONSE_RATE]
        order = rng.permutation(len(answering))
        rows = []
        for number, index in enumerate(order, start=1):
            unit, job = answering[index]
            mean = level[unit] + (drift[unit] if n else 0.0)
            if n and plant and unit in treated:
                mean = mean + plant
            person = rng.normal(0.0, 0.4)
            for code, d, reverse in items:
                value = float(np.clip(np.rint(mean[d] + person + rng.normal(0.0, 0.45)), low, high))
                rows.append((f"R{n + 1}-{number:05d}", unit, "manager" if job in managers else "employee", day, code,
                             float(low + high - value) if reverse else value))
        frames.append(pl.DataFrame(rows, schema=RESPONSE_SCHEMA, orient="row"))
    responses = pl.concat(frames).sort("date", "response_id", "item")
    return SyntheticScan(responses, _kpis(rng, leaves, treated, as_of=as_of, start=programme.start, plant=plant),
                         programme)


def _kpis(rng: np.random.Generator, leaves: list[str], treated: tuple[str, ...], *, as_of: date, start: date,
          plant: float | None) -> pl.DataFrame:
    """Quarter ends over the two years up to `as_of`; the programme lifts productivity a little after it starts."""
    ends = sorted({_quarter_end(shift_years(as_of, -2) + timedelta(days=91 * q)) for q in range(1, 9)})
    ends = [e for e in ends if e <= as_of]
    rows = []
    for unit in leaves:
        base = {kpi: rng.normal(mean, sd) for kpi, (mean, sd) in KPIS.items()}
        for end in ends:
            lift = 2.0 * plant if plant and unit in treated and end > start else 0.0
            rows.append((unit, end, "productiviteit", round(base["productiviteit"] + lift + rng.normal(0, 1.5), 1)))
            rows.append((unit, end, "clienttevredenheid", round(base["clienttevredenheid"] + rng.normal(0, 0.15), 1)))
            rows.append((unit, end, "kwaliteit_incidenten", float(max(0, round(base["kwaliteit_incidenten"]
                                                                                + rng.normal(0, 2))))))
    return pl.DataFrame(rows, schema=KPI_SCHEMA, orient="row").sort("unit_id", "period_end", "kpi")


def _quarter_end(day: date) -> date:
    month = ((day.month - 1) // 3) * 3 + 3
    following = date(day.year + (month == 12), 1 if month == 12 else month + 1, 1)
    return following - timedelta(days=1)
