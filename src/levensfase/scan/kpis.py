"""Business results per unit (`unit_kpis.csv`, DESIGN §3 v1.2): productivity, client satisfaction,
quality, innovation output — whatever the organisation reports per unit and period.

KPIs describe units, not people, so they need no small-cell suppression; they are read, checked
and summarised: per unit and KPI the latest value up to `as_of` and the change since the value
before it.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.scan.errors import ScanError, with_columns_of

__all__ = ["KPI_SCHEMA", "check_kpis", "kpi_summary"]

KPI_SCHEMA: dict[str, pl.DataType] = {"unit_id": pl.String(), "period_end": pl.Date(), "kpi": pl.String(),
                                      "value": pl.Float64()}


def check_kpis(kpis: pl.DataFrame, *, unit_ids: set[str] | None = None) -> pl.DataFrame:
    """The KPI rows with the exchange columns and dtypes; ScanError for missing columns, empty
    values, unknown units or a KPI given twice for one unit and period."""
    frame = with_columns_of(kpis, KPI_SCHEMA, what_nl="Bedrijfsresultaten", what_en="Business results")
    problems: list[tuple[str, str]] = []
    if frame.null_count().sum_horizontal().item():
        problems.append(("lege waarden", "empty values"))
    if unit_ids is not None:
        stray = sorted(set(frame["unit_id"].drop_nulls().unique().to_list()) - unit_ids)
        if stray:
            problems.append((f"onbekende afdeling(en) {', '.join(stray[:5])}", f"unknown unit(s) {', '.join(stray[:5])}"))
    twice = frame.group_by("unit_id", "period_end", "kpi").len().filter(pl.col("len") > 1)
    if twice.height:
        problems.append((f"{twice.height} KPI('s) twee keer opgegeven voor dezelfde afdeling en periode",
                         f"{twice.height} KPI(s) given twice for the same unit and period"))
    if problems:
        raise ScanError("Bedrijfsresultaten niet bruikbaar: " + "; ".join(p[0] for p in problems) + ".",
                        "Business results not usable: " + "; ".join(p[1] for p in problems) + ".")
    return frame


def kpi_summary(kpis: pl.DataFrame, *, as_of: date | None = None) -> pl.DataFrame:
    """Per unit and KPI: period_end and value of the latest period up to `as_of` (all when None),
    previous_end / previous_value of the period before it, and change (value − previous_value)."""
    frame = kpis.select(list(KPI_SCHEMA))
    if as_of is not None:
        frame = frame.filter(pl.col("period_end") <= as_of)
    ranked = frame.sort("unit_id", "kpi", "period_end").with_columns(
        pl.col("period_end").shift(1).over("unit_id", "kpi").alias("previous_end"),
        pl.col("value").shift(1).over("unit_id", "kpi").alias("previous_value"))
    latest = ranked.group_by("unit_id", "kpi", maintain_order=True).last()
    return latest.with_columns((pl.col("value") - pl.col("previous_value")).alias("change")).select(
        "unit_id", "kpi", "period_end", "value", "previous_end", "previous_value", "change").sort("unit_id", "kpi")
