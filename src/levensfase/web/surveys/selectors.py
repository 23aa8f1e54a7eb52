"""Reads of the surveys app. Individual scores come only from `own_trajectory` (for the person
themself or the bedrijfsarts, decided by the caller); everything else is a suppressed aggregate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from levensfase.analytics.employability import LOW_WAI, falling_groups, flows_by_band, scores_by
from levensfase.analytics.findings.dashboards import survey_group_finding
from levensfase.analytics.privacy import display, is_small, suppress
from levensfase.analytics.survey_scores import survey_scores
from levensfase.model.instruments import InvalidAnswers, score_survey_items
from levensfase.model.lifephase import load_rules
from levensfase.web.accounts.access import managed_unit_ids
from levensfase.web.hr.models import Assignment, Person, SurveyResponse, Unit
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.surveys.models import Campaign, Consent
from levensfase.web.surveys.services import current_work_demand


def k() -> int:
    return int(getattr(settings, "LEVENSFASE_K", 5))


@dataclass(frozen=True)
class Reading:
    date: date
    instrument: str
    score: float
    band: str


def own_trajectory(*, person_id: str) -> list[Reading]:
    """Every scorable response of one person, oldest first, scored as the core scores them."""
    readings = []
    for response in SurveyResponse.objects.filter(person_id=person_id, instrument__in=("wai", "uwes9")).order_by(
            "date", "instrument"):
        demand = current_work_demand(person_id=person_id, on=response.date)
        try:
            result = score_survey_items(response.instrument, response.answers, work_demand=demand)
        except InvalidAnswers:
            continue
        wai = response.instrument == "wai"
        readings.append(Reading(response.date, response.instrument, float(result.data["total"]),
                                result.data["band"] if wai else result.data["bands"]["total"]))
    return readings


def consent_of(*, person_id: str) -> Consent | None:
    return Consent.objects.filter(person_id=person_id).first()


@dataclass(frozen=True)
class Cell:
    text: str
    suppressed: bool
    value: float | None = None


@dataclass
class Dashboard:
    scope: str
    instrument: str
    by: str
    k: int
    years: list[int]
    rows: list[dict[str, Any]]  # {"group": str, "cells": [(respondents Cell, mean Cell)] per year}
    takeaway: str
    falling: list[dict[str, Any]] = field(default_factory=list)
    csv_rows: list[list[Any]] = field(default_factory=list)
    flows: list[dict[str, Any]] = field(default_factory=list)  # exit and absence per WAI band (org only)
    flows_from: date | None = None


def team_person_ids(*, user, today: date) -> set[str]:
    units = managed_unit_ids(user=user)
    covering = Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
    return set(Assignment.objects.filter(covering, unit_id__in=units).values_list("person_id", flat=True))


def answered_in_team(scores: pl.DataFrame, workforce, *, units) -> pl.DataFrame:
    """The responses given while the person worked in `units` (on the response date): a round's
    team result stays frozen on who answered in the team then, so a joiner or leaver cannot be
    worked out by comparing the team's results before and after (issue 16)."""
    held = workforce.assignments.filter(pl.col("unit_id").is_in(list(units))).select("person_id", "start_date", "end_date")
    inside = scores.join(held, on="person_id", how="inner").filter(
        (pl.col("start_date") <= pl.col("date")) & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("date"))))
    return scores.join(inside.select("person_id", "date", "instrument").unique(), on=["person_id", "date", "instrument"],
                       how="semi")


