"""The employability dashboard's data: frozen round results (`RoundResult`) as the page and its CSV
show them, for the organisation (HR, works council) or the units a manager leads. Nothing here
decides what is withheld: that was decided once, for every viewer, when the round was frozen
(`analytics.survey_rounds.publish_round`); this module only picks the viewer's rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from levensfase.analytics.employability import falling_between_rounds
from levensfase.analytics.findings.dashboards import survey_group_finding
from levensfase.analytics.privacy import display
from levensfase.analytics.privacy.respondents import FEW_RESPONDENTS, ONE_BAND, SMALL_DIFFERENCE
from levensfase.analytics.survey_rounds import ALL, TEAM, band_order
from levensfase.web.accounts.access import managed_unit_ids
from levensfase.web.hr.models import Unit
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.surveys import questions as q
from levensfase.web.surveys.models import Campaign, RoundResult
from levensfase.web.surveys.rounds import answer_rounds, open_rounds, scores_until
from levensfase.web.surveys.selectors import Cell, campaign_rates, group_labels, k

_LOW_BANDS = {"wai": ("poor", "moderate")}  # below 37: the share the findings weigh


@dataclass
class Dashboard:
    scope: str
    instrument: str
    by: str
    k: int
    rounds: list[dict[str, Any]]  # {"name", "closed_on"} oldest first
    rows: list[dict[str, Any]]  # {"group", "label", "cells": [(respondents Cell, mean Cell)] per round}
    takeaway: str
    bands: list[str] = field(default_factory=list)  # band labels of the latest round's distribution
    band_rows: list[dict[str, Any]] = field(default_factory=list)  # {"label", "cells": [Cell], "reason"}
    band_round: dict[str, Any] | None = None  # the round the distribution is of (the latest)
    reasons: list[str] = field(default_factory=list)  # why something on the page is withheld
    open_rounds: list[dict[str, Any]] = field(default_factory=list)  # {"name", "closes_on", "rate"}
    falling: list[dict[str, Any]] = field(default_factory=list)
    csv_rows: list[list[Any]] = field(default_factory=list)
    flows: list[dict[str, Any]] = field(default_factory=list)
    flows_round: int | None = None  # the round whose respondents the exit/absence table follows
    flows_from: date | None = None


def _team_groups(user) -> dict[str, str]:
    """The manager's units in tree order (each followed by the units below it) → name."""
    mine = managed_unit_ids(user=user)
    units = list(Unit.objects.filter(unit_id__in=mine).values_list("unit_id", "parent_id", "name"))
    children: dict[str | None, list[tuple[str, str]]] = {}
    for unit_id, parent_id, name in units:
        children.setdefault(parent_id if parent_id in mine else None, []).append((unit_id, name))
    ordered: dict[str, str] = {}
    todo = sorted(children.get(None, []), key=lambda u: u[1], reverse=True)
    while todo:
        unit_id, name = todo.pop()
        if unit_id not in ordered:
            ordered[unit_id] = name
            todo.extend(sorted(children.get(unit_id, []), key=lambda u: u[1], reverse=True))
    return ordered


def _rows_wanted(scope: str, by: str, user, results: list[RoundResult]) -> dict[tuple[str, str], str]:
    """(by, group) → label of the rows this viewer sees, in display order."""
    if scope == "team":
        return {(TEAM, unit): name for unit, name in _team_groups(user).items()}
    names = group_labels(by=by)
    groups = sorted({g["group"] for r in results for g in r.groups if g["by"] == by})
    return {(ALL, ALL): _("whole organisation"), **{(by, g): names.get(g, g) for g in groups}}


def _number(value: float | None, reason: str | None, digits: int, kk: int) -> Cell:
    """A count (digits 0, 1.234) or a mean (41,5) in the UI language's notation; "< k" when withheld."""
    if reason is not None:
        return Cell(display(None, suppressed=True, k=kk), True, None, reason)
    if value is None:
        return Cell("–", False)
    return Cell(number_format(value, digits or None, force_grouping=not digits), False, value)


