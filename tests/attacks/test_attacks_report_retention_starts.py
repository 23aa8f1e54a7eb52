"""Issue 16: the `analyse` document's retention rows by spell start read with its flow tables.

The retention section prints per category a row per group of every spell in the history, each in
the category it had on its first day (`category_at(…, "start_date")`): its spells (n), its people
(population, distinct persons), its leavers by as-of (events) and its survival after 1, 2 and 5
years. The flow tables of the same document print per group and year the inflow: the starts of the
flow years' spells, in the same category on the same day; and the outflow, opening and closing of
the same people. The attacker's unknowns are the people who add the same to every number
(`person_year_classes`); each published count is an exact equation over them, and a survival is
one too where no spell of the row is censored before its last exit within the horizon (then it is
1 − the leavers within it ÷ n, as on the landmark rows). Every equation is checked against the published truth
(k = 1), so the model is proven right before it finds or misses anything.

Suppressed table by table (`privacy.suppress`, the rule until 7 Dec 2026) the rows read with the
flow tables gave 30, 44 and 27 small numbers away on the three attack organisations (the CLI's
document; the web's: 20, 43 and 25), among them flow rows (contracts, age bands <20 and 65-69,
job families) and rows by spell start (measured 7 Dec 2026). Audited beside the flow set as it
decided (`protected_report_starts`) they give none; the last test keeps the old rule's leak."""

from __future__ import annotations

from collections import defaultdict

import polars as pl
import pytest

from attacks.orgs import AS_OF, ORGS, organisation, person_year_classes
from levensfase.analytics import report_sections
from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.flows import category_at, flow_members
from levensfase.analytics.report import flows_section
from levensfase.analytics.report_sections import retention_section
from levensfase.analytics.retention import SUMMARY_HORIZONS, spell_durations
from support.attacker import Attacker

K = 5
FLOW_COUNTS = ("opening", "inflow", "outflow", "closing", "internal_mobility", "promotions")
NET = {"closing": 1, "opening": -1, "inflow": -1, "outflow": 1}  # transfers_net, as the flow table defines it
START_COUNTS = ("n", "events", "population")


