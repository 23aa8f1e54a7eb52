"""Retention (behoud) as a cohort: everyone employed on the period's first day, in the category
they had that day, followed until their spell ends (censored on the period's last day).

Starting every curve on one calendar day keeps Kaplan–Meier's assumptions simple (no left
truncation) and answers the question HR asks: "of who worked here then, how many are still here?"
"""

from __future__ import annotations

from datetime import date

import polars as pl
from django.utils.translation import gettext as _

from levensfase.analytics.dashboard import period_table
from levensfase.analytics.findings.dashboards import influenceable_outflow_findings, retention_group_finding
from levensfase.analytics.privacy import suppress
from levensfase.analytics.protected_retention import cohort, exits_shown, hidden_groups
from levensfase.analytics.retention import cumulative_incidence, kaplan_meier_by, retention_summary
from levensfase.model.workforce import Workforce
from levensfase.web.ui import charts
from levensfase.web.ui.colours import REASON_COLOURS, colour
from levensfase.web.ui.dates import day as table_day  # dates as tables show them
from levensfase.web.ui.labels import LABELS, finding_labels, say, value_label
from levensfase.web.ui.reads import unit_names
from levensfase.web.ui.tables import Panel, Row, Table, label_cell, value_cell

SUMMARY = ("n", "events", "median_years", "survival_1y", "survival_2y", "survival_5y")


def summary(workforce: Workforce, *, start: date, end: date, by: str, k: int,
            scope: Workforce | None = None, unit: str | None = None) -> tuple[pl.DataFrame, dict]:
    """The suppressed per-group summary (value, population, SUMMARY columns) and the curves of the
    groups that may be shown. A group's cohort is its headcount on `start`, which the other pages
    publish too: the groups are protected with every subtree's and the day's numbers
    (analytics.protected_retention, for the user's whole `scope` and the chosen `unit`)."""
    frame = cohort(workforce, start=start, end=end, by=by)
    if frame.height == 0:
        return pl.DataFrame(schema={"value": pl.String, "population": pl.Int64, "suppressed": pl.Boolean}), {}
    table = retention_summary(frame, by="value").drop("by")
    result = suppress(table, k=k, values=list(SUMMARY)).table
    if scope is not None:  # protected with every subtree's groups and the day's headcounts
        hidden = hidden_groups(scope, start=start, by=by, k=k)
        linked = pl.Series([(unit, v) in hidden for v in result["value"].to_list()], dtype=pl.Boolean)
        result = result.with_columns(linked.alias("_linked")).with_columns(
            pl.col("suppressed") | pl.col("_linked"),
            *(pl.when(pl.col("_linked")).then(None).otherwise(pl.col(c)).alias(c) for c in ("population", *SUMMARY)),
        ).drop("_linked")
    curves = kaplan_meier_by(frame, by="value")
    shown = {v: curves[v] for v, s in zip(result["value"].to_list(), result["suppressed"].to_list()) if not s}
    return result, shown


def retention_panel(workforce: Workforce, *, start: date, end: date, by: str, k: int,
                    scope: Workforce | None = None, unit: str | None = None) -> Panel:
    kk = k
    names = unit_names(workforce)
    table, curves = summary(workforce, start=start, end=end, by=by, k=k, scope=scope, unit=unit)
    series = []
    for i, (value, km) in enumerate(curves.items()):
        t = km.table
        series.append((value_label(by, value, names=names), [100 * s for s in t["survival"].to_list()],
                       colour(by, value, i)))
    xs = [km.table["timeline"].to_list() for km in curves.values()]
    rows = []
    for r in table.iter_rows(named=True):
        s = r["suppressed"]
        pct = {c: None if r.get(c) is None else 100 * r[c] for c in ("survival_1y", "survival_2y", "survival_5y")}
        rows.append(Row((label_cell(value_label(by, r["value"], names=names)),
                         value_cell(r.get("population"), suppressed=s, k=kk), value_cell(r.get("events"), suppressed=s, k=kk),
                         value_cell(pct["survival_1y"], suppressed=s, k=kk, percent=True),
                         value_cell(pct["survival_2y"], suppressed=s, k=kk, percent=True),
                         value_cell(pct["survival_5y"], suppressed=s, k=kk, percent=True),
                         value_cell(r.get("median_years"), suppressed=s, k=kk))))
    two = table.filter(~pl.col("suppressed") & pl.col("survival_2y").is_not_null()) if "survival_2y" in table.columns else table.clear()
    if two.height:
        # Named only with ≥ 20 spells and a Greenwood band apart from the nearest group (DESIGN §6a).
        takeaway = say(retention_group_finding(curves, published=set(curves),
                                               labels=finding_labels(by, list(curves), names=names)))
    elif curves:
        takeaway = _("The period is shorter than two years; the curves show retention so far.")
    else:
        takeaway = _("Too few people to show this chart without revealing individuals.")
    figure = charts.lines(xs, series, x_title=_("years after the start of the period"), y_title=_("still employed"),
                          step=True, percent=True) if series else None
    group = {"life_phase": _("life phase"), "generation": _("generation")}.get(by, _("group"))
    columns = (str(group), str(_("people")), str(_("left")), str(_("after 1 year")), str(_("after 2 years")),
               str(_("after 5 years")), str(_("median stay (years)")))
    title = {"life_phase": _("Retention per life phase"), "generation": _("Retention per generation")}.get(
        by, _("Retention per group"))
    return Panel(key=f"km-{by}", title=title, takeaway=takeaway, figure=figure,
                 table=Table(caption=_("Kaplan–Meier retention of everyone employed on %(day)s, followed to %(end)s") % {
                     "day": table_day(start), "end": table_day(end)}, columns=columns, rows=tuple(rows)))


