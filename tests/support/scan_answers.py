"""Helpers for the scan tests (tests/scan, tests/cli): answers in the exchange shape built from one value per dimension."""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.scan.responses import RESPONSE_SCHEMA


def answers(instrument, rows: list[tuple[str, str, str, date, dict[str, float]]], default: float = 3.0) -> pl.DataFrame:
    """(response_id, unit_id, role, date, {dimension: value}) → one row per item, every item of a
    dimension answered with that dimension's value (`default` for dimensions not named)."""
    out = []
    for response, unit, role, day, values in rows:
        for item in instrument.items.values():
            out.append((response, unit, role, day, item.code, float(values.get(item.dimension, default))))
    return pl.DataFrame(out, schema=RESPONSE_SCHEMA, orient="row")


def tree(rows: list[tuple[str, str | None]]) -> pl.DataFrame:
    return pl.DataFrame({"unit_id": [u for u, _ in rows], "name": [f"Afdeling {u}" for u, _ in rows],
                         "parent_id": [p for _, p in rows]})
