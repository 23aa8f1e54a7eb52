"""Skills profiles on the hand-built organisation (answers worked out in tests/support/handbuilt_skills.py)."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.model.skills import current_levels, profile_history, skills_profile, statuses
from support.handbuilt_skills import AS_OF, skills_workforce

WF = skills_workforce()


def status_of(person_id: str, on: date = AS_OF) -> dict[str, str]:
    return dict(skills_profile(WF, person_id=person_id, on=on).select("skill_id", "status").iter_rows())


def test_used_development_need_untapped_and_other_by_hand():
    assert status_of("P01") == {"S1": "used", "S2": "development_need", "S3": "development_need",
                                "S4": "untapped", "S5": "other"}
    assert status_of("P02") == {"S1": "used", "S3": "used", "S2": "development_need", "S4": "untapped",
                                "S5": "untapped"}
    assert status_of("P03") == {"S3": "used", "S4": "used", "S5": "development_need", "S1": "untapped"}
    assert status_of("P05") == {"S5": "used", "S6": "used", "S4": "untapped"}
    assert status_of("P07") == {"S1": "used", "S2": "used", "S3": "used", "S4": "untapped", "S5": "untapped"}


def test_concurrent_jobs_ask_the_highest_level_and_unassessed_required_skills_are_a_need():
    profile = skills_profile(WF, person_id="P04", on=AS_OF)
    rows = {r["skill_id"]: r for r in profile.iter_rows(named=True)}
    assert {s: (r["level"], r["level_required"], r["status"]) for s, r in rows.items()} == {
        "S4": (3, 3, "used"), "S3": (None, 3, "development_need"), "S5": (2, 3, "development_need"),
        "S6": (None, 2, "development_need")}
    assert status_of("P06") == {"S5": "development_need", "S6": "development_need"}


def test_level_is_the_latest_assessment_and_certified_wins_a_same_day_tie():
    p01 = {r["skill_id"]: r for r in skills_profile(WF, person_id="P01", on=AS_OF).iter_rows(named=True)}
    s1 = p01["S1"]
    assert (s1["level"], s1["level_source"], s1["level_self"], s1["level_manager"], s1["self_minus_manager"]) == \
        (4, "manager", 3, 4, -1)
    assert p01["S5"]["level"] == 2 and p01["S5"]["level_manager"] is None  # the manager's 2025-07-05 is later
    p02 = {r["skill_id"]: r for r in skills_profile(WF, person_id="P02", on=AS_OF).iter_rows(named=True)}
    assert (p02["S1"]["level"], p02["S1"]["level_source"], p02["S1"]["level_certified"]) == (3, "certified", 3)
    assert (p02["S2"]["level"], p02["S2"]["level_source"], p02["S2"]["self_minus_manager"]) == (2, "self", -1)
    # After the manager's assessment of 2025-07-05, P01's S5 is 3: not used by J1, so now untapped.
    later = {r["skill_id"]: r["status"] for r in skills_profile(WF, person_id="P01", on=date(2025, 7, 12))
             .iter_rows(named=True)}
    assert later["S5"] == "untapped"


def test_rows_come_in_status_order_with_names_and_kinds():
    profile = skills_profile(WF, person_id="P01", on=AS_OF)
    assert profile.get_column("status").to_list() == ["used", "development_need", "development_need", "untapped",
                                                       "other"]
    assert profile.row(0, named=True)["name"] == "Wondzorg" and profile.row(1, named=True)["kind"] == "knowledge"


def test_before_employment_and_after_leaving_nothing_is_required():
    assert status_of("P08", on=AS_OF) == {"S4": "untapped"}  # left on 2025-03-31
    assert status_of("P08", on=date(2025, 3, 31)) == {"S1": "development_need", "S2": "development_need",
                                                      "S3": "development_need", "S4": "untapped"}


def test_history_lists_every_assessment_newest_first():
    history = profile_history(WF, person_id="P01")
    assert history.select("date", "skill_id", "source", "level").rows() == [
        (date(2025, 7, 5), "S5", "manager", 3), (date(2024, 2, 1), "S1", "manager", 4),
        (date(2024, 1, 10), "S1", "self", 3), (date(2024, 1, 10), "S2", "self", 2),
        (date(2024, 1, 10), "S4", "self", 4), (date(2024, 1, 10), "S5", "self", 2)]
    assert profile_history(WF, person_id="P06").height == 0


def test_the_whole_organisation_frame_agrees_with_the_person_profiles():
    everyone = statuses(WF, on=AS_OF)
    for person in ("P01", "P02", "P04", "P07"):
        mine = dict(everyone.filter(person_id=person).select("skill_id", "status").iter_rows())
        assert mine == status_of(person)
    assert current_levels(WF.person_skills, on=date(2020, 1, 1)).height == 0


def test_bad_arguments_are_refused_plainly():
    with pytest.raises(ValueError, match="unknown person 'P99'"):
        skills_profile(WF, person_id="P99", on=AS_OF)
    with pytest.raises(TypeError, match="on must be a date"):
        skills_profile(WF, person_id="P01", on="2025-06-30")


def test_the_example_of_the_exchange_format_page():
    """docs/exchange-format.md: on 2015-06-01 p1 uses wondzorg, needs samenwerken, leaves coachen untapped."""
    import polars as pl

    from levensfase.model.workforce import Workforce

    wf = Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["zorg", "staf"], "name": ["Zorg", "Staf"]}),
        "jobs": pl.DataFrame({"job_id": ["vp", "hr"], "title": ["Verpleegkundige", "HR"], "job_family": ["zorg", "staf"],
                              "work_demand": ["physical", "mental"]}),
        "people": pl.DataFrame({"person_id": ["p1"], "birth_date": [date(1970, 5, 1)], "sex": ["f"]}),
        "assignments": pl.DataFrame({
            "person_id": ["p1", "p1"], "start_date": [date(2010, 1, 1), date(2016, 1, 1)],
            "end_date": [date(2015, 12, 31), date(2019, 6, 30)], "unit_id": ["zorg", "staf"], "job_id": ["vp", "hr"],
            "fte": [0.8, 1.0], "contract": ["permanent", "permanent"], "end_reason": [None, "voluntary"]}),
        "skills": pl.DataFrame({"skill_id": ["wondzorg", "coachen", "samenwerken"],
                                "name": ["Wondzorg", "Coachen", "Samenwerken"], "kind": ["skill", "skill", "attitude"]}),
        "job_skills": pl.DataFrame({"job_id": ["vp", "vp"], "skill_id": ["wondzorg", "samenwerken"],
                                    "level_required": [3, 2]}),
        "person_skills": pl.DataFrame({
            "person_id": ["p1"] * 3, "skill_id": ["wondzorg", "wondzorg", "coachen"], "level": [3, 4, 3],
            "source": ["self", "manager", "self"], "date": [date(2015, 3, 1), date(2015, 3, 20), date(2015, 3, 1)]}),
    })
    profile = skills_profile(wf, person_id="p1", on=date(2015, 6, 1))
    assert profile.select("skill_id", "level", "level_required", "status").rows() == [
        ("wondzorg", 4, 3, "used"), ("samenwerken", None, 2, "development_need"), ("coachen", 3, None, "untapped")]
