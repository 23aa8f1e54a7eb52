"""Internal matching on the hand-built organisation (order and scores by hand in tests/support/handbuilt_skills.py)."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.competencies import match_candidates, roles_for
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce
from support.handbuilt_skills import AS_OF, skills_workforce

WF = skills_workforce()


def test_match_for_a_job_in_order_with_scores_and_reasons():
    got = match_candidates(WF, as_of=AS_OF, job_id="J2")
    assert got.select("person_id", "rank", "score").rows() == [("P07", 1, 1.0), ("P01", 2, 0.7333),
                                                               ("P02", 3, 0.6625)]
    p01 = got.row(1, named=True)
    assert (p01["skill_fit"], p01["ambition_fit"], p01["mobility_fit"], p01["opted_in"]) == (0.5556, 1.0, 1.0, True)
    assert (p01["skills_met"], p01["skills_asked"]) == (1, 3)
    assert p01["reason_nl"] == ("Voldoet aan 1 van 3 gevraagde competenties; tekort: Samenwerken (niet beoordeeld, "
                                "gevraagd 3), Plannen (2, gevraagd 3). Ambitie: leidinggeven. Mobiliteitswens: intern.")
    assert p01["reason_en"] == ("Meets 1 of 3 required competencies; short: Samenwerken (not assessed, required 3), "
                                "Plannen (2, required 3). Ambition: leadership. Mobility wish: internal.")
    assert got.row(2, named=True)["reason_en"] == (
        "Meets all 3 required competencies. Ambition: grow in the current role. Mobility wish: none.")


def test_not_opted_in_never_in_the_default_list_and_only_hr_asks_for_all():
    default = match_candidates(WF, as_of=AS_OF, job_id="J2")
    assert not {"P05", "P06"} & set(default.get_column("person_id"))  # P05 withdrew, P06 never said yes
    assert default.get_column("opted_in").all()
    full = match_candidates(WF, as_of=AS_OF, job_id="J2", include_not_opted_in=True)
    assert full.select("person_id", "score", "opted_in").rows() == [
        ("P07", 1.0, True), ("P01", 0.7333, True), ("P05", 0.725, False), ("P02", 0.6625, True), ("P06", 0.2, False)]
    assert full.row(4, named=True)["reason_nl"].endswith("Ambitie: niet besproken. Mobiliteitswens: niet besproken.")


def test_holders_and_leavers_are_not_candidates():
    ids = set(match_candidates(WF, as_of=AS_OF, job_id="J2", include_not_opted_in=True).get_column("person_id"))
    assert not {"P03", "P04", "P08"} & ids  # P03 and P04 hold J2; P08 left on 2025-03-31
    earlier = match_candidates(WF, as_of=date(2025, 3, 31), job_id="J1")  # P08 still employed, in J1
    assert "P08" not in set(earlier.get_column("person_id"))


def test_ad_hoc_skill_list_breaks_ties_by_person_id():
    got = match_candidates(WF, as_of=AS_OF, skills={"S4": 3})
    assert got.select("person_id", "score").rows() == [("P07", 1.0), ("P01", 0.875), ("P03", 0.8), ("P04", 0.8),
                                                       ("P02", 0.6625)]
    assert got.row(0, named=True)["reason_nl"].startswith("Voldoet aan de gevraagde competentie.")


def test_roles_for_a_person_by_hand():
    got = roles_for(WF, person_id="P01", as_of=AS_OF)
    assert got.select("job_id", "rank", "score", "skill_fit", "untapped_fit", "ambition_fit").rows() == [
        ("J2", 1, 0.7778, 0.5556, 1.0, 1.0), ("J3", 2, 0.35, 0.5, 0.0, 0.5)]
    assert got.row(0, named=True)["uses_untapped"] == ["Coachen"]
    assert got.row(0, named=True)["reason_nl"].startswith("Benut onbenutte competenties: Coachen. Voldoet aan 1 van 3")
    assert got.row(1, named=True)["reason_en"] == (
        "Meets 1 of 2 required competencies; short: Digitale vaardigheden (not assessed, required 2). "
        "Ambition: leadership.")
    assert roles_for(WF, person_id="P01", as_of=AS_OF, top=1).get_column("job_id").to_list() == ["J2"]


def test_bad_requests_are_refused_plainly():
    with pytest.raises(ValueError, match="either job_id or skills"):
        match_candidates(WF, as_of=AS_OF)
    with pytest.raises(ValueError, match="either job_id or skills"):
        match_candidates(WF, as_of=AS_OF, job_id="J2", skills={"S1": 2})
    with pytest.raises(ValueError, match="unknown job 'J9'"):
        match_candidates(WF, as_of=AS_OF, job_id="J9")
    with pytest.raises(ValueError, match="unknown skill 'S9'"):
        match_candidates(WF, as_of=AS_OF, skills={"S9": 2})
    with pytest.raises(ValueError, match="must be a whole number 1–4"):
        match_candidates(WF, as_of=AS_OF, skills={"S1": 5})
    with pytest.raises(ValueError, match="top must be"):
        roles_for(WF, person_id="P01", as_of=AS_OF, top=0)
    with pytest.raises(ValueError, match="unknown person"):
        roles_for(WF, person_id="P99", as_of=AS_OF)


def test_synthetic_organisation_ranks_deterministically_and_respects_opt_in():
    wf = Workforce.from_tables(generate(employees=300, years=3, seed=4, as_of=date(2025, 1, 1)))
    job = wf.job_skills.get_column("job_id").sort()[0]
    first = match_candidates(wf, as_of=date(2025, 1, 1), job_id=job)
    assert first.equals(match_candidates(wf, as_of=date(2025, 1, 1), job_id=job))
    scores = first.get_column("score").to_list()
    assert scores == sorted(scores, reverse=True) and first.get_column("rank").to_list() == list(
        range(1, first.height + 1))
    latest = wf.conversations.filter(topic="internal_mobility_opt_in").sort("date").group_by(
        "person_id").last()
    opted = set(latest.filter(value="true").get_column("person_id"))
    assert set(first.get_column("person_id")) <= opted
