"""Career-conversation answers per group, worked out by hand (issue 17: ambitions, desired FTE and
intended retirement age aggregated per life phase and category, suppressed).

Six people in unit U on 2025-06-30, all at 0.8 FTE; answers count from 2022-06-30 (3 years) on:
  P1 grow_in_role, desired 0.6 (fewer), intended 63: born 1970-01-01 → 2033, before AOW (2037 or later)
  P2 grow_in_role, desired 1.0 (more)
  P3 leadership in 2021 (too old: left out), desired 0.8 (the same)
  P4 leadership, intended 69: born 1960-04-15, AOW 2027-04-15 (67) → 2029-04-15, after AOW
  P5 nothing
  P6 reduce, intended 65: born 1962-07-01, AOW 2029-10-01 (67¼) → 2027-07-01, before AOW
Ambition: 4 answers → grow 2/4, leadership 1/4, reduce 1/4. Desired FTE: 3 answers → mean desired
(0.6 + 1.0 + 0.8) / 3 = 0.8, current 0.8, fewer 1/3, more 1/3. Retirement: 3 answers → mean
(63 + 69 + 65) / 3 = 65.7; before AOW 2/3, after 1/3.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.ambitions import ambitions_section
from levensfase.model.workforce import Workforce

D = date
ON = D(2025, 6, 30)
IDS = ["P1", "P2", "P3", "P4", "P5", "P6"]


def workforce() -> Workforce:
    talk = [("P1", D(2025, 1, 1), "ambition", "grow_in_role"), ("P1", D(2025, 1, 1), "desired_fte", "0.6"),
            ("P1", D(2025, 1, 1), "intended_retirement_age", "63"),
            ("P2", D(2024, 2, 1), "ambition", "grow_in_role"), ("P2", D(2024, 2, 1), "desired_fte", "1"),
            ("P3", D(2021, 1, 1), "ambition", "leadership"), ("P3", D(2025, 3, 1), "desired_fte", "0.8"),
            ("P4", D(2024, 3, 1), "ambition", "leadership"), ("P4", D(2024, 3, 1), "intended_retirement_age", "69"),
            ("P6", D(2023, 9, 1), "ambition", "grow_in_role"), ("P6", D(2024, 9, 1), "ambition", "reduce"),
            ("P6", D(2024, 9, 1), "intended_retirement_age", "65"),
            ("P1", D(2025, 8, 1), "ambition", "stop")]  # after the day: not yet said
    births = [D(1970, 1, 1), D(1985, 5, 5), D(1980, 3, 3), D(1960, 4, 15), D(1990, 1, 1), D(1962, 7, 1)]
    return Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["U"], "name": ["Unit"]}),
        "jobs": pl.DataFrame({"job_id": ["J"], "title": ["Verzorgende"], "job_family": ["zorg"],
                              "work_demand": ["physical"], "grade": [5]}),
        "people": pl.DataFrame({"person_id": IDS, "birth_date": births}),
        "assignments": pl.DataFrame({"person_id": IDS, "start_date": [D(2015, 1, 1)] * 6, "unit_id": ["U"] * 6,
                                     "job_id": ["J"] * 6, "fte": [0.8] * 6, "contract": ["permanent"] * 6}),
        "conversations": pl.DataFrame(talk, schema=["person_id", "date", "topic", "value"], orient="row"),
    })


def unit_row(section: dict) -> dict:
    return next(r for r in section["rows"] if (r["by"], r["value"]) == ("unit", "U"))


def test_answers_per_group_by_hand():
    section = ambitions_section(workforce(), as_of=ON, k=2)
    row = unit_row(section)
    assert (row["population"], row["suppressed"]) == (6, False)
    assert row["ambition"]["n"] == 4
    assert {a: s for a, s in row["ambition"]["shares"].items() if s} == {
        "grow_in_role": 0.5, "leadership": 0.25, "reduce": 0.25}
    assert row["desired_fte"] == {"n": 3, "mean_desired": 0.8, "mean_current": 0.8, "fewer_share": 0.333,
                                  "more_share": 0.333}
    assert row["retirement"] == {"n": 3, "mean_intended_age": 65.7, "before_aow_share": 0.667,
                                 "after_aow_share": 0.333}
    assert section["people_answered"] == 5  # everyone but P5
    assert {r["by"] for r in section["rows"]} >= {"unit", "age_band", "job_family", "life_phase"}


def test_a_block_with_fewer_than_k_answers_is_withheld_and_a_small_group_entirely():
    row = unit_row(ambitions_section(workforce(), as_of=ON, k=4))
    assert row["desired_fte"] is None and row["retirement"] is None  # 3 answers each: fewer than k = 4
    row = unit_row(ambitions_section(workforce(), as_of=ON, k=7))
    assert row["suppressed"] and row["population"] is None
    assert row["ambition"] is row["desired_fte"] is row["retirement"] is None


def test_a_block_that_holds_the_answers_of_a_hidden_row_is_withheld():
    """At k = 3 the unit's desired-FTE block (P1, P2, P3) is also the block of the life phase
    "stable mid-career", whose row the day's headcounts hide: printed for the unit, it would be
    that hidden row's block under another name. The retirement block (P1, P4, P6) is shown."""
    from levensfase.analytics.phase_categories import phase_values

    section = ambitions_section(workforce(), as_of=ON, k=3)
    phase = next(r for r in section["rows"] if (r["by"], r["value"]) == ("life_phase", "stable_mid_career"))
    assert phase["suppressed"] and phase["desired_fte"] is None
    stable = set(phase_values(workforce(), on=ON, by="life_phase").filter(
        pl.col("value") == "stable_mid_career")["person_id"])
    assert {"P1", "P2", "P3"} <= stable  # the desired-FTE answers, by hand above
    row = unit_row(section)
    assert row["desired_fte"] is None
    assert row["retirement"] == {"n": 3, "mean_intended_age": 65.7, "before_aow_share": 0.667,
                                 "after_aow_share": 0.333}


