"""Checks that span rows or tables: references, the unit tree, assignment overlap and end_reason.

These run on parsed (typed) tables after `validation.parse_table`, so they see real dates and
numbers; rows whose own values were unparsable are simply skipped here (they already have a problem).
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from levensfase.ingest.plausible import MIN_WORKING_AGE
from levensfase.ingest.problems import MAX_LISTED, Problem, problem, problems_from_frame, with_count
from levensfase.ingest.sources import ROW
from levensfase.ingest.validation import Parsed
from levensfase.model.schema import TABLES
from levensfase.model.workforce import OPEN_END, derive_spells

REFERENCED = frozenset(target for t in TABLES.values() for _, target in t.references)  # units, jobs, people, skills
Known = tuple[pl.Series, str]  # a referenced table's key values (unique text) and where they come from


def known_keys(table: Parsed) -> pl.Series:
    """The key values other tables may refer to (empty when the key column itself is missing)."""
    key = TABLES[table.name].key[0]
    column = table.frame.get_column(key, default=None)
    values = pl.Series(key, [], pl.String) if column is None else column.drop_nulls().cast(pl.String)
    return values.unique()


def check_references(parsed: Mapping[str, Parsed], *,
                     existing: Mapping[str, pl.DataFrame] | None = None) -> list[Problem]:
    """Every id a row refers to must exist: in the same import, or else among the stored tables."""
    known = {name: (known_keys(table), table.file) for name, table in parsed.items() if name in REFERENCED}
    problems: list[Problem] = []
    for table in parsed.values():
        problems += check_table_references(table, known=known, existing=existing)
    return problems


def check_table_references(table: Parsed, *, known: Mapping[str, Known],
                           existing: Mapping[str, pl.DataFrame] | None = None) -> list[Problem]:
    """The references of one table, against `known` keys of this import, else the stored tables.

    One table at a time, so an import can check each table as soon as the tables it refers to
    (which come first in TABLE_ORDER) are read.
    """
    problems: list[Problem] = []
    existing = existing or {}
    for column, target in TABLES[table.name].references:
        if column not in table.frame.columns:
            continue
        key = TABLES[target].key[0]
        if target in known:
            values, where = known[target]
            if target in existing and key in existing[target].columns:  # no import removes a referenced key
                values = pl.concat([values, existing[target][key].drop_nulls().cast(pl.String)]).unique()
        elif target in existing and key in existing[target].columns:
            values, where = existing[target][key].drop_nulls().cast(pl.String).unique(), f"{target} (opgeslagen/stored)"
        else:
            if table.frame[column].null_count() < table.frame.height:
                problems.append(problem("missing_reference_table", file=table.file, row=1,
                                        column=table.label(column), detail=f"{target}.csv"))
            continue
        bad = table.frame.filter(pl.col(column).is_not_null() & ~pl.col(column).is_in(values.implode()))
        problems += problems_from_frame(bad.select(ROW, pl.col(column).alias("__v")), "unknown_reference",
                                        file=table.file, column=table.label(column), value_col="__v", detail=where)
    if table.name == "units":
        problems += check_unit_cycles(table)
    return problems


def check_unit_cycles(units: Parsed) -> list[Problem]:
    """A unit may not be (indirectly) its own parent: the tree must have roots."""
    if not {"unit_id", "parent_id"} <= set(units.frame.columns):
        return []
    frame = units.frame.filter(pl.col("unit_id").is_not_null())
    parent = dict(zip(frame["unit_id"].to_list(), frame["parent_id"].to_list(), strict=True))
    rows = dict(zip(frame["unit_id"].to_list(), frame[ROW].to_list(), strict=True))
    in_cycle: set[str] = set()
    settled: set[str] = set()
    for start in parent:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node in parent and node not in settled:
            if node in on_path:
                in_cycle.update(path[path.index(node):])
                break
            path.append(node)
            on_path.add(node)
            node = parent[node]
        settled.update(path)
    return sorted(
        (problem("unit_cycle", file=units.file, row=rows[u], column=units.label("parent_id"), value=parent[u])
         for u in in_cycle),
        key=lambda p: p.row or 0,
    )


def births(people: pl.DataFrame | None, where: str) -> tuple[pl.DataFrame, str] | None:
    """Birth dates (person_id, birth_date) to check working ages against, and where they come from."""
    if people is None or not {"person_id", "birth_date"} <= set(people.columns):
        return None
    return people.select("person_id", "birth_date").drop_nulls(), where


def check_working_age(assignments: Parsed, born: tuple[pl.DataFrame, str] | None) -> list[Problem]:
    """Each person's first assignment starts at least MIN_WORKING_AGE years after their birth:
    reported on that assignment's row (a wrong birth date or start date, the user knows which)."""
    frame = assignments.frame
    if born is None or not {"person_id", "start_date"} <= set(frame.columns):
        return []
    people, where = born
    first = (frame.filter(pl.col("person_id").is_not_null() & pl.col("start_date").is_not_null())
             .sort("start_date", ROW).unique("person_id", keep="first")
             .join(people, on="person_id", how="inner")
             .filter(pl.col("birth_date").dt.offset_by(f"{MIN_WORKING_AGE}y") > pl.col("start_date"))
             .sort(ROW))
    found = [
        problem("too_young", file=assignments.file, row=row, column=assignments.label("start_date"),
                value=start.isoformat(), detail=str(MIN_WORKING_AGE), birth=birth.isoformat(), where=where)
        for row, start, birth in first.head(MAX_LISTED).select(ROW, "start_date", "birth_date").iter_rows()
    ]
    return with_count(found, first.height)


