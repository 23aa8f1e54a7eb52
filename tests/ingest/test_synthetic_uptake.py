"""The generator's own arrangement records: uptake depends on what is known on the start day only.

A yearly offer (opleidingsbudget, vitality programme, …) used to be drawn on a day inside the
employed part of the year, so someone who left in February had a whole year's chance squeezed
into six weeks: uptake "knew" the exit, and on the demo real arrangements looked harmful. Now the
day is drawn over the whole year and counts only while the person is employed on it.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.ingest.generator import generate
from levensfase.model.workforce import derive_spells

AS_OF = date(2025, 12, 31)
FIRST = date(2020, 1, 1)
TAIL_DAYS = 120


def _rates(tables) -> tuple[float, float]:
    """Starts of opleidingsbudget per employed day in the last TAIL_DAYS before an exit, and elsewhere."""
    spells = derive_spells(tables["assignments"]).with_columns(
        end=pl.col("end_date").fill_null(AS_OF), lo=pl.max_horizontal("start_date", pl.lit(FIRST))).filter(
        pl.col("end") >= pl.col("lo"))
    spells = spells.with_columns(tail_lo=pl.when(pl.col("end_date").is_not_null()).then(
        pl.max_horizontal("lo", pl.col("end") - pl.duration(days=TAIL_DAYS - 1))).otherwise(pl.col("end") + pl.duration(days=1)))
    tail_days = ((spells["end"] - spells["tail_lo"]).dt.total_days() + 1).sum()
    all_days = ((spells["end"] - spells["lo"]).dt.total_days() + 1).sum()
    starts = tables["arrangements"].filter(pl.col("code") == "opleidingsbudget").join(spells, on="person_id").filter(
        pl.col("start_date").is_between(pl.col("lo"), pl.col("end")))
    in_tail = starts.filter(pl.col("start_date") >= pl.col("tail_lo")).height
    return in_tail / tail_days, (starts.height - in_tail) / (all_days - tail_days)


def test_uptake_does_not_rise_before_an_exit():
    tail, rest = _rates(generate(employees=3000, years=6, seed=3, as_of=AS_OF))
    # 2,4 times the rate before the fix; leavers are younger (and the young are offered more), so a
    # little above 1 remains
    assert tail < 1.5 * rest
