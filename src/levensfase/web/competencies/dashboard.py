"""The competency dashboard's panels: onbenut potentieel and ontwikkelbehoefte per category, and
the development money per category — from the core's `competency_categories`, which passes every
row through privacy.suppress; suppressed cells show as "< k" (ui.tables.value_cell)."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl
from django.db.models import Max
from django.utils.translation import gettext as _

from levensfase.analytics import competencies as core
from levensfase.analytics.findings.dashboards import competency_findings, money_range_finding
from levensfase.analytics.phase_categories import NO_PHASE
from levensfase.model.workforce import Workforce
from levensfase.web.hr.models import Arrangement, Conversation, PersonSkill
from levensfase.web.ui import cache, charts
from levensfase.web.ui.dates import day as table_day  # dates as tables show them
from levensfase.web.ui.filters import CATEGORY_LABELS
from levensfase.web.ui.labels import language, say, value_label
from levensfase.web.ui.reads import k, scoped_workforce, unit_names
from levensfase.web.ui.tables import Panel, Row, Table, label_cell, value_cell

CATEGORIES = tuple(CATEGORY_LABELS)  # the dashboards' categories; the core accepts each of them
UNTAPPED, NEED = "#0072B2", "#D55E00"  # Okabe–Ito, as on the other dashboards


def version() -> tuple:
    """What the competency figures depend on beyond the dashboards' data version: assessments,
    development arrangements and career conversations are written outside imports (their services
    bump the data version too; the highest key also catches rows added beside them, as tests do).
    Plain numbers, so equal versions make equal keys, and no count: it scans a million rows."""
    return tuple(m.objects.aggregate(last=Max("id"))["last"] for m in (PersonSkill, Arrangement, Conversation))


def panels(*, units: frozenset[str] | None, scope_key: tuple, by: str, as_of: date) -> tuple[Panel, ...]:
    key = ("competencies", cache.data_version(), version(), scope_key,
           tuple(sorted(units)) if units is not None else None, by, as_of, k(), language())
    return cache.cached(key, lambda: _panels(scoped_workforce(units), by=by, as_of=as_of))


def category_rows(workforce: Workforce, *, by: str, as_of: date) -> pl.DataFrame:
    """A group's row is withheld where the pages of the day hide its headcount (the same number)."""
    from levensfase.analytics.protected_year import published_day_pattern

    return core.competency_categories(workforce, as_of=as_of, by=by, k=k(),
                                      day=published_day_pattern(workforce, day=as_of, k=k(), end=as_of))


def _panels(workforce: Workforce, *, by: str, as_of: date) -> tuple[Panel, ...]:
    frame = category_rows(workforce, by=by, as_of=as_of)
    names = unit_names(workforce)
    rows = [{**r, "label": _label(by, r["value"], names)} for r in frame.iter_rows(named=True)]
    return _potential(rows, by=by, as_of=as_of), _spend(rows, by=by, as_of=as_of)


def _label(by: str, value: str, names: dict[str, str]) -> str:
    if by == "life_phase" and value == NO_PHASE:
        return str(_("no named life phase"))
    return value_label(by, value, names=names)


def _pct(value: float | None) -> float | None:
    return None if value is None else 100 * value


def _potential(rows: list[dict], *, by: str, as_of: date) -> Panel:
    kk, category = k(), CATEGORY_LABELS[by]
    shown = [r for r in rows if not r["shares_withheld"]]
    figure = None
    if shown:
        fig = go.Figure([
            go.Bar(x=[r["label"] for r in shown], y=[_pct(r["untapped_share"]) for r in shown],
                   name=str(_("untapped potential")), marker={"color": UNTAPPED}),
            go.Bar(x=[r["label"] for r in shown], y=[_pct(r["development_need_share"]) for r in shown],
                   name=str(_("development need")), marker={"color": NEED, "pattern": {"shape": "/", "fgcolor": "#ffffff"}}),
        ])
        fig.update_yaxes(ticksuffix="%")
        figure = charts._layout(fig, x_title=str(category), y_title=str(_("share of employees")))
    table = Table(
        caption=_("Per %(category)s on %(day)s") % {"category": category, "day": table_day(as_of)},
        columns=(str(category), str(_("employees")), str(_("assessed")), str(_("untapped potential")),
                 str(_("development need"))),
        rows=tuple(Row((label_cell(r["label"]), value_cell(r["population"], suppressed=r["suppressed"], k=kk),
                        value_cell(r["assessed"], suppressed=r["shares_withheld"], k=kk),
                        value_cell(_pct(r["untapped_share"]), suppressed=r["shares_withheld"], k=kk, percent=True),
                        value_cell(_pct(r["development_need_share"]), suppressed=r["shares_withheld"], k=kk,
                                   percent=True)))
                   for r in rows))
    return Panel(key="potential", title=_("Untapped potential and development need per %(category)s") % {
        "category": category}, takeaway=_potential_takeaway(shown), figure=figure, table=table)


def _labels(rows: list[dict]) -> dict[str, tuple[str, str]]:
    return {str(r["value"]): (r["label"], r["label"]) for r in rows}


def _potential_takeaway(shown: list[dict]) -> str:
    """From the core's findings: a group is named only with ≥ 20 assessed and a separate interval."""
    if not any(r["untapped_share"] is not None for r in shown):
        return _("Too few assessed people to compare groups without revealing individuals.")
    return say(*competency_findings(shown, labels=_labels(shown)))


def _spend(rows: list[dict], *, by: str, as_of: date) -> Panel:
    kk, category = k(), CATEGORY_LABELS[by]
    shown = [r for r in rows if not r["suppressed"] and r["population"]]
    per_head = {r["value"]: r["training_spend_per_person"] or 0.0 for r in shown}
    figure = None
    if shown:
        figure = charts.bars([r["label"] for r in shown], [round(per_head[r["value"]]) for r in shown],
                             [UNTAPPED] * len(shown), x_title=str(category), y_title=str(_("euros per employee")))
    table = Table(
        caption=_("Development arrangements per %(category)s, the twelve months up to %(day)s") % {
            "category": category, "day": table_day(as_of)},
        columns=(str(category), str(_("employees")), str(_("development spend (€)")), str(_("per employee (€)"))),
        rows=tuple(Row((label_cell(r["label"]), value_cell(r["population"], suppressed=r["suppressed"], k=kk),
                        value_cell(_money(r["training_spend_eur"]), suppressed=r["suppressed"], k=kk, digits=0),
                        value_cell(_money(r["training_spend_per_person"]), suppressed=r["suppressed"], k=kk,
                                   digits=0)))
                   for r in rows))
    return Panel(key="spend", title=_("Development money per %(category)s") % {"category": category},
                 takeaway=_spend_takeaway(shown, per_head), figure=figure, table=table)


def _money(value: float | None) -> float | None:
    return None if value is None else float(value)


def _spend_takeaway(shown: list[dict], per_head: dict) -> str:
    if not shown:
        return _("Too few people to compare groups without revealing individuals.")
    return say(money_range_finding(shown, labels=_labels(shown)))