def _adds(org, years: list[int]) -> dict[str, dict[tuple, int]]:
    """person → {number's key: what they add}: the flow tables' counts (`flow_members`, with
    transfers_net) and the retention rows by spell start: per spell its group's n, events and its
    leavers within each horizon; per person 1 to the population of each group they started in."""
    adds: dict[str, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
    members = flow_members(org, years=years, bys=CATEGORIES)
    for by, year, value, measure, person, n in members.iter_rows():
        adds[person][("flow", by, year, value, measure)] += n
        if measure in NET:
            adds[person][("flow", by, year, value, "transfers_net")] += NET[measure] * n
    durations = spell_durations(org, as_of=AS_OF)
    for by in (None, *CATEGORIES):
        started = category_at(org, durations, "start_date", by).select("person_id", "spell_no", "value").join(
            durations, on=["person_id", "spell_no"])
        for person, value, years_, event in started.select("person_id", "value", "duration_years", "event").iter_rows():
            name = "all" if by is None else by
            adds[person][("start", name, value, "n")] += 1
            adds[person][("start", name, value, "events")] += event
            adds[person][("start", name, value, "population")] = 1
            for h in SUMMARY_HORIZONS:
                adds[person][("start", name, value, f"within_{h}y")] += event and years_ <= h
    return {p: {key: n for key, n in numbers.items() if n} for p, numbers in adds.items()}


def _linear(org) -> dict[tuple, set[int]]:
    """(by, value) → the horizons at which the row's survival is 1 − leavers within ÷ n: no spell
    censored before the last exit within the horizon (Kaplan–Meier's factors then telescope)."""
    durations = spell_durations(org, as_of=AS_OF)
    out: dict[tuple, set[int]] = {}
    for by in (None, *CATEGORIES):
        started = category_at(org, durations, "start_date", by).select("person_id", "spell_no", "value").join(
            durations, on=["person_id", "spell_no"])
        for value, days, ended in started.group_by("value").agg("duration_years", "event").iter_rows():
            censored = min((d for d, e in zip(days, ended) if not e), default=float("inf"))
            lasts = {h: max((d for d, e in zip(days, ended) if e and d <= h), default=0.0) for h in SUMMARY_HORIZONS}
            out[("all" if by is None else by, value)] = {h for h, last in lasts.items() if censored >= last}
    return out


def _numbers(flows: dict, retention: list[dict], linear: dict) -> dict[tuple, tuple[int | None, bool]]:
    """key → (published value or None, whether the number belongs to a small row)."""
    out = {}
    for by, rows in ((None, flows["total"]), *flows["by_category"].items()):
        for r in rows:
            for measure in (*FLOW_COUNTS, "transfers_net"):
                out[("flow", by, r["year"], r["value"], measure)] = r[measure]
    for r in retention:
        if r["measured_from"] != "spell_start":
            continue
        for measure in START_COUNTS:
            out[("start", r["by"], r["value"], measure)] = r[measure]
        for h in SUMMARY_HORIZONS:
            survival = r[f"survival_{h}y"]
            exact = h in linear[(r["by"], r["value"])]  # else Kaplan–Meier is no linear equation
            out[("start", r["by"], r["value"], f"within_{h}y")] = (
                None if survival is None or not exact else ("survival", survival, r["n"]))
    return out


def _small(key: tuple, truth: dict) -> bool:
    if key[0] == "flow":
        _, by, year, value, _m = key
        get = lambda m: truth.get(("flow", by, year, value, m)) or 0  # noqa: E731
        return 0 < get("opening") + get("inflow") + max(get("transfers_net"), 0) < K
    return 0 < (truth.get(("start", key[1], key[2], "population")) or 0) < K and key[3] in START_COUNTS


def attack(org, *, flows: dict, retention: list[dict]) -> tuple[list, list]:
    """(small groups' hidden nonzero numbers, those the published ones determine)."""
    years = flows["years"]
    linear = _linear(org)
    shown = _numbers(flows, retention, linear)
    truth_rows = _numbers(flows_section(org, as_of=AS_OF, k=1), retention_section(org, as_of=AS_OF, k=1), linear)
    rows, sizes = person_year_classes(_adds(org, years))
    truth = {}
    for key, value in truth_rows.items():
        modelled = sum(sizes[i] * c for i, c in rows.get(key, {}).items())
        if value is None:  # a survival the attacker cannot read as a count, even at k = 1
            continue
        if isinstance(value, tuple):  # a linear survival: 1 − within ÷ n
            _, survival, n = value
            assert round(1 - float(modelled) / n, 4) == round(survival, 4), (key, modelled, value)
            value = modelled
        assert modelled == value, f"model of {key} is wrong: {modelled} vs {value}"
        truth[key] = value
    attacker = Attacker()
    for key, value in shown.items():
        if isinstance(value, tuple):
            value = truth[key]
        if value is None or not rows.get(key):
            continue
        assert value == truth[key]
        if value == 0 and key[-1] != "transfers_net":  # counts are never negative: each class in it is 0
            attacker.publish(rows[key], 0)
        else:
            attacker.publish_weighted(rows[key], value)
    hidden = [key for key, value in shown.items() if value is None and truth.get(key) and _small(key, truth)]
    found = [key for key in hidden if attacker.derive_weighted(rows[key]) is not None]
    print(f"ATTACK retention by start + flows small hidden={len(hidden)} recovered={len(found)}")
    return hidden, found


def document(org, *, pages: bool) -> tuple[dict, list[dict]]:
    """The flow tables and the retention section as the CLI (pages=False) or the web prints them."""
    return (flows_section(org, as_of=AS_OF, k=K, pages=pages),
            retention_section(org, as_of=AS_OF, k=K, pages=pages))


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
@pytest.mark.parametrize("pages", [False, True], ids=["cli", "web"])
def test_the_rows_by_spell_start_and_the_flow_tables_reveal_no_small_group(employees, seed, pages):
    org = organisation(employees=employees, seed=seed)
    flows, retention = document(org, pages=pages)
    hidden, found = attack(org, flows=flows, retention=retention)
    assert hidden and found == []


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_table_by_table_the_rows_by_spell_start_give_small_groups_away(monkeypatch, employees, seed):
    """Not vacuous: without the audit beside the flow set (each table through `privacy.suppress`
    alone) the same attack recovers small numbers: 30, 44 and 27 (measured 7 Dec 2026)."""
    monkeypatch.setattr(report_sections, "starts_withheld", lambda *_a, **_kw: frozenset())
    org = organisation(employees=employees, seed=seed)
    flows, retention = document(org, pages=False)
    _hidden, found = attack(org, flows=flows, retention=retention)
    assert found


@pytest.mark.xfail(strict=True, reason=(
    "the sector fallback (beyond EXACT_PEOPLE: a table with a small row, or whose category's flow table withholds "
    "a row, withheld whole; the others published whole) recovers 27, 19 and 10 small numbers on the three attack "
    "organisations (7 Dec 2026): tables without a small row still pin the people of the withheld ones down"))
@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_the_sector_fallback_reveals_no_small_group(monkeypatch, employees, seed):
    """Gap (docs/privacy.md, "Beyond EXACT_PEOPLE"): the same documents decided by the fallback a
    sector gets, here forced on the attack organisations by lowering `EXACT_PEOPLE` to 10; the
    attacker, as in every attack test, knows which cross-classes of people exist. On the 35-person
    organisation only the whole organisation's rows are published and they still give 19 away:
    a year whose few leavers share one signature names that signature's count."""
    from levensfase.analytics import protected_report_flows

    org = organisation(employees=employees, seed=seed)
    for module in (protected_report_flows, report_sections):
        monkeypatch.setattr(module, "EXACT_PEOPLE", 10)
    flows, retention = document(org, pages=False)
    monkeypatch.undo()  # the truth and its model as the exact path computes them
    hidden, found = attack(org, flows=flows, retention=retention)
    assert hidden and found == []
