"""Employability aggregates: hand-built respondents whose WAI totals are set by construction."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest

from levensfase.analytics.employability import (band_follow_up, employability_section, falling_groups, flows_by_band,
                                                scores_by)
from levensfase.analytics.survey_scores import survey_scores
from levensfase.model.workforce import Workforce

D = date


def wai_items(total: int) -> dict[str, float]:
    """Answers of a mixed-demand job whose WAI total is `total` (28–49), summed by hand:
    q2 5+5=10, q3 none=7, q4 6, q5 none=5, q7 4+4+4 → 4; q6 7 (or 1 to lose 6); q1 makes up the rest."""
    base = {"q2_physical": 5, "q2_mental": 5, "q3_diseases": 0, "q4": 6, "q5_sick_days": 0,
            "q7_1": 4, "q7_2": 4, "q7_3": 4}
    if total >= 39:
        return {**base, "q1": total - 39, "q6": 7}
    assert 33 <= total < 39
    return {**base, "q1": total - 33, "q6": 1}


def uwes9_items(answer: int) -> dict[str, float]:
    return {str(i): answer for i in range(1, 10)}


def build(people: list[tuple], surveys: list[tuple], absences: list[tuple] = ()) -> Workforce:
    """people: (person_id, sex, start, end, end_reason); surveys: (person_id, date, instrument, items)."""
    rows = [{"person_id": p, "date": d, "instrument": inst, "item": item, "value": float(v)}
            for p, d, inst, items in surveys for item, v in items.items()]
    return Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["U"], "name": ["U"]}),
        "jobs": pl.DataFrame({"job_id": ["J"], "title": ["J"], "job_family": ["zorg"], "work_demand": ["mixed"]}),
        "people": pl.DataFrame({"person_id": [p[0] for p in people], "birth_date": [D(1980, 1, 1)] * len(people),
                                "sex": [p[1] for p in people]}),
        "assignments": pl.DataFrame(
            [{"person_id": p, "start_date": s, "end_date": e, "unit_id": "U", "job_id": "J", "fte": 1.0,
              "end_reason": r} for p, _, s, e, r in people],
            schema_overrides={"end_date": pl.Date, "end_reason": pl.String}),
        "surveys": pl.DataFrame(rows) if rows else None,
        "absences": pl.DataFrame([{"person_id": p, "start_date": s, "end_date": e, "pregnancy": False}
                                  for p, s, e in absences]) if absences else None,
    })


def staff(ids: str, sex: str) -> list[tuple]:
    return [(i, sex, D(2015, 1, 1), None, None) for i in ids]


def test_scores_are_the_hand_sums():
    wf = build(staff("A", "f"), [("A", D(2024, 10, 1), "wai", wai_items(41)), ("A", D(2024, 10, 1), "uwes9", uwes9_items(4)),
                                 ("A", D(2023, 10, 1), "wai", {"q1": 5})])  # incomplete: not scored
    scores = survey_scores(wf)
    assert scores.select("instrument", "score", "band").rows() == [("uwes9", 4.0, "average"), ("wai", 41.0, "good")]


def test_group_means_with_complementary_suppression():
    """k=3: women 40, 42, 44 (mean 42); men 2 respondents → small; x 36, 38, 40 (mean 38).
    With a published total, hiding the men alone would let their mean be recovered from the total,
    so the smaller shown group (women come first on ties) is withheld too."""
    people = staff("ABC", "f") + staff("DE", "m") + staff("FGH", "x")
    totals = dict(zip("ABCDEFGH", [40, 42, 44, 45, 47, 36, 38, 40]))
    wf = build(people, [(p, D(2024, 10, 1), "wai", wai_items(t)) for p, t in totals.items()])
    table = scores_by(survey_scores(wf), wf, instrument="wai", by="sex", k=3)
    rows = {r["group"]: r for r in table.iter_rows(named=True)}
    assert rows["m"]["suppressed"] and rows["m"]["mean"] is None and rows["m"]["respondents"] is None
    assert rows["f"]["suppression_reason"] == "small_difference" and rows["f"]["mean"] is None
    assert rows["x"]["mean"] == 38.0 and rows["x"]["respondents"] == 3
    assert rows["x"]["share_low"] == pytest.approx(100 / 3, abs=0.05)  # only 36 is below 37


def test_one_response_per_person_per_year_the_latest():
    wf = build(staff("ABC", "f"), [("A", D(2024, 3, 1), "wai", wai_items(33)), ("A", D(2024, 10, 1), "wai", wai_items(45)),
                                   ("B", D(2024, 10, 1), "wai", wai_items(42)), ("C", D(2024, 10, 1), "wai", wai_items(39))])
    table = scores_by(survey_scores(wf), wf, instrument="wai", by="sex", k=3)
    assert table.select("respondents", "mean").rows() == [(3, 42.0)]


def _falling_org(extra_f_2024: int = 0):
    """20 women, 20 men, 19 x, each answering in 2022 and 2024 (paired differences by hand):
    women: 10 × 44→40 (−4) and 10 × 42→40 (−2): mean −3, sd √(20/19) = 1,026, se 0,2294, t(19) 2,093
      → 95% interval −3,48 to −2,52: falling. Their published means: 43,0 → 40,0.
    men: 10 × 44→35 (−9) and 10 × 39→43 (+4): mean −2,5, sd √(845/19) = 6,669, se 1,491 → −5,62 to
      0,62: not beyond chance, though the means fell 41,5 → 39,0 (more than the old 2-point rule).
    x: 19 × 44→36 (−8 each): the largest fall, but 19 pairs < 20: not named."""
    f = [f"F{i:02d}" for i in range(20)]
    m = [f"M{i:02d}" for i in range(20)]
    x = [f"X{i:02d}" for i in range(19)]
    extra = [f"E{i:02d}" for i in range(extra_f_2024)]
    people = [(p, "f", D(2015, 1, 1), None, None) for p in f + extra] + [(p, "m", D(2015, 1, 1), None, None) for p in m]
    people += [(p, "x", D(2015, 1, 1), None, None) for p in x]
    surveys = []
    for i, p in enumerate(f):
        surveys += [(p, D(2022, 10, 1), "wai", wai_items(44 if i < 10 else 42)), (p, D(2024, 10, 1), "wai", wai_items(40))]
    for i, p in enumerate(m):
        before, after = (44, 35) if i < 10 else (39, 43)
        surveys += [(p, D(2022, 10, 1), "wai", wai_items(before)), (p, D(2024, 10, 1), "wai", wai_items(after))]
    for p in x:
        surveys += [(p, D(2022, 10, 1), "wai", wai_items(44)), (p, D(2024, 10, 1), "wai", wai_items(36))]
    surveys += [(p, D(2024, 10, 1), "wai", wai_items(40)) for p in extra]  # answered in 2024 only
    return build(people, surveys)


def _falling(wf, k: int = 5):
    scores = survey_scores(wf)
    table = scores_by(scores, wf, instrument="wai", by="sex", k=k)
    return falling_groups(table, scores, wf, by="sex", k=k)


def test_falling_groups_are_paired_changes_beyond_their_95_percent_interval():
    falling = _falling(_falling_org())
    assert falling.select("group", "year_from", "year_to", "mean_from", "mean_to", "change", "change_low",
                          "change_high", "pairs").rows() == [("f", 2022, 2024, 43.0, 40.0, -3.0, -3.48, -2.52, 20)]


def test_the_paired_bands_are_mean_interval_per_group():
    """falling_groups' bands in Polars (`_paired_bands`) against `mean_interval` group by group, on
    random differences: groups of 1 (no band), 2, 3 and 5 pairs (the t table) and larger."""
    import random

    from levensfase.analytics.employability import _paired_bands, mean_interval

    rng = random.Random(7)
    sizes = {"a": 1, "b": 2, "c": 3, "d": 5, "e": 40, "f": 1000}
    rows = [(g, float(rng.randint(-12, 9))) for g, n in sizes.items() for _ in range(n)]
    bands = _paired_bands(pl.DataFrame(rows, schema={"group": pl.String, "d": pl.Float64}, orient="row"))
    got = {r["group"]: r for r in bands.iter_rows(named=True)}
    assert set(got) == {g for g, n in sizes.items() if n >= 2}
    for group, row in got.items():
        expected = mean_interval([d for g, d in rows if g == group])
        assert row["pairs"] == sizes[group]
        assert [row["change"], row["change_low"], row["change_high"]] == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_mean_interval_and_t_quantile_by_hand():
    from levensfase.analytics.employability import mean_interval, t975

    assert round(t975(19), 3) == 2.093 and round(t975(4), 3) == 2.776  # tables: 2.093, 2.776
    assert round(t975(2), 3) == 4.303 and round(t975(1), 3) == 12.706  # the expansion alone: 4.27 and 11.30
    mean, low, high = mean_interval([-9.0] * 10 + [4.0] * 10)
    assert mean == -2.5 and (round(low, 2), round(high, 2)) == (-5.62, 0.62)
    assert mean_interval([1.0]) is None


def test_a_few_respondents_outside_the_pairs_withhold_the_group():
    # 2 women answered only in 2024: the 2024 mean of 22 and the paired change of 20 would tell about them
    assert _falling(_falling_org(extra_f_2024=2)).height == 0
    # 5 of them (k = 5): the group is shown again, the paired change is the same 20 people's
    again = _falling(_falling_org(extra_f_2024=5))
    assert again.select("group", "change", "pairs", "respondents_to").rows() == [("f", -3.0, 20, 25)]


def test_exit_rate_and_absence_per_band():
    """Cohort employed on 2025-01-01 with a 2024 WAI. Poor band? None here: moderate (33) A–E,
    good (40) F–J. B and C leave in 2025 → moderate exit rate 40 %. A is sick 10 days in 2025:
    moderate VP = 10 / (5 people' employment days) — B left 2025-03-31 (90 days), C 2025-06-30 (181)."""
    people = [("A", "f", D(2015, 1, 1), None, None), ("B", "f", D(2015, 1, 1), D(2025, 3, 31), "voluntary"),
              ("C", "f", D(2015, 1, 1), D(2025, 6, 30), "other"), ("D", "f", D(2015, 1, 1), None, None),
              ("E", "f", D(2015, 1, 1), None, None)] + staff("FGHIJ", "m")
    surveys = [(p, D(2024, 10, 1), "wai", wai_items(33)) for p in "ABCDE"]
    surveys += [(p, D(2024, 10, 1), "wai", wai_items(40)) for p in "FGHIJ"]
    wf = build(people, surveys, absences=[("A", D(2025, 2, 1), D(2025, 2, 10))])
    table = flows_by_band(wf, scores=survey_scores(wf), start=D(2025, 1, 1), end=D(2025, 12, 31), by="band", k=5)
    rows = {r["group"]: r for r in table.iter_rows(named=True)}
    assert rows["moderate"]["exits"] == 2 and rows["moderate"]["exit_rate"] == 40.0
    assert rows["moderate"]["verzuimpercentage"] == round(10 / (3 * 365 + 90 + 181) * 100, 3)
    assert rows["moderate"]["meldingsfrequentie"] == round(1 / ((3 * 365 + 90 + 181) / 365), 2)
    assert rows["good"]["exits"] == 0 and rows["good"]["verzuimpercentage"] == 0.0
    assert rows["good"]["mean_duration"] is None


def _follow_up_org():
    """The cohort of test_exit_rate_and_absence_per_band, plus K (moderate 2024) who leaves in 2026 and
    a 2025 round answered by F–J only."""
    people = [("A", "f", D(2015, 1, 1), None, None), ("B", "f", D(2015, 1, 1), D(2025, 3, 31), "voluntary"),
              ("C", "f", D(2015, 1, 1), D(2025, 6, 30), "other"), ("D", "f", D(2015, 1, 1), None, None),
              ("E", "f", D(2015, 1, 1), None, None), ("K", "f", D(2015, 1, 1), D(2026, 5, 31), "voluntary")]
    people += staff("FGHIJ", "m")
    surveys = [(p, D(2024, 10, 1), "wai", wai_items(33)) for p in "ABCDEK"]
    surveys += [(p, D(2024, 10, 1), "wai", wai_items(40)) for p in "FGHIJ"]
    surveys += [(p, D(2025, 10, 1), "wai", wai_items(41)) for p in "FGHIJ"]
    return build(people, surveys)


def test_only_closed_rounds_are_published():
    """A calendar year is a round that closes after 31 December: on 2025-12-31 the 2025 answers are
    still open (nothing of 2025 published), on 2026-01-01 they are."""
    wf = _follow_up_org()
    scores = survey_scores(wf)
    open_ = scores_by(scores, wf, instrument="wai", by="all", k=5, as_of=D(2025, 12, 31))
    closed = scores_by(scores, wf, instrument="wai", by="all", k=5, as_of=D(2026, 1, 1))
    assert open_["year"].to_list() == [2024]
    assert closed["year"].to_list() == [2024, 2025] and closed["mean"].to_list() == [36.2, 41.0]  # (6×33+5×40)/11 = 36,18


def test_band_follow_up_is_a_closed_round_over_a_completed_year():
    """On any day of 2026 the table follows the 2024 respondents through 2025 (the 2025 round's year
    after is not over): K leaving on 2026-05-31 changes nothing, so no day-to-day difference shows
    a leaver's band. Moderate: A–E and K (6), B and C left in 2025 → 33,33%."""
    wf = _follow_up_org()
    scores = survey_scores(wf)
    tables = []
    for day in (D(2026, 3, 1), D(2026, 11, 30)):
        follow = band_follow_up(survey_scores(wf, until=day), as_of=day)
        assert (follow.year, follow.start, follow.end) == (2024, D(2025, 1, 1), D(2025, 12, 31))
        tables.append(flows_by_band(wf, scores=follow.scores, start=follow.start, end=follow.end, by="band", k=5))
    assert tables[0].equals(tables[1])
    rows = {r["group"]: r for r in tables[0].iter_rows(named=True)}
    assert rows["moderate"]["population"] == 6 and rows["moderate"]["exits"] == 2
    assert rows["moderate"]["exit_rate"] == round(2 / 6 * 100, 2)
    assert band_follow_up(scores, as_of=D(2027, 1, 1)).year == 2025
    assert band_follow_up(scores, as_of=D(2025, 12, 31)) is None  # 2024's year after is not over yet


def test_section_is_json_ready_deterministic_and_hides_small_groups():
    people = staff("ABCDEF", "f") + staff("G", "m")
    surveys = [(p, D(2024, 10, 1), "wai", wai_items(40 + i)) for i, p in enumerate("ABCDEF")]
    surveys.append(("G", D(2024, 10, 1), "wai", wai_items(34)))
    wf = build(people, surveys)
    first = employability_section(wf, as_of=D(2025, 6, 30), k=5)
    assert json.dumps(first) == json.dumps(employability_section(wf, as_of=D(2025, 6, 30), k=5))
    assert set(first) == {"as_of", "k", "low_wai_below", "falling_min_pairs", "work_ability", "engagement",
                          "flows_by_wai", "falling_work_ability", "absence"}
    by_sex = {r["group"]: r for r in first["work_ability"]["sex"]}
    assert by_sex["m"]["suppressed"] and by_sex["f"]["suppressed"]  # complementary: the total is published
    assert "34.0" not in json.dumps(first["work_ability"])
    assert first["absence"]["population"] == 7 and first["absence"]["verzuimpercentage"] == 0.0
    phases = {r["group"] for r in first["work_ability"]["life_phase"]}
    assert phases  # every respondent is in some life-phase row


def test_vectorised_scores_equal_the_per_questionnaire_scorer():
    """Every response of a synthetic organisation, plus broken ones, against `score_survey_items`."""
    from levensfase.analytics.vitality import _with_work_demand
    from levensfase.ingest.generator import generate
    from levensfase.model.instruments import InvalidAnswers, score_survey_items

    wf = generate(employees=150, years=5, seed=7, as_of=D(2025, 6, 30))
    if not isinstance(wf, Workforce):
        wf = Workforce.from_tables(wf)
    broken = pl.DataFrame({"person_id": [wf.people["person_id"][0]] * 3, "date": [D(2025, 1, 2)] * 3,
                           "instrument": ["wai", "uwes9", "uwes9"], "item": ["q1", "1", "1"],
                           "value": [5.0, 3.0, 4.0]})  # incomplete WAI; UWES with a repeated item
    # complete WAI questionnaires with one bad answer: out of range, a half point, an item twice
    full = {"q1": 8, "q2_physical": 4, "q2_mental": 4, "q3_diseases": 1, "q4": 5, "q5_sick_days": 3, "q6": 7,
            "q7_1": 3, "q7_2": 3, "q7_3": 3}
    for n, change in enumerate(({"q4": 9}, {"q1": 7.5}, {"q2_mental": 4, "repeat": "q2_mental"})):
        answers = [*{**full, **{k: v for k, v in change.items() if k != "repeat"}}.items(),
                   *([(change["repeat"], 2)] if "repeat" in change else [])]
        broken = pl.concat([broken, pl.DataFrame({
            "person_id": [wf.people["person_id"][1 + n]] * len(answers), "date": [D(2025, 1, 3)] * len(answers),
            "instrument": ["wai"] * len(answers), "item": [a for a, _ in answers],
            "value": [float(v) for _, v in answers]})])
    wf = Workforce.from_tables({**wf.tables(), "surveys": pl.concat([wf.surveys, broken])})
    fast = {(r["person_id"], r["date"], r["instrument"]): (r["score"], r["band"])
            for r in survey_scores(wf).iter_rows(named=True)}
    grouped = wf.surveys.filter(pl.col("instrument") != "was").group_by("person_id", "date", "instrument").agg(
        "item", "value")
    demand = _with_work_demand(wf.assignments, wf.jobs, grouped.select("person_id", "date").unique())
    demand_of = {(r["person_id"], r["date"]): r["work_demand"] for r in demand.iter_rows(named=True)}
    slow = {}
    for r in grouped.iter_rows(named=True):
        items: dict = {}
        for item, value in zip(r["item"], r["value"]):
            items[item] = None if item in items else value  # a repeated item cannot be scored
        try:
            result = score_survey_items(r["instrument"], items, work_demand=demand_of.get((r["person_id"], r["date"])))
        except InvalidAnswers:
            continue
        band = result.data["band"] if r["instrument"] == "wai" else result.data["bands"]["total"]
        slow[(r["person_id"], r["date"], r["instrument"])] = (float(result.data["total"]), band)
    assert len(slow) > 100
    assert fast == slow


def test_life_phase_of_someone_who_left_before_the_month_end_is_taken_on_the_day():
    from levensfase.analytics.phases import profiles
    from levensfase.analytics.survey_scores import with_group

    people = [("A", "f", D(2015, 1, 1), D(2024, 10, 15), "voluntary"), ("B", "m", D(2015, 1, 1), None, None)]
    wf = build(people, [("A", D(2024, 10, 1), "wai", wai_items(40)), ("B", D(2024, 10, 20), "wai", wai_items(41))])
    grouped = dict(with_group(survey_scores(wf), wf, by="life_phase").select("person_id", "group").iter_rows())
    expected_a = profiles(wf, on=D(2024, 10, 1)).filter(person_id="A")["primary_phase"][0]
    expected_b = profiles(wf, on=D(2024, 10, 20)).filter(person_id="B")["primary_phase"][0]
    assert grouped == {"A": expected_a or "none", "B": expected_b or "none"}
    assert "not_employed" not in grouped.values()


def test_the_falling_sentence_comes_from_the_findings():
    from levensfase.analytics.findings.policy import falling_findings

    rows = _falling(_falling_org()).to_dicts()
    label = {"f": ("vrouwen", "women")}
    found = falling_findings(rows, years=[2022, 2024], label=lambda by, g: label[g], min_pairs=20)
    assert [f.text_nl for f in found] == [
        "Het werkvermogen daalt bij vrouwen: bij dezelfde 20 respondenten gemiddeld 3,0 punten lager in 2024 dan in "
        "2022 (95%-interval 2,5 tot 3,5 punten)."]
    assert found[0].interval == (-3.48, -2.52) and found[0].n == 20
    none = falling_findings([], years=[2022, 2024], label=None, min_pairs=20)
    assert none[0].kind == "not_falling" and none[0].text_nl.startswith(
        "In geen enkele groep daalt het werkvermogen van 2022 tot 2024 meer dan het toeval toelaat")
    assert falling_findings([], years=[2024], label=None, min_pairs=20)[0].text_nl.startswith("Er is maar één meetjaar")


def test_the_report_names_only_the_group_falling_beyond_chance():
    from levensfase.analytics.report import build_report

    report = build_report(_falling_org(), as_of=D(2025, 6, 30), k=5)
    falling = [f for f in report["findings"] if f["kind"] == "falling"]
    assert {(f["numbers"]["grouping"], f["numbers"]["group"]) for f in falling} >= {("sex", "f")}
    assert not any(f["numbers"]["group"] in ("m", "x") for f in falling)
    assert {r["group"] for r in report["employability"]["falling_work_ability"] if r["grouping"] == "sex"} == {"f"}
