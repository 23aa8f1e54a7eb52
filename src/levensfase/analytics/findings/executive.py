"""The executive verdict: the column's four questions answered from the published tables.

(a) all_categories — do we invest in the sustainable employability of every category?
(b) life_phase_aware — is our policy life-phase-aware rather than age-based?
(c) untapped_potential — where is competence potential unused, and do we develop it there?
(d) influenceable_outflow / pension_wave — whom do we lose that we could keep, and when does the
    pension wave come?
Each answer is {"answer_nl", "answer_en", "numbers"}, built only from the report dict (every table
in it has passed privacy.suppress). A difference is called one only when the 95% Wilson intervals
of the pooled groups separate (DESIGN §6a); otherwise the answer says it is not clear.
"""

from __future__ import annotations

from typing import Any

from levensfase.analytics.findings.groups import Group, groups_from_rows, highest_group_finding
from levensfase.analytics.findings.numbers import day, euro, percent
from levensfase.analytics.findings.policy import published
from levensfase.analytics.findings.sections import pension_wave_finding, period, rate_groups, unknown_reasons
from levensfase.analytics.findings.stats import MIN_N, separated, wilson
from levensfase.analytics.findings.words import group_labels, listed, phase_labels

__all__ = ["EXECUTIVE_KEYS", "OLDER_FROM", "executive_verdict"]

EXECUTIVE_KEYS = ("all_categories", "life_phase_aware", "untapped_potential", "influenceable_outflow", "pension_wave")
OLDER_FROM = 55  # "older employees" in the column: the age bands from 55 up to the AOW ages (55-69)
RANGE = "–"


def _low(band: str) -> int:
    if band.startswith("<"):
        return 0
    return int(band.rstrip("+").split("-")[0])


def _split(rows: list[dict[str, Any]]) -> tuple[list[dict], list[dict], str]:
    """Age-band rows of the older bands (55 up to 70) and the rest, and the older span's label ("55-69")."""
    older = [r for r in rows if OLDER_FROM <= _low(r["value"]) < 70]
    younger = [r for r in rows if _low(r["value"]) < OLDER_FROM]
    span = f"{OLDER_FROM}-{max(_low(r['value']) for r in older) + 4}" if older else f"{OLDER_FROM}+"
    return older, younger, span


def _pool(rows: list[dict], count: str, n: str) -> tuple[float | None, tuple[float, float] | None, int]:
    c, t = sum(r[count] or 0 for r in rows), sum(r[n] or 0 for r in rows)
    return (c / t if t else None), wilson(c, t), t


def _span(values: list[float], fmt, lang: str) -> str:
    low, high = min(values), max(values)
    return fmt(low, lang) if fmt(low, lang) == fmt(high, lang) else f"{fmt(low, lang)}{RANGE}{fmt(high, lang)}"


def _answer(nl: str, en: str, numbers: dict[str, Any]) -> dict[str, Any]:
    return {"answer_nl": nl, "answer_en": en, "numbers": numbers}


def _missing(nl: str, en: str) -> dict[str, Any]:
    return _answer(f"Niet te beoordelen: {nl}.", f"Cannot be judged: {en}.", {})


def _per_head(rows: list[dict[str, Any]]) -> list[tuple[str, float]]:
    return [(str(r["value"]), r["spend_development"] / r["population"]) for r in rows
            if r.get("population") and r["population"] >= MIN_N and r.get("spend_development") is not None]


def _has(report: dict[str, Any], table: str) -> bool:
    return (report.get("coverage") or {}).get(table, 1) > 0


