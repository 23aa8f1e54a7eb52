"""Issue 16: the `analyse` document's phases section and pension wave beside its composition tables
of the same day. The named phases, the primary phase, the four axes, their from-age counts and
the wave count the same people as the total, age bands, sexes, generations and the pyramid:
read together person by person, they must give no hidden number away (they gave 7, 8 and 2 when
the section was suppressed table by table, as `_table_by_table` still shows)."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from attacks.orgs import AS_OF, recovered
from levensfase.analytics.outflow_kinds import wave_members
from levensfase.analytics.phase_categories import AXIS_CATEGORIES, NO_PHASE, cached_profiles, phase_values
from levensfase.analytics.privacy import suppress
from levensfase.analytics.report import composition_section
from levensfase.analytics.report_outflow import outflow_section
from levensfase.analytics.report_sections import phases_section

K = 5
_FLAGS = {"career": "career_from_age", "private_life": "private_life_from_age"}


def _members(org) -> dict[tuple, list[str]]:
    """(table, value) → the people the number counts, from the profiles (the attacker's truth)."""
    profile = cached_profiles(org, on=AS_OF)
    rows = {r["person_id"]: r for r in profile.iter_rows(named=True)}
    named = phase_values(org, on=AS_OF, by="life_phase")
    out: dict[tuple, list[str]] = {("total", None): list(rows)}
    from levensfase.analytics.categories import attach

    day = profile.select("person_id").with_columns(day=pl.lit(AS_OF))
    person = {by: dict(attach(day, org, by=by, day="day").select("person_id", "value").iter_rows())
              for by in ("age_band", "sex", "generation")}
    for by, values in person.items():
        for p, v in values.items():
            out.setdefault((by, str(v)), []).append(p)
    for p in rows:
        out.setdefault(("pyramid", (str(person["age_band"][p]), str(person["sex"][p]))), []).append(p)
    for p, v in named.iter_rows():
        out.setdefault(("named", v), []).append(p)
        if rows[p]["career_from_age"] or rows[p]["private_life_from_age"]:
            out.setdefault(("named_from_age", v), []).append(p)
    for p, r in rows.items():
        out.setdefault(("primary", r["primary_phase"] or NO_PHASE), []).append(p)
        for axis in AXIS_CATEGORIES:
            out.setdefault((axis, r[axis]), []).append(p)
            if r.get(_FLAGS.get(axis, ""), False):
                out.setdefault((f"{axis}_from_age", r[axis]), []).append(p)
                out.setdefault(("fallback", axis), []).append(p)
    for p, v in wave_members(org, as_of=AS_OF).select("person_id", "value").iter_rows():
        out.setdefault(("wave", int(v)), []).append(p)
    return out


def _published(org, phases: dict, wave: list[dict]) -> tuple[list, list]:
    members = _members(org)
    composition = composition_section(org, as_of=AS_OF, k=K)
    published, hidden = [], []

    def add(key: tuple, value: int | None) -> None:
        people = members.get(key, [])
        if value is None:
            if people:  # an empty cell is "known" only to a model that names everyone's cells
                hidden.append((key, people, len(people)))
        else:
            assert value == len(people), key  # the attacker's model of the number is exact
            published.append((people, value))

    add(("total", None), composition["total"]["headcount"])
    for by in ("age_band", "sex", "generation"):
        for row in composition["by_category"][by]:
            add((by, str(row["value"])), row["headcount"])
    for row in composition["age_pyramid"]:
        add(("pyramid", (str(row["age_band"]), str(row["sex"]))), row["headcount"])
    for row in phases["named"]:
        add(("named", row["value"]), row["headcount"])
        add(("named_from_age", row["value"]), row["from_age"])
    for row in phases["primary"]:
        add(("primary", row["value"]), row["headcount"])
    for axis, rows in phases["axes"].items():
        for row in rows:
            add((axis, row["value"]), row["headcount"])
            if axis in _FLAGS:
                add((f"{axis}_from_age", row["value"]), row["from_age"])
    for axis, row in phases["age_fallback"].items():
        add(("fallback", axis), row["people"])
    for row in wave:
        add(("wave", row["year"]), None if row["suppressed"] else row["persons"])
    return published, hidden


def test_the_phases_section_and_the_pension_wave_with_the_days_composition_reveal_no_hidden_number(org):
    phases = phases_section(org, as_of=AS_OF, k=K)
    wave = outflow_section(org, as_of=AS_OF, k=K, years=[AS_OF.year - 1])["pension_wave"]
    published, hidden = _published(org, phases, wave)
    assert hidden, "the organisations are small enough that something is hidden"
    assert recovered(published, hidden) == []


def test_the_same_tables_suppressed_one_by_one_give_numbers_away(org):
    """The attack is not empty: each table of the section suppressed on its own (the old way)."""
    phases = phases_section(org, as_of=AS_OF, k=1)  # every number, then each table suppressed alone
    one = _table_by_table(lambda rows, has_total: _suppressed(rows, has_total))
    phases = {"named": one(phases["named"], False), "primary": one(phases["primary"], True),
              "axes": {axis: one(rows, True) for axis, rows in phases["axes"].items()},
              "age_fallback": phases["age_fallback"]}
    wave = outflow_section(org, as_of=AS_OF, k=1, years=[AS_OF.year - 1])["pension_wave"]
    table = suppress(pl.DataFrame({"population": [r["persons"] for r in wave]}), k=K, values=[],
                     has_total=False).table["suppressed"].to_list()
    wave = [r | {"suppressed": gone} for r, gone in zip(wave, table)]
    published, hidden = _published(org, phases, wave)
    assert recovered(published, hidden) != []


def _table_by_table(decide: Callable[[list[dict], bool], list[bool]]) -> Callable[[list[dict], bool], list[dict]]:
    def apply(rows: list[dict], has_total: bool) -> list[dict]:
        gone = decide(rows, has_total)
        return [r | ({"headcount": None, "from_age": None} if g else {}) for r, g in zip(rows, gone)]
    return apply


def _suppressed(rows: list[dict], has_total: bool) -> list[bool]:
    frame = pl.DataFrame({"population": [r["headcount"] for r in rows]}, schema={"population": pl.Int64})
    return suppress(frame, k=K, values=[], has_total=has_total).table["suppressed"].to_list()
