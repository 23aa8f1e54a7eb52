"""Findings of the investment planner (issue 18): what the plan spends and keeps, why each category
gets what it gets (in words, with its money per head against the organisation's average), which
effects are measured (*gemeten*) and which assumed (*aanname*), and what the limits cost.

The reasons come from `planning.explain`; this module only words them (DESIGN §6a): the outflow is
the influenceable outflow (DESIGN §4), a rate resting on fewer than 20 exits is said to be uncertain,
a hidden category is never named, numbers are Dutch in Dutch. Takes the published plan duck-typed
(`planning.planner_baseline.PublishedPlan`) so the core keeps one direction of imports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.numbers import euro, number, percent
from levensfase.analytics.findings.words import BY_LABEL, listed

__all__ = ["category_labels", "constraint_finding", "effects_finding", "plan_findings", "summary_finding"]

SECTION = "planner"
STATUS = {"gemeten": ("gemeten", "measured"), "aanname": ("aanname", "assumption")}


def category_labels(by: str, values: list[str], *, names: Mapping[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """How a category reads in a sentence: "leeftijdsgroep 20-24", "levensfase Spitsuur", a unit's name."""
    if by == "primary_phase":
        from levensfase.analytics.phase_categories import NO_PHASE
        from levensfase.model.lifephase import load_rules

        rules = load_rules()
        out = {}
        for v in values:
            if v in rules.phase_names:
                phase = rules.phase(v)
                out[v] = (f"levensfase {phase.label_nl}", f"life phase {phase.label_en}")
            else:
                out[v] = ("geen benoemde levensfase", "no named life phase") if v == NO_PHASE else (v, v)
        return out
    if by == "unit":
        return {v: (f"afdeling {(names or {}).get(v, v)}", f"unit {(names or {}).get(v, v)}") for v in values}
    return {v: (f"{BY_LABEL['nl'].get(by, by)} {v}", f"{BY_LABEL['en'].get(by, by)} {v}") for v in values}


def summary_finding(plan: Any) -> Finding:
    """Spend, average per head, retained FTE-years, and what the objective counts."""
    numbers = {"spend": plan.spend, "average_per_head": plan.average_per_head,
               "retained_fte_years": plan.retained_fte_years, "exit_rate": plan.exit_rate}
    if not plan.spend:
        return Finding(section=SECTION, kind="fact", numbers=numbers,
                       text_nl="Het plan besteedt niets: geen categorie heeft beïnvloedbare uitstroom die een regeling "
                               "zou kunnen verminderen.",
                       text_en="The plan spends nothing: no category has influenceable outflow an arrangement could "
                               "reduce.")
    def text(lang: str) -> str:
        if lang == "nl":
            return (f"Het plan besteedt {euro(plan.spend, 'nl')} per jaar, gemiddeld {euro(plan.average_per_head, 'nl')} "
                    f"per medewerker, en houdt naar verwachting {number(plan.retained_fte_years, 'nl', 1)} fte-jaren "
                    "vast. Het telt alleen beïnvloedbare uitstroom (vrijwillig vertrek, arbeidsongeschiktheid en "
                    f"pensioen vóór de AOW-datum; in de organisatie {percent(plan.exit_rate, 'nl')} per jaar): "
                    "pensioen op de AOW-datum voorkomt geen regeling, en geen fte-jaar telt na iemands AOW-datum.")
        return (f"The plan spends {euro(plan.spend, 'en')} a year, on average {euro(plan.average_per_head, 'en')} per "
                f"employee, and is expected to retain {number(plan.retained_fte_years, 'en', 1)} FTE-years. It counts "
                "influenceable outflow only (voluntary exits, disability and retirement before the AOW date; "
                f"{percent(plan.exit_rate, 'en')} a year in the organisation): no arrangement prevents retirement at the "
                "AOW date, and no FTE-year counts after a person's AOW date.")
    return Finding(section=SECTION, kind="fact", numbers=numbers, text_nl=text("nl"), text_en=text("en"))


