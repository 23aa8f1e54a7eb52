"""Wide survey exports (one row per answered questionnaire, one column per item) to the long
exchange shape of surveys.csv (person_id, date, instrument, item, value).

Survey tools export both shapes. Long ones need only the usual column mapping; wide ones name,
in the profile, which source column holds which item (`[tables.surveys.wide]`, item code → source
column) and are melted here before the mapping runs, so every later step — value translations,
validation, problem messages with the source row number — is the same as for any other table.
An empty item cell means "not answered" and gives no row (surveys.csv has no empty values).
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from levensfase.ingest.sources import ROW

ITEM, VALUE = "__item", "__value"


def melt_wide(frame: pl.DataFrame, items: Mapping[str, str]) -> tuple[pl.DataFrame, list[str]]:
    """Melt the item columns of `items` (item code → source column) into __item / __value rows.

    Returns the long frame (other columns repeated on every row, source row order kept) and the
    source columns that are missing from the frame.
    """
    missing = [column for column in items.values() if column not in frame.columns]
    present = {code: column for code, column in items.items() if column in frame.columns}
    keep = [c for c in frame.columns if c not in set(present.values())]
    if not present:
        return frame.select(keep).with_columns(pl.lit(None, pl.String).alias(ITEM),
                                               pl.lit(None, pl.String).alias(VALUE)).clear(), missing
    parts = [
        frame.select(*keep, pl.lit(code, pl.String).alias(ITEM), pl.col(column).cast(pl.String).alias(VALUE),
                     pl.lit(order, pl.Int64).alias("__order"))
        for order, (code, column) in enumerate(present.items())
    ]
    long = pl.concat(parts).filter(pl.col(VALUE).is_not_null() & (pl.col(VALUE).str.strip_chars() != ""))
    return long.sort(ROW, "__order").drop("__order"), missing