def all_categories(report: dict[str, Any]) -> dict[str, Any]:
    if not _has(report, "arrangements"):
        return _missing("er zijn geen regelingen geregistreerd", "no arrangements are recorded")
    rows = (report.get("policy_scan") or {}).get("rows") or []
    parts_nl, parts_en, numbers, ratios = [], [], {}, []
    for by, nl_by, en_by in (("age_band", "leeftijdsgroep", "age band"), ("life_phase", "levensfase", "life phase"),
                             ("job_family", "functiefamilie", "job family")):
        heads = _per_head(published(rows, by))
        if not heads:
            continue
        names = phase_labels(report) if by == "life_phase" else {}
        name = lambda v, i: names.get(v, (v, v))[i]  # noqa: E731
        hi, lo = max(heads, key=lambda x: x[1]), min(heads, key=lambda x: x[1])
        numbers[by] = {v: round(x, 2) for v, x in heads}
        ratios.append(hi[1] / lo[1] if lo[1] else float("inf"))
        first, last = (heads[0], heads[-1]) if by == "age_band" else (hi, lo)
        verb_nl, verb_en = ("loopt van", "runs from") if by == "age_band" else ("van", "from")
        parts_nl.append(f"per {nl_by} {verb_nl} {euro(first[1], 'nl')} ({name(first[0], 0)}) tot "
                        f"{euro(last[1], 'nl')} ({name(last[0], 0)})")
        parts_en.append(f"per {en_by} {verb_en} {euro(first[1], 'en')} ({name(first[0], 1)}) to "
                        f"{euro(last[1], 'en')} ({name(last[0], 1)})")
    none = [r for r in rows if not r["suppressed"] and r.get("uptake_development") == 0 and r["population"]]
    named = [r for r in none if r["by"] != "unit"]  # units are counted: a list of unit codes says little
    labels = {lang: [group_labels(report, r["by"]).get(str(r["value"]))[i] for r in named]
              for i, lang in enumerate(("nl", "en"))}
    units = len(none) - len(named)
    if units:
        labels["nl"].append(f"{units} afdeling{'en' if units > 1 else ''}")
        labels["en"].append(f"{units} unit{'s' if units > 1 else ''}")
    numbers["without_development"] = [f"{r['by']}:{r['value']}" for r in none]
    unequal = bool(none) or any(r >= 2 for r in ratios)
    head_nl = "Niet in gelijke mate." if unequal else "Grotendeels wel."
    head_en = "Not equally." if unequal else "Largely, yes."
    nl = f"{head_nl} Ontwikkelgeld per medewerker (laatste 12 maanden) {'; '.join(parts_nl)}." if parts_nl else head_nl
    en = f"{head_en} Development money per employee (last 12 months) {'; '.join(parts_en)}." if parts_en else head_en
    nl += (f" Zonder enige ontwikkelregeling: {listed(labels['nl'], 'nl')}." if none
           else " Elke getoonde groep had minstens één ontwikkelregeling.")
    en += (f" Without any development arrangement: {listed(labels['en'], 'en')}." if none
           else " Every group shown had at least one development arrangement.")
    return _answer(nl, en, numbers)


