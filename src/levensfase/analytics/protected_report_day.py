"""The report's headcounts on one day as one linked set, built in Polars (sector scale, issue 21).

The same cells `protected_day` builds for the report (the whole organisation: total, age band,
sex, generation, life phase, job family, contract, unit, age pyramid; and the phases section's
tables and the pension wave, `report_phase_cells`), and the same audit
(`privacy.withheld`), but the people behind each cell are never Python sets: Polars tags everyone
present once, gives each person the sorted list of cells they are in (their signature) and merges
people with one signature into one fine cell (a class), numbered as `privacy.linked` numbers
them. The engine then works on classes only, whose number follows the categories, not the people.

The unit table at each depth of the report's ladder (`unit_depth.ladder`) is audited top down,
each depth with everything the coarser ones decided (see `protected_day._report_pattern`, the
plain version this one must match: tests/analytics/test_protected_report_day.py).
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date

import polars as pl

from levensfase.analytics.categories import attach, with_person_categories
from levensfase.analytics.privacy import Cell, withheld
from levensfase.analytics.report_phase_cells import TABLES, phase_table_members

__all__ = ["beside_withheld", "report_pattern_cells"]

Key = tuple[str | None, str, Hashable]
_SEP = "\x1f"  # joins age band and sex into one pyramid value inside Polars
_WORDS = 8  # up to 512 cells (depth 1 of a sector: ≈ 100) a person's cells are bit sets (`_bit_classes`)


def _long(present: pl.DataFrame, workforce, day: date, phases: pl.DataFrame,
          levels: list[dict[str, str]]) -> pl.DataFrame:
    """table, value, person_id: who counts in which cell (unit tables per depth: unit@1, …, unit)."""
    dated = present.with_columns(day=pl.lit(day))
    people = dated.select("person_id", "day").unique("person_id")
    parts = [people.select(table=pl.lit("total"), value=pl.lit(None, dtype=pl.String), person_id="person_id")]
    # the three person categories from one join with the people (the values `attach` gives), and
    # the pyramid from the same rows instead of joining age band and sex again
    person = with_person_categories(people, workforce, day="day")
    for by in ("age_band", "sex", "generation"):
        parts.append(person.select(table=pl.lit(by), value=pl.col(f"_{by}").cast(pl.String), person_id="person_id"))
    parts.append(person.select(table=pl.lit("pyramid"), value=pl.col("_age_band") + _SEP + pl.col("_sex"),
                               person_id="person_id"))
    # the parts above hold one row per person; those below may repeat one (several assignments or
    # phases), so only they are made distinct (the 8-10 million rows of a sector day not all hashed)
    parts.append(phases.select(table=pl.lit("life_phase"), value=pl.col("value").cast(pl.String),
                               person_id="person_id").unique())
    for by in ("job_family", "contract"):
        parts.append(attach(dated, workforce, by=by, day="day").select(
            table=pl.lit(by), value=pl.col("value").cast(pl.String), person_id="person_id").unique())
    parts.append(phase_table_members(workforce, day=day, named=phases.select("person_id", "value")).select(
        "table", "value", "person_id"))
    for n, mapping in enumerate(levels or [{}], start=1):
        name = f"unit@{n}"
        unit = pl.col("unit_id").replace(mapping) if mapping else pl.col("unit_id")
        parts.append(present.select(table=pl.lit(name), value=unit.cast(pl.String), person_id="person_id").unique())
    return pl.concat(parts)


def _key(table: str, value: str | None) -> Key:
    if table == "pyramid":
        band, sex = value.split(_SEP)
        return (None, table, (band, sex))
    return (None, table, value)


def _audit(long: pl.DataFrame, tables: list[str], current: str, *, k: int, already: set[Key], keep: list[Key]
           ) -> tuple[list[Cell], frozenset[Key]]:
    """The cells of `tables` (the unit table `current` named "unit", as the plain version names
    the depth it audits), their classes, and the engine's hidden keys."""
    mine = long.filter(pl.col("table").is_in(tables)).with_columns(
        table=pl.when(pl.col("table") == current).then(pl.lit("unit")).otherwise(pl.col("table")))
    keys, members = _indexed(mine)
    cells = [Cell(key=key, members=frozenset(members[i]), population=n, value=n) for i, (key, n) in enumerate(keys)]
    return cells, withheld(cells, k=k, already=already, keep=keep, classes=members)