def dashboard(*, scope: str, user, instrument: str, by: str, today: date) -> Dashboard:
    """Every closed round of `instrument` with the viewer's rows (org: the whole organisation and the
    groups of `by`; team: the manager's units), the latest round's band distribution, the open rounds."""
    results = [r for r in RoundResult.objects.filter(instrument=instrument).order_by("closed_on", "id")
               if r.groups]  # a round nobody answered has nothing to show
    by = TEAM if scope == "team" else by
    wanted = _rows_wanted(scope, by, user, results)
    digits = 1 if instrument == "wai" else 2
    order = band_order(instrument)
    published = [{(g["by"], g["group"]): g for g in r.groups} for r in results]
    rows, reasons = [], set()
    csv_rows = [["round", "closed_on", "group", "respondents", "mean", *(f"band_{b.replace(' ', '_')}" for b in order),
                 "suppressed", "reason"]]
    for key, label in wanted.items():
        cells = []
        for result, groups in zip(results, published):
            g = groups.get(key)
            if g is None:
                cells.append((Cell("–", False), Cell("–", False)))
                continue
            reason = g["reason"]
            reasons.add(reason)
            cells.append((_number(g["respondents"], reason, 0, result.k), _number(g["mean"], reason, digits, result.k)))
            counts = {b["band"]: b["count"] for b in g["bands"] or []}
            csv_rows.append([result.name, result.closed_on.isoformat(), key[1], _blank(g["respondents"]),
                             _blank(g["mean"]), *(_blank(counts.get(b)) for b in order), "yes" if reason else "no",
                             reason or g["bands_reason"] or ""])
        if any(g.get(key) for g in published):
            rows.append({"group": key[1], "label": label, "cells": cells})
    data = Dashboard(scope=scope, instrument=instrument, by=by, k=k(),
                     rounds=[{"name": r.name, "closed_on": r.closed_on} for r in results], rows=rows,
                     takeaway="", csv_rows=csv_rows)
    if results:
        _band_table(data, results[-1], published[-1], wanted, order, reasons)
    data.reasons = _explanations(reasons, data.k)
    data.takeaway = _takeaway(data, results, published, wanted, instrument)
    data.open_rounds = _open(instrument, today)
    if scope == "org" and instrument == "wai" and len(results) >= 2:
        data.falling = _falling(results, published, by, wanted)
    return data


def _blank(value: object) -> object:
    return "" if value is None else value


def _band_table(data: Dashboard, result: RoundResult, groups: dict, wanted: dict, order: tuple, reasons: set) -> None:
    labels = {**{b: q.BAND_TEXT[b][0] for b in q.BAND_TEXT}, **q.UWES_BAND_TEXT}
    data.bands = [str(labels.get(b, b)) for b in order]
    for key, label in wanted.items():
        g = groups.get(key)
        if g is None:
            continue
        reason = g["bands_reason"]
        reasons.add(reason)
        counts = {b["band"]: b["count"] for b in g["bands"] or []}
        cells = [Cell(display(None, suppressed=True, k=result.k), True, None, reason) if reason
                 else Cell(str(counts.get(b, 0)), False, counts.get(b, 0)) for b in order]
        data.band_rows.append({"label": label, "cells": cells, "reason": reason})
    data.band_round = {"name": result.name, "closed_on": result.closed_on}


def _explanations(reasons: set, kk: int) -> list[str]:
    texts = {
        FEW_RESPONDENTS: _("“< %(k)s”: fewer than %(k)s people in this group answered in this round.") % {"k": kk},
        SMALL_DIFFERENCE: _("“< %(k)s” also where a result would differ by fewer than %(k)s respondents from another "
                            "result of the same round (for example a team and one of its units), so that nobody's "
                            "answers can be worked out by subtraction.") % {"k": kk},
        ONE_BAND: _("No distribution where everyone in the group falls in the same band: it would tell each "
                    "person's band."),
    }
    return [texts[r] for r in (FEW_RESPONDENTS, SMALL_DIFFERENCE, ONE_BAND) if r in reasons]