def check_assignments(assignments: Parsed) -> list[Problem]:
    """Overlap within one job, and end_reason exactly on the assignments that end a spell (DESIGN §3)."""
    frame = assignments.frame
    needed = {"person_id", "start_date", "job_id"}
    if not needed <= set(frame.columns):
        return []
    for optional in ("end_date", "end_reason"):
        if optional not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=TABLES["assignments"].column(optional).dtype).alias(optional))
    raw = assignments.raw  # row-aligned with frame; an unknown end_reason is still a reason given
    given = raw["end_reason"].is_not_null() if raw is not None and "end_reason" in raw.columns else None
    frame = frame.with_columns(
        pl.col("end_reason").is_not_null().alias("__reason_given") if given is None else given.alias("__reason_given")
    )
    valid = frame.filter(
        pl.col("person_id").is_not_null() & pl.col("start_date").is_not_null()
        & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("start_date")))
    ).with_columns(pl.col("end_date").fill_null(pl.lit(OPEN_END)).alias("__end"))

    return _overlaps(valid, assignments) + _end_reasons(valid, assignments)


def _overlaps(valid: pl.DataFrame, located: Parsed) -> list[Problem]:
    """Within (person, job), an assignment starting on or before the running latest end overlaps.

    Vectorised without window groups (there can be millions of tiny groups): offsetting each
    group's end days by group number × a constant larger than any date makes one global running
    maximum behave like a per-group one.
    """
    group = ["person_id", "job_id"]
    ordered = valid.filter(pl.col("job_id").is_not_null()).sort(*group, "start_date", "__end")
    same = (pl.col("person_id") == pl.col("person_id").shift(1)) & (pl.col("job_id") == pl.col("job_id").shift(1))
    span = 10_000_000  # > days in 0001-01-01..9999-12-31
    ordered = ordered.with_columns(same.fill_null(False).alias("__same"))
    ordered = ordered.with_columns((~pl.col("__same")).cast(pl.Int64).cum_sum().alias("__group"))
    key = pl.col("__group") * span + pl.col("__end").cast(pl.Int64)
    ordered = ordered.with_columns(key.alias("__key")).with_columns(pl.col("__key").cum_max().alias("__reach_key"))
    reach_row = pl.when(pl.col("__key") == pl.col("__reach_key")).then(pl.col(ROW)).otherwise(None).forward_fill()
    bad = ordered.with_columns(
        (pl.col("__reach_key").shift(1) - pl.col("__group") * span).alias("__reach"),
        reach_row.shift(1).alias("__reach_row"),
    ).filter(pl.col("__same") & (pl.col("start_date").cast(pl.Int64) <= pl.col("__reach")))
    found = [
        problem("overlapping_assignment", file=located.file, row=row, column=located.label("start_date"),
                value=start.isoformat(), detail=str(other))
        for row, start, other in bad.select(ROW, "start_date", "__reach_row").sort(ROW).head(MAX_LISTED).iter_rows()
    ]
    return with_count(found, bad.height)


def assignments_raw(located: Parsed, bad: pl.DataFrame) -> pl.DataFrame:
    return located.typed_or_raw(bad, "end_reason")


def _end_reasons(valid: pl.DataFrame, located: Parsed) -> list[Problem]:
    if valid.height == 0:
        return []
    spells = derive_spells(valid.select("person_id", "start_date", "end_date", "end_reason"))
    spells = spells.select("person_id", pl.col("start_date").alias("__spell_start"),
                           pl.col("end_date").alias("__spell_end")).sort("__spell_start")
    joined = valid.sort("start_date").join_asof(
        spells, left_on="start_date", right_on="__spell_start", by="person_id", strategy="backward",
        check_sortedness=False,
    )
    end, spell_end, reason = pl.col("end_date"), pl.col("__spell_end"), pl.col("__reason_given")
    rules = (
        ("end_reason_on_open", end.is_null() & reason),
        ("missing_end_reason", end.is_not_null() & (end == spell_end) & ~reason),
        ("end_reason_on_internal_move", end.is_not_null() & (spell_end.is_null() | (end < spell_end)) & reason),
    )
    problems: list[Problem] = []
    for code, condition in rules:
        bad = assignments_raw(located, joined.filter(condition.fill_null(False)).sort(ROW))
        problems += problems_from_frame(bad, code, file=located.file, column=located.label("end_reason"),
                                        value_col="__v")
    return problems
