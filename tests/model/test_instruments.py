"""WAI / WAS / UWES scoring against domain-facts §2–3 and §10.4–10.6, worked by hand."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levensfase.model.instruments import (
    InvalidAnswers,
    ReferenceDataError,
    ScoreResult,
    load_reference,
    score,
    score_cli,
    score_survey_items,
    score_uwes,
    score_wai,
    score_was,
    uwes_band,
    wai_band,
    was_band,
)

DATA_FILE = Path(__file__).resolve().parents[2] / "src/levensfase/model/data/instruments.toml"


def wai_answers(**changes):
    """A valid WAI answer object; by hand: 7 + 6.0 + 4 + 5 + 3 + 4 + 3 = 32 (moderate) for mixed."""
    answers = {
        "work_demand": "mixed", "q1": 7, "q2_physical": 4, "q2_mental": 2, "q3_diseases": 2,
        "q4": 5, "q5_sick_days": 12, "q6": 4, "q7": [3, 2, 3],
    }
    answers.update(changes)
    return answers


def errors_of(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(InvalidAnswers) as info:
        call(*args, **kwargs)
    assert info.value.errors, "InvalidAnswers must name at least one field"
    assert all(isinstance(r, str) and r for r in info.value.errors.values())
    return info.value.errors


# --- WAI: §10.4 categories and range ------------------------------------------------------------

@pytest.mark.parametrize(
    ("total", "band"),
    [(7, "poor"), (27, "poor"), (28, "moderate"), (36, "moderate"), (37, "good"), (43, "good"),
     (44, "excellent"), (49, "excellent")],
)
def test_wai_band_edges(total, band):
    assert wai_band(total) == band


@pytest.mark.parametrize("total", [6, 6.5, 49.5, 50, 27.25, True, "30", None])
def test_wai_band_rejects_impossible_totals(total):
    assert set(errors_of(wai_band, total)) == {"total"}


def test_wai_minimum_and_maximum_answer_sets():
    lowest = score_wai({"work_demand": "mixed", "q1": 0, "q2_physical": 1, "q2_mental": 1, "q3_diseases": 5,
                        "q4": 1, "q5_sick_days": 100, "q6": 1, "q7": [0, 0, 0]})
    assert lowest.data["items"] == {"1": 0, "2": 2.0, "3": 1, "4": 1, "5": 1, "6": 1, "7": 1}
    assert (lowest.data["total"], lowest.data["band"]) == (7, "poor")
    highest = score_wai({"work_demand": "physical", "q1": 10, "q2_physical": 5, "q2_mental": 5, "q3_diseases": 0,
                         "q4": 6, "q5_sick_days": 0, "q6": 7, "q7": [4, 4, 4]})
    assert highest.data["items"] == {"1": 10, "2": 10.0, "3": 7, "4": 6, "5": 5, "6": 7, "7": 4}
    assert (highest.data["total"], highest.data["band"]) == (49, "excellent")


# --- WAI item 2 weighting (§10.5) and the rounding of half-point totals -------------------------------

@pytest.mark.parametrize(("demand", "item2", "total"), [("physical", 7.0, 33), ("mental", 5.0, 31), ("mixed", 6.0, 32)])
def test_wai_item2_weighting(demand, item2, total):
    result = score_wai(wai_answers(work_demand=demand))
    assert result.data["items"]["2"] == item2
    assert result.data["total"] == total  # 7 + item2 + 4 + 5 + 3 + 4 + 3


def test_wai_half_point_total_is_kept_and_banded_on_the_exact_total():
    # physical job, 4×1.5 + 3×0.5 = 7.5; 7 + 7.5 + 4 (2 diseases) + 4 + 3 (10 days) + 1 + 1 (sum 3) = 27.5
    # 27.5 is below the moderate threshold 28: poor (rounding it up to 28 would have made it moderate).
    result = score_wai(wai_answers(work_demand="physical", q2_mental=3, q4=4, q5_sick_days=10, q6=1, q7=[1, 1, 1]))
    assert result.data["items"]["2"] == 7.5
    assert result.data["total_exact"] == 27.5
    assert (result.data["total"], result.data["band"]) == (27.5, "poor")
    assert not any("rounded" in note for note in result.footnotes)


def test_wai_whole_total_has_no_rounding_footnote_but_flags_unverified_scoring():
    result = score_wai(wai_answers())
    assert result.data["total_exact"] == 32.0
    assert not any("rounded" in note for note in result.footnotes)
    assert any("not been verified" in note for note in result.footnotes)


# --- WAI conversion tables at every boundary ------------------------------------------------------------

@pytest.mark.parametrize(("diseases", "points"), [(0, 7), (1, 5), (2, 4), (3, 3), (4, 2), (5, 1), (6, 1), (51, 1)])
def test_wai_item3_from_disease_count(diseases, points):
    assert score_wai(wai_answers(q3_diseases=diseases)).data["items"]["3"] == points


@pytest.mark.parametrize(
    ("days", "points"), [(0, 5), (1, 4), (9, 4), (10, 3), (24, 3), (25, 2), (99, 2), (100, 1), (365, 1)]
)
def test_wai_item5_from_sick_days(days, points):
    assert score_wai(wai_answers(q5_sick_days=days)).data["items"]["5"] == points


@pytest.mark.parametrize(
    ("q7", "points"),
    [([0, 0, 0], 1), ([1, 1, 1], 1), ([4, 0, 0], 2), ([2, 2, 2], 2), ([3, 2, 2], 3), ([3, 3, 3], 3),
     ([4, 3, 3], 4), ([4, 4, 4], 4)],
)
def test_wai_item7_from_mental_resources(q7, points):
    assert score_wai(wai_answers(q7=q7)).data["items"]["7"] == points


def _independent_wai_total(a: dict) -> float:
    """The §2.2 rules written out as plain if-chains, to check the table-driven scorer."""
    weights = {"physical": (1.5, 0.5), "mental": (0.5, 1.5), "mixed": (1.0, 1.0)}[a["work_demand"]]
    d = a["q3_diseases"]
    item3 = 7 if d == 0 else 5 if d == 1 else 4 if d == 2 else 3 if d == 3 else 2 if d == 4 else 1
    s = a["q5_sick_days"]
    item5 = 5 if s == 0 else 4 if s <= 9 else 3 if s <= 24 else 2 if s <= 99 else 1
    r = sum(a["q7"])
    item7 = 1 if r <= 3 else 2 if r <= 6 else 3 if r <= 9 else 4
    item2 = a["q2_physical"] * weights[0] + a["q2_mental"] * weights[1]
    return a["q1"] + item2 + item3 + a["q4"] + item5 + a["q6"] + item7


valid_wai = st.fixed_dictionaries({
    "work_demand": st.sampled_from(["physical", "mental", "mixed"]),
    "q1": st.integers(0, 10), "q2_physical": st.integers(1, 5), "q2_mental": st.integers(1, 5),
    "q3_diseases": st.integers(0, 60), "q4": st.integers(1, 6), "q5_sick_days": st.integers(0, 365),
    "q6": st.sampled_from([1, 4, 7]), "q7": st.lists(st.integers(0, 4), min_size=3, max_size=3),
})


@settings(max_examples=150, deadline=None)
@given(valid_wai)
def test_wai_matches_independent_calculation(answers):
    result = score_wai(answers)
    exact = _independent_wai_total(answers)
    assert result.data["total_exact"] == exact
    assert result.data["total"] == exact
    total = result.data["total"]
    expected = "poor" if total < 28 else "moderate" if total < 37 else "good" if total < 44 else "excellent"
    assert 7 <= total <= 49 and result.data["band"] == expected


# --- WAS (§10.4) ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "band"), [(0, "poor"), (5, "poor"), (6, "moderate"), (7, "moderate"),
                                             (8, "good"), (10, "good")])
def test_was_bands(value, band):
    assert was_band(value) == band
    result = score_was({"score": value})
    assert result.data == {"score": value, "band": band}
    assert result.footnotes == []  # WAS numbers are verified (High) in domain-facts


@pytest.mark.parametrize("value", [-1, 11, 5.5, False, "8"])
def test_was_rejects_out_of_range(value):
    assert set(errors_of(score_was, {"score": value})) == {"score"}
    assert set(errors_of(was_band, value)) == {"score"}


# --- UWES (§10.6) ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("scale", "mean", "band"),
    [("total", 4.67, "high"), ("total", 4.66, "average"), ("total", 1.93, "very low"), ("total", 5.54, "very high"),
     ("total", 1.94, "low"), ("total", 3.06, "low"), ("total", 3.07, "average"), ("total", 5.53, "high"),
     ("total", 4.665, "high"), ("total", 4.664, "average"), ("total", 0, "very low"), ("total", 6, "very high"),
     ("vigor", 2.17, "very low"), ("vigor", 2.18, "low"), ("vigor", 4.80, "average"), ("vigor", 4.81, "high"),
     ("vigor", 5.61, "very high"), ("dedication", 5.79, "high"), ("dedication", 5.80, "very high"),
     ("absorption", 2.75, "low"), ("absorption", 2.76, "average"), ("absorption", 5.36, "very high")],
)
def test_uwes17_band_edges(scale, mean, band):
    assert uwes_band(scale, mean, version="uwes17") == band


def test_uwes17_scoring_by_hand():
    # odd items answer 4, even items 5.  V {1,4,8,12,15,17}: 4,5,5,5,4,4 = 27/6 = 4.5 (average)
    # D {2,5,7,10,13}: 5,4,4,5,4 = 22/5 = 4.4 (average); A {3,6,9,11,14,16}: 4,5,4,4,5,5 = 27/6 = 4.5 (> 4.40: high)
    # total (9×4 + 8×5)/17 = 76/17 = 4.4706 → 4.47 (average)
    answers = [4 if n % 2 else 5 for n in range(1, 18)]
    result = score_uwes({"answers": answers}, version="uwes17")
    assert result.instrument == "uwes17"
    assert {k: result.data[k] for k in ("vigor", "dedication", "absorption", "total")} == {
        "vigor": 4.5, "dedication": 4.4, "absorption": 4.5, "total": 4.47}
    assert result.data["bands"] == {"vigor": "average", "dedication": "average", "absorption": "high",
                                    "total": "average"}
    assert any("UWES-17 norms" in note for note in result.footnotes)


def test_uwes9_scoring_by_hand_with_unverified_norm_footnote():
    # V {1,2,5}: 1,2,5 = 8/3 = 2.67; D {3,4,7}: 3,4,0 = 7/3 = 2.33; A {6,8,9}: 6,1,2 = 3.00; total 24/9 = 2.67
    result = score("uwes9", {"answers": [1, 2, 3, 4, 5, 6, 0, 1, 2]})
    assert {k: result.data[k] for k in ("vigor", "dedication", "absorption", "total")} == {
        "vigor": 2.67, "dedication": 2.33, "absorption": 3.0, "total": 2.67}
    # UWES-9 (unverified) bounds: V low ≤ 3.25; D low ≤ 2.90; A average 2.34–4.20; total low ≤ 2.88
    assert result.data["bands"] == {"vigor": "low", "dedication": "low", "absorption": "average", "total": "low"}
    assert any("UWES-9 norms are UNVERIFIED" in note for note in result.footnotes)


def test_uwes9_total_between_printed_bounds_is_rounded_first():
    # 42/9 = 4.6667 → 4.67, above the UWES-9 "average" bound 4.66 → high
    result = score_uwes({"answers": [5, 5, 5, 5, 5, 5, 4, 4, 4]}, version="uwes9")
    assert (result.data["total"], result.data["bands"]["total"]) == (4.67, "high")


@pytest.mark.parametrize(("value", "band"), [(0, "very low"), (6, "very high")])
def test_uwes_extremes(value, band):
    result = score("uwes17", {"answers": [value] * 17})
    assert result.data["total"] == float(value)
    assert set(result.data["bands"].values()) == {band}


def test_uwes_band_rejects_bad_arguments():
    assert set(errors_of(uwes_band, "energy", 7, version="uwes9")) == {"scale", "mean"}
    assert set(errors_of(uwes_band, "total", 3.0, version="uwes12")) == {"version"}
    assert set(errors_of(uwes_band, "total", float("nan"), version="uwes17")) == {"mean"}


# --- the survey long format ------------------------------------------------------------------------------

def test_survey_items_score_like_the_answer_object():
    items = {"q1": 7.0, "q2_physical": 4.0, "q2_mental": 2.0, "q3_diseases": 2.0, "q4": 5.0,
             "q5_sick_days": 12.0, "q6": 4.0, "q7_1": 3.0, "q7_2": 2.0, "q7_3": 3.0}
    assert score_survey_items("wai", items, work_demand="physical").data == score_wai(
        wai_answers(work_demand="physical")).data
    uwes = {str(n): float(v) for n, v in enumerate([1, 2, 3, 4, 5, 6, 0, 1, 2], start=1)}
    assert score_survey_items("uwes9", uwes).data["total"] == 2.67
    assert score_survey_items("was", {"score": 8.0}).data == {"score": 8, "band": "good"}


def test_survey_items_name_codes_in_errors():
    items = {"q1": 7.0, "q2_physical": 4.0, "q2_mental": 2.0, "q3_diseases": 2.0, "q4": 5.0,
             "q5_sick_days": 12.0, "q6": 4.0, "q7_1": 3.0, "q7_3": 9.0, "q8": 1.0}
    assert set(errors_of(score_survey_items, "wai", items)) == {"work_demand", "q7_2", "q7_3", "q8"}
    uwes = {str(n): 3.0 for n in range(1, 18) if n != 5}
    uwes["11"] = 2.5
    assert set(errors_of(score_survey_items, "uwes17", uwes)) == {"5", "11"}


# --- invalid input: every kind, every field at once, nothing changed ---------------------------------------

@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"q1": None}, {"q1"}),
        ({"q1": "7"}, {"q1"}),
        ({"q1": 11}, {"q1"}),
        ({"q1": -1}, {"q1"}),
        ({"q1": True}, {"q1"}),
        ({"q1": 6.5}, {"q1"}),
        ({"q1": float("inf")}, {"q1"}),
        ({"q2_physical": 0, "q2_mental": 6}, {"q2_physical", "q2_mental"}),
        ({"q3_diseases": -1}, {"q3_diseases"}),
        ({"q4": 7}, {"q4"}),
        ({"q5_sick_days": 366}, {"q5_sick_days"}),
        ({"q6": 3}, {"q6"}),
        ({"q6": 2}, {"q6"}),
        ({"q7": "3,2,3"}, {"q7"}),
        ({"q7": [3, 2]}, {"q7"}),
        ({"q7": [3, 2, 3, 1]}, {"q7"}),
        ({"q7": {"a": 1}}, {"q7"}),
        ({"q7": [3, 5, False]}, {"q7[1]", "q7[2]"}),
        ({"work_demand": "office"}, {"work_demand"}),
        ({"work_demand": None}, {"work_demand"}),
        ({"q2_fysical": 3}, {"q2_fysical"}),
    ],
)
def test_wai_invalid_fields_are_named(changes, fields):
    assert set(errors_of(score_wai, wai_answers(**changes))) == fields


def test_wai_missing_fields_are_all_reported():
    answers = wai_answers()
    for name in ("q1", "q4", "q7", "work_demand"):
        del answers[name]
    assert set(errors_of(score_wai, answers)) == {"q1", "q4", "q7", "work_demand"}
    assert set(errors_of(score_wai, {})) == {"work_demand", "q1", "q2_physical", "q2_mental", "q3_diseases",
                                             "q4", "q5_sick_days", "q6", "q7"}


@pytest.mark.parametrize("answers", [None, [], "text", 5, True, [1, 2, 3]])
@pytest.mark.parametrize("instrument", ["wai", "was", "uwes9", "uwes17"])
def test_non_object_answers(instrument, answers):
    assert set(errors_of(score, instrument, answers)) == {"input"}


@pytest.mark.parametrize(
    ("version", "answers", "fields"),
    [
        ("uwes9", {"answers": [3] * 17}, {"answers"}),
        ("uwes17", {"answers": [3] * 9}, {"answers"}),
        ("uwes9", {"answers": "333333333"}, {"answers"}),
        ("uwes9", {}, {"answers"}),
        ("uwes9", {"answers": [3, 3, 7, 3, -1, 3, True, 3, 2.5]}, {"answers[2]", "answers[4]", "answers[6]", "answers[8]"}),
        ("uwes9", {"answers": [3] * 9, "extra": 1}, {"extra"}),
    ],
)
def test_uwes_invalid_answers(version, answers, fields):
    assert set(errors_of(score_uwes, answers, version=version)) == fields


def test_unknown_instrument_and_version():
    assert set(errors_of(score, "wai2", {})) == {"instrument"}
    assert set(errors_of(score, None, {})) == {"instrument"}
    assert set(errors_of(score_survey_items, "uwes", {})) == {"instrument"}
    assert set(errors_of(score_uwes, {"answers": [3] * 9}, version="uwes")) == {"version"}


def test_bad_input_changes_nothing():
    answers = wai_answers(q1="x", q7=[1, 9, 1])
    before = copy.deepcopy(answers)
    errors_of(score_wai, answers)
    assert answers == before


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(-10**30, 10**30)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=18) | st.dictionaries(st.text(max_size=12), children, max_size=10),
    max_leaves=20,
)
answer_keys = st.sampled_from(
    ["work_demand", "q1", "q2_physical", "q2_mental", "q3_diseases", "q4", "q5_sick_days", "q6", "q7", "score",
     "answers", "q7_1", "1", "9", "17"]
)
near_valid = st.dictionaries(answer_keys, json_values | st.integers(-2, 12), max_size=10)


@settings(max_examples=200, deadline=None)
@given(instrument=st.sampled_from(["wai", "was", "uwes9", "uwes17", "other"]), answers=json_values | near_valid)
def test_any_json_value_gives_a_result_or_invalid_answers(instrument, answers):
    try:
        result = score(instrument, answers)
    except InvalidAnswers as exc:
        assert exc.errors and all(isinstance(k, str) and isinstance(v, str) and v for k, v in exc.errors.items())
    else:
        assert isinstance(result, ScoreResult)
        json.dumps(result.to_dict(), allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(instrument=st.sampled_from(["wai", "was", "uwes9", "uwes17"]),
       items=st.dictionaries(answer_keys | st.text(max_size=5), json_values, max_size=12),
       demand=st.none() | json_values)
def test_any_survey_items_give_a_result_or_invalid_answers(instrument, items, demand):
    try:
        score_survey_items(instrument, items, work_demand=demand)
    except InvalidAnswers as exc:
        assert exc.errors


@settings(max_examples=100, deadline=None)
@given(instrument=st.sampled_from(["wai", "was", "uwes9", "uwes17", "x"]), answers=json_values | near_valid)
def test_cli_never_raises(instrument, answers):
    code, output = score_cli(instrument, json.dumps(answers))
    assert code in (0, 2) and output
    if code == 0:
        assert json.loads(output)["instrument"] == instrument


# --- CLI function ---------------------------------------------------------------------------------------

def test_cli_success_is_indented_json():
    code, output = score_cli("was", '\ufeff{"score": 6}')
    assert code == 0
    assert json.loads(output) == {"instrument": "was", "score": 6, "band": "moderate", "footnotes": []}
    assert '\n  "band"' in output


def test_cli_lists_every_wrong_field():
    code, output = score_cli("wai", json.dumps(wai_answers(q1=12, q6=5, work_demand="desk")))
    assert code == 2
    assert "3 problems" in output
    for name in ("q1", "q6", "work_demand"):
        assert f"  - {name}: " in output


@pytest.mark.parametrize(
    ("text", "expected"),
    [('{\n  "score": 5,\n}', "line 3, column 1"), ("", "empty"), ("   \n", "empty"), ("[" * 50000, "nested too deeply"),
     ('{"score": ' + "9" * 5000 + "}", "too many digits")],
)
def test_cli_unreadable_json(text, expected):
    code, output = score_cli("was", text)
    assert code == 2 and expected in output


def test_cli_nan_is_rejected_as_a_value():
    code, output = score_cli("was", '{"score": NaN}')
    assert code == 2 and "score: " in output and "NaN" in output


# --- reference data ---------------------------------------------------------------------------------------

def test_reference_flags_follow_domain_facts():
    ref = load_reference()
    assert ref.wai.categories.verified and ref.was.categories.verified
    assert not ref.wai.scoring.verified
    assert not ref.uwes["uwes9"].norm_table.verified and not ref.uwes["uwes17"].norm_table.verified


def test_organisation_reference_file_changes_bands(tmp_path):
    text = DATA_FILE.read_text(encoding="utf-8").replace(
        'bands = [["poor", 0, 5], ["moderate", 6, 7], ["good", 8, 10]]',
        'bands = [["poor", 0, 6], ["moderate", 7, 7], ["good", 8, 10]]',
    )
    path = tmp_path / "instruments.toml"
    path.write_text(text, encoding="utf-8")
    assert was_band(6, reference=load_reference(path)) == "poor"
    assert was_band(6) == "moderate"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('["moderate", 28, 36]', '["moderate", 29, 36]', "without gaps"),
        ("vigor = [1, 2, 5]", "vigor = [1, 2, 2]", "exactly once"),
        ("total = [1.93, 3.06, 4.66, 5.53]", "total = [1.93, 4.66, 3.06, 5.53]", "ascending"),
        ("[wai.scoring]\nverified = false", "[wai.scoring]\nverified = 'no'", "verified"),
        ("total_min = 7", "total_min = = 7", "cannot read"),
    ],
)
def test_broken_reference_file_is_reported(tmp_path, old, new, message):
    text = DATA_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "instruments.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=message):
        load_reference(path)
