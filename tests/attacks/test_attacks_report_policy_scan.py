"""Issue 16: the `analyse` document's policy scan publishes per group the people employed on as-of
— the composition's headcount of that group under another name. It was suppressed on its own, so
it printed headcounts the document's day set hides (the demo: age bands <20 and 65-69, the
pyramid's companions; on every attack organisation some). A group whose headcount the day set
hides is now withheld in the scan too, and the two read together give nothing away."""

from __future__ import annotations

from attacks.orgs import AS_OF, assert_no_hidden_headcount_printed, person_cells_by_person, phases_on, recovered
from levensfase.analytics.policy_scan import policy_scan_section
from levensfase.analytics.report import composition_section

K = 5
_AXIS = {"age_band": 0, "sex": 1, "generation": 2}


def test_the_policy_scan_shows_no_headcount_the_composition_hides(org):
    assert_no_hidden_headcount_printed(org, policy_scan_section(org, as_of=AS_OF, k=K)["rows"])


def test_the_policy_scan_with_the_days_headcounts_reveals_no_hidden_number(org):
    people = person_cells_by_person(org, AS_OF)  # person -> (age band, sex, generation, phases)
    phases = phases_on(org, AS_OF)
    section = composition_section(org, as_of=AS_OF, k=K)
    published, hidden = [], []

    def members(by: str, value: str) -> list[str]:
        if by == "life_phase":
            return [p for p in people if value in phases.get(p, ())]
        return [p for p, cells in people.items() if str(cells[_AXIS[by]]) == value]

    def add(key, group, value):
        if value is None:
            hidden.append((key, group, len(group)))
        else:
            assert value == len(group), key
            published.append((group, value))

    add("total", list(people), section["total"]["headcount"])
    for by in _AXIS:
        for row in section["by_category"][by]:
            add((by, str(row["value"])), members(by, str(row["value"])), row["headcount"])
    for row in section["age_pyramid"]:
        add(("pyramid", row["age_band"], row["sex"]),
            [p for p, c in people.items() if (str(c[0]), str(c[1])) == (str(row["age_band"]), str(row["sex"]))],
            row["headcount"])
    for row in policy_scan_section(org, as_of=AS_OF, k=K)["rows"]:
        if row["by"] in (*_AXIS, "life_phase"):
            add(("scan", row["by"], row["value"]), members(row["by"], str(row["value"])), row["population"])
    assert hidden
    assert recovered(published, hidden) == []


_PERSONS = ("persons_development", "persons_accommodative")  # people: 0 or 1 each
_SUMS = (*_PERSONS, "uptake_development", "uptake_accommodative", "uptake_total", "spend_development", "spend_eur")


def _groups(org) -> dict[tuple, list[str]]:
    """(by, value) → the people a scan row counts (employed on as-of, in the group)."""
    from levensfase.analytics.policy_scan import BY, members

    return {(by, value): list(people) for by in BY
            for value, people in members(org, as_of=AS_OF, by=by, rules=None).group_by("value").agg("person_id").iter_rows()}


def _scan_attack(org, column: str, *, signs: bool) -> list:
    """The hidden rows' `column` the published rows determine, each person's share one unknown;
    `signs`: with what the attacker also knows of counts (a 0 makes every member's 0, and a
    count of people equal to the group's size makes every member's 1)."""
    from support.attacker import Attacker

    shown = policy_scan_section(org, as_of=AS_OF, k=K)["rows"]
    truth = {(r["by"], r["value"]): r[column] for r in policy_scan_section(org, as_of=AS_OF, k=1)["rows"]}
    groups = _groups(org)
    attacker, hidden = Attacker(), []
    for row in shown:
        key = (row["by"], row["value"])
        group, value = groups[key], row[column]
        if value is None:
            hidden.append((key, group, truth[key]))
            continue
        assert value == truth[key] and row["population"] == len(group), key  # the attacker's model is exact
        if signs and value == 0:
            for person in group:
                attacker.publish([person], 0)
        elif signs and column in _PERSONS and value == len(group):
            for person in group:
                attacker.publish([person], 1)
        else:
            attacker.publish_weighted(dict.fromkeys(group, 1), value)
    assert hidden
    found = attacker.recover(hidden)
    assert all(f.derived == f.truth for f in found)
    return found


def test_the_scans_other_counts_read_together_reveal_no_hidden_number(org):
    """Uptake, spend and people with an arrangement per row, over every category's rows: each a
    sum over the same groups as the population, so what hides a group's headcount (the day set,
    `test_the_policy_scan_with_the_days_headcounts_reveals_no_hidden_number`) hides these too."""
    assert {column: _scan_attack(org, column, signs=False) for column in _SUMS} == dict.fromkeys(_SUMS, [])


def test_a_published_zero_tells_only_zeros(org):
    """Known and accepted: a published 0 (a group where nobody took a sparing arrangement) says so
    of every member, so of a hidden group inside it too (measured 3, 8 and 4 such rows of
    persons_accommodative on 7 Dec 2026). Such a derived number is always that 0, never another."""
    derived = [f.derived for column in _PERSONS for f in _scan_attack(org, column, signs=True)]
    assert all(value == 0 for value in derived)
