"""The projection document (planning.report.build_projection) as panels: fan charts, retirement
wave, gaps, and the side-by-side comparison of scenarios. Numbers come from the document only;
lines the core withheld (fewer than k people at the start) show as "< k"."""

from __future__ import annotations

from django.utils.translation import gettext as _

from levensfase.analytics.findings import bands_at_end, scenario_finding
from levensfase.analytics.findings.numbers import number
from levensfase.web.planning.charts import fan, grouped_bars
from levensfase.web.planning.presentation import euro
from levensfase.web.ui.labels import language, value_label
from levensfase.web.ui.tables import Cell, Panel, Row, Table, fmt, label_cell


def label(scenario: dict) -> str:
    return scenario["label"][language()] if scenario.get("label") else scenario["name"]


def _band_text(p10: float | None, p50: float | None, p90: float | None, digits: int = 0) -> str:
    if p50 is None:
        return "–"
    return f"{fmt(p50, digits)} ({fmt(p10, digits)}–{fmt(p90, digits)})"


def _suppressed(k: int) -> Cell:
    return Cell(text=f"< {k}", suppressed=True)


def band_panel(document: dict, *, key: str, measure: str, title: str, unit: str, digits: int) -> Panel:
    """Fan chart of `measure` (headcount | fte): per scenario the P10–P90 band and the P50 line."""
    years, scenarios = document["years"], document["scenarios"]
    bands = [(label(s), s[measure]["p10"], s[measure]["p50"], s[measure]["p90"]) for s in scenarios]
    rows = tuple(Row(cells=(label_cell(year), *(Cell(_band_text(s[measure]["p10"][t], s[measure]["p50"][t],
                                                                s[measure]["p90"][t], digits)) for s in scenarios)))
                 for t, year in enumerate(years))
    first = scenarios[0][measure]
    takeaway = _("Under “%(scenario)s” %(what)s goes from %(start)s in %(first)s to about %(end)s in %(last)s "
                 "(8 in 10 runs between %(low)s and %(high)s).") % {
        "scenario": label(scenarios[0]), "what": unit, "start": fmt(first["p50"][0], digits), "first": years[0],
        "end": fmt(first["p50"][-1], digits), "last": years[-1], "low": fmt(first["p10"][-1], digits),
        "high": fmt(first["p90"][-1], digits)}
    if len(scenarios) > 1:  # a highest scenario only when its P10–P90 band separates (DESIGN §6a)
        words = {"headcount": ("het aantal medewerkers", "headcount"), "fte": ("het aantal fte", "FTE")}.get(
            measure, (measure, measure))
        finding = scenario_finding(bands_at_end(document, measure=measure), year=years[-1], measure=words,
                                   lower_is_better=False, better=("het hoogst", "ends highest"),
                                   fmt=lambda v, lang: number(v, lang, digits))
        takeaway += " " + finding.text(language())
    return Panel(key=key, title=title, takeaway=takeaway,
                 figure=fan(years, bands, y_title=title, x_title=_("year")),
                 table=Table(caption=_("%(what)s per year: median (P10–P90) per scenario") % {"what": title},
                             columns=(_("Year"), *(label(s) for s in scenarios)), rows=rows))


def retirement_panel(document: dict) -> Panel:
    years, scenarios = document["years"][1:], document["scenarios"]
    series = [(label(s), s["retirements"][1:]) for s in scenarios]
    rows = tuple(Row(cells=(label_cell(year), *(Cell(_band_text(
        s["retirement_bands"]["p10"][t + 1], s["retirement_bands"]["p50"][t + 1], s["retirement_bands"]["p90"][t + 1]))
        for s in scenarios))) for t, year in enumerate(years))
    first = scenarios[0]["retirements"][1:]
    peak = max(range(len(first)), key=lambda t: first[t] or 0) if first else 0
    total = sum(v or 0 for v in first)
    if round(total) == 0:
        takeaway = _("Hardly anyone retires in the next %(years)s years (“%(scenario)s”).") % {
            "years": len(years), "scenario": label(scenarios[0])}
    else:
        takeaway = _("The retirement wave peaks in %(year)s with about %(n)s retirements (“%(scenario)s”); "
                     "%(total)s retire in %(years)s years.") % {
            "year": years[peak], "n": fmt(first[peak] or 0, 0), "scenario": label(scenarios[0]),
            "total": fmt(total, 0), "years": len(years)}
    return Panel(key="retirements", title=_("Retirement wave"), takeaway=takeaway,
                 figure=grouped_bars(years, series, x_title=_("year"), y_title=_("retirements")) if round(total) else None,
                 table=Table(caption=_("Retirements per year: median (P10–P90) per scenario"),
                             columns=(_("Year"), *(label(s) for s in scenarios)), rows=rows))