def _indexed(frame: pl.DataFrame) -> tuple[list[tuple[Key, int]], list[dict[int, int]]]:
    """The cells of `frame` (table, value, person_id) with their people, in the engine's order (by
    repr of the key), and each cell's members as classes: people with the same cell set form one
    class, numbered as the engine does (by their lowest cell, then their least person_id)."""
    sizes = frame.group_by("table", "value").agg(n=pl.len())
    keys = sorted(((_key(t, v), n) for t, v, n in sizes.iter_rows()), key=lambda kn: repr(kn[0]))
    index = pl.DataFrame({"table": [key[1] for key, _ in keys], "value": [_raw(key[2]) for key, _ in keys],
                          "idx": list(range(len(keys)))}, schema={"table": pl.String, "value": pl.String,
                                                                  "idx": pl.Int64})
    tagged = frame.lazy().join(index.lazy(), on=["table", "value"], how="left", nulls_equal=True).select(
        "person_id", "idx").collect()  # the classes read no more (a sector day: 14 million rows)
    members: list[dict[int, int]] = [dict() for _ in keys]
    classes = _bit_classes(tagged, len(keys))
    if classes is not None:  # each class's set bits are its cells: one cross join with the 64 bits per word
        bits = pl.DataFrame({"bit": range(64), "mask": [1 << b for b in range(64)]},
                            schema={"bit": pl.Int64, "mask": pl.UInt64})
        pairs = pl.concat(classes.select("cls", f"w{w}").join(bits, how="cross").filter(
            (pl.col(f"w{w}") & pl.col("mask")) != 0).select("cls", idx=pl.col("bit") + 64 * w)
            for w in range(-(-len(keys) // 64))).group_by("idx").agg(pl.col("cls").sort())
        for idx, classes_of in pairs.iter_rows():
            members[idx] = dict.fromkeys(classes_of, 1)
        return keys, members
    signatures = tagged.group_by("person_id").agg(pl.col("idx").sort().alias("cells"), first=pl.col("idx").min())
    classes = (signatures.group_by("cells").agg(pl.col("first").first(), pl.col("person_id").min().alias("least"))
               .sort("first", "least").with_row_index("cls"))
    pairs = classes.select("cls", "cells").explode("cells").group_by("cells").agg(pl.col("cls"))
    for idx, classes_of in pairs.iter_rows():
        members[idx] = dict.fromkeys(classes_of, 1)
    return keys, members


def _bit_classes(tagged: pl.DataFrame, cells: int) -> pl.DataFrame | None:
    """The classes (cls, first, least, w0 … : each cell one bit, 64 a word) when every person's
    cells fit in _WORDS words: summing a person's bits is cheaper than building, sorting and hashing
    a list per person (a sector day: 14 million rows). A person counted twice in one cell would
    carry into another bit, so then (the sums hold fewer bits than the person has rows) None: the
    caller groups on lists."""
    words = -(-cells // 64)
    if not 0 < words <= _WORDS:  # no cell at all (nobody employed): the lists' path has nothing to do either
        return None
    bit = pl.lit(2, dtype=pl.UInt64) ** (pl.col("idx") % 64).cast(pl.UInt64)
    names = [f"w{w}" for w in range(words)]
    signatures = tagged.with_columns(*(pl.when(pl.col("idx") // 64 == w).then(bit).otherwise(0).cast(pl.UInt64)
                                       .alias(name) for w, name in enumerate(names))).group_by("person_id").agg(
        *(pl.col(name).sum() for name in names), first=pl.col("idx").min(), rows=pl.len())
    ones = signatures.select(pl.sum_horizontal(pl.col(names).bitwise_count_ones())).to_series()
    if (signatures["rows"] != ones).any():
        return None
    return (signatures.group_by(names).agg(pl.col("first").first(), pl.col("person_id").min().alias("least"))
            .sort("first", "least").with_row_index("cls"))


def beside_withheld(present: pl.DataFrame, workforce, day: date, phases: pl.DataFrame, *, counts: dict[Key, int],
                    hidden: frozenset[Key], beside: pl.DataFrame, k: int) -> frozenset[tuple[str, str]]:
    """The rows (table, value) of `beside` to withhold: counts a document publishes next to the
    report's day set about the same people (table, value, measure, person_id; a row is one group's
    numbers), audited with the set as decided (`counts`, `hidden`: its published cells kept, its
    hidden ones protected). Only the rows' numbers are free; a row goes whole."""
    published = pl.DataFrame({"table": [t for _u, t, _v in counts], "value": [_raw(v) for _u, _t, v in counts]},
                             schema={"table": pl.String, "value": pl.String}).unique()
    mine = _long(present, workforce, day, phases, [{}]).lazy().with_columns(  # the day's rows not held beside
        table=pl.when(pl.col("table") == "unit@1").then(pl.lit("unit")).otherwise(pl.col("table"))
    ).join(published.lazy(), on=["table", "value"], how="semi", nulls_equal=True).collect()
    extra = beside.select(table=pl.lit("beside:") + pl.col("table") + _SEP + pl.col("measure"),
                          value=pl.col("value").cast(pl.String), person_id="person_id")
    keys, members = _indexed(pl.concat([mine, extra]))
    free = {key for key, _n in keys if key[1].startswith("beside:")}
    if not free or not any(key in hidden for key, _n in keys):
        return frozenset()  # nothing hidden to protect
    cells = [Cell(key=key, members=frozenset(members[i]), population=k if key in free else n, value=n)
             for i, (key, n) in enumerate(keys)]
    row = lambda key: (key[1].split(_SEP)[0], key[2]) if key[1].startswith("beside:") else key  # noqa: E731
    out = withheld(cells, k=k, already={key for key, _n in keys if key in hidden},
                   keep=[key for key, _n in keys if key not in hidden and key not in free],
                   classes=members, row=row, protect_secondary=False, show_determined=True)
    return frozenset((key[1].split(_SEP)[0].removeprefix("beside:"), key[2]) for key in out if key in free)


def _raw(value: Hashable) -> str | None:
    return _SEP.join(value) if isinstance(value, tuple) else value


def report_pattern_cells(present: pl.DataFrame, workforce, day: date, phases: pl.DataFrame,
                         levels: list[dict[str, str]], *, k: int) -> tuple[dict[Key, int], frozenset[Key]]:
    """counts and hidden keys of the report's day set at the deepest of `levels`, every coarser
    depth audited first and fixed (the rule of `protected_day._report_pattern`)."""
    long = _long(present, workforce, day, phases, levels)
    common = ["total", "age_band", "sex", "generation", "pyramid", "life_phase", "job_family", "contract", *TABLES]
    names = [f"unit@{n}" for n in range(1, len(levels or [{}]) + 1)]
    already: set[Key] = set()
    keep: list[Key] = []
    cells: list[Cell] = []
    hidden: frozenset[Key] = frozenset()
    for n, current in enumerate(names, start=1):
        cells, hidden = _audit(long, [*common, *names[:n]], current, k=k, already=already, keep=keep)
        rename = {c.key: (None, current, c.key[2]) if c.key[1] == "unit" else c.key for c in cells}
        already = {rename[key] for key in hidden if key in rename}
        keep = [rename[c.key] for c in cells if c.key not in hidden]
    final = {c.key for c in cells if not c.key[1].startswith("unit@")}
    return {c.key: c.population for c in cells if c.key in final}, frozenset(hidden) & final