def _why(row: dict[str, Any], plan: Any, lang: str) -> str:
    rate, org = percent(row["exit_rate"], lang), percent(plan.exit_rate, lang)
    nl = lang == "nl"
    reason = row["reason"]
    if reason == "past_aow":
        return ("Iedereen hier bereikt binnen de horizon de AOW-datum; pensioen op de AOW-datum is geen verlies dat een "
                "regeling kan voorkomen." if nl else "Everyone here reaches the AOW date within the horizon; retirement "
                "at the AOW date is no loss an arrangement could prevent.")
    if reason == "no_outflow":
        return (f"In de afgelopen {plan.window_years} jaar vertrok hier niemand op een manier die beleid had kunnen "
                "voorkomen (geen beïnvloedbare uitstroom), dus houdt geld hier niets vast." if nl else
                f"In the last {plan.window_years} years nobody left here in a way policy could have prevented (no "
                "influenceable outflow), so money here keeps nobody.")
    if reason == "reach":
        return ("Iedereen in deze groep heeft een plek; meer kan hier niet." if nl else
                "Everyone in this group has a place; more is not possible here.")
    if reason == "floor":
        small = (row["per_head_ratio"] or 0) > 1
        if nl:
            extra = "; voor deze kleine groep is dat al meer dan gemiddeld per medewerker" if small else ""
            return (f"Alleen het minimumaandeel per categorie{extra}: een euro meer houdt hier minder vast dan elders "
                    f"(beïnvloedbare uitstroom hier {rate} per jaar, organisatie {org}).")
        extra = "; for this small group that is already more than the average per employee" if small else ""
        return (f"Only the minimum share per category{extra}: one more euro keeps less here than elsewhere "
                f"(influenceable outflow here {rate} a year, organisation {org}).")
    if reason == "outranked":
        return (f"Geen geld: de beïnvloedbare uitstroom is hier {rate} per jaar (organisatie {org}), zodat de eerste "
                "euro hier minder vasthoudt dan de laatste euro elders." if nl else
                f"No money: influenceable outflow here is {rate} a year (organisation {org}), so the first euro here "
                "keeps less than the last euro spent elsewhere.")
    reached = percent(row["coverage"], lang)
    return (f"De beïnvloedbare uitstroom is hier {rate} per jaar (organisatie {org}); het plan bereikt {reached} van "
            "de groep en stopt waar een volgende plek, met afnemende meeropbrengst, minder vasthoudt dan elders."
            if nl else
            f"Influenceable outflow here is {rate} a year (organisation {org}); the plan reaches {reached} of the "
            "group and stops where a next place, with diminishing returns, keeps less than elsewhere.")


def _category_text(row: dict[str, Any], label: str, plan: Any, lang: str) -> str:
    nl = lang == "nl"
    ratio = row["per_head_ratio"]
    head = (f"{label}: {euro(row['per_head'], lang)} per medewerker" if nl
            else f"{label}: {euro(row['per_head'], lang)} per employee")
    if ratio is not None:
        head += (f", {number(ratio, lang, 1)}× het gemiddelde van {euro(plan.average_per_head, lang)}." if nl
                 else f", {number(ratio, lang, 1)}× the average of {euro(plan.average_per_head, lang)}.")
    text = f"{head} {_why(row, plan, lang)}"
    if row["few_exits"] and row["reason"] != "no_outflow":
        text += (f" Dit uitstroomcijfer rust op {row['exits']} vertrekken (minder dan 20) en is dus onzeker." if nl
                 else f" This outflow figure rests on {row['exits']} exits (fewer than 20), so it is uncertain.")
    if row["capacity"]:
        text += (" Een regeling die hier meer zou opleveren is vol (maximum aantal plekken)." if nl
                 else " An arrangement that would keep more here is full (maximum number of places).")
    return text