def life_phase_aware(report: dict[str, Any]) -> dict[str, Any]:
    if not _has(report, "arrangements"):
        return _missing("er zijn geen regelingen geregistreerd", "no arrangements are recorded")
    # Shares of PEOPLE (distinct persons with such an arrangement ÷ the group's population), not of
    # arrangement records: one person with five leave records must not outweigh five with one course.
    rows = (report.get("policy_scan") or {}).get("rows") or []
    older, younger, span = _split([r for r in published(rows, "age_band") if r.get("population")
                                   and r.get("persons_development") is not None
                                   and r.get("persons_accommodative") is not None])
    if not older or not younger:
        return _missing("te weinig gepubliceerde leeftijdsgroepen", "too few published age bands")
    dev_old, band_old, n_old = _pool(older, "persons_development", "population")
    dev_young, band_young, n_young = _pool(younger, "persons_development", "population")
    spar_old, _b, _n = _pool(older, "persons_accommodative", "population")
    spar_young, _b, _n = _pool(younger, "persons_accommodative", "population")
    dev_range = [r["persons_development"] / r["population"] for r in older]
    spar_range = [r["persons_accommodative"] / r["population"] for r in older]
    age_based = separated(band_old, band_young) and dev_old < dev_young and spar_old > dev_old
    numbers = {"older_span": span, "older_development_share": round(dev_old, 4),
               "older_sparing_share": round(spar_old, 4), "younger_development_share": round(dev_young, 4),
               "younger_sparing_share": round(spar_young, 4), "older_development_interval": band_old,
               "younger_development_interval": band_young, "older_people": n_old, "younger_people": n_young}
    p = lambda v, lang: percent(v, lang, 0)  # noqa: E731
    if age_based:
        nl = (f"Eerder leeftijdsgebonden dan levensfasebewust. Bij {span} jaar heeft {_span(dev_range, p, 'nl')} van "
              f"de medewerkers een ontwikkelregeling tegen {_span(spar_range, p, 'nl')} een ontzieregeling (samen "
              f"{percent(dev_old, 'nl')} en {percent(spar_old, 'nl')} van {n_old} medewerkers; iemand kan beide "
              f"hebben); onder {OLDER_FROM} jaar is dat {percent(dev_young, 'nl')} ontwikkeling en "
              f"{percent(spar_young, 'nl')} ontzien.")
        en = (f"Age-based rather than life-phase-aware. At {span}, {_span(dev_range, p, 'en')} of employees have a "
              f"development arrangement against {_span(spar_range, p, 'en')} a sparing one (together "
              f"{percent(dev_old, 'en')} and {percent(spar_old, 'en')} of {n_old} employees; one person can have "
              f"both); under {OLDER_FROM} it is {percent(dev_young, 'en')} development and "
              f"{percent(spar_young, 'en')} sparing.")
    else:
        nl = (f"Geen duidelijk leeftijdspatroon: bij {span} jaar heeft {percent(dev_old, 'nl')} van de medewerkers een "
              f"ontwikkelregeling en {percent(spar_old, 'nl')} een ontzieregeling, onder {OLDER_FROM} jaar "
              f"{percent(dev_young, 'nl')} en {percent(spar_young, 'nl')}.")
        en = (f"No clear age pattern: at {span}, {percent(dev_old, 'en')} of employees have a development arrangement "
              f"and {percent(spar_old, 'en')} a sparing one; under {OLDER_FROM}, {percent(dev_young, 'en')} and "
              f"{percent(spar_young, 'en')}.")
    phases = [r for r in published(rows, "life_phase") if r.get("population") and r.get("development_share") is not None]
    names = phase_labels(report)
    if phases:
        numbers["life_phase"] = {r["value"]: {"development": r["development_share"], "sparing": r["sparing_share"]}
                                 for r in phases}
        nl += " Per levensfase (aandeel medewerkers met ontwikkeling/ontzien; fasen overlappen): " + "; ".join(
            f"{names.get(r['value'], (r['value'],) * 2)[0]} {p(r['development_share'], 'nl')}/"
            f"{p(r['sparing_share'], 'nl')}" for r in phases) + "."
        en += " Per life phase (share of employees with development/sparing; phases overlap): " + "; ".join(
            f"{names.get(r['value'], (r['value'],) * 2)[1]} {p(r['development_share'], 'en')}/"
            f"{p(r['sparing_share'], 'en')}" for r in phases) + "."
    mix = report.get("arrangement_mix") or {}
    if mix.get("uptake_total") and not mix.get("suppressed"):
        share = mix["age_criterion"] / mix["uptake_total"]
        numbers["age_criterion_share"] = round(share, 4)
        numbers["age_criterion_entitlement"] = mix["age_criterion_entitlement"]
        numbers["age_criterion_own"] = mix["age_criterion_own"]
        nl += (f" {percent(share, 'nl')} van alle gebruikte regelingen hangt aan een leeftijdscriterium: "
               f"{mix['age_criterion_entitlement']} zijn cao- of wettelijke rechten (zoals het generatiepact), "
               f"{mix['age_criterion_own']} eigen keuzes van de organisatie.")
        en += (f" {percent(share, 'en')} of all arrangements used carry an age criterion: "
               f"{mix['age_criterion_entitlement']} are CAO or statutory entitlements (such as the generatiepact), "
               f"{mix['age_criterion_own']} the organisation's own choices.")
    return _answer(nl, en, numbers)