def _takeaway(data: Dashboard, results: list[RoundResult], published: list[dict], wanted: dict, instrument: str) -> str:
    """One plain sentence above the table (DESIGN §9), from the latest round's published rows only."""
    if not results:
        return _("No measurement round has closed yet: results are published per round, once it has closed.")
    name, groups = results[-1].name, published[-1]
    shown = [groups[key] | {"label": label} for key, label in wanted.items()
             if key in groups and groups[key]["reason"] is None]
    if not shown:
        return _("In round %(round)s fewer than %(k)s people answered in every group shown here, or a result would "
                 "give others away, so no average is shown.") % {"round": name, "k": results[-1].k}
    if len(shown) == 1 or data.scope == "team":
        return _("In round %(round)s the average score was %(mean)s.") % {
            "round": name, "mean": number_format(shown[0]["mean"], 1 if instrument == "wai" else 2)}
    rows = [{"year": name, "group": g["group"], "suppressed": False, "respondents": g["respondents"],
             "mean": g["mean"], "share_low": _share_low(g, instrument)} for g in shown if g["by"] != ALL]
    labels = {g["group"]: (g["label"], g["label"]) for g in shown}
    finding = survey_group_finding(rows, instrument=instrument, year=name, labels=labels)  # type: ignore[arg-type]
    return finding.text("en" if (get_language() or "nl").startswith("en") else "nl")


def _share_low(group: dict, instrument: str) -> float | None:
    """The share below 37 from the published band distribution (none where it is withheld)."""
    if instrument not in _LOW_BANDS or not group["bands"]:
        return None
    low = sum(b["count"] for b in group["bands"] if b["band"] in _LOW_BANDS[instrument])
    return low / group["respondents"] * 100


def _open(instrument: str, today: date) -> list[dict[str, Any]]:
    """Open rounds: name, closing day, and for a campaign its response rate (counts only)."""
    found = []
    for round_ in open_rounds(instrument=instrument, today=today):
        rate = None
        if round_.campaign_id is not None:
            total = campaign_rates(campaign=Campaign.objects.get(pk=round_.campaign_id))["total"]
            rate = total["rate"] if total["suppressed"] or total["rate"] == "–" else f"{total['rate']}%"
        found.append({"name": round_.name, "closes_on": round_.closes_on, "rate": rate,
                      "year_round": round_.year is not None})
    return found


def _falling(results: list[RoundResult], published: list[dict], by: str, wanted: dict) -> list[dict[str, Any]]:
    """Groups whose work ability fell between the last two closed rounds by more than chance allows
    (`employability.falling_between_rounds`: paired differences of the same respondents, a 95%
    interval below zero), among the groups both frozen rounds published."""
    last_two = results[-2:]
    table = pl.DataFrame(
        [{"round": r.name, "year": r.closed_on.year, "group": key[1], "mean": g["mean"],
          "respondents": g["respondents"], "suppressed": g["reason"] is not None}
         for r, groups in zip(last_two, published[-2:]) for key, g in groups.items() if key[0] == by],
        schema={"round": pl.String, "year": pl.Int32, "group": pl.String, "mean": pl.Float64,
                "respondents": pl.Int64, "suppressed": pl.Boolean})
    workforce = load_workforce()
    scores = scores_until(today=last_two[-1].closed_on).join(
        answer_rounds(), on=["person_id", "date", "instrument"], how="left")
    labels = {key[1]: label for key, label in wanted.items()}
    falling = falling_between_rounds(table, scores, workforce, by=by, k=last_two[-1].k)
    return [{**r, "label": labels.get(r["group"], r["group"]), "round_from": last_two[0].name,
             "round_to": last_two[1].name} for r in falling.iter_rows(named=True)]
