"""Issue 16: the `analyse` document's retention rows of the landmark read with its composition.

The retention section follows the people employed on its landmark day (as-of − 5 years) per life
phase and per axis state (career, private life, vitality, pension horizon): each row's population
is a headcount of that day, and the composition section publishes the same day's headcounts per
age band, sex, generation, job family and contract (its over-time tables). Suppressed table by
table (`privacy.suppress`), the landmark rows read with that day's composition gave 5, 7 and 1
hidden small numbers away on the three attack organisations (the late-career and pre-retirement
rows, career and pension-horizon states among them; measured 7 Dec 2026). The document's day set of the
landmark holds those headcounts as cells (`protected_report_day`: life phase and axis tables), so
a landmark row is now withheld where that set hides its headcount; and its leavers (by as-of, and
within 1, 2 and 5 years, which its survival gives) are audited with that set as decided
(`protected_day.beside_day`), a row withheld whole (`retention_section`). The attacker here reads
each shown row's people and its leavers by as-of and within each horizon."""

from __future__ import annotations

import polars as pl
import pytest

from attacks.orgs import AS_OF, ORGS, organisation, recovered
from levensfase.analytics import report_sections
from levensfase.analytics.phase_categories import phase_values
from levensfase.analytics.protected_day import day_cells
from levensfase.analytics.report import composition_section
from levensfase.analytics.report_sections import landmark_day, retention_section
from levensfase.analytics.retention import SUMMARY_HORIZONS

K = 5


def _read_together(org, *, pages: bool) -> tuple[list, list]:
    """(published equations, small hidden numbers) of the composition's landmark day (every
    category but unit, whose members the day cells name per subtree) and the landmark rows: each
    number's people from the day cells and the cohort (spells running on the landmark), with the
    leavers of every shown row as well: by as-of (events) and within each horizon (its survival)."""
    landmark = landmark_day(org, AS_OF)
    members = {c.key: c.members for c in day_cells(org, day=landmark)}
    published, hidden = [], []
    for by, rows in composition_section(org, as_of=AS_OF, k=K, pages=pages)["over_time"]["by_category"].items():
        for r in (r for r in rows if r["day"] == landmark.isoformat() and by != "unit"):
            people = list(members[(None, by, r["value"])])
            if r["suppressed"]:
                hidden += [((by, r["value"]), people, len(people))] if 0 < len(people) < K else []
            else:
                assert r["headcount"] == len(people), (by, r)
                published.append((people, r["headcount"]))
    cohort = report_sections._landmark_cohort(org, landmark=landmark, as_of=AS_OF)
    for r in retention_section(org, as_of=AS_OF, k=K, pages=pages):
        if r["measured_from"] != landmark.isoformat():
            continue
        group = cohort.join(phase_values(org, on=landmark, by=r["by"]), on="person_id").filter(
            pl.col("value") == r["value"])
        people = group["person_id"].to_list()
        if r["suppressed"]:
            hidden += [(("retention", r["by"], r["value"]), people, len(people))] if 0 < len(people) < K else []
        else:
            assert r["population"] == len(people), r
            gone = group.filter(pl.col("event"))
            published += [(people, len(people)), (gone["person_id"].to_list(), r["events"])]
            for years in SUMMARY_HORIZONS:  # survival = 1 − leavers within the horizon ÷ people
                if r[f"survival_{years}y"] is not None:
                    within = gone.filter(pl.col("duration_years") <= years)["person_id"].to_list()
                    assert round(1 - len(within) / len(people), 4) == round(r[f"survival_{years}y"], 4), (r, years)
                    published.append((within, len(within)))
    return published, hidden


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_the_landmark_rows_and_the_composition_of_that_day_reveal_no_small_group(employees, seed):
    published, hidden = _read_together(organisation(employees=employees, seed=seed), pages=False)
    assert hidden and recovered(published, hidden) == []


def test_for_a_reader_of_the_pages_too():
    published, hidden = _read_together(organisation(employees=35, seed=7), pages=True)
    assert hidden and recovered(published, hidden) == []


@pytest.mark.parametrize("twin", [False, True], ids=["table by table", "headcounts as the day set decides"])
def test_without_the_leavers_audit_the_landmark_rows_give_small_groups_away(monkeypatch, twin):
    """Not vacuous: table by table (the rule until 7 Dec 2026) 7 on this organisation; with the
    headcounts withheld as the day set decides but the leavers (events, and within 1, 2 and 5
    years, which the survival gives) not audited with it, still 4."""
    if not twin:
        monkeypatch.setattr(report_sections, "withhold_hidden_groups", lambda table, day, **_kw: table)
    monkeypatch.setattr(report_sections, "beside_day", lambda *_a, **_kw: frozenset())
    published, hidden = _read_together(organisation(employees=35, seed=7), pages=False)
    assert recovered(published, hidden)
