"""Issue 16's attack inside one `analyse` document (the report that gets mailed): the age pyramid
rebuilt from by_category.age_band and by_category.sex, with the generation table and the total,
all on the as-of day. The document must be consistent within itself: 0 hidden values recovered."""

from __future__ import annotations

from attacks.orgs import AS_OF, phases_on, recovered
from support.attack_scenarios import Snapshot, person_cells
from levensfase.analytics.report import composition_section

K = 5


def test_analyse_document_rebuilds_no_hidden_pyramid_cell(org):
    section = composition_section(org, as_of=AS_OF, k=K)
    snap = Snapshot(person_cells(org, AS_OF, phases_on(org, AS_OF)))
    for r in section["age_pyramid"]:
        snap.add(("pyramid", r["age_band"], r["sex"]), snap.members(age_band=r["age_band"], sex=r["sex"]), r["headcount"])
    for by in ("age_band", "sex", "generation"):
        for r in section["by_category"][by]:
            snap.add((by, r["value"]), snap.members(**{by: r["value"]}), r["headcount"])
    total = section["total"]
    snap.add("total", list(snap.cells), total["headcount"])
    assert snap.hidden, "the organisations are small enough that something is hidden"
    assert recovered(snap.published, snap.hidden) == []
