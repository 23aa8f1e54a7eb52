"""Issue 16: the `analyse` document's policy scan publishes per group the people employed on as-of
— the composition's headcount of that group under another name. It was suppressed on its own, so
it printed headcounts the document's day set hides (the demo: age bands <20 and 65-69, the
pyramid's companions; on every attack organisation some). A group whose headcount the day set
hides is now withheld in the scan too, and the two read together give nothing away."""

from __future__ import annotations

from attacks.orgs import AS_OF, person_cells_by_person, phases_on, recovered
from levensfase.analytics.policy_scan import policy_scan_section
from levensfase.analytics.report import composition_section

K = 5
_AXIS = {"age_band": 0, "sex": 1, "generation": 2}


def test_the_policy_scan_shows_no_headcount_the_composition_hides(org):
    composition = composition_section(org, as_of=AS_OF, k=K)["by_category"]
    hidden_there = {(by, str(r["value"])) for by, rows in composition.items() for r in rows if r["suppressed"]}
    rows = policy_scan_section(org, as_of=AS_OF, k=K)["rows"]
    twins = [r for r in rows if (r["by"], str(r["value"])) in hidden_there]
    assert twins, "every attack organisation has a group the composition hides"
    assert all(r["suppressed"] and r["population"] is None for r in twins)


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
