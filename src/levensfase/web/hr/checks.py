"""The safety net in front of the database write: values the database cannot hold, keys the diff
cannot match, and references that would break once the import is stored.

The reader (ingest) refuses bad files with row-level detail; these checks guard every other
caller of `services.import_tables` and the references into tables outside the import.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from levensfase.model.schema import TABLES
from levensfase.web.hr.selectors import load_tables, reference_counts
from levensfase.web.hr.tables import too_long


def check_values(frames: Mapping[str, pl.DataFrame]) -> list[str]:
    """Safety net for frames that did not come through the reader: the rows the database cannot
    hold or the diff cannot key (the reader reports these itself, row by row)."""
    problems = []
    for name, frame in frames.items():
        table = TABLES[name]
        for column in table.required:
            nulls = frame[column].null_count()
            if nulls:
                problems.append(f"{name}: {nulls} rows without the required {column}")
        dupes = frame.height - frame.select(table.key).n_unique() if frame.height else 0
        if dupes:
            problems.append(f"{name}: {dupes} rows repeat the key ({', '.join(table.key)}) of another row")
        for column in table.columns:
            if column.kind == "float":
                bad = frame.select((~pl.col(column.name).is_finite()).sum()).item()
                if bad:
                    problems.append(f"{name}: {bad} rows with a non-finite {column.name}")
        for column, limit, n in too_long(name, frame):
            problems.append(f"{name}: {n} rows with {column} longer than {limit} characters")
    return problems


def check_references(frames: Mapping[str, pl.DataFrame], *, trusted: bool = False) -> list[tuple[str, str]]:
    """Every reference after the import must resolve; (Dutch, English) per broken reference.

    A table outside the import keeps its database rows, so removing a key they point at is
    refused rather than cascaded: an import of people.csv alone must not silently delete
    assignments. `trusted`: the frames come from the reader, which already proved the references
    between them (≈ 1 s at 100,000 people), so only those into or from stored tables are checked.
    """
    problems = []
    for name, table in TABLES.items():
        for column, target in table.references:
            if (name not in frames and target not in frames) or (trusted and name in frames and target in frames):
                continue
            target_key = TABLES[target].key[0]
            keys = frames[target] if target in frames else load_tables(names=[target])[target]
            keys = keys.select(pl.col(target_key).alias("value"))
            if name in frames:
                used = frames[name].select(pl.col(column).alias("value")).drop_nulls().group_by("value").len("rows")
            else:
                used = reference_counts(name=name, column=column)
            missing = used.join(keys, on="value", how="anti")
            if missing.height == 0:
                continue
            n_keys, n_rows = missing.height, int(missing["rows"].sum())
            example = ", ".join(missing.sort("value")["value"].head(3).to_list())
            if name in frames:
                problems.append((
                    f"{n_rows} rij(en) in {name}.csv verwijzen via {column} naar {n_keys} onbekende "
                    f"sleutel(s) in {target}.csv (bijv. {example}).",
                    f"{n_rows} row(s) of {name}.csv refer through {column} to {n_keys} unknown key(s) "
                    f"of {target}.csv (e.g. {example}).",
                ))
            else:
                problems.append((
                    f"{n_keys} sleutel(s) die uit {target}.csv verdwijnen (bijv. {example}) worden nog gebruikt "
                    f"door {n_rows} rij(en) in {name}, dat niet in deze import zit; neem {name}.csv mee "
                    f"of laat deze sleutels staan.",
                    f"{n_keys} key(s) removed from {target}.csv (e.g. {example}) are still used by {n_rows} "
                    f"row(s) of {name}, which is not part of this import; include {name}.csv or keep these keys.",
                ))
    return problems
