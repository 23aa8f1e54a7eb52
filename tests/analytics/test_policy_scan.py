"""The policy scan on a hand-built organisation (answers in tests/support/handbuilt_maatwerk.py) and,
cross-checked in plain Python, on a synthetic one."""

from __future__ import annotations

import json
from datetime import date

import pytest

from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.composition import snapshot
from levensfase.analytics.phases import profiles
from levensfase.analytics.protected_day import DayPattern
from levensfase.analytics.policy_scan import BY, ROW_KEYS, policy_scan, policy_scan_section, summary
from levensfase.ingest.generator import generate
from levensfase.model.arrangements import load_catalog
from levensfase.model.workforce import Workforce
from support.handbuilt_maatwerk import AS_OF, maatwerk_plans, maatwerk_workforce

WF = maatwerk_workforce()
# The scan's counting on its own: no group's headcount hidden elsewhere. The rule that withholds a
# group the day's protected set hides is tested in tests/attacks/test_attacks_report_policy_scan.py.
ALONE = DayPattern(day=AS_OF, k=3, counts={}, hidden=frozenset())


def rows(table):
    return {r["value"]: r for r in table.iter_rows(named=True)}


def test_units_by_hand():
    got = rows(policy_scan(WF, as_of=AS_OF, by="unit", k=3, plans=maatwerk_plans(), day=ALONE))
    u1, u2, u3 = got["U1"], got["U2"], got["U3"]
    assert (u1["population"], u2["population"], u3["population"]) == (5, 5, 3)
    assert (u1["uptake_total"], u1["uptake_development"], u1["uptake_maintenance"], u1["uptake_accommodative"]) \
        == (5, 3, 1, 1)
    assert (u1["development_share"], u1["sparing_share"], u1["spend_eur"]) == (0.6, 0.2, 3800.0)
    assert (u1["with_conversation_share"], u1["with_plan_share"]) == (0.6, 0.2)
    # Shares of people: U2 has 4 uptakes but 1 of its 5 people (P05) in development, 2 (P06, P07) sparing.
    assert (u2["uptake_total"], u2["development_share"], u2["sparing_share"], u2["spend_eur"]) == (4, 0.2, 0.4, 6500.0)
    assert (u2["persons_development"], u2["persons_accommodative"]) == (1, 2)
    # FTE as a lens: U1 1.0 + 0.8 + 0.9 + 1.0 + 0.6 (P05's U1 job) = 4.3 / 5; U2 0.2 + 1.0 + 0.7 + 1.0 + 0.5
    # = 3.4 / 5; U3 0.8 + 0.6 + 1.0 = 2.4 / 3.
    assert [got[u]["mean_fte"] for u in ("U1", "U2", "U3")] == [0.86, 0.68, 0.8]
    assert (u2["with_conversation_share"], u2["with_plan_share"]) == (0.4, 0.2)
    assert (u3["uptake_total"], u3["uptake_other"], u3["development_share"], u3["spend_eur"]) == (2, 1, 0.0, 550.0)
    assert (u3["with_conversation_share"], u3["with_plan_share"]) == (0.0, 0.0)
    assert [got[u]["no_development"] for u in ("U1", "U2", "U3")] == [False, False, True]


def test_life_phase_starters_by_hand():
    # Starters (first spell, under 2 years' service on 2025-06-30): P04 (2024-09), P09 (2025-01),
    # P10 (2024-01), P11 (2025-02), P12 (2025-03). Their uptake: P10 vitality (maintenance, 450),
    # P11 an unknown code (other, 100): no development at all.
    got = rows(policy_scan(WF, as_of=AS_OF, by="life_phase", k=3, plans=maatwerk_plans(), day=ALONE))
    starter = got["starter"]
    assert (starter["population"], starter["uptake_total"], starter["development_share"], starter["spend_eur"]) == \
        (5, 2, 0.0, 550.0)
    assert starter["no_development"] and starter["with_conversation_share"] == 0.0