def category_findings(plan: Any, labels: Mapping[str, tuple[str, str]]) -> list[Finding]:
    """One sentence per shown category; hidden categories in one sentence without names."""
    out, hidden = [], 0
    for row in plan.categories.table.iter_rows(named=True):
        if row["suppressed"]:
            hidden += 1
            continue
        nl, en = labels.get(row["value"], (row["value"], row["value"]))
        numbers = {k: row[k] for k in ("value", "population", "exit_rate", "exits", "spend", "per_head",
                                       "per_head_ratio", "coverage", "reason", "few_exits", "capacity", "explained")}
        out.append(Finding(section=SECTION, kind="fact", n=row["population"], numbers=numbers,
                           text_nl=_category_text(row, nl, plan, "nl"), text_en=_category_text(row, en, plan, "en")))
    if hidden:
        k = plan.categories.k
        out.append(Finding(section=SECTION, kind="share_of", numbers={"hidden": hidden, "k": k},
                           text_nl=f"{hidden} groep(en) met minder dan {k} mensen (of verborgen met zo'n groep) zijn "
                                   "meegepland maar worden niet genoemd.",
                           text_en=f"{hidden} group(s) with fewer than {k} people (or hidden with one) are planned for "
                                   "but not named."))
    return out


def effects_finding(effects: Any) -> Finding:
    """Which effects are measured in this organisation and which are assumptions."""
    measured = [t for t in effects if not t.assumption]
    assumed = [t for t in effects if t.assumption]
    numbers = {"gemeten": [t.code for t in measured], "aanname": [t.code for t in assumed]}

    def text(lang: str) -> str:
        names = lambda ts: listed([t.name(lang).split(" (")[0] for t in ts], lang)  # noqa: E731
        if not measured:
            return ("Alle effecten zijn aannames (literatuur), niet gemeten in deze organisatie." if lang == "nl" else
                    "All effects are assumptions (literature), not measured in this organisation.")
        hr = "; ".join(f"{t.name(lang).split(' (')[0]}: hazard ratio {number(t.hazard_ratio, lang, 2)}"
                       for t in measured if t.hazard_ratio is not None)
        if lang == "nl":
            rest = f" Een aanname zijn: {names(assumed)}." if assumed else ""
            return f"Gemeten in deze organisatie (gematchte vergelijking): {hr or names(measured)}.{rest}"
        rest = f" Assumptions: {names(assumed)}." if assumed else ""
        return f"Measured in this organisation (matched comparison): {hr or names(measured)}.{rest}"
    return Finding(section=SECTION, kind="fact", numbers=numbers, text_nl=text("nl"), text_en=text("en"))


def plan_findings(plan: Any, labels: Mapping[str, tuple[str, str]]) -> list[Finding]:
    """Summary, the effects used, then why each category gets what it gets."""
    return [summary_finding(plan), effects_finding(plan.effects), *category_findings(plan, labels)]


def constraint_finding(plan: Any, *, costliest: tuple[str, str, float] | None) -> Finding:
    """What ten thousand euros more would keep, and the costliest other limit (its label nl, en and gain)."""
    budget = next(r for r in plan.constraints.iter_rows(named=True) if r["kind"] == "budget")
    numbers: dict[str, Any] = {"budget_binding": budget["binding"]}
    if budget["binding"]:
        per_euro = budget["shadow_price"]
        if per_euro is None:  # whole places: no dual, use the re-solve with 10 % more money
            per_euro = (budget["gain_if_relaxed"] or 0.0) / (0.1 * budget["limit"])
        numbers["per_10000"] = per_euro * 10_000
        nl = f"Elke € 10.000 extra houdt ongeveer {number(per_euro * 10_000, 'nl', 2)} fte-jaren meer vast."
        en = f"Every € 10,000 more would retain about {number(per_euro * 10_000, 'en', 2)} FTE-years more."
    else:
        nl = "Het budget wordt niet opgemaakt: de categorieën hebben geen mensen meer die een regeling kan bereiken."
        en = "The budget is not used up: the categories have no more people an arrangement could reach."
    if costliest is not None:
        label_nl, label_en, gain = costliest
        numbers["costliest"] = {"gain": gain}
        nl += (f" De duurste andere grens is “{label_nl}”: zonder die grens zou het plan {number(gain, 'nl', 2)} "
               "fte-jaren meer vasthouden.")
        en += (f" The costliest other limit is “{label_en}”: without it the plan would retain {number(gain, 'en', 2)} "
               "FTE-years more.")
    return Finding(section=SECTION, kind="fact", numbers=numbers, text_nl=nl, text_en=en)
