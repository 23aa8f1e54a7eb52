"""Retention (behoud) as a cohort: everyone employed on the period's first day, in the category
they had that day, followed until their spell ends (censored on the period's last day).

Starting every curve on one calendar day keeps Kaplan–Meier's assumptions simple (no left
truncation) and answers the question HR asks: "of who worked here then, how many are still here?"
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from django.utils.translation import gettext as _

from levensfase.analytics.categories import UNKNOWN, ordered
from levensfase.analytics.dashboard import period_table
from levensfase.analytics.findings.dashboards import influenceable_outflow_findings, retention_group_finding
from levensfase.analytics.privacy import suppress
from levensfase.analytics.protected_retention import cohort, exits_shown, hidden_groups
from levensfase.analytics.retention import kaplan_meier_by, reason_order
from levensfase.analytics.retention_years import Steps, anniversary, in_whole_years, reason_steps, whole_years, yearly_steps
from levensfase.model.workforce import Workforce
from levensfase.web.ui import charts
from levensfase.web.ui.colours import REASON_COLOURS, colour
from levensfase.web.ui.dates import day as table_day  # dates as tables show them
from levensfase.web.ui.labels import LABELS, finding_labels, say, value_label
from levensfase.web.ui.reads import unit_names
from levensfase.web.ui.tables import Panel, Row, Table, label_cell, value_cell

SUMMARY = ("n", "events", "median_years", "survival_1y", "survival_2y", "survival_5y")
_EMPTY = {"value": pl.String, "population": pl.Int64, "suppressed": pl.Boolean}


def _steps_note() -> str:
    return _("The curves show retention per whole year since the start of the period, to protect small groups.")


def summary(workforce: Workforce, *, start: date, end: date, by: str, k: int,
            scope: Workforce | None = None, unit: str | None = None) -> tuple[pl.DataFrame, dict[object, Steps]]:
    """The suppressed per-group summary (value, population, SUMMARY columns, all read at whole years)
    and the yearly steps of the groups that may be shown. A group's cohort is its headcount on
    `start`, which the other pages publish too: the groups are protected with every subtree's and the
    day's numbers, and their leavers in each cohort year (analytics.protected_retention, for the
    user's whole `scope` and the chosen `unit`)."""
    frame = cohort(workforce, start=start, end=end, by=by)
    if frame.height == 0:
        return pl.DataFrame(schema=_EMPTY), {}
    steps = yearly_steps(frame, start=start, end=end)
    years = whole_years(start, end)
    rows = [{"value": value, "n": s.population, "population": s.population,
             "events": s.events if years else None, "median_years": s.median_years,
             **{f"survival_{y}y": s.survival(y) if y <= years else None for y in (1, 2, 5)}}
            for value, s in steps.items()]
    schema = {"value": pl.String, "n": pl.Int64, "population": pl.Int64, "events": pl.Int64, "median_years": pl.Int64,
              **{f"survival_{y}y": pl.Float64 for y in (1, 2, 5)}}
    table = ordered(pl.DataFrame(rows, schema=schema), by=by)
    result = suppress(table, k=k, values=list(SUMMARY)).table
    if scope is not None:  # protected with every subtree's groups and the day's headcounts
        hidden = hidden_groups(scope, start=start, by=by, k=k, end=end)
        linked = pl.Series([(unit, v) in hidden for v in result["value"].to_list()], dtype=pl.Boolean)
        result = result.with_columns(linked.alias("_linked")).with_columns(
            pl.col("suppressed") | pl.col("_linked"),
            *(pl.when(pl.col("_linked")).then(None).otherwise(pl.col(c)).alias(c) for c in ("population", *SUMMARY)),
        ).drop("_linked")
    shown = {v: steps[v] for v, s in zip(result["value"].to_list(), result["suppressed"].to_list()) if not s}
    return result, shown


def retention_panel(workforce: Workforce, *, start: date, end: date, by: str, k: int,
                    scope: Workforce | None = None, unit: str | None = None) -> Panel:
    kk = k
    names = unit_names(workforce)
    table, curves = summary(workforce, start=start, end=end, by=by, k=k, scope=scope, unit=unit)
    years = whole_years(start, end)
    series = [(value_label(by, _known(value), names=names), [100 * s for s in steps.curve], colour(by, _known(value), i))
              for i, (value, steps) in enumerate(curves.items())]
    xs = [list(range(years + 1)) for _c in curves]
    rows = []
    for r in table.iter_rows(named=True):
        s = r["suppressed"]
        pct = {c: None if r.get(c) is None else 100 * r[c] for c in ("survival_1y", "survival_2y", "survival_5y")}
        rows.append(Row((label_cell(value_label(by, _known(r["value"]), names=names)),
                         value_cell(r.get("population"), suppressed=s, k=kk), value_cell(r.get("events"), suppressed=s, k=kk),
                         value_cell(pct["survival_1y"], suppressed=s, k=kk, percent=True),
                         value_cell(pct["survival_2y"], suppressed=s, k=kk, percent=True),
                         value_cell(pct["survival_5y"], suppressed=s, k=kk, percent=True),
                         value_cell(r.get("median_years"), suppressed=s, k=kk))))
    two = table.filter(~pl.col("suppressed") & pl.col("survival_2y").is_not_null()) if "survival_2y" in table.columns else table.clear()
    if two.height:
        # Named only with ≥ 20 spells and a Greenwood band apart from the nearest group (DESIGN §6a),
        # on the shown groups' Kaplan–Meier curves in whole years (the same values as the table).
        frame = cohort(workforce, start=start, end=end, by=by).filter(pl.col("value").is_in(list(curves)))
        km = kaplan_meier_by(in_whole_years(frame, years=years), by="value")
        takeaway = say(retention_group_finding(km, published=set(km), labels=finding_labels(by, list(km), names=names)))
    elif curves and not years:
        takeaway = _("The period is shorter than a whole year; the curves start after the first whole year.")
    elif curves:
        takeaway = _("The period is shorter than two years; the curves show retention so far.")
    else:
        takeaway = _("Too few people to show this chart without revealing individuals.")
    figure = charts.lines(xs, series, x_title=_("whole years after the start of the period"), y_title=_("still employed"),
                          step=True, percent=True) if series and years else None
    group = {"life_phase": _("life phase"), "generation": _("generation")}.get(by, _("group"))
    columns = (str(group), str(_("people")), str(_("left")), str(_("after 1 year")), str(_("after 2 years")),
               str(_("after 5 years")), str(_("median stay (whole years)")))
    title = {"life_phase": _("Retention per life phase"), "generation": _("Retention per generation")}.get(
        by, _("Retention per group"))
    return Panel(key=f"km-{by}", title=title, takeaway=takeaway, figure=figure,
                 table=Table(caption=_("Kaplan–Meier retention of everyone employed on %(day)s, followed to %(end)s") % {
                     "day": table_day(start), "end": table_day(_last_whole(start, end))}, columns=columns,
                     rows=tuple(rows)), notes=(_steps_note(),))