def test_small_groups_are_suppressed_with_a_complement():
    got = rows(policy_scan(WF, as_of=AS_OF, by="contract", k=3, plans=maatwerk_plans(), day=ALONE))
    assert got["fixed_term"]["suppression_reason"] == "small_group"
    assert got["temporary"]["suppression_reason"] == "complementary"
    for value in ("fixed_term", "temporary"):
        assert got[value]["population"] is None and got[value]["development_share"] is None
    p = got["permanent"]
    assert (p["population"], p["uptake_total"], p["development_share"], p["sparing_share"], p["spend_eur"]) == \
        (7, 8, 0.429, 0.429, 9300.0)  # people: development P01 P02 P05, sparing P03 P06 P07 = 3/7 each
    assert (p["with_conversation_share"], p["with_plan_share"]) == (0.571, 0.286)
    # With the default k = 5, U3 (3 people) is withheld and one more unit with it.
    default = rows(policy_scan(WF, as_of=AS_OF, by="unit", day=ALONE))
    assert default["U3"]["suppression_reason"] == "small_group"
    assert sum(r["suppressed"] for r in default.values()) == 2


def test_bad_arguments_get_a_clear_error_and_an_empty_day_gives_no_rows():
    with pytest.raises(ValueError, match="unknown category 'colour'"):
        policy_scan(WF, as_of=AS_OF, by="colour")
    with pytest.raises(TypeError, match="as_of must be a date"):
        policy_scan(WF, as_of="2025-06-30", by="unit")
    with pytest.raises(ValueError, match="k must be a whole number"):
        policy_scan(WF, as_of=AS_OF, by="unit", k=0)
    assert policy_scan(WF, as_of=date(1990, 1, 1), by="unit").height == 0
    empty = policy_scan_section(WF, as_of=date(1990, 1, 1))
    assert empty["rows"] == [] and empty["summary_en"] == "Nobody was employed on this date."
    hidden = policy_scan_section(WF, as_of=AS_OF, k=50)
    assert all(r["suppressed"] for r in hidden["rows"])
    assert hidden["summary_nl"] == "Alle groepen zijn kleiner dan 50 personen of verborgen; er is niets te tonen."


def test_without_plans_the_plan_share_is_unknown():
    got = rows(policy_scan(WF, as_of=AS_OF, by="unit", k=3))
    assert got["U1"]["with_plan_share"] is None and got["U1"]["with_conversation_share"] == 0.6


def test_section_rows_have_exactly_the_contract_keys_and_cover_every_composition_value():
    section = policy_scan_section(WF, as_of=AS_OF, k=3, plans=maatwerk_plans(), day=ALONE)
    assert all(tuple(r) == ROW_KEYS for r in section["rows"])
    assert section["window_from"] == "2024-07-01" and section["k"] == 3
    assert _coverage_gaps(WF, section) == []
    json.dumps(section)  # JSON-ready
    assert policy_scan_section(WF, as_of=AS_OF, k=3, plans=maatwerk_plans(), day=ALONE) == section
    shown = {(r["by"], r["value"]): r for r in section["rows"]}
    assert shown[("unit", "U2")]["spend_eur"] == 6500.0


