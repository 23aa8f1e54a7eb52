"""Issue 16's attack across the years of one `analyse` document (the report that gets mailed): its
flow tables per category give each year's headcount on 1 January (opening) and on 31 December
(closing). For a category a person keeps for life (sex, generation) the closing of one year counts
exactly the spells the next year's opening counts, so a group hidden in one year and shown in the
next gave its closing away. Since 7 Dec 2026 every year and category of the document's flow tables
is one linked set (`protected_report_flows`), which protects the small groups' numbers (a
companion, a group of k or more hidden to protect one, may be worked out, as on the dashboards);
suppressed one year at a time, as before, the same attack recovers small groups (checked below,
so the pass is not vacuous)."""

from __future__ import annotations

import polars as pl
import pytest

from attacks.orgs import AS_OF, ORGS, organisation
from levensfase.analytics.flows import FLOW_COLUMNS
from levensfase.analytics.privacy import suppress
from levensfase.analytics.report import flows_section

K = 5
LIFELONG = ("sex", "generation")  # a person's value never changes, so closing(y) = opening(y + 1)


def _rows(rows: list[dict]) -> dict[tuple[int, str], dict]:
    return {(r["year"], r["value"]): r for r in rows}


def _small(row: dict) -> bool:
    return 0 < row["opening"] + row["inflow"] + max(row["transfers_net"], 0) < K


def _read_from_neighbours(published: dict, real: dict) -> tuple[int, list]:
    """Small groups' hidden openings/closings (nonzero) and those the neighbouring year's row shows."""
    hidden, found = 0, []
    for (year, value), row in real.items():
        if (after := real.get((year + 1, value))) is not None:  # the attacker's identity holds in the truth
            assert row["closing"] == after["opening"], (year, value)
    for (year, value), row in real.items():
        own = published.get((year, value))
        for measure, neighbour, theirs in (("closing", year + 1, "opening"), ("opening", year - 1, "closing")):
            if not row[measure] or not _small(row) or (own is not None and own[measure] is not None):
                continue
            hidden += 1
            other = published.get((neighbour, value))
            if other is not None and other[theirs] is not None:
                assert other[theirs] == row[measure]
                found.append((year, value, measure, row[measure]))
    return hidden, found


@pytest.mark.parametrize(("employees", "seed"), ORGS)
def test_neighbouring_years_reveal_no_hidden_opening_or_closing(employees, seed):
    org = organisation(employees=employees, seed=seed)
    shown, truth = flows_section(org, as_of=AS_OF, k=K), flows_section(org, as_of=AS_OF, k=1)
    hidden, found = 0, []
    for by in LIFELONG:
        h, f = _read_from_neighbours(_rows(shown["by_category"][by]), _rows(truth["by_category"][by]))
        hidden, found = hidden + h, found + [(by, *x) for x in f]
    assert hidden, "the organisations are small enough that something is hidden"
    assert found == [], f"{len(found)} of {hidden} small groups' openings/closings read from the neighbouring year"


def test_one_year_at_a_time_the_attack_recovers_small_groups():
    """The old suppression (each year's table on its own) on the same tables: the attack finds small
    groups on the 35-person organisation (measured 6 Dec 2026: 6 of 12 hidden, 2 of them small)."""
    org = organisation(employees=35, seed=7)
    truth = flows_section(org, as_of=AS_OF, k=1)
    small = []
    for by in LIFELONG:
        table = pl.DataFrame(truth["by_category"][by]).drop("suppressed").with_columns(
            population=pl.col("opening") + pl.col("inflow") + pl.col("transfers_net").clip(lower_bound=0))
        per_year = pl.concat(suppress(part, k=K, values=list(FLOW_COLUMNS)).table
                             for part in table.partition_by("year", maintain_order=True))
        _hidden, found = _read_from_neighbours(_rows(per_year.to_dicts()), _rows(truth["by_category"][by]))
        small += found
    assert small, "suppressed one year at a time, a small group's opening or closing is read from the next year"
