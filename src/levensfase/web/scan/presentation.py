"""The scan's published scores (the core's `scoring.unit_scores` output) as the page's panels:
takeaway, figure, table. Nothing is computed or hidden here: a suppressed row of the core is
shown as "< k" through `analytics.privacy.display`, a published one as it is."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl
from django.utils.translation import gettext as _

from levensfase.analytics.findings.numbers import day
from levensfase.web.ui.tables import Cell, Panel, Row, Table, label_cell, value_cell
from levensfase.web.scan import charts

ALL = "all"


def _cells(rows: pl.DataFrame, dimensions: Sequence[str], *, k: int) -> tuple[list[Cell], list[float | None]]:
    by_dimension = {r["dimension"]: r for r in rows.iter_rows(named=True)}
    cells, values = [], []
    for code in dimensions:
        row = by_dimension.get(code)
        if row is None:
            cells.append(value_cell(None, suppressed=False, k=k))
            values.append(None)
            continue
        cells.append(value_cell(row["score"], suppressed=row["suppressed"], k=k, digits=1))
        values.append(None if row["suppressed"] else row["score"])
    return cells, values


def _respondents(rows: pl.DataFrame, *, k: int) -> Cell:
    """A group's respondents as published (the first dimension the core shows; "< k" otherwise)."""
    shown = rows.filter(~pl.col("suppressed"))
    if shown.height:
        return value_cell(int(shown["respondents"].max()), suppressed=False, k=k)
    if rows.height and rows["suppressed"].all():
        return value_cell(None, suppressed=True, k=k)
    return value_cell(0, suppressed=False, k=k)


def heat_map_panel(*, scores: pl.DataFrame, round_date: date, dimensions: Sequence[tuple[str, str]],
                   units: Sequence[tuple[str, str]], k: int, lang: str, scale: tuple[int, int]
                   ) -> tuple[Panel, list[tuple[str, str]]]:
    """Organisation first, then every unit with answers in tree order; one column per dimension.
    Also returns the (unit_id, name) of the unit rows, for links to their profiles."""
    codes = [code for code, _ in dimensions]
    everyone = scores.filter((pl.col("date") == round_date) & (pl.col("role") == ALL))
    table_rows, names, values, texts, shown = [], [], [], [], []
    for unit_id, name in [(None, _("Whole organisation")), *units]:
        rows = everyone.filter(pl.col("unit_id").is_null() if unit_id is None else pl.col("unit_id") == unit_id)
        if rows.height and rows["respondents"].fill_null(1).max() == 0:
            continue  # no answers in this unit at all: nothing to show and nothing to hide
        cells, numbers = _cells(rows, codes, k=k)
        table_rows.append(Row(cells=(label_cell(name), _respondents(rows, k=k), *cells),
                              flag="total" if unit_id is None else ""))
        names.append(name.strip())
        if unit_id is not None:
            shown.append((unit_id, name))
        values.append(numbers)
        texts.append([c.text for c in cells])
    labels = [label for _, label in dimensions]
    table = Table(caption=_("Mean score per dimension (1–5) in the round of %(day)s") % {"day": day(round_date, lang)},
                  columns=(_("Unit"), _("Respondents"), *labels), rows=tuple(table_rows))
    figure = charts.heat_map(units=names, dimensions=labels, values=values, texts=texts, low=scale[0], high=scale[1])
    hidden = sum(1 for row in table_rows for cell in row.cells if cell.suppressed)
    notes = (_("Cells shown as “< %(k)s” rest on fewer than %(k)s respondents, or are hidden so that such a group "
               "cannot be worked out from the others.") % {"k": k},) if hidden else ()
    panel = Panel(key="heatmap", title=_("Where do the units stand?"), takeaway=_takeaway(table_rows),
                  figure=figure if table_rows else None, table=table, notes=notes)
    return panel, shown


def _takeaway(rows: Sequence[Row]) -> str:
    if not rows:
        return _("No answers in this round yet.")
    organisation = rows[0]
    if organisation.cells[2].suppressed:
        return _("Too few answers in this round to show scores for the whole organisation.")
    return _("The heat map shows each unit's mean score per dimension; darker is higher.")


def profile_panel(*, scores: pl.DataFrame, unit_id: str, unit_name: str, dimensions: Sequence[tuple[str, str]],
                  k: int, lang: str, scale: tuple[int, int]) -> Panel:
    """One unit's score per dimension in every round, beside the whole organisation's latest round."""
    codes = [code for code, _ in dimensions]
    labels = [label for _, label in dimensions]
    everyone = scores.filter(pl.col("role") == ALL)
    rounds = sorted(everyone["date"].unique().to_list())
    columns, series, per_round = [], [], []
    for round_date in rounds:
        rows = everyone.filter((pl.col("date") == round_date) & (pl.col("unit_id") == unit_id))
        cells, numbers = _cells(rows, codes, k=k)
        columns.append(day(round_date, lang))
        per_round.append(cells)
        series.append((f"{unit_name} · {day(round_date, lang)}", numbers))
    if rounds:
        latest = everyone.filter((pl.col("date") == rounds[-1]) & pl.col("unit_id").is_null())
        cells, numbers = _cells(latest, codes, k=k)
        columns.append(_("Organisation, %(day)s") % {"day": day(rounds[-1], lang)})
        per_round.append(cells)
        series.append((_("Whole organisation") + f" · {day(rounds[-1], lang)}", numbers))
    table_rows = tuple(Row(cells=(label_cell(label), *(col[i] for col in per_round))) for i, label in enumerate(labels))
    table = Table(caption=_("Mean score per dimension (1–5) of %(unit)s") % {"unit": unit_name},
                  columns=(_("Dimension"), *columns), rows=table_rows)
    shown = any(v is not None for _, values in series for v in values)
    unit_shown = any(v is not None for _, values in series[:len(rounds)] for v in values)
    figure = charts.profile(dimensions=labels, series=series, low=scale[0], high=scale[1],
                            y_title=_("mean score (1–5)")) if shown else None
    takeaway = (_("The unit's profile per dimension in each round, beside the whole organisation.") if unit_shown else
                _("Too few answers in this unit to show a profile: fewer than %(k)s respondents.") % {"k": k})
    return Panel(key="profile", title=_("Profile of %(unit)s") % {"unit": unit_name}, takeaway=takeaway,
                 figure=figure, table=table)


