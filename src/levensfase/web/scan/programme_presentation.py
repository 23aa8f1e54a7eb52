"""A change programme's page: the core's difference-in-differences rows (`programmes.
difference_in_differences`) as a table and a chart of the effects with their 95% intervals.
Verdicts, "onvoldoende gegevens" and the wide-interval flag are the core's; this only words them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from levensfase.web.ui.charts import _layout
from levensfase.web.ui.tables import Cell, Panel, Row, Table, fmt, label_cell, value_cell

def verdict_words() -> dict[str, str]:
    return {"improved": _("improved more than the comparison"), "worsened": _("worsened against the comparison"),
            "no_clear_difference": _("no clear difference"), "insufficient_data": _("insufficient data")}


def _number(value: float | None, *, k: int, digits: int = 2) -> Cell:
    return value_cell(None if value is None else float(value), suppressed=False, k=k, digits=digits)


def _interval(row) -> Cell:
    if row.ci_low is None or row.ci_high is None:
        return Cell(text="–")
    return Cell(text=_("%(low)s to %(high)s") % {"low": fmt(row.ci_low, 2), "high": fmt(row.ci_high, 2)})


def _target(row) -> tuple[Cell, Cell]:
    if row.target is None:
        return Cell(text="–"), Cell(text="–", numeric=False)
    met = {True: _("yes"), False: _("no"), None: "–"}[row.target_met]
    return Cell(text=fmt(row.target, 1)), Cell(text=met, numeric=False)


def programme_panel(*, rows: Sequence, labels: Mapping[str, str], k: int) -> Panel:
    words = verdict_words()
    table_rows = []
    for row in rows:
        target, met = _target(row)
        table_rows.append(Row(cells=(
            label_cell(labels.get(row.measure, row.measure)), _number(row.baseline, k=k), _number(row.follow_up, k=k),
            _number(row.change, k=k), _number(row.comparison_change, k=k), _number(row.did, k=k), _interval(row),
            Cell(text=words[row.verdict] + (" " + _("(wide interval)") if row.wide else ""), numeric=False),
            target, met), flag="" if row.verdict != "insufficient_data" else "muted"))
    table = Table(caption=_("Baseline and follow-up of the programme units, against the comparison units"),
                  columns=(_("Measure"), _("Baseline"), _("Follow-up measurement"), _("Change"), _("Change in comparison"),
                           _("Difference in differences"), _("95% interval"), _("Verdict"), _("Target"),
                           _("Target met")), rows=tuple(table_rows))
    shown = [row for row in rows if row.did is not None and row.ci_low is not None]
    figure = _effects(shown, labels) if shown else None
    notes = []
    if any(row.wide for row in rows):
        notes.append(_("The programme or the comparison has only a few units, so the interval is wide: a real "
                       "effect may not show as a clear difference."))
    if any(row.verdict == "insufficient_data" for row in rows):
        notes.append(_("“Insufficient data”: a round is missing, or too few units have published values "
                       "(at least %(k)s respondents each) to work out an interval.") % {"k": k})
    notes.append(_("The difference in differences compares the change in the programme units with the change in "
                   "the comparison units; it assumes both would have changed alike without the programme."))
    takeaway = (_("The effect per measure with its 95% interval: an interval that does not cross 0 is a clear "
                  "difference.") if shown else _("No effect can be worked out yet: insufficient data."))
    return Panel(key="programme", title=_("What did the programme change?"), takeaway=takeaway, figure=figure,
                 table=table, notes=tuple(notes))


def _effects(rows: Sequence, labels: Mapping[str, str]) -> str:
    names = [labels.get(row.measure, row.measure) for row in rows]
    fig = go.Figure(go.Scatter(
        x=[row.did for row in rows], y=names, mode="markers", marker={"color": "#0072B2", "size": 10},
        error_x={"type": "data", "symmetric": False, "array": [row.ci_high - row.did for row in rows],
                 "arrayminus": [row.did - row.ci_low for row in rows], "color": "#4a545e", "thickness": 2},
        hovertemplate="%{y}: %{x:.2f}<extra></extra>"))
    fig.add_vline(x=0, line={"color": "#1b1f23", "width": 1})
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, x_title=_("difference in differences (95% interval)"), height=max(260, 60 + 36 * len(rows)),
                   legend=False)


def sentences(*, rows: Sequence, labels: Mapping[str, str], lang: str) -> list[str]:
    """The findings module's sentence per measure with a verdict (`findings.scan.programme_finding`);
    the measures without enough data are named in the table, not repeated here one by one."""
    from levensfase.analytics.findings.scan import programme_finding

    out = []
    for row in rows:
        if row.verdict == "insufficient_data":
            continue
        label = labels.get(row.measure, row.measure)
        out.append(programme_finding(row.as_dict(), name_nl=label, name_en=label).text(lang))
    return out
