"""What a sentence may say about *alignment* in the social-innovation scan (issue 19; DESIGN §6a).

Social innovation pays off only when renewing the work organisation goes together with developing
people. A unit is named as out of step only when both halves differ clearly from the rest of the
organisation, in opposite directions:
- "renewing, not developing": its work-organisation renewal (mean of the four organisation
  dimensions) lies above the rest's, with separated 95% intervals (Student t over respondents),
  while its development share (people with a development arrangement) lies below the rest's, with
  separated Wilson intervals;
- "developing, not renewing": the reverse.
Only units with at least MIN_N respondents and MIN_N people take part (and only published numbers:
suppressed units are not rows here). Otherwise the finding says no unit is clearly out of step;
without arrangement data it says so instead of drawing a conclusion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.numbers import number, percent
from levensfase.analytics.findings.stats import MIN_N, separated, wilson

__all__ = ["AlignmentRow", "alignment_findings", "programme_finding"]

SECTION = "scan_alignment"


@dataclass(frozen=True)
class AlignmentRow:
    """One published unit beside the rest of the organisation (the organisation minus the unit)."""

    unit: str
    name: str
    respondents: int
    renewal: float
    renewal_interval: tuple[float, float]
    rest_renewal: float
    rest_renewal_interval: tuple[float, float]
    population: int
    developed: int  # people with a development arrangement in the window
    rest_population: int
    rest_developed: int


def _direction(row: AlignmentRow) -> str | None:
    if row.respondents < MIN_N or row.population < MIN_N or row.rest_population < MIN_N:
        return None
    if not separated(row.renewal_interval, row.rest_renewal_interval):
        return None
    dev, rest = wilson(row.developed, row.population), wilson(row.rest_developed, row.rest_population)
    if not separated(dev, rest):
        return None
    renewing = row.renewal > row.rest_renewal
    developing = row.developed / row.population > row.rest_developed / row.rest_population
    if renewing and not developing:
        return "renewing_not_developing"
    if developing and not renewing:
        return "developing_not_renewing"
    return None


def alignment_findings(rows: Sequence[AlignmentRow], *, arrangements_recorded: bool = True) -> list[Finding]:
    """A sentence per unit clearly out of step, or one sentence that none is (or that data are missing)."""
    if not arrangements_recorded:
        return [Finding(section=SECTION, kind="missing_data",
                        text_nl="Er zijn geen regelingen vastgelegd; of het personeelsbeleid de vernieuwing van de "
                                "arbeidsorganisatie volgt, is daarom niet te zeggen.",
                        text_en="No arrangements are recorded, so whether the HR policy keeps pace with the renewal "
                                "of the work organisation cannot be said.")]
    out = []
    for row in rows:
        direction = _direction(row)
        if direction is None:
            continue
        share, rest_share = row.developed / row.population, row.rest_developed / row.rest_population
        nums = {"unit": row.unit, "direction": direction, "renewal": round(row.renewal, 2),
                "rest_renewal": round(row.rest_renewal, 2), "development_share": round(share, 3),
                "rest_development_share": round(rest_share, 3), "respondents": row.respondents,
                "population": row.population}
        ren_nl, rest_nl = number(row.renewal, "nl", 1), number(row.rest_renewal, "nl", 1)
        ren_en, rest_en = number(row.renewal, "en", 1), number(row.rest_renewal, "en", 1)
        if direction == "renewing_not_developing":
            nl = (f"{row.name} vernieuwt de arbeidsorganisatie duidelijk meer dan de rest van de organisatie "
                  f"(score {ren_nl} tegen {rest_nl}), maar ontwikkelt minder mensen: {percent(share, 'nl')} had een "
                  f"ontwikkelregeling, tegen {percent(rest_share, 'nl')} elders.")
            en = (f"{row.name} renews its work organisation clearly more than the rest of the organisation "
                  f"(score {ren_en} against {rest_en}), but develops fewer people: {percent(share, 'en')} had a "
                  f"development arrangement, against {percent(rest_share, 'en')} elsewhere.")
        else:
            nl = (f"{row.name} ontwikkelt duidelijk meer mensen ({percent(share, 'nl')} had een ontwikkelregeling, "
                  f"tegen {percent(rest_share, 'nl')} elders), maar de arbeidsorganisatie vernieuwt minder "
                  f"(score {ren_nl} tegen {rest_nl}): wat mensen leren, vindt er minder ruimte.")
            en = (f"{row.name} develops clearly more people ({percent(share, 'en')} had a development arrangement, "
                  f"against {percent(rest_share, 'en')} elsewhere), but its work organisation renews less "
                  f"(score {ren_en} against {rest_en}): what people learn finds less room there.")
        out.append(Finding(section=SECTION, kind="fact", text_nl=nl, text_en=en, numbers=nums, n=row.respondents,
                           interval=row.renewal_interval))
    if out:
        return out
    return [Finding(section=SECTION, kind="no_clear_difference", numbers={"units": len(rows)},
                    text_nl=f"Geen afdeling loopt duidelijk uit de pas: waar de arbeidsorganisatie vernieuwt, "
                            f"verschilt de ontwikkeling van mensen niet duidelijk van de rest (afdelingen met minstens "
                            f"{MIN_N} respondenten en medewerkers).",
                    text_en=f"No unit is clearly out of step: where the work organisation renews, the development of "
                            f"people does not differ clearly from the rest (units with at least {MIN_N} respondents "
                            f"and employees).")]


_VERDICT = {
    "improved": ("duidelijk verbeterd ten opzichte van de vergelijkingsafdelingen",
                 "clearly improved compared with the comparison units"),
    "worsened": ("duidelijk verslechterd ten opzichte van de vergelijkingsafdelingen",
                 "clearly worsened compared with the comparison units"),
    "no_clear_difference": ("geen duidelijk verschil met de vergelijkingsafdelingen",
                            "no clear difference from the comparison units"),
}


def programme_finding(row: dict, *, name_nl: str, name_en: str, digits: int = 2) -> Finding:
    """One sentence for one programme row (`scan.programmes.ProgrammeRow.as_dict()`): the verdict only
    when the 95% interval lies wholly on one side; few units said as a wide interval; targets met or not."""
    base = {"measure": row["measure"], "verdict": row["verdict"]}
    if row["verdict"] == "insufficient_data":
        return Finding(section="scan_programme", kind="missing_data", numbers=base,
                       text_nl=f"{name_nl}: onvoldoende gegevens (te weinig afdelingen met minstens k respondenten in "
                               f"beide metingen).",
                       text_en=f"{name_en}: not enough data (too few units with at least k respondents in both rounds).")
    verdict_nl, verdict_en = _VERDICT[row["verdict"]]
    did = (number(row["did"], "nl", digits), number(row["did"], "en", digits))
    low = (number(row["ci_low"], "nl", digits), number(row["ci_low"], "en", digits))
    high = (number(row["ci_high"], "nl", digits), number(row["ci_high"], "en", digits))
    nl = (f"{name_nl}: {verdict_nl} (verschil in verandering {did[0]}; 95%-interval {low[0]} tot {high[0]}; "
          f"{row['units']} programma- en {row['comparison_units']} vergelijkingsafdelingen).")
    en = (f"{name_en}: {verdict_en} (difference in change {did[1]}; 95% interval {low[1]} to {high[1]}; "
          f"{row['units']} programme and {row['comparison_units']} comparison units).")
    if row.get("wide"):
        nl += " Met zo weinig afdelingen is het interval breed: een klein effect is niet uit te sluiten of aan te tonen."
        en += " With so few units the interval is wide: a small effect can be neither ruled out nor shown."
    if row.get("target") is not None and row.get("target_met") is not None:
        target = (number(row["target"], "nl", 1), number(row["target"], "en", 1))
        nl += f" Doel {target[0]}: {'gehaald' if row['target_met'] else 'niet gehaald'}."
        en += f" Target {target[1]}: {'met' if row['target_met'] else 'not met'}."
    kind = "fact" if row["verdict"] in ("improved", "worsened") else "no_clear_difference"
    return Finding(section="scan_programme", kind=kind, text_nl=nl, text_en=en, numbers={**base, "did": row["did"]},
                   n=row["units"] + row["comparison_units"], interval=(row["ci_low"], row["ci_high"]))