def test_the_analyse_document_has_the_section_and_the_html_shows_it():
    from levensfase.analytics.report import build_report
    from levensfase.analytics.report_html import render_html

    report = build_report(workforce(), as_of=ON, k=3)
    assert report["ambitions"] == ambitions_section(workforce(), as_of=ON, k=3)
    page = render_html(report, lang="nl")
    assert "Loopbaangesprekken: ambities, gewenste omvang en beoogde pensioenleeftijd" in page
    assert "5 medewerkers gaven in de laatste 3 jaar" in page
    assert "65,7" in page  # unit U's mean intended age, Dutch decimal comma
    assert "Career conversations: ambitions" in render_html(report, lang="en")


def test_an_implausible_imported_answer_counts_as_no_answer():
    """Imported answers are free text: "1e30" FTE or a retirement age of 1e30 or "zeventig" is no
    answer (it once crashed the section), so the hand-counted blocks stay those of the plain data."""
    plain = workforce()
    extra = pl.DataFrame([("P5", D(2025, 2, 1), "desired_fte", "1e30"),
                          ("P5", D(2025, 2, 1), "intended_retirement_age", "1e30"),
                          ("P2", D(2024, 2, 2), "intended_retirement_age", "zeventig")],
                         schema=["person_id", "date", "topic", "value"], orient="row")
    noisy = Workforce.from_tables({**{name: getattr(plain, name) for name in
                                      ("units", "jobs", "people", "assignments")},
                                   "conversations": pl.concat([plain.conversations.select(extra.columns), extra])})
    row, expected = unit_row(ambitions_section(noisy, as_of=ON, k=3)), unit_row(ambitions_section(plain, as_of=ON, k=3))
    assert row["desired_fte"] == expected["desired_fte"] and row["retirement"] == expected["retirement"]
