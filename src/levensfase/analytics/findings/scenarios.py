"""Comparing projection scenarios (DESIGN §6a): a scenario is called cheaper or better only when
its P10–P90 simulation band does not overlap the band of any other scenario. A winner named on
the medians alone changes with the number of runs ("generatiepact goedkoopst" at 200 runs,
"basis goedkoopst" at 500); overlapping bands say "geen duidelijk verschil"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.numbers import euro
from levensfase.analytics.findings.stats import separated

__all__ = ["ScenarioBand", "scenario_finding", "bands_at_end"]


@dataclass(frozen=True)
class ScenarioBand:
    name: str
    label_nl: str
    label_en: str
    p10: float
    p50: float
    p90: float

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl


def bands_at_end(document: dict, *, measure: str = "cost", index: int = -1) -> list[ScenarioBand]:
    """The bands of `measure` in one year (default the last) of every scenario of a projection document."""
    out = []
    for s in document["scenarios"]:
        band = s[measure]
        label = s.get("label") or {}
        out.append(ScenarioBand(name=s["name"], label_nl=label.get("nl") or s["name"], label_en=label.get("en") or s["name"],
                                p10=band["p10"][index], p50=band["p50"][index], p90=band["p90"][index]))
    return out


def scenario_finding(bands: Sequence[ScenarioBand], *, year: int, measure: tuple[str, str] = ("loonkosten",
                     "personnel cost"), lower_is_better: bool = True, fmt=euro, section: str = "projection",
                     better: tuple[str, str] = ("het goedkoopst", "costs least")) -> Finding:
    """Name the best scenario only when its P10–P90 band separates from every other band."""
    m_nl, m_en = measure
    if not bands:
        return Finding(section=section, kind="missing_data", text_nl="Er is geen scenario doorgerekend.",
                       text_en="No scenario was projected.")
    pick = min if lower_is_better else max
    best = pick(bands, key=lambda b: (b.p50, b.name))
    numbers = {"year": year, "scenario": best.name, "p10": best.p10, "p50": best.p50, "p90": best.p90,
               "scenarios": {b.name: {"p10": b.p10, "p50": b.p50, "p90": b.p90} for b in bands}}
    if len(bands) == 1:
        return Finding(section=section, kind="fact", interval=(best.p10, best.p90), numbers=numbers,
                       text_nl=f"In {year} is de {m_nl} onder “{best.label('nl')}” naar verwachting "
                               f"{fmt(best.p50, 'nl')} (P10–P90: {fmt(best.p10, 'nl')}–{fmt(best.p90, 'nl')}).",
                       text_en=f"In {year} the {m_en} under “{best.label('en')}” is expected at {fmt(best.p50, 'en')} "
                               f"(P10–P90: {fmt(best.p10, 'en')}–{fmt(best.p90, 'en')}).")
    others = [b for b in bands if b.name != best.name]
    if all(separated((best.p10, best.p90), (o.p10, o.p90)) for o in others):
        return Finding(section=section, kind="scenario_better", interval=(best.p10, best.p90), numbers=numbers,
                       text_nl=f"In {year} is “{best.label('nl')}” {better[0]}: {m_nl} {fmt(best.p50, 'nl')} "
                               f"(P10–P90: {fmt(best.p10, 'nl')}–{fmt(best.p90, 'nl')}); de banden van de andere "
                               "scenario's overlappen daar niet mee.",
                       text_en=f"In {year} “{best.label('en')}” {better[1]}: {m_en} {fmt(best.p50, 'en')} "
                               f"(P10–P90: {fmt(best.p10, 'en')}–{fmt(best.p90, 'en')}); the other scenarios' "
                               "bands do not overlap it.")
    low, high = min(b.p10 for b in bands), max(b.p90 for b in bands)
    return Finding(section=section, kind="scenario_no_clear_difference", interval=(best.p10, best.p90),
                   numbers=numbers,
                   text_nl=f"In {year} is er geen duidelijk verschil in {m_nl} tussen de scenario's: hun P10–P90-banden "
                           f"overlappen (samen {fmt(low, 'nl')}–{fmt(high, 'nl')}).",
                   text_en=f"In {year} there is no clear difference in {m_en} between the scenarios: their P10–P90 "
                           f"bands overlap (together {fmt(low, 'en')}–{fmt(high, 'en')}).")
