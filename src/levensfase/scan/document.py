"""The scan as one JSON-ready dict: what the CLI writes, what the HTML and PDF show (issue 19).

    {"as_of", "k", "round", "rounds", "instrument": {...}, "dimensions": [{code, name_nl, name_en}],
     "units": [{"unit", "name", "respondents", "suppressed", "scores": {dim: value}, "roles": {...},
                "hr": {"population", "suppressed", measure: value}, "kpis": {kpi: {...}}}],
     "organisation": {same keys but unit/name},
     "alignment": [finding dicts],
     "programmes": [{"name", "start", "units", "comparison", "rounds", "rows": [ProgrammeRow.as_dict()]}]}

Every number in it has passed the privacy gate: scores through `scoring.unit_scores`, HR indicators
through `indicators.hr_indicators`, programme rows are built from those published numbers only.
The round shown per unit is the latest on or before `as_of`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.findings.scan import alignment_findings
from levensfase.model.workforce import Workforce
from levensfase.scan.alignment import alignment_rows
from levensfase.scan.indicators import HR_MEASURES, hr_indicators
from levensfase.scan.instrument import Instrument
from levensfase.scan.kpis import check_kpis, kpi_summary
from levensfase.scan.programmes import Programme, difference_in_differences
from levensfase.scan.responses import RESPONSE_SCHEMA, ROLES, check_responses, respondent_scores, round_dates
from levensfase.scan.scoring import ALL, unit_scores

__all__ = ["scan_document"]


def scan_document(*, instrument: Instrument, units: pl.DataFrame, k: int, as_of: date,
                  responses: pl.DataFrame | None = None, workforce: Workforce | None = None,
                  kpis: pl.DataFrame | None = None, programmes: Sequence[Programme] = ()) -> dict[str, Any]:
    """The whole scan. `responses` in the exchange shape (None: no scan answers yet); `workforce`
    gives the HR indicators (None: not shown); `kpis` the business results. ScanError for unusable input."""
    responses = responses if responses is not None else pl.DataFrame(schema=RESPONSE_SCHEMA)
    responses = check_responses(responses, instrument=instrument, unit_ids=set(units["unit_id"].to_list()))
    responses = responses.filter(pl.col("date") <= as_of)
    rounds = round_dates(responses)
    shown_round = rounds[-1] if rounds else None
    scores = unit_scores(responses, instrument=instrument, units=units, k=k)
    names = dict(zip(units["unit_id"].to_list(), units["name"].to_list()))
    hr_cache: dict[date, pl.DataFrame] = {}

    def hr_on(day: date) -> pl.DataFrame | None:
        if workforce is None:
            return None
        if day not in hr_cache:
            hr_cache[day] = hr_indicators(workforce, as_of=day, k=k)
        return hr_cache[day]

    hr = hr_on(as_of)
    kpi_rows = kpi_summary(check_kpis(kpis, unit_ids=set(names)), as_of=as_of) if kpis is not None else None
    dims = instrument.dimension_codes
    current = scores.filter(pl.col("date") == shown_round) if shown_round is not None else scores.clear()
    entry = lambda unit: _entry(unit, current, hr, kpi_rows, dims)  # noqa: E731
    alignment = []
    if shown_round is not None and hr is not None:
        rows = alignment_rows(respondent_scores(responses, instrument=instrument), scores, hr, round_date=shown_round,
                              names=names)
        alignment = [f.as_dict() for f in alignment_findings(rows, arrangements_recorded=workforce.arrangements.height > 0)]
    programme_rows = []
    for p in programmes:
        hr_rounds = {d: frame for d in p.rounds if (frame := hr_on(d)) is not None} if workforce is not None else None
        rows = difference_in_differences(p, scores=scores, units=units, dimensions=dims, hr=hr_rounds)
        programme_rows.append({"name": p.name, "start": p.start.isoformat(), "units": list(p.units),
                               "comparison": None if p.comparison is None else list(p.comparison),
                               "rounds": [d.isoformat() for d in p.rounds], "rows": [r.as_dict() for r in rows]})
    return {
        "as_of": as_of.isoformat(), "k": k,
        "round": None if shown_round is None else shown_round.isoformat(),
        "rounds": [d.isoformat() for d in rounds],
        "instrument": {"name_nl": instrument.name_nl, "name_en": instrument.name_en, "note_nl": instrument.note_nl,
                       "note_en": instrument.note_en, "source": instrument.source, "scale": [instrument.scale_min,
                                                                                            instrument.scale_max]},
        "dimensions": [{"code": d.code, "name_nl": d.name_nl, "name_en": d.name_en} for d in instrument.dimensions],
        "units": [{"unit": u, "name": names[u], **entry(u)} for u in units["unit_id"].to_list()],
        "organisation": entry(None),
        "alignment": alignment,
        "programmes": programme_rows,
    }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _entry(unit: str | None, scores: pl.DataFrame, hr: pl.DataFrame | None, kpis: pl.DataFrame | None,
           dims: Sequence[str]) -> dict[str, Any]:
    mine = scores.filter(pl.col("unit_id").is_null() if unit is None else pl.col("unit_id") == unit)
    by_role = {role: {d: (s, n, hidden) for d, s, n, hidden in part.select("dimension", "score", "respondents",
                                                                            "suppressed").iter_rows()}
               for (role,), part in mine.partition_by("role", as_dict=True).items()} if mine.height else {}
    everyone = by_role.get(ALL, {})
    counts = [n for _, n, hidden in everyone.values() if not hidden and n is not None]
    respondents = max(counts) if counts else (0 if not everyone or not any(h for *_, h in everyone.values()) else None)
    roles = {role: {d: _round(by_role[role].get(d, (None,))[0], 2) for d in dims} for role in ROLES
             if role in by_role and not all(h for *_, h in by_role[role].values())}
    out: dict[str, Any] = {
        "respondents": respondents,
        "suppressed": bool(everyone) and all(h for *_, h in everyone.values()),
        "scores": {d: _round(everyone.get(d, (None,))[0], 2) for d in dims},
        "roles": roles,
        "hr": _hr(unit, hr),
        "kpis": {},
    }
    if kpis is not None and unit is not None:
        out["kpis"] = {r["kpi"]: {"period_end": r["period_end"].isoformat(), "value": r["value"],
                                  "previous_value": r["previous_value"], "change": _round(r["change"], 4)}
                       for r in kpis.filter(pl.col("unit_id") == unit).iter_rows(named=True)}
    return out


def _hr(unit: str | None, hr: pl.DataFrame | None) -> dict[str, Any]:
    if hr is None:
        return {}
    rows = hr.filter(pl.col("unit_id").is_null() if unit is None else pl.col("unit_id") == unit)
    if rows.height == 0:
        return {}
    hidden = bool(rows["reason"].is_in(["small_group", "complementary"]).any())
    digits = {"development_eur_per_head": 0, "development_share": 3, "untapped_competence_share": 3}
    out: dict[str, Any] = {"population": None if hidden else rows["population"][0], "suppressed": hidden}
    values = {m: v for m, v in rows.select("measure", "value").iter_rows()}
    out.update({m: _round(values.get(m), digits.get(m, 1)) for m in HR_MEASURES})
    return out
