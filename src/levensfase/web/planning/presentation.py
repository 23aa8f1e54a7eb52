"""The planner's result as dashboard panels: a takeaway, a chart and its table (DESIGN §9)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from levensfase.planning.effects import Effects
from levensfase.planning.planner_baseline import PublishedPlan
from levensfase.web.dashboards.selectors.common import language, value_label
from levensfase.web.dashboards.tables import Cell, Panel, Row, Table, fmt, label_cell, value_cell
from levensfase.web.planning.charts import BUNDLE_COLOURS, horizontal_bars, stacked_bars


def euro(value: float) -> str:
    return "€ " + number_format(round(value), decimal_pos=0, force_grouping=True)


def hidden_label(k: int) -> str:
    return _("hidden group (fewer than %(k)s people, or hidden with one)") % {"k": k}


def type_names(effects: Effects) -> dict[str, str]:
    lang = language()
    return {t.code: t.name(lang) for t in effects}


def short_names(effects: Effects) -> dict[str, str]:
    """Column headers: the name before its parenthesised examples ("Ontwikkelregelingen")."""
    return {code: name.split(" (")[0] for code, name in type_names(effects).items()}


def allocation_panel(plan: PublishedPlan, *, names: dict[str, str]) -> Panel:
    """Spend per category and arrangement type; hidden categories are one row each without a name."""
    k, by = plan.categories.k, plan.axis
    types = list(plan.effects)
    labels = short_names(plan.effects)
    spend = {(r["category"], r["type"]): r for r in plan.allocation.iter_rows(named=True)}
    rows, shown = [], []
    for r in plan.categories.table.iter_rows(named=True):
        hidden = r["suppressed"]
        name = hidden_label(k) if hidden else value_label(by, r["value"], names=names)
        cells = [label_cell(name), value_cell(r["population"], suppressed=hidden, k=k),
                 value_cell(None if r["exit_rate"] is None else r["exit_rate"] * 100, suppressed=hidden, k=k,
                            percent=True)]
        for t in types:
            pair = spend.get((r["value"], t.code))
            cells.append(value_cell(None if hidden or pair is None else round(pair["places"], 1),
                                    suppressed=hidden, k=k))
        cells += [Cell(text=display_euro(r["spend"], hidden, k), suppressed=hidden),
                  value_cell(r["retained_fte_years"], suppressed=hidden, k=k, digits=2)]
        rows.append(Row(cells=tuple(cells)))
        if not hidden:
            shown.append((name, r["value"]))
    rows.append(Row(cells=(label_cell(_("Total")), Cell(""), Cell(""), *(Cell("") for _t in types),
                           Cell(euro(plan.spend)), value_cell(plan.retained_fte_years, suppressed=False, k=k, digits=2)),
                    flag="total"))
    columns = (_("Category"), _("People"), _("Exit rate per year"),
               *(_("%(type)s (places)") % {"type": labels[t.code]} for t in types),
               _("Spend per year"), _("Retained FTE-years"))
    series = [(labels[t.code], [spend[(value, t.code)]["spend"] for _n, value in shown], BUNDLE_COLOURS[t.bundle])
              for t in types]
    figure = stacked_bars([n for n, _v in shown], series, x_title="", y_title=_("Spend per year (€)")) if shown else None
    return Panel(key="allocation", title=_("Where the money goes"), takeaway=_allocation_takeaway(plan, names),
                 figure=figure, table=Table(caption=_("Places and spend per category and arrangement type"),
                                            columns=columns, rows=tuple(rows)))


def display_euro(value: float | None, hidden: bool, k: int) -> str:
    return f"< {k}" if hidden else ("–" if value is None else euro(value))


def _allocation_takeaway(plan: PublishedPlan, names: dict[str, str]) -> str:
    shown = plan.categories.table.filter(~plan.categories.table["suppressed"]).sort("spend", descending=True)
    if shown.height == 0 or not shown["spend"][0]:
        return _("The plan spends nothing: no category has observed exits an arrangement could reduce.")
    top = shown.row(0, named=True)
    return _("%(category)s gets the largest part, %(spend)s a year (%(share)s%% of what is spent); the plan "
             "retains %(fte)s FTE-years in total.") % {
        "category": value_label(plan.axis, top["value"], names=names), "spend": euro(top["spend"]),
        "share": fmt(100 * top["spend"] / plan.spend if plan.spend else 0, 0),
        "fte": fmt(plan.retained_fte_years, 1)}


def constraint_label(row: dict, *, by: str, names: dict[str, str], types: dict[str, str], k: int) -> str:
    category = hidden_label(k) if row["hidden"] else value_label(by, row["category"], names=names)
    return {
        "budget": lambda: _("Budget"),
        "min_share": lambda: _("Minimum share for %(category)s") % {"category": category},
        "development": lambda: _("Minimum development share"),
        "capacity": lambda: _("Maximum places of %(type)s") % {"type": types.get(row["type"], row["type"])},
        "reach": lambda: _("People in %(category)s") % {"category": category},
    }[row["kind"]]()


def _unit(kind: str) -> str:
    return _("per place") if kind in ("capacity", "reach") else _("per € 1,000")


def constraints_panel(plan: PublishedPlan, *, names: dict[str, str]) -> Panel:
    """Binding limits first, each with its shadow price and what dropping (budget: +10 %) would gain."""
    k, types = plan.categories.k, type_names(plan.effects)
    table = plan.constraints.sort(["binding", "gain_if_relaxed"], descending=[True, True], nulls_last=True)
    rows, chart = [], []
    for r in table.iter_rows(named=True):
        if r["hidden"] and not r["binding"]:
            continue
        label = constraint_label(r, by=plan.axis, names=names, types=types, k=k)
        euros = r["kind"] not in ("capacity", "reach")
        scale = 1000 if euros else 1
        shadow = None if r["shadow_price"] is None else r["shadow_price"] * scale
        limit = r["limit"]
        rows.append(Row(cells=(
            label_cell(label),
            Cell(display_euro(limit, r["hidden"], k) if euros else display_count(limit, r["hidden"], k), r["hidden"]),
            Cell(display_euro(r["used"], r["hidden"], k) if euros else display_count(r["used"], r["hidden"], k, 1),
                 r["hidden"]),
            label_cell(_("yes") if r["binding"] else _("no")),
            Cell(f"{fmt(shadow, 3)} {_unit(r['kind'])}" if shadow is not None and not r["hidden"]
                 else (f"< {k}" if r["hidden"] else "–"), r["hidden"]),
            value_cell(r["gain_if_relaxed"], suppressed=r["hidden"], k=k, digits=2),
        )))
        if r["binding"] and not r["hidden"] and r["gain_if_relaxed"]:
            chart.append((label, r["gain_if_relaxed"]))
    columns = (_("Limit"), _("Set to"), _("Used"), _("Binding"), _("Shadow price (FTE-years)"),
               _("Gain if relaxed (FTE-years)"))
    figure = horizontal_bars([c[0] for c in chart], [c[1] for c in chart],
                             x_title=_("FTE-years gained if relaxed")) if chart else None
    return Panel(key="constraints", title=_("What each limit costs"), takeaway=_constraints_takeaway(plan, chart),
                 figure=figure, table=Table(caption=_("Limits of the plan and their price"), columns=columns,
                                            rows=tuple(rows)),
                 notes=(_("Shadow price: the FTE-years one more euro (shown per € 1,000) or one more place in "
                          "the limit would add. Gain if relaxed: the result of solving again without the limit; "
                          "for the budget, with 10% more money."),))


def display_count(value: float | None, hidden: bool, k: int, digits: int = 0) -> str:
    return f"< {k}" if hidden else ("–" if value is None else fmt(value, digits))


def _constraints_takeaway(plan: PublishedPlan, chart: list[tuple[str, float]]) -> str:
    budget = plan.constraints.filter(kind="budget").row(0, named=True)
    others = [c for c in chart if c[0] != _("Budget")]
    if budget["binding"]:
        per_euro = budget["shadow_price"]
        if per_euro is None:  # whole places: no dual, use the re-solve with 10 % more money
            per_euro = (budget["gain_if_relaxed"] or 0.0) / (0.1 * budget["limit"])
        text = _("Every € 10,000 more would retain about %(gain)s FTE-years more.") % {"gain": fmt(per_euro * 10_000, 2)}
    else:
        text = _("The budget is not used up: the categories have no more people an arrangement could reach.")
    if others:
        name, gain = max(others, key=lambda c: c[1])
        text += " " + _("The costliest other limit is “%(limit)s”: without it the plan would retain %(gain)s "
                        "FTE-years more.") % {"limit": name, "gain": fmt(gain, 2)}
    return text
