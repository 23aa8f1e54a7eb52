"""Turns a trajectory into what the result pages show: band texts, help, bar widths. No decisions
about *who* may see it — the views decide that before calling."""

from __future__ import annotations

from typing import Any

from levensfase.web.surveys import questions as q
from levensfase.web.surveys.selectors import Reading

WAI_MIN, WAI_MAX = 7, 49


def result_context(readings: list[Reading]) -> dict[str, Any]:
    wai = [r for r in readings if r.instrument == "wai"]
    uwes = [r for r in readings if r.instrument == "uwes9"]
    latest = wai[-1] if wai else None
    context: dict[str, Any] = {"latest": latest, "latest_uwes": uwes[-1] if uwes else None}
    if latest is not None:
        context["band_name"], context["band_text"] = q.BAND_TEXT[latest.band]
        context["help"] = q.BAND_HELP[latest.band]
    if uwes:
        context["uwes_band"] = q.UWES_BAND_TEXT.get(uwes[-1].band, uwes[-1].band)
    context["trajectory"] = [
        {"date": r.date, "instrument": r.instrument, "score": r.score,
         "band": q.BAND_TEXT[r.band][0] if r.instrument == "wai" else q.UWES_BAND_TEXT.get(r.band, r.band),
         "width": round((r.score - WAI_MIN) / (WAI_MAX - WAI_MIN) * 100) if r.instrument == "wai"
         else round(r.score / 6 * 100)}
        for r in readings
    ]
    return context