def exits_panel(workforce: Workforce, *, start: date, end: date, k: int, scope: Workforce | None = None,
                unit: str | None = None) -> Panel:
    """Why the cohort left: the Aalen–Johansen share per exit reason (reasons compete, so this is
    not one minus a KM curve). The cohort is one group: shown when it has at least k people."""
    kk = k
    frame = cohort(workforce, start=start, end=end, by="generation")
    people = frame["person_id"].n_unique()
    hidden = suppress(pl.DataFrame({"population": [people]}), k=kk, values=[], has_total=False).table["suppressed"][0]
    if scope is not None:  # the groups' pages and this one are protected together
        hidden = hidden or not exits_shown(scope, start=start, k=kk, unit=unit)
    columns = (str(_("exit reason")), str(_("left")), str(_("after 1 year")), str(_("after 2 years")),
               str(_("by the end of the period")))
    title = _("Why people left")
    caption = _("Share of everyone employed on %(day)s who left for each reason (competing risks)") % {
        "day": table_day(start)}
    if hidden or people == 0 or not frame["event"].any():
        rows = () if not hidden else (Row((label_cell(_("all reasons")), *(value_cell(None, suppressed=True, k=kk)
                                                                            for _c in range(4)))),)
        note = (_("Too few people to show this chart without revealing individuals.") if hidden or people == 0
                else _("Nobody in this group left during the period."))
        return Panel(key="exits", title=title, takeaway=note, figure=None,
                     table=Table(caption=caption, columns=columns, rows=rows))
    cif = cumulative_incidence(durations=frame["duration_years"], events=frame["event"], reasons=frame["end_reason"])
    counts = dict(frame.filter(pl.col("event")).group_by("end_reason").len().iter_rows())
    xs, series, rows, last = [], [], [], {}
    for reason in dict.fromkeys(cif["reason"].to_list()):
        curve = cif.filter(pl.col("reason") == reason)
        t, f = curve["timeline"].to_numpy(), curve["cif"].to_numpy()
        at = lambda years: 100 * float(f[t <= years][-1]) if (t <= years).any() and t[-1] >= years else None  # noqa: E731
        name = str(LABELS.get(reason, reason))
        last[name] = 100 * float(f[-1])
        xs.append(t.tolist())
        series.append((name, (100 * f).tolist(), REASON_COLOURS.get(reason, "#999999")))
        rows.append(Row((label_cell(name), value_cell(counts.get(reason, 0), suppressed=False, k=kk),
                         value_cell(at(1.0), suppressed=False, k=kk, percent=True),
                         value_cell(at(2.0), suppressed=False, k=kk, percent=True),
                         value_cell(last[name], suppressed=False, k=kk, percent=True))))
    # Influenceable outflow of the period, retirement at the AOW date apart as the pension wave
    # (DESIGN §4) — said only when the period's total of this unit may be shown (the flows page's rule).
    total_shown = scope is None or period_table(scope, start=start, end=end, by="unit", k=kk, unit=unit)[1]
    takeaway = (say(influenceable_outflow_findings(workforce, start=start, end=end, k=kk)[0]) if total_shown
                else _("Too few people to show the total without revealing individuals."))
    figure = charts.lines(xs, series, x_title=_("years after the start of the period"), y_title=_("left, cumulative"),
                          step=True, percent=True)
    return Panel(key="exits", title=title, takeaway=takeaway, figure=figure,
                 table=Table(caption=caption, columns=columns, rows=tuple(rows)))
