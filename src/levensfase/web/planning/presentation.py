"""The planner's result as dashboard panels: a takeaway, a chart and its table (DESIGN §9).
Every sentence comes from the findings module (analytics.findings.planner, DESIGN §6a)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from levensfase.analytics.findings.planner import category_findings, category_labels, constraint_finding, summary_finding
from levensfase.planning.effects import Effects
from levensfase.planning.planner_baseline import PublishedPlan
from levensfase.web.planning.charts import BUNDLE_COLOURS, horizontal_bars, stacked_bars
from levensfase.web.ui.labels import language, value_label
from levensfase.web.ui.tables import Cell, Panel, Row, Table, fmt, label_cell, value_cell


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


def labels_for(plan: PublishedPlan, names: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Category names (nl, en) for the findings' sentences."""
    values = [v for v in plan.categories.table["value"].to_list() if v is not None]
    return category_labels(plan.axis, values, names=names)


def category_name(plan: PublishedPlan, value: str, names: dict[str, str]) -> str:
    """A category's name in a table cell, in the UI language (a primary phase by its phase label)."""
    return value_label("life_phase" if plan.axis == "primary_phase" else plan.axis, value, names=names)


def allocation_panel(plan: PublishedPlan, *, names: dict[str, str]) -> Panel:
    """Places, spend and money per head per category and type; hidden categories are one row each without a name."""
    k = plan.categories.k
    types = list(plan.effects)
    labels = short_names(plan.effects)
    whole = plan.policy is None or plan.policy.integer
    spend = {(r["category"], r["type"]): r for r in plan.allocation.iter_rows(named=True)}
    rows, shown = [], []
    for r in plan.categories.table.iter_rows(named=True):
        hidden = r["suppressed"]
        name = hidden_label(k) if hidden else category_name(plan, r["value"], names)
        cells = [label_cell(name), value_cell(r["population"], suppressed=hidden, k=k),
                 value_cell(None if r["exit_rate"] is None else r["exit_rate"] * 100, suppressed=hidden, k=k,
                            percent=True)]
        for t in types:
            pair = spend.get((r["value"], t.code))
            cells.append(value_cell(None if hidden or pair is None else pair["places"], suppressed=hidden, k=k,
                                    digits=0 if whole else 1))
        cells += [Cell(text=display_euro(r["spend"], hidden, k), suppressed=hidden),
                  Cell(text=display_euro(r["per_head"], hidden, k), suppressed=hidden),
                  value_cell(r["per_head_ratio"], suppressed=hidden, k=k, digits=1),
                  value_cell(r["retained_fte_years"], suppressed=hidden, k=k, digits=2)]
        rows.append(Row(cells=tuple(cells)))
        if not hidden:
            shown.append((name, r["value"]))
    rows.append(Row(cells=(label_cell(_("Total")), Cell(""), Cell(""), *(Cell("") for _t in types),
                           Cell(euro(plan.spend)), Cell(euro(plan.average_per_head)), Cell(fmt(1.0, 1)),
                           value_cell(plan.retained_fte_years, suppressed=False, k=k, digits=2)), flag="total"))
    columns = (_("Category"), _("People"), _("Influenceable outflow per year"),
               *(_("%(type)s (places)") % {"type": labels[t.code]} for t in types),
               _("Spend per year"), _("Per employee"), _("× average"), _("Retained FTE-years"))
    series = [(labels[t.code], [spend[(value, t.code)]["spend"] for _n, value in shown], BUNDLE_COLOURS[t.bundle])
              for t in types]
    figure = stacked_bars([n for n, _v in shown], series, x_title="", y_title=_("Spend per year (€)")) if shown else None
    return Panel(key="allocation", title=_("Where the money goes"), takeaway=summary_finding(plan).text(language()),
                 figure=figure, table=Table(caption=_("Places and spend per category and arrangement type"),
                                            columns=columns, rows=tuple(rows)),
                 notes=(_("Influenceable outflow: voluntary exits, disability and retirement before the AOW date. "
                          "Retirement at the AOW date is not counted: no arrangement prevents it."),))


def reasons_panel(plan: PublishedPlan, *, names: dict[str, str]) -> Panel:
    """Why each category gets what it gets, in words, beside its money per head against the average."""
    k, lang = plan.categories.k, language()
    findings = category_findings(plan, labels_for(plan, names))
    rows = []
    for finding in findings:
        numbers = finding.numbers
        if "value" not in numbers:  # the sentence about hidden groups
            continue
        rows.append(Row(cells=(label_cell(category_name(plan, numbers["value"], names)),
                               Cell(display_euro(numbers["per_head"], False, k)),
                               value_cell(numbers["per_head_ratio"], suppressed=False, k=k, digits=1),
                               label_cell(_("yes") if numbers["explained"] else _("no")),
                               Cell(finding.text(lang), numeric=False))))
    hidden = [f.text(lang) for f in findings if "value" not in f.numbers]
    return Panel(key="reasons", title=_("Why each category gets what it gets"),
                 takeaway=_("Money per employee against the organisation's average of %(average)s, and the reason "
                            "in words.") % {"average": euro(plan.average_per_head)},
                 figure=None, table=Table(caption=_("Reasons per category"),
                                          columns=(_("Category"), _("Per employee"), _("× average"),
                                                   _("Explained by a limit or the data"), _("Why")),
                                          rows=tuple(rows)),
                 notes=(*hidden, _("“Explained by a limit or the data”: the category's money follows from a limit "
                                   "(minimum share, everyone reached, a full arrangement) or from its data (no "
                                   "influenceable outflow, everyone past the AOW date, fewer than 20 exits). The "
                                   "others follow the optimum alone; their money per employee stays within a factor "
                                   "4 of the average on the demo organisation.")))


def display_euro(value: float | None, hidden: bool, k: int) -> str:
    return f"< {k}" if hidden else ("–" if value is None else euro(value))


def constraint_label(row: dict, *, by: str, names: dict[str, str], types: dict[str, str], k: int) -> str:
    axis = "life_phase" if by == "primary_phase" else by
    category = hidden_label(k) if row["hidden"] else value_label(axis, row["category"], names=names)
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
    others = [c for c in chart if c[0] != _("Budget")]
    costliest = None
    if others:
        name, gain = max(others, key=lambda c: c[1])
        costliest = (name, name, gain)  # the label is already in the UI language
    return constraint_finding(plan, costliest=costliest).text(language())