def untapped_potential(report: dict[str, Any]) -> dict[str, Any]:
    if not _has(report, "person_skills"):
        return _missing("er zijn geen competentiebeoordelingen", "there are no skill assessments")
    rows = [r for r in published((report.get("competencies") or {}).get("rows") or [], "age_band")
            if r.get("assessed")]
    older, younger, span = _split(rows)
    if not older or not younger:
        return _missing("te weinig gepubliceerde leeftijdsgroepen", "too few published age bands")
    old, band_old, n_old = _pool(older, "persons_untapped", "assessed")
    young, band_young, n_young = _pool(younger, "persons_untapped", "assessed")
    priced = [(r["value"], r["training_spend_per_person"], r["population"]) for r in rows
              if r.get("training_spend_per_person") is not None]
    money = [(v, m) for v, m, n in priced if n >= MIN_N] or [(v, m) for v, m, _n in priced]
    first, last = (money[0], money[-1]) if money else (("–", None), ("–", None))
    numbers = {"older_span": span, "older_untapped_share": round(old, 4), "older_interval": band_old,
               "older_assessed": n_old, "younger_untapped_share": round(young, 4), "younger_interval": band_young,
               "younger_assessed": n_young, "money_per_head": {v: m for v, m in money},
               "untapped_share": {r["value"]: r["untapped_share"] for r in rows}}
    per_band = {lang: ", ".join(f"{r['value']} {percent(r['untapped_share'], lang)}" for r in older)
                for lang in ("nl", "en")}
    falls = money and last[1] < first[1]
    money_nl = (f"het ontwikkelgeld per medewerker {'daalt' if falls else 'loopt'} van {euro(first[1], 'nl')} ({first[0]}) "
                f"naar {euro(last[1], 'nl')} ({last[0]})")
    money_en = (f"development money per employee {'falls' if falls else 'runs'} from {euro(first[1], 'en')} ({first[0]}) "
                f"to {euro(last[1], 'en')} ({last[0]})")
    if separated(band_old, band_young) and old > young:
        nl = (f"Het onbenutte potentieel is het grootst bij {span} jaar: {percent(old, 'nl')} van de beoordeelden heeft "
              f"een vaardigheid die de functie niet vraagt ({per_band['nl']}; onder {OLDER_FROM} jaar "
              f"{percent(young, 'nl')}), terwijl {money_nl}.")
        en = (f"Untapped potential is highest at {span}: {percent(old, 'en')} of those assessed have a skill their job "
              f"does not use ({per_band['en']}; under {OLDER_FROM}, {percent(young, 'en')}), while {money_en}.")
        if falls:
            nl += " Waar het meeste potentieel ligt, ontwikkelen we dus het minst."
            en += " So we develop least where most potential lies."
    else:
        top = highest_group_finding(groups_from_rows(rows, count="persons_untapped", n="assessed",
                                                     labels=group_labels(report, "age_band")),
                                    section="competencies", measure=("Onbenut potentieel", "Untapped potential"),
                                    unit=("beoordeelden", "assessed"))
        nl, en = f"{top.text_nl} Daarbij {money_nl}.", f"{top.text_en} Meanwhile {money_en}."
    return _answer(nl, en, numbers)


