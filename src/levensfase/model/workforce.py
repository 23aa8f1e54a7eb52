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
_OPEN_DAYS = (OPEN_END - date(1970, 1, 1)).days
_SPAN = 3_000_000  # more days than from 1970 to OPEN_END: person rank × _SPAN + day orders by person first


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
    def ordered_assignments(self) -> pl.DataFrame:
        """`order_assignments` once: spells and internal moves both start from it."""
        return order_assignments(self.assignments)

    @cached_property
    def spells(self) -> pl.DataFrame:
        """Employment spells: see `derive_spells`."""
        return derive_spells(self.assignments, ordered=self.ordered_assignments)


def order_assignments(assignments: pl.DataFrame) -> pl.DataFrame:
    """The assignments sorted by person, start and end (ongoing last), plus `person_key`: the
    person's rank × _SPAN, so `person_key + day` is one integer key per person and day that sorts
    like (person, day) — cheap to join and sort where person_id strings are not."""
    ordered = assignments.sort("person_id", "start_date", "end_date", nulls_last=True)
    person = ordered.get_column("person_id")
    first = (person != person.shift(1)).fill_null(True)
    return ordered.with_columns(person_key=first.cast(pl.Int64).cum_sum() * _SPAN)


def derive_spells(assignments: pl.DataFrame, *, ordered: pl.DataFrame | None = None) -> pl.DataFrame:
    """Join each person's overlapping or directly adjacent assignments into employment spells.

    A gap of one day or more starts a new spell (a re-hire). The spell's end_reason is the one on
    its last-ending assignment. Columns: person_id, spell_no (1, 2, … per person), start_date,
    end_date (null = ongoing), end_reason. `ordered` is `order_assignments(assignments)` when known.
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
    # One pass over the assignments in person order, no group-by: a running maximum of (person
    # rank, end day) never mixes people because the rank dominates; a spell is a run of rows, so
    # its start, end and number are read off its first and last rows. Eager Series, integer days.
    if ordered is None:
        ordered = order_assignments(assignments.select("person_id", "start_date", "end_date", "end_reason"))
    person, rank = ordered.get_column("person_id"), ordered.get_column("person_key")
    first = (rank != rank.shift(1)).fill_null(True)
    key = ordered.get_column("end_date").cast(pl.Int64).fill_null(_OPEN_DAYS) + rank
    reach = key.cum_max()
    new = first | (ordered.get_column("start_date").cast(pl.Int64) + rank > reach.shift(1) + 1)
    last = pl.col("new").shift(-1).fill_null(True)
    rows = pl.DataFrame({
        "person_id": person, "start_date": ordered.get_column("start_date"), "key": key, "reach": reach,
        "new": new, "spell": new.cast(pl.Int64).cum_sum(), "first": first,
        "end_reason": ordered.get_column("end_reason"),
    }).with_columns(
        spell_no=pl.col("spell") - pl.when("first").then(pl.col("spell")).forward_fill() + 1,
        spell_start=pl.when("new").then(pl.col("start_date")).forward_fill(),
        spell_end=pl.when(last).then(pl.col("reach")).backward_fill(),
        last=last,
    )
    # The end_reason of the last-ending assignment (of several ending that day: the last to start).
    ending = rows.filter(pl.col("key") == pl.col("spell_end"))
    reason = ending.filter(pl.col("spell") != pl.col("spell").shift(-1).fill_null(-1)).get_column("end_reason")
    end_days = pl.col("reach") - (pl.col("reach") // _SPAN) * _SPAN
    is_open = end_days == _OPEN_DAYS
    return rows.filter("last").with_columns(end_reason=reason).select(
        "person_id", "spell_no", pl.col("spell_start").alias("start_date"),
        pl.when(is_open).then(None).otherwise(end_days.cast(pl.Date)).alias("end_date"),
        pl.when(is_open).then(None).otherwise(pl.col("end_reason")).alias("end_reason"),
    )