def _known(value: object) -> object:
    """A group's value as the page names it (no category: "onbekend")."""
    return UNKNOWN if value is None else value


def _last_whole(start: date, end: date) -> date:
    """The last day the yearly steps count: the day before the last anniversary the period reaches."""
    years = whole_years(start, end)
    return anniversary(start, years) - timedelta(days=1) if years else start


def exits_panel(workforce: Workforce, *, start: date, end: date, k: int, scope: Workforce | None = None,
                unit: str | None = None) -> Panel:
    """Why the cohort left: the share per exit reason by each anniversary (reasons compete, so this
    is not one minus a KM curve; with nobody censored before the end it is the Aalen–Johansen share,
    `retention_years`). The cohort is one group: shown when it has at least k people and the audit
    of every subtree's groups and reasons per year lets it."""
    kk = k
    frame = cohort(workforce, start=start, end=end, by="generation")
    people = frame["person_id"].n_unique()
    years = whole_years(start, end)
    hidden = suppress(pl.DataFrame({"population": [people]}), k=kk, values=[], has_total=False).table["suppressed"][0]
    if scope is not None:  # the groups' pages and this one are protected together
        hidden = hidden or not exits_shown(scope, start=start, k=kk, unit=unit, end=end)
    columns = (str(_("exit reason")), str(_("left")), str(_("after 1 year")), str(_("after 2 years")),
               str(_("by the end of the period")))
    title = _("Why people left")
    caption = _("Share of everyone employed on %(day)s who left for each reason, per whole year (competing risks)") % {
        "day": table_day(start)}
    steps = reason_steps(frame, start=start, end=end) if people else {}
    if hidden or not steps:
        rows = () if not hidden else (Row((label_cell(_("all reasons")), *(value_cell(None, suppressed=True, k=kk)
                                                                            for _c in range(4)))),)
        note = (_("Too few people to show this chart without revealing individuals.") if hidden or people == 0
                else _("The period is shorter than a whole year; the curves start after the first whole year.")
                if not years else _("Nobody in this group left during the period."))
        return Panel(key="exits", title=title, takeaway=note, figure=None,
                     table=Table(caption=caption, columns=columns, rows=rows), notes=(_steps_note(),))
    xs, series, rows = [], [], []
    for reason in reason_order(list(steps)):
        left = steps[reason]
        share = [0.0, *(100 * n / people for n in left)]
        at = lambda j: share[j] if j <= years else None  # noqa: E731
        name = str(LABELS.get(reason, reason))
        xs.append(list(range(years + 1)))
        series.append((name, share, REASON_COLOURS.get(reason, "#999999")))
        rows.append(Row((label_cell(name), value_cell(left[-1], suppressed=False, k=kk),
                         value_cell(at(1), suppressed=False, k=kk, percent=True),
                         value_cell(at(2), suppressed=False, k=kk, percent=True),
                         value_cell(share[-1], suppressed=False, k=kk, percent=True))))
    # Influenceable outflow of the period, retirement at the AOW date apart as the pension wave
    # (DESIGN §4) — said only when the period's total of this unit may be shown (the flows page's rule).
    total_shown = scope is None or period_table(scope, start=start, end=end, by="unit", k=kk, unit=unit)[1]
    whole, chosen = (workforce, None) if scope is None else (scope, unit)  # the user's scope and subtree
    takeaway = (say(influenceable_outflow_findings(whole, start=start, end=end, k=kk, unit=chosen)[0]) if total_shown
                else _("Too few people to show the total without revealing individuals."))
    figure = charts.lines(xs, series, x_title=_("whole years after the start of the period"),
                          y_title=_("left, cumulative"), step=True, percent=True)
    return Panel(key="exits", title=title, takeaway=takeaway, figure=figure,
                 table=Table(caption=caption, columns=columns, rows=tuple(rows)), notes=(_steps_note(),))