def influenceable_outflow(report: dict[str, Any]) -> dict[str, Any]:
    outflow = report.get("outflow") or {}
    window = outflow.get("last_12_months") or {}
    total = [r for r in window.get("total") or [] if not r["suppressed"]]
    if not total:
        return _missing("er zijn geen uitstroomcijfers", "there are no outflow figures")
    last = total[0]
    unknown = unknown_reasons(last)
    if unknown is not None and last["other"] == last["outflow"]:
        return _answer(unknown.text_nl, unknown.text_en, unknown.numbers)
    numbers = {"from": window["from"], "to": window["to"], "influenceable": last["influenceable"],
               "rate": last["influenceable_rate"], "voluntary": last["voluntary"], "disability": last["disability"],
               "early_retirement": last["early_retirement"]}
    rate = lambda v, lang: percent(v / 100, lang)  # noqa: E731
    nl = (f"{period(window, 'nl')} verloren we {last['influenceable']} mensen die we hadden kunnen houden "
          f"({rate(last['influenceable_rate'], 'nl')} van het gemiddelde bestand: {last['voluntary']} vrijwillig, "
          f"{last['disability']} arbeidsongeschikt, {last['early_retirement']} vervroegd met pensioen).")
    en = (f"{period(window, 'en')} we lost {last['influenceable']} people we could have kept "
          f"({rate(last['influenceable_rate'], 'en')} of the average workforce: {last['voluntary']} voluntary, "
          f"{last['disability']} disability, {last['early_retirement']} early retirement).")
    bands = rate_groups((window.get("by_category") or {}).get("age_band", []), group_labels(report, "age_band"))
    top = highest_group_finding(bands, section="flows", measure=("De beïnvloedbare uitstroom per leeftijdsgroep",
                                                                     "Influenceable outflow per age band"), fmt=rate)
    nl, en = f"{nl} {top.text_nl}", f"{en} {top.text_en}"
    numbers["highest_age_band"] = top.numbers.get("group") if top.kind == "highest" else None
    phases = [r for r in outflow.get("by_life_phase") or [] if not r["suppressed"]]
    phase_groups = [Group(key=r["value"], label_nl=phase_labels(report).get(r["value"], (r["value"],) * 2)[0],
                          label_en=phase_labels(report).get(r["value"], (r["value"],) * 2)[1],
                          count=r["influenceable"], n=r["population"]) for r in phases]
    if phase_groups:
        f = highest_group_finding(phase_groups, section="flows", measure=(
            f"De beïnvloedbare uitstroom per levensfase (van wie op {day(phases[0]['on'], 'nl')} in de fase zat)",
            f"Influenceable outflow per life phase (of those in the phase on {day(phases[0]['on'], 'en')})"))
        nl, en = f"{nl} {f.text_nl}", f"{en} {f.text_en}"
        numbers["life_phase"] = {r["value"]: r["influenceable_share"] for r in phases}
    wai = (report.get("employability") or {}).get("work_ability", {}).get("life_phase") or []
    if wai:
        year = max(r["year"] for r in wai)
        shown = [r for r in wai if r["year"] == year and not r["suppressed"] and r.get("share_low") is not None]
        if shown:
            numbers["low_work_ability"] = {r["group"]: r["share_low"] for r in shown}
            worst = sorted(shown, key=lambda r: -r["share_low"])[:2]
            names = phase_labels(report)
            nl += " Werkvermogen matig of slecht (WAI < 37) in " + f"{year}: " + ", ".join(
                f"{names.get(r['group'], (r['group'],) * 2)[0]} {percent(r['share_low'] / 100, 'nl')}" for r in worst) + "."
            en += " Work ability moderate or poor (WAI < 37) in " + f"{year}: " + ", ".join(
                f"{names.get(r['group'], (r['group'],) * 2)[1]} {percent(r['share_low'] / 100, 'en')}" for r in worst) + "."
    return _answer(nl, en, numbers)


def pension_wave(report: dict[str, Any]) -> dict[str, Any]:
    f = pension_wave_finding(report)
    return _answer(f.text_nl, f.text_en, f.numbers)


def executive_verdict(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The five answers, keyed by EXECUTIVE_KEYS."""
    return {"all_categories": all_categories(report), "life_phase_aware": life_phase_aware(report),
            "untapped_potential": untapped_potential(report), "influenceable_outflow": influenceable_outflow(report),
            "pension_wave": pension_wave(report)}
