"""The planner's sentences (analytics.findings.planner): why each category gets what it gets, in Dutch
and English with Dutch number formats, the effects' status, and hidden groups never named."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import polars as pl

from levensfase.analytics.findings.planner import category_labels, effects_finding, plan_findings
from levensfase.planning.effects import load_effects

COLUMNS = ("value", "population", "exit_rate", "exits", "spend", "per_head", "per_head_ratio", "coverage", "reason",
           "few_exits", "capacity", "explained", "suppressed")


def plan(rows: list[tuple], *, effects=None) -> SimpleNamespace:
    table = pl.DataFrame([dict(zip(COLUMNS, r)) for r in rows])
    return SimpleNamespace(categories=SimpleNamespace(table=table, k=5), effects=effects or load_effects(),
                           spend=100_000.0, retained_fte_years=5.25, average_per_head=40.0, exit_rate=0.079,
                           window_years=3, axis="age_band")


def test_each_reason_in_words_with_its_money_per_head():
    p = plan([
        ("20-24", 150, 0.185, 81, 22_500.0, 150.0, 3.75, 0.1, "returns", False, False, False, False),
        ("55-59", 268, 0.035, 28, 2_000.0, 7.46, 0.187, 0.011, "floor", False, False, True, False),
        ("<20", 17, 0.097, 6, 2_100.0, 123.5, 3.09, 0.12, "floor", True, False, True, False),
        ("65-69", 74, 0.0, 0, 0.0, 0.0, 0.0, 0.0, "no_outflow", True, False, True, False),
        (None, 3, None, None, None, None, None, None, None, None, None, None, True),
    ])
    labels = category_labels("age_band", ["20-24", "55-59", "<20", "65-69"])
    texts = {f.numbers.get("value"): f for f in plan_findings(p, labels)}
    summary = plan_findings(p, labels)[0]
    assert summary.text_nl.startswith("Het plan besteedt € 100.000 per jaar, gemiddeld € 40 per medewerker, en houdt "
                                      "naar verwachting 5,3 fte-jaren vast.")
    assert "pensioen op de AOW-datum voorkomt geen regeling" in summary.text_nl
    assert "7,9% per jaar" in summary.text_nl and "7.9% a year" in summary.text_en
    assert texts["20-24"].text_nl == (
        "leeftijdsgroep 20-24: € 150 per medewerker, 3,8× het gemiddelde van € 40. De beïnvloedbare uitstroom is "
        "hier 18,5% per jaar (organisatie 7,9%); het plan bereikt 10,0% van de groep en stopt waar een volgende "
        "plek, met afnemende meeropbrengst, minder vasthoudt dan elders.")
    assert texts["20-24"].text_en.startswith("age band 20-24: €150 per employee, 3.8× the average of €40.")
    assert texts["55-59"].text_nl == (
        "leeftijdsgroep 55-59: € 7 per medewerker, 0,2× het gemiddelde van € 40. Alleen het minimumaandeel per "
        "categorie: een euro meer houdt hier minder vast dan elders (beïnvloedbare uitstroom hier 3,5% per jaar, "
        "organisatie 7,9%).")
    assert "voor deze kleine groep is dat al meer dan gemiddeld per medewerker" in texts["<20"].text_nl
    assert "rust op 6 vertrekken (minder dan 20) en is dus onzeker" in texts["<20"].text_nl
    assert "niemand op een manier die beleid had kunnen voorkomen" in texts["65-69"].text_nl
    assert "onzeker" not in texts["65-69"].text_nl  # no outflow at all is not an uncertain rate
    hidden = [f for f in plan_findings(p, labels) if f.kind == "share_of"]
    assert len(hidden) == 1 and hidden[0].text_nl.startswith("1 groep(en) met minder dan 5 mensen")
    assert all("None" not in f.text_nl for f in plan_findings(p, labels))


def test_effects_say_gemeten_or_aanname():
    effects = load_effects()
    assert effects_finding(effects).text_nl == "Alle effecten zijn aannames (literatuur), niet gemeten in deze organisatie."
    measured = replace(effects, types=tuple(
        replace(t, assumption=False, hazard_ratio=0.72, reduction=0.28) if t.code == "ontwikkeling" else t
        for t in effects))
    finding = effects_finding(measured)
    assert finding.text_nl.startswith("Gemeten in deze organisatie (gematchte vergelijking): Ontwikkelregelingen: "
                                      "hazard ratio 0,72. Een aanname zijn: Benutting, Onderhoud, Ontzien en "
                                      "Doorwerken tot de AOW.")
    assert finding.numbers == {"gemeten": ["ontwikkeling"],
                               "aanname": ["inzetbaarheid", "behoud", "ontzien", "doorwerken"]}


def test_labels_per_axis():
    assert category_labels("primary_phase", ["spitsuur", "no_named_phase"]) == {
        "spitsuur": ("levensfase Spitsuur", "life phase Rush hour"), "no_named_phase": (
            "geen benoemde levensfase", "no named life phase")}
    assert category_labels("unit", ["U1"], names={"U1": "Zorg Noord"}) == {"U1": ("afdeling Zorg Noord", "unit Zorg Noord")}
    assert category_labels("job_family", ["ICT"]) == {"ICT": ("functiefamilie ICT", "job family ICT")}
