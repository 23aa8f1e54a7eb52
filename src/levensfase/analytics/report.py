"""The analysis document (`levensfase analyse`): composition, flows, retention, phases, employability,
the policy scan, competencies and outflow in one dict, then what may be said about them (`findings`,
`executive`: analytics.findings, read from the sections after suppression).

One small function per section, each taking the workforce and returning plain JSON-ready data in
which every aggregate has passed `privacy.suppress`; `build_report` only strings them together,
so a new section is one line there. The result is deterministic — rounded floats, no timestamps,
rows in reading order — so the same data and as-of date give byte-identical JSON
(`report_json`). Keys and definitions: docs/analytics.md.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.arrangement_mix import arrangement_mix
from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.competencies import competencies_section
from levensfase.analytics.composition import age_pyramid, over_time_by
from levensfase.analytics.employability import employability_section
from levensfase.analytics.findings.executive import executive_verdict
from levensfase.analytics.findings.report import report_findings
from levensfase.analytics.flows import FLOW_COLUMNS, flows_by
from levensfase.analytics.ambitions import ambitions_section
from levensfase.analytics.policy_scan import policy_scan_section
from levensfase.analytics.phase_categories import forget_profiles, profiles_on_days
from levensfase.analytics.privacy import mark_withheld
from levensfase.analytics.protected_day import DayPattern
from levensfase.analytics.protected_year import report_day
from levensfase.analytics.protected_report_flows import FLOW_POPULATION, Row, blank_withheld, report_withheld
from levensfase.analytics.report_outflow import outflow_section
from levensfase.analytics.report_sections import phases_section, retention_section
from levensfase.analytics.unit_depth import at_depth
from levensfase.model.data_retention import data_coverage
from levensfase.model.lifephase import PhaseRules
from levensfase.model.recorded_history import first_recorded_year
from levensfase.model.workforce import Workforce

__all__ = ["FLOW_YEARS", "OVER_TIME_YEARS", "build_report", "report_json", "composition_section", "flows_section"]

FLOW_YEARS = 10  # flow tables for the last ten complete calendar years
OVER_TIME_YEARS = 10  # composition on the as-of day of each of the last ten years
Progress = Callable[[str, float], None]


def build_report(
    workforce: Workforce, *, as_of: date, k: int, rules: PhaseRules | None = None, progress: Progress | None = None,
    survey_rounds: pl.DataFrame | None = None, unit_depth: int | None = None, pages: bool = False,
) -> dict[str, Any]:
    """The whole analysis on `as_of` with small groups (population < k) suppressed. `survey_rounds`:
    the invitation round of survey answers given in one (else each answer's calendar year).
    `unit_depth`: unit tables cut at that depth of the unit tree (root 0; None: the full tree),
    protected together with every coarser depth (`unit_depth`, `protected_day`). `pages`: for a
    reader who also sees the dashboards (`flows_section`)."""
    if not isinstance(workforce, Workforce):
        raise TypeError(f"workforce must be a Workforce, got {type(workforce).__name__}")
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number ≥ 1, got {k!r}")
    step = progress or (lambda stage, fraction: None)
    cut = at_depth(workforce, unit_depth)
    report: dict[str, Any] = {"as_of": as_of.isoformat(), "k": k}
    if cut is not workforce:  # a full-tree report stays as it was
        report["unit_depth"] = unit_depth
    workforce = cut
    step("life_phases", 0.02)  # the life phases of every day the sections ask for, in one pass (phase_categories)
    later = _later_days(workforce, as_of, pages)  # apart: the others are dropped after composition
    back = _years_back(workforce, as_of, OVER_TIME_YEARS)
    profiles_on_days(workforce, days={*back, *later}, rules=rules, apart=later)
    step("composition", 0.05)
    day = report_day(workforce, day=as_of, k=k, pages=pages, end=as_of)  # what the sections below read of as_of
    report["composition"] = composition_section(workforce, as_of=as_of, k=k, pages=pages)
    forget_profiles(workforce, keep=later)  # the years back: composition's alone
    step("flows", 0.3)
    years = flow_years(workforce, as_of)  # the flow tables and the outflow section: one decision
    hidden = report_withheld(workforce, as_of=as_of, years=years, k=k, pages=pages, rules=rules)
    report["flows"] = flows_section(workforce, as_of=as_of, k=k, hidden=hidden)
    step("retention", 0.6)
    report["retention"] = retention_section(workforce, as_of=as_of, k=k, rules=rules, pages=pages, years=years,
                                            flows=hidden)  # its rows by spell start: beside the flow tables
    step("phases", 0.7)
    report["phases"] = phases_section(workforce, as_of=as_of, k=k, rules=rules, pages=pages)
    step("employability", 0.8)
    report["employability"] = employability_section(workforce, as_of=as_of, k=k, rounds=survey_rounds)
    step("policy_scan", 0.9)
    report["policy_scan"] = policy_scan_section(workforce, as_of=as_of, k=k, rules=rules, day=day)
    step("competencies", 0.95)
    report["competencies"] = competencies_section(workforce, as_of=as_of, k=k, rules=rules, day=day)
    report["outflow"] = outflow_section(workforce, as_of=as_of, k=k, years=years, rules=rules, hidden=hidden,
                                        pages=pages)
    report["arrangement_mix"] = arrangement_mix(workforce, as_of=as_of, k=k)
    report["coverage"] = coverage(workforce)
    report["ambitions"] = ambitions_section(workforce, as_of=as_of, k=k, rules=rules, day=day)
    if pseudonymised := data_coverage(workforce.people):  # leavers anonymised (AVG retention, DESIGN §6)
        report["data_coverage"] = pseudonymised
    # ── More sections go here, one line each. Findings and the verdict read the sections above.
    report = clean(report)
    report["findings"] = [f.as_dict() for f in report_findings(report)]
    report["executive"] = executive_verdict(report)
    step("done", 1.0)
    return clean(report)


def _later_days(workforce: Workforce, as_of: date, pages: bool) -> set[date]:
    """The life-phase days the sections after composition read: as_of, retention's landmark and the
    outflow window's first day."""
    from levensfase.analytics.protected_report_flows import outflow_window
    from levensfase.analytics.report_sections import landmark_day

    landmark = landmark_day(workforce, as_of)
    window = outflow_window(workforce, as_of=as_of, pages=pages)
    return {as_of, window[0], *([landmark] if landmark is not None else [])}


COVERAGE_TABLES = ("people", "assignments", "absences", "surveys", "arrangements", "conversations", "life_events",
                   "person_skills")


def coverage(workforce: Workforce) -> dict[str, int]:
    """How many records each input holds: a section whose input has none says so (DESIGN §6a)."""
    return {name: getattr(workforce, name).height for name in COVERAGE_TABLES}


def report_json(report: dict[str, Any]) -> str:
    """The document as JSON text: sorted keys, two-space indent, UTF-8 characters kept, final newline."""
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


# --- composition --------------------------------------------------------------------------------


def composition_section(workforce: Workforce, *, as_of: date, k: int, pages: bool = False) -> dict[str, Any]:
    """Headcount and FTE per category on `as_of` and on the same day of earlier years; age pyramid.
    `pages`: for a reader of the dashboards too (`protected_year.report_day`)."""
    days = _years_back(workforce, as_of, OVER_TIME_YEARS)
    by_category, over_time_rows = {}, {}
    tables = over_time_by(workforce, days=sorted({*days, as_of}), categories=[*CATEGORIES])
    profiles_on_days(workforce, days={*days, as_of})  # the life phases of every day at once, shared
    patterns = {day: report_day(workforce, day=day, k=k, pages=pages, end=as_of) for day in sorted({*days, as_of})}
    for by in CATEGORIES:  # every table of a day is protected with the others of that day (privacy.linked)
        rows = [{"day": r["day"].isoformat(), "value": r["value"], **_linked(patterns[r["day"]], by, r)}
                for r in tables[by].iter_rows(named=True)]
        by_category[by] = [{key: v for key, v in r.items() if key != "day"} for r in rows if r["day"] == as_of.isoformat()]
        over_time_rows[by] = [r for r in rows if date.fromisoformat(r["day"]) in days]
    sexes = tables["sex"].group_by("day").agg(
        pl.col("headcount").sum(), pl.col("fte").sum())
    totals = {day: (int(h), float(f)) for day, h, f in sexes.iter_rows()}
    pyramid = age_pyramid(workforce, on=as_of)
    shown = patterns[as_of]
    hidden = mark_withheld(pyramid, pl.Series([not shown.shown(None, "pyramid", (b, x)) for b, x in
                                               zip(pyramid["age_band"].to_list(), pyramid["sex"].to_list())],
                                              dtype=pl.Boolean), values=["headcount"])
    totals = {day: (h, f, not patterns[day].shown(None, "total", None)) for day, (h, f) in totals.items()}
    return {
        "total": _total(as_of, totals, k),
        "by_category": by_category,
        "over_time": {"days": [d.isoformat() for d in days], "by_category": over_time_rows,
                      "total": [_total(day, totals, k) for day in days]},
        "age_pyramid": _rows(hidden, ["age_band", "sex", "headcount"]),
    }


def _linked(pattern: DayPattern, by: str, row: dict[str, Any]) -> dict[str, Any]:
    """headcount, fte and suppressed of one category row, hidden as the day's linked set decides."""
    hidden = not pattern.shown(None, by, row["value"])
    return {"headcount": None if hidden else row["headcount"], "fte": None if hidden else row["fte"], "suppressed": hidden}


def _total(day: date, totals: dict[date, tuple[int, float, bool]], k: int) -> dict[str, Any]:
    """Whole-organisation headcount and FTE on a day; withheld when the day's linked set says so."""
    headcount, fte, hidden = totals.get(day, (0, 0.0, False))
    return {"day": day.isoformat(), "headcount": None if hidden else headcount,
            "fte": None if hidden else round(fte, 2), "suppressed": hidden}


def _years_back(workforce: Workforce, as_of: date, years: int) -> list[date]:
    """as_of and the same day (28 Feb for 29 Feb) of earlier years, oldest first, while data exist."""
    first = workforce.assignments.get_column("start_date").min()
    days = []
    for back in range(years):
        year = as_of.year - back
        day = as_of.replace(year=year, day=28) if (as_of.month, as_of.day) == (2, 29) else as_of.replace(year=year)
        if first is None or day < first:
            break
        days.append(day)
    return days[::-1]


# --- flows --------------------------------------------------------------------------------------


def flow_years(workforce: Workforce, as_of: date) -> list[int]:
    """The last FLOW_YEARS complete calendar years up to `as_of` from the first year of recorded
    history on (oldest first): earlier years lack their leavers (`model.recorded_history`), as on
    the dashboards."""
    last = as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1
    recorded = first_recorded_year(workforce)
    first = max(last - FLOW_YEARS + 1, recorded if recorded is not None else last + 1)
    return list(range(first, last + 1))


def flows_section(workforce: Workforce, *, as_of: date, k: int, pages: bool = False,
                  hidden: frozenset[Row] | None = None) -> dict[str, Any]:
    """Yearly flow tables (opening + inflow − outflow ± transfers = closing), whole and per category.

    Rates are per 100 of the average stock (opening + closing) / 2. The population judged by
    suppression is the spells in the group during the year: opening + inflow + transfers in. All
    tables of all years are audited as one linked set (`protected_report_flows`), with the outflow
    section's counts: they share people. `hidden`: that decision, when the caller made it.
    `pages`: the reader also sees the dashboards (the web's download and API), so what they hide
    for the whole organisation is withheld here too (`protected_report_flows.pages_withheld`).
    """
    years = flow_years(workforce, as_of)
    tables = flows_by(workforce, years=years, bys=[None, *CATEGORIES])  # what they share, found once
    tables = {by: _with_rates(table) for by, table in tables.items()}
    if hidden is None:
        hidden = report_withheld(workforce, as_of=as_of, years=years, k=k, pages=pages) if years else frozenset()
    rows = {by: _flow_rows(table, by=by, hidden=hidden) for by, table in tables.items()}
    return {"years": years, "total": rows[None], "by_category": {by: rows[by] for by in CATEGORIES}}


_FLOW_VALUES = [*FLOW_COLUMNS, "inflow_rate", "outflow_rate", "mobility_rate"]


def _with_rates(table: pl.DataFrame) -> pl.DataFrame:
    stock = (pl.col("opening") + pl.col("closing")) / 2
    rate = lambda column: pl.when(stock > 0).then(pl.col(column) * 100 / stock).otherwise(None)  # noqa: E731
    return table.with_columns(
        population=FLOW_POPULATION,
        inflow_rate=rate("inflow"), outflow_rate=rate("outflow"), mobility_rate=rate("internal_mobility"),
    )


def _flow_rows(table: pl.DataFrame, *, by: str | None, hidden: frozenset) -> list[dict[str, Any]]:
    if table.height == 0:
        return []
    return _rows(blank_withheld(table, by=by, hidden=hidden, values=_FLOW_VALUES), ["year", "value", *_FLOW_VALUES])


# --- shared -------------------------------------------------------------------------------------


def _rows(table: pl.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    """Rows as dicts with the given columns plus `suppressed` (suppression_reason stays inside)."""
    return [clean(row) for row in table.select(*columns, "suppressed").iter_rows(named=True)]


def clean(value: Any) -> Any:
    """JSON-ready and deterministic: dates as ISO text, floats rounded to 4 digits, NaN as null."""
    if isinstance(value, dict):
        return {str(key): clean(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        rounded = round(value, 4)
        return 0.0 if rounded == 0 else rounded
    return value