def dashboard(*, scope: str, user, instrument: str, by: str, today: date) -> Dashboard:
    """Mean score per group and year (org) or per year for the team, suppressed below k respondents."""
    workforce = load_workforce()
    scores = survey_scores(workforce, until=today)
    if scope == "team":
        scores = answered_in_team(scores, workforce, units=managed_unit_ids(user=user))
        by = "all"
    table = scores_by(scores, workforce, instrument=instrument, by=by, k=k())
    years = sorted(table.get_column("year").unique().to_list())
    digits = 1 if instrument == "wai" else 2
    names = group_labels(by=by)
    groups = table.get_column("group").unique().sort().to_list()
    cells = {(r["year"], r["group"]): r for r in table.iter_rows(named=True)}
    rows, csv_rows = [], [["year", "group", "respondents", "mean", "suppressed"]]
    for group in groups:
        row_cells = []
        for year in years:
            r = cells.get((year, group))
            if r is None:
                row_cells.append((Cell("–", False), Cell("–", False)))
                continue
            hidden = r["suppressed"]
            row_cells.append((Cell(display(r["respondents"], suppressed=hidden, k=k()), hidden),
                              Cell(_number(r["mean"], hidden, digits), hidden, r["mean"])))
            csv_rows.append([year, group, "" if hidden else r["respondents"], "" if hidden else r["mean"],
                             "yes" if hidden else "no"])
        rows.append({"group": group, "label": names.get(group, group), "cells": row_cells})
    falling = [] if scope == "team" or instrument != "wai" else [
        {**r, "label": names.get(r["group"], r["group"])}
        for r in falling_groups(table, scores, workforce, by=by, k=k()).iter_rows(named=True)]
    data = Dashboard(scope=scope, instrument=instrument, by=by, k=k(), years=years, rows=rows,
                     takeaway=_takeaway(table, years, instrument, scope, names), falling=falling, csv_rows=csv_rows)
    if scope == "org" and instrument == "wai":
        data.flows_from = _year_before(today)
        data.flows = _flow_rows(flows_by_band(workforce, scores=scores, start=data.flows_from, end=today,
                                              by="band", k=k()))
    return data