def test_summary_names_the_groups_without_development():
    section = policy_scan_section(WF, as_of=AS_OF, k=3, plans=maatwerk_plans(), day=ALONE)
    unit_only = {**section, "rows": [r for r in section["rows"] if r["by"] in ("unit", "contract")]}
    # U3 (3 people, 2 arrangements, none development) of U1, U2, U3; units are counted, not listed
    assert summary(unit_only, lang="nl") == (
        "1 van de 3 getoonde afdelingen had geen ontwikkelregeling. 2 groep(en) zijn te klein om te tonen of "
        "verborgen om herleiding te voorkomen; de aandelen zijn aandelen van de medewerkers binnen elke getoonde groep.")
    assert summary(unit_only, lang="en").startswith("1 of the 3 units shown had no development arrangement.")
    assert section["summary_nl"].startswith(
        "Geen enkele ontwikkelregeling in de afgelopen 12 maanden bij: generatie Z, geslacht m en levensfase Starter.")
    nothing = {"k": 5, "rows": [{"by": "unit", "value": f"U{i}", "suppressed": False, "population": 9,
                                 "uptake_total": 0, "uptake_development": 0, "development_share": None,
                                 "sparing_share": None} for i in range(3)]}
    assert summary(nothing, lang="nl") == ("Er zijn in de afgelopen 12 maanden geen regelingen geregistreerd; "
                                           "hierover trekken we geen conclusie.")
    with pytest.raises(ValueError, match="lang must be"):
        summary(section, lang="de")


def _coverage_gaps(workforce: Workforce, section: dict) -> list:
    day = date.fromisoformat(section["as_of"])
    present = {(r["by"], r["value"]) for r in section["rows"]}
    wanted = {(by, v) for by in CATEGORIES for v in snapshot(workforce, on=day, by=by).get_column("value").to_list()}
    for phases in profiles(workforce, on=day).get_column("phases").to_list():
        wanted |= {("life_phase", v) for v in (phases or ["no_named_phase"])}
    return sorted(wanted - present)


@pytest.fixture(scope="module")
def synthetic():
    return Workforce.from_tables(generate(employees=400, years=4, seed=8, as_of=date(2025, 1, 1)))


def test_synthetic_organisation_every_category_value_appears(synthetic):
    section = policy_scan_section(synthetic, as_of=date(2025, 1, 1), k=5)
    assert {r["by"] for r in section["rows"]} == set(BY)
    assert _coverage_gaps(synthetic, section) == []


def test_synthetic_units_match_a_plain_python_count(synthetic):
    as_of = date(2025, 1, 1)
    since = date(2024, 1, 2)  # the day after 2025-01-01 minus 12 months
    bundle = load_catalog().bundle_of()
    members: dict[str, set[str]] = {}
    for a in synthetic.assignments.iter_rows(named=True):
        if a["start_date"] <= as_of and (a["end_date"] is None or a["end_date"] >= as_of):
            members.setdefault(a["unit_id"], set()).add(a["person_id"])
    used: dict[str, list[tuple[str, float]]] = {}
    for r in synthetic.arrangements.iter_rows(named=True):
        if r["start_date"] <= as_of and (r["end_date"] is None or r["end_date"] >= since):
            used.setdefault(r["person_id"], []).append((bundle.get(r["code"], "other"), r["cost_eur"] or 0.0))
    talked = {r["person_id"] for r in synthetic.conversations.iter_rows(named=True) if since <= r["date"] <= as_of}
    got = rows(policy_scan(synthetic, as_of=as_of, by="unit", k=1))
    assert set(got) == set(members)
    for unit, people in members.items():
        items = [u for p in people for u in used.get(p, [])]
        row = got[unit]
        assert row["population"] == len(people)
        assert row["uptake_total"] == len(items)
        dev = {p for p in people for b, _ in used.get(p, []) if b == "development"}
        assert row["development_share"] == round(len(dev) / len(people), 3)  # people, not records
        assert row["spend_eur"] == pytest.approx(sum(c for _, c in items), abs=0.01)
        assert row["with_conversation_share"] == round(len(people & talked) / len(people), 3)


def test_without_any_arrangement_records_the_shares_are_unknown_not_zero():
    bare = Workforce.from_tables({**WF.tables(), "arrangements": WF.arrangements.clear()})
    got = rows(policy_scan(bare, as_of=AS_OF, by="unit", k=3))
    assert all(got[u]["development_share"] is None and got[u]["sparing_share"] is None for u in ("U1", "U2", "U3"))
    assert got["U1"]["mean_fte"] == 0.86  # the FTE lens does not need arrangements
