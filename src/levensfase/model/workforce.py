"""The Workforce: typed Polars tables of the exchange format plus the derived employment spells.

Everything in the core computes on this one value, whether it was read from files or from the
database, so files and database give the same answers by construction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import polars as pl

from levensfase.model.schema import TABLES

OPEN_END = date(9999, 12, 31)  # stands in for an empty end_date inside interval arithmetic


def conform(name: str, frame: pl.DataFrame | None) -> pl.DataFrame:
    """Give a frame exactly the exchange table's columns and dtypes (missing optional columns empty)."""
    table = TABLES[name]
    if frame is None:
        return table.empty()
    columns = []
    for column in table.columns:
        if column.name in frame.columns:
            columns.append(pl.col(column.name).cast(column.dtype, strict=True))
        else:
            columns.append(pl.lit(None, dtype=column.dtype).alias(column.name))
    return frame.select(columns)


@dataclass(frozen=True, eq=False)
class Workforce:
    """The exchange tables of one organisation as Polars frames (DESIGN §3)."""

    units: pl.DataFrame
    jobs: pl.DataFrame
    people: pl.DataFrame
    assignments: pl.DataFrame
    life_events: pl.DataFrame = field(default_factory=lambda: TABLES["life_events"].empty())
    absences: pl.DataFrame = field(default_factory=lambda: TABLES["absences"].empty())
    surveys: pl.DataFrame = field(default_factory=lambda: TABLES["surveys"].empty())
    conversations: pl.DataFrame = field(default_factory=lambda: TABLES["conversations"].empty())
    arrangements: pl.DataFrame = field(default_factory=lambda: TABLES["arrangements"].empty())
    skills: pl.DataFrame = field(default_factory=lambda: TABLES["skills"].empty())
    job_skills: pl.DataFrame = field(default_factory=lambda: TABLES["job_skills"].empty())
    person_skills: pl.DataFrame = field(default_factory=lambda: TABLES["person_skills"].empty())

    @classmethod
    def from_tables(cls, tables: Mapping[str, pl.DataFrame]) -> Workforce:
        """Build from a mapping of table name to frame; absent tables are empty, dtypes are enforced."""
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise ValueError(f"unknown exchange tables: {sorted(unknown)}")
        return cls(**{name: conform(name, tables.get(name)) for name in TABLES})

    def tables(self) -> dict[str, pl.DataFrame]:
        return {name: getattr(self, name) for name in TABLES}

    @cached_property
    def spells(self) -> pl.DataFrame:
        """Employment spells: see `derive_spells`."""
        return derive_spells(self.assignments)


def derive_spells(assignments: pl.DataFrame) -> pl.DataFrame:
    """Join each person's overlapping or directly adjacent assignments into employment spells.

    A gap of one day or more starts a new spell (a re-hire). The spell's end_reason is the one on
    its last-ending assignment. Columns: person_id, spell_no (1, 2, … per person), start_date,
    end_date (null = ongoing), end_reason.
    """
    if assignments.height == 0:
        return pl.DataFrame(
            schema={
                "person_id": pl.String(),
                "spell_no": pl.Int64(),
                "start_date": pl.Date(),
                "end_date": pl.Date(),
                "end_reason": pl.String(),
            }
        )
    # One pass without per-person windows (fast at sector scale): in person order, a running
    # maximum of (person rank, end day) never mixes people, because the rank dominates.
    open_end = pl.lit(OPEN_END, dtype=pl.Date())
    days = lambda column: pl.col(column).cast(pl.Int64)  # noqa: E731  (days since 1970)
    span = 3_000_000  # more days than from 1970 to OPEN_END
    ordered = (  # lazy: Polars fuses the running columns into one pass
        assignments.lazy().select("person_id", "start_date", "end_date", "end_reason")
        .with_columns(end_filled=pl.col("end_date").fill_null(open_end))
        .sort("person_id", "start_date", "end_filled")
        .with_columns(first_of_person=pl.col("person_id") != pl.col("person_id").shift(1))
        .with_columns(rank=pl.col("first_of_person").fill_null(True).cast(pl.Int64).cum_sum())
        .with_columns(reach=(pl.col("rank") * span + days("end_filled")).cum_max().shift(1) - pl.col("rank") * span)
    )
    starts_new = pl.col("first_of_person").fill_null(True) | (days("start_date") > pl.col("reach") + 1)
    spell_index = starts_new.cast(pl.Int64).cum_sum()
    marked = ordered.with_columns(spell=spell_index).with_columns(
        spell_no=pl.col("spell")
        - pl.when(pl.col("first_of_person").fill_null(True)).then(pl.col("spell")).otherwise(None).forward_fill()
        + 1
    )
    # Group by the global spell index (an integer, already in person order) rather than by
    # (person_id, spell_no): the same groups, cheaper to hash and to sort.
    return (
        marked.group_by("spell")
        .agg(
            pl.col("person_id").first(),
            pl.col("spell_no").first(),
            pl.col("start_date").min(),
            pl.col("end_filled").max().alias("end_date"),
            pl.col("end_reason").sort_by("end_filled").last(),
        )
        .with_columns(
            pl.when(pl.col("end_date") == open_end).then(None).otherwise(pl.col("end_date")).alias("end_date"),
            pl.when(pl.col("end_date") == open_end).then(None).otherwise(pl.col("end_reason")).alias("end_reason"),
        )
        .sort("spell")
        .select("person_id", "spell_no", "start_date", "end_date", "end_reason")
        .collect()
    )