def _year_before(today: date) -> date:
    """The first day of the 12 months up to today."""
    try:
        return today.replace(year=today.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return date(today.year - 1, 3, 1)


def _flow_rows(table: pl.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for r in table.iter_rows(named=True):
        hidden = r["suppressed"]
        cells = [Cell(display(r["population"], suppressed=hidden, k=k()), hidden),
                 Cell(_number(r["exit_rate"], hidden, 1), hidden),
                 Cell(_number(r["verzuimpercentage"], hidden, 1), hidden),
                 Cell(_number(r["meldingsfrequentie"], hidden, 2), hidden),
                 Cell(_number(r["mean_duration"], hidden, 1), hidden)]
        rows.append({"band": r["group"], "cells": cells})
    return rows


def _number(value: float | None, hidden: bool, digits: int) -> str:
    """A mean in the UI language's notation (41,5 in Dutch); "< k" when suppressed."""
    if hidden or value is None:
        return display(value, suppressed=hidden, k=k())
    return number_format(value, digits)


def group_labels(*, by: str) -> dict[str, str]:
    """Readable names of group codes: unit names, life-phase labels in the UI language."""
    if by == "unit":
        return dict(Unit.objects.values_list("unit_id", "name"))
    if by == "life_phase":
        english = (get_language() or "nl").startswith("en")
        labels = {p.name: (p.label_en if english else p.label_nl) for p in load_rules().phases}
        return {**labels, "none": _("no named phase"), "not_employed": _("not employed")}
    if by == "all":
        return {"all": _("my team")}
    return {"not_employed": _("not employed")}


def _takeaway(table: pl.DataFrame, years: list[int], instrument: str, scope: str, names: dict[str, str]) -> str:
    """One plain sentence above the table (DESIGN §9), from published (unsuppressed) rows only."""
    digits = 1 if instrument == "wai" else 2
    if not years:
        return _("There are no questionnaire results yet.")
    last = table.filter((pl.col("year") == years[-1]) & ~pl.col("suppressed")).sort("mean", "group")
    if last.height == 0 and scope == "team":
        return _("In %(year)s fewer than %(k)s people in your team answered, so no average is shown.") % {
            "year": years[-1], "k": k()}
    if last.height == 0:
        return _("In %(year)s fewer than %(k)s people answered in every group, so no averages are shown.") % {
            "year": years[-1], "k": k()}
    if scope == "team" or last.height == 1:
        return _("In %(year)s the average score was %(mean)s.") % {
            "year": years[-1], "mean": number_format(last["mean"][0], digits)}
    # A group is named only as the core's findings allow (≥ 20 respondents, a separate interval).
    finding = survey_group_finding(last.to_dicts(), instrument=instrument, year=years[-1],
                                   labels={str(g): (names.get(g, g), names.get(g, g)) for g in last["group"].to_list()})
    return finding.text("en" if (get_language() or "nl").startswith("en") else "nl")


def followups(*, today: date) -> list[dict[str, Any]]:
    """People who asked for follow-up and whose latest WAI is below 37 — for the bedrijfsarts only.

    Scored in one vectorised pass over the cached Workforce (not one query per person and
    response): the demo alone has well over a thousand consents.
    """
    wanted = list(Consent.objects.filter(withdrawn_at__isnull=True, follow_up=True).values_list("person_id", flat=True))
    if not wanted:
        return []
    scores = survey_scores(load_workforce(), until=today).filter(
        pl.col("instrument") == "wai", pl.col("person_id").is_in(wanted))
    latest = scores.sort("person_id", "date").group_by("person_id", maintain_order=True).last()
    low = latest.filter(pl.col("score") < LOW_WAI).sort("person_id")
    return [{"person_id": r["person_id"], "date": r["date"], "score": float(r["score"]), "band": r["band"]}
            for r in low.iter_rows(named=True)]


def person_exists(*, person_id: str) -> bool:
    return Person.objects.filter(person_id=person_id).exists()


def campaign_rates(*, campaign: Campaign) -> dict[str, Any]:
    """Invited, answered and response rate per unit, suppressed below k invited; counts only."""
    invitations = list(campaign.invitations.values_list("unit_id", "responded_on"))
    names = dict(Unit.objects.values_list("unit_id", "name"))
    per_unit: dict[str, list[int]] = {}
    for unit_id, responded_on in invitations:
        counts = per_unit.setdefault(unit_id, [0, 0])
        counts[0] += 1
        counts[1] += responded_on is not None
    frame = pl.DataFrame({"unit": sorted(per_unit), "invited": [per_unit[u][0] for u in sorted(per_unit)],
                          "answered": [per_unit[u][1] for u in sorted(per_unit)]},
                         schema={"unit": pl.String, "invited": pl.Int64, "answered": pl.Int64})
    frame = frame.with_columns(not_answered=pl.col("invited") - pl.col("answered"),
                               rate=pl.col("answered") / pl.col("invited") * 100)
    out = suppress(frame, k=k(), population="invited", values=["answered", "not_answered", "rate"], has_total=True)
    rows = [{"unit": names.get(r["unit"], r["unit"]), "suppressed": r["suppressed"],
             "invited": display(r["invited"], suppressed=r["suppressed"], k=k()),
             "answered": display(r["answered"], suppressed=r["suppressed"], k=k()),
             "not_answered": display(r["not_answered"], suppressed=r["suppressed"], k=k()),
             "rate": display(r["rate"], suppressed=r["suppressed"], k=k(), digits=0)}
            for r in out.table.iter_rows(named=True)]
    invited, answered = len(invitations), sum(1 for _, r in invitations if r is not None)
    hidden = out.total_withheld or is_small(invited, k())
    total = {"suppressed": hidden,
             "invited": display(invited, suppressed=hidden, k=k()),
             "answered": display(answered, suppressed=hidden, k=k()),
             "not_answered": display(invited - answered, suppressed=hidden, k=k()),
             "rate": display(answered / invited * 100 if invited else None, suppressed=hidden, k=k(), digits=0)}
    for row in (*rows, total):
        row["cells"] = [row["invited"], row["answered"], row["not_answered"], row["rate"]]
    return {"rows": rows, "total": total}
