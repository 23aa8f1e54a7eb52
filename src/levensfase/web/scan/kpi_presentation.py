"""Business results per unit (`unit_kpis.csv`) as a page panel: per unit and KPI the latest value
and its change since the period before, from the core's `scan.kpis.kpi_summary`.

KPIs are business figures of a unit (productivity, client satisfaction …), not data about a person,
so they are shown as they are: no small-cell suppression applies (issue 19, DESIGN §3 v1.2)."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
from django.utils.translation import gettext as _

from levensfase.analytics.findings.numbers import day
from levensfase.web.ui.tables import Cell, Panel, Row, Table, label_cell, value_cell


def _signed(change: float | None, *, k: int) -> Cell:
    if change is None:
        return value_cell(None, suppressed=False, k=k)
    cell = value_cell(change, suppressed=False, k=k, digits=1)
    return Cell(text=f"+{cell.text}" if change > 0 else cell.text)


def kpi_rows(*, summary: pl.DataFrame, units: Sequence[tuple[str, str]]) -> list[tuple[str, dict]]:
    """(unit name, summary row) per unit in `units` order, then per KPI; units without KPIs left out."""
    by_unit: dict[str, list[dict]] = {}
    for row in summary.iter_rows(named=True):
        by_unit.setdefault(row["unit_id"], []).append(row)
    return [(name, row) for unit_id, name in units for row in by_unit.get(unit_id, [])]


def kpi_panel(*, summary: pl.DataFrame, units: Sequence[tuple[str, str]], k: int, lang: str) -> Panel | None:
    """The KPI table for `units` (None when none of them has a KPI: the panel is then left out)."""
    rows = kpi_rows(summary=summary, units=units)
    if not rows:
        return None
    table_rows = tuple(Row(cells=(label_cell(name), label_cell(row["kpi"]), label_cell(day(row["period_end"], lang)),
                                  value_cell(row["value"], suppressed=False, k=k, digits=1),
                                  _signed(row["change"], k=k)))
                       for name, row in rows)
    table = Table(caption=_("Latest business results per unit and the change since the period before"),
                  columns=(_("Unit"), _("KPI"), _("Period ending"), _("Value"), _("Change")), rows=table_rows)
    return Panel(key="kpis", title=_("Business results"),
                 takeaway=_("Each unit's own business figures beside the scores: the latest period and the "
                            "change since the one before."),
                 figure=None, table=table,
                 notes=(_("Business results describe a unit, not a person: they are shown without hiding "
                          "small groups. “–” means there is no earlier period."),))