def hr_labels() -> dict[str, str]:
    return {"development_share": _("Development arrangement (share of people)"),
            "development_eur_per_head": _("Development spend per head (€)"),
            "internal_mobility": _("Internal mobility per 100"),
            "untapped_competence_share": _("Untapped competences (share of assessed)"),
            "work_ability": _("Work ability (mean WAI)"),
            "influenceable_outflow": _("Influenceable outflow per 100")}


def _hr_cell(measure: str, value: float | None, *, suppressed: bool, k: int) -> Cell:
    if value is not None and not suppressed and measure.endswith("_share"):
        return value_cell(value * 100, suppressed=False, k=k, percent=True)  # a share of 1 shown as 55,4%
    digits = 0 if measure == "development_eur_per_head" else 1
    return value_cell(value, suppressed=suppressed, k=k, digits=digits)


def hr_panel(*, indicators: pl.DataFrame, units: Sequence[tuple[str, str]], k: int, lang: str, as_of: date) -> Panel:
    """The core's HR indicators (`indicators.hr_indicators`) per unit, the organisation first."""
    labels = hr_labels()
    measures = list(labels)
    table_rows = []
    for unit_id, name in [(None, _("Whole organisation")), *units]:
        rows = indicators.filter(pl.col("unit_id").is_null() if unit_id is None else pl.col("unit_id") == unit_id)
        if rows.height == 0:
            continue
        found = {r["measure"]: r for r in rows.iter_rows(named=True)}
        cells = [_hr_cell(m, found[m]["value"], suppressed=found[m]["suppressed"], k=k) if m in found
                 else value_cell(None, suppressed=False, k=k) for m in measures]
        table_rows.append(Row(cells=(label_cell(name), *cells), flag="total" if unit_id is None else ""))
    table = Table(caption=_("HR indicators per unit over the 12 months up to %(day)s") % {"day": day(as_of, lang)},
                  columns=(_("Unit"), *labels.values()), rows=tuple(table_rows))
    return Panel(key="hr", title=_("Does the HR policy develop people?"),
                 takeaway=_("Beside the scores: what the HR data already say about development, mobility, "
                            "use of competences, work ability and influenceable outflow per unit."),
                 figure=None, table=table,
                 notes=(_("“–” means the input is missing (for example no arrangements recorded), not zero."),))


def coverage(*, scores: pl.DataFrame, round_date: date, rounds: Sequence[date], k: int, lang: str) -> list[dict]:
    """What the page rests on, from published numbers only (the organisation's respondents, or
    "fewer than k"), in the shape of ui/_coverage.html."""
    organisation = scores.filter((pl.col("date") == round_date) & pl.col("unit_id").is_null() & (pl.col("role") == ALL)
                                 & ~pl.col("suppressed"))
    when = day(round_date, lang)
    if organisation.height:
        text = _("Based on %(n)s filled-in scans in the round of %(day)s.") % {
            "n": value_cell(int(organisation["respondents"].max()), suppressed=False, k=k).text, "day": when}
    else:
        text = _("Based on fewer than %(k)s filled-in scans in the round of %(day)s.") % {"k": k, "day": when}
    lines = [{"kind": "resting_on", "text": text}]
    if len(rounds) < 2:
        lines.append({"kind": "one_round", "text": _("Only one measurement round so far: no change can be shown yet.")})
    return lines


def roles_panel(*, scores: pl.DataFrame, unit_id: str, dimensions: Sequence[tuple[str, str]], k: int,
                lang: str) -> tuple[Panel | None, str]:
    """Employees beside managers in the unit's latest round, as the core published them: a table
    when it has role rows, else (reason `roles_together`) the sentence saying why the roles are
    shown together. Which applies is the core's decision (`scoring.unit_scores`), never made here."""
    from levensfase.scan.scoring import ROLES_TOGETHER

    mine = scores.filter((pl.col("unit_id") == unit_id) & (pl.col("role") != ALL))
    if mine.height == 0:
        return None, ""
    latest = mine["date"].max()
    rows = mine.filter(pl.col("date") == latest)
    if rows.filter(~pl.col("reason").eq_missing(ROLES_TOGETHER)).height == 0:
        return None, _("Employees and managers are shown together because one of the two groups has fewer than "
                       "%(k)s respondents.") % {"k": k}
    codes = [code for code, _ in dimensions]
    by_role = {role: _cells(rows.filter(pl.col("role") == role), codes, k=k)[0] for role in ("employee", "manager")}
    table_rows = tuple(Row(cells=(label_cell(label), by_role["employee"][i], by_role["manager"][i]))
                       for i, (_, label) in enumerate(dimensions))
    table = Table(caption=_("Mean score per dimension (1–5) of employees and managers in the round of %(day)s")
                  % {"day": day(latest, lang)}, columns=(_("Dimension"), _("Employees"), _("Managers")),
                  rows=table_rows)
    return Panel(key="roles", title=_("Employees and managers"),
                 takeaway=_("How employees and managers of this unit see each dimension."), figure=None,
                 table=table), ""