def gap_panel(document: dict, *, k: int) -> Panel | None:
    """Demand − supply per family in the last year; None when no demand was given."""
    scenarios = document["scenarios"]
    families = sorted({f for s in scenarios for f in s.get("gap", {})})
    if not families:
        return None
    years, last = document["years"], len(document["years"]) - 1
    rows, widest = [], None
    for family in families:
        cells = [label_cell(family)]
        for s in scenarios:
            g = s["gap"].get(family)
            if g is None or g["suppressed"]:
                cells.append(_suppressed(k) if g else Cell("–"))
                continue
            cells.append(Cell(_band_text(g["p10"][last], g["p50"][last], g["p90"][last], 1)))
            if g["p50"][last] is not None and (widest is None or abs(g["p50"][last]) > abs(widest[2])):
                widest = (family, label(s), g["p50"][last])
        rows.append(Row(cells=tuple(cells)))
    if widest is None:
        takeaway = _("No gap can be shown: the families with a target are too small to show.")
    elif widest[2] > 0:
        takeaway = _("The largest shortage in %(year)s: %(family)s lacks about %(fte)s FTE (“%(scenario)s”).") % {
            "year": years[last], "family": widest[0], "fte": fmt(widest[2], 1), "scenario": widest[1]}
    else:
        takeaway = _("No shortage in %(year)s; the largest surplus: %(family)s has about %(fte)s FTE more than "
                     "needed (“%(scenario)s”).") % {"year": years[last], "family": widest[0],
                                                    "fte": fmt(-widest[2], 1), "scenario": widest[1]}
    series = [(label(s), [None if s["gap"].get(f) is None or s["gap"][f]["suppressed"] else s["gap"][f]["p50"][last]
                          for f in families]) for s in scenarios]
    return Panel(key="gap", title=_("Gap with demand"), takeaway=takeaway,
                 figure=grouped_bars(families, series, x_title=_("job family"), y_title=_("FTE short (demand − supply)")),
                 table=Table(caption=_("Demand − supply in FTE in %(year)s: median (P10–P90); positive = short") % {
                     "year": years[last]}, columns=(_("Job family"), *(label(s) for s in scenarios)), rows=tuple(rows)))


def lines_panel(document: dict, *, key: str, group: str, title: str, axis: str, k: int) -> Panel:
    """Headcount and FTE per phase (or family) at the horizon, scenarios side by side."""
    scenarios, last = document["scenarios"], len(document["years"]) - 1
    names = list(scenarios[0][group])
    phases = axis == "life_phase" and group == "by_phase"
    labels = [value_label("life_phase", n) if phases else n for n in names]
    rows = []
    for name, text in zip(names, labels):
        cells = [label_cell(text)]
        for s in scenarios:
            line = s[group][name]
            if line["suppressed"]:
                cells += [_suppressed(k), _suppressed(k)]
            else:
                cells += [Cell(fmt(line["headcount"]["p50"][last], 0)), Cell(fmt(line["fte"]["p50"][last], 1))]
        rows.append(Row(cells=tuple(cells)))
    columns = (title, *(c for s in scenarios for c in (_("%(scenario)s: people") % {"scenario": label(s)},
                                                        _("%(scenario)s: FTE") % {"scenario": label(s)})))
    series = [(label(s), [None if s[group][n]["suppressed"] else s[group][n]["fte"]["p50"][last] for n in names])
              for s in scenarios]
    visible = [(n, t) for n, t in zip(names, labels) if not scenarios[0][group][n]["suppressed"]
               and scenarios[0][group][n]["fte"]["p50"][last]]
    if visible:
        top = max(visible, key=lambda nt: scenarios[0][group][nt[0]]["fte"]["p50"][last])
        takeaway = _("In %(year)s %(group)s is the largest group: %(fte)s FTE under “%(scenario)s”.") % {
            "year": document["years"][last], "group": top[1], "scenario": label(scenarios[0]),
            "fte": fmt(scenarios[0][group][top[0]]["fte"]["p50"][last], 1)}
    else:
        takeaway = _("Every group is too small to show.")
    return Panel(key=key, title=_("%(what)s in %(year)s") % {"what": title, "year": document["years"][last]},
                 takeaway=takeaway,
                 figure=grouped_bars(labels, series, x_title="", y_title=_("FTE (median)")) if visible else None,
                 table=Table(caption=_("People and FTE per group in %(year)s (median of the runs)") % {
                     "year": document["years"][last]}, columns=columns, rows=tuple(rows)))


def cost_panel(document: dict) -> Panel:
    years, scenarios = document["years"], document["scenarios"]
    rows = tuple(Row(cells=(label_cell(year), *(Cell(euro(s["cost"]["p50"][t])) for s in scenarios)))
                 for t, year in enumerate(years))
    # "cheapest" only when the P10–P90 bands separate: medians alone change with the number of runs
    takeaway = scenario_finding(bands_at_end(document, measure="cost"), year=years[-1]).text(language())
    bands = [(label(s), s["cost"]["p10"], s["cost"]["p50"], s["cost"]["p90"]) for s in scenarios]
    return Panel(key="cost", title=_("Personnel cost"), takeaway=takeaway,
                 figure=fan(years, bands, y_title=_("cost per year (€)"), x_title=_("year")),
                 table=Table(caption=_("Personnel cost per year (median) per scenario"),
                             columns=(_("Year"), *(label(s) for s in scenarios)), rows=rows),
                 notes=(_("Costs rest on assumed salaries per job family (the exchange format has no salaries)."),))
