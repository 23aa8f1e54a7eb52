"""The alignment finding and the programme sentences: named only with enough people and a clear
difference (DESIGN §6a), Dutch numbers in Dutch."""

from __future__ import annotations

from levensfase.analytics.findings.scan import AlignmentRow, alignment_findings, programme_finding


def _row(**change) -> AlignmentRow:
    base = dict(unit="U1", name="Wijkteam Tiel", respondents=30, renewal=4.0, renewal_interval=(3.8, 4.2),
                rest_renewal=3.0, rest_renewal_interval=(2.9, 3.1), population=40, developed=4, rest_population=200,
                rest_developed=100)
    return AlignmentRow(**{**base, **change})


def test_renewing_without_developing_is_named():
    [finding] = alignment_findings([_row()])
    assert finding.kind == "fact" and finding.numbers["direction"] == "renewing_not_developing"
    assert "Wijkteam Tiel vernieuwt de arbeidsorganisatie duidelijk meer" in finding.text_nl
    assert "10,0% had een ontwikkelregeling, tegen 50,0% elders" in finding.text_nl
    assert "score 4,0 tegen 3,0" in finding.text_nl and "10.0%" in finding.text_en


def test_developing_without_renewing_is_named():
    [finding] = alignment_findings([_row(renewal=2.5, renewal_interval=(2.3, 2.7), developed=36)])
    assert finding.numbers["direction"] == "developing_not_renewing"
    assert "ontwikkelt duidelijk meer mensen (90,0%" in finding.text_nl


def test_no_unit_named_without_enough_people_or_a_clear_difference():
    rows = [_row(respondents=19), _row(unit="U2", renewal_interval=(3.0, 5.0)), _row(unit="U3", developed=20),
            _row(unit="U4", population=19)]
    [finding] = alignment_findings(rows)
    assert finding.kind == "no_clear_difference" and "Geen afdeling loopt duidelijk uit de pas" in finding.text_nl
    [missing] = alignment_findings([_row()], arrangements_recorded=False)
    assert missing.kind == "missing_data" and "geen regelingen vastgelegd" in missing.text_nl


ROW = {"measure": "flexibel_organiseren", "baseline": 2.9, "follow_up": 3.6, "change": 0.7, "comparison_change": 0.05,
       "did": 0.65, "ci_low": 0.3, "ci_high": 1.0, "verdict": "improved", "units": 2, "comparison_units": 5,
       "wide": True, "target": 3.5, "target_met": True}


def test_programme_sentences():
    f = programme_finding(ROW, name_nl="Flexibel organiseren", name_en="Flexible organising")
    assert f.kind == "fact" and f.text_nl.startswith("Flexibel organiseren: duidelijk verbeterd")
    assert "verschil in verandering 0,65; 95%-interval 0,30 tot 1,00" in f.text_nl
    assert "het interval breed" in f.text_nl and "Doel 3,5: gehaald." in f.text_nl
    unclear = programme_finding({**ROW, "verdict": "no_clear_difference", "ci_low": -0.1, "wide": False,
                                 "target_met": False}, name_nl="X", name_en="X")
    assert unclear.kind == "no_clear_difference" and "geen duidelijk verschil" in unclear.text_nl
    assert "Doel 3,5: niet gehaald." in unclear.text_nl and "breed" not in unclear.text_nl
    none = programme_finding({**ROW, "verdict": "insufficient_data"}, name_nl="X", name_en="X")
    assert none.kind == "missing_data" and "onvoldoende gegevens" in none.text_nl
