"""Issue 16: the web's `analyse` document (`pages=True`) beside the dashboards of the same day.

An analyst sees the day's pages (every category, the pyramid and every unit subtree) and can
download the document, whose composition section counts the same people on the same day. Until
7 Dec 2026 the document audited its day set alone: on 31 December 2025 it printed 8 age bands
the 60-person organisation's pages hide (7 on the 90-person one), and the two read together gave
28, 13 and 24 hidden numbers away on the three organisations (measured). Now the pages' decision is given to the
document's audit (`protected_year.report_day`): every number both publish is shown or hidden
alike, and read together, person by person, they give no hidden number away."""

from __future__ import annotations

from collections.abc import Hashable

from attacks.orgs import DAY, organisation, recovered
from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.metrics import covering
from levensfase.analytics.protected_day import day_cells
from levensfase.analytics.protected_year import published_day_pattern
from levensfase.analytics.report import composition_section

K = 5


def _document_numbers(org, document: dict) -> list[tuple[tuple, int | None]]:
    """(key, printed headcount) of the composition section on its day: the keys the pages use for
    the same number ((None, table, value)); the unit table's own rows as ("document", "unit", id)."""
    out: list[tuple[tuple, int | None]] = [((None, "total", None), document["total"]["headcount"])]
    for by in CATEGORIES:
        for row in document["by_category"][by]:
            key = ("document", "unit", row["value"]) if by == "unit" else (None, by, row["value"])
            out.append((key, row["headcount"]))
    for row in document["age_pyramid"]:
        out.append(((None, "pyramid", (row["age_band"], row["sex"])), row["headcount"]))
    return out


def _members(org) -> dict[Hashable, frozenset]:
    """Who each number counts: the pages' cells, and the document's units (everyone with an
    assignment in the unit on the day, from the assignments themselves)."""
    members = {c.key: c.members for c in day_cells(org, day=DAY)}
    present = covering(org.assignments, DAY)
    for unit, people in present.group_by("unit_id").agg("person_id").iter_rows():
        members[("document", "unit", unit)] = frozenset(people)
    return members


def _read_together(org, document: dict) -> tuple[list, list]:
    pages = published_day_pattern(org, day=DAY, k=K, end=DAY)
    members = _members(org)
    published, hidden = [], []
    numbers = [(key, None if key in pages.hidden else n) for key, n in pages.counts.items()]
    for key, value in [*numbers, *_document_numbers(org, document)]:
        people = members[key]
        if value is None:
            hidden.append((key, list(people), len(people)))
        else:
            assert value == len(people), key  # the attacker's model of the number is exact
            published.append((list(people), value))
    return published, hidden


def test_the_document_hides_and_shows_what_the_pages_do(org):
    pages = published_day_pattern(org, day=DAY, k=K, end=DAY)
    document = composition_section(org, as_of=DAY, k=K, pages=True)
    apart = [key for key, printed in _document_numbers(org, document)
             if key[0] is None and (printed is None) != (key in pages.hidden)]
    assert apart == []


def test_the_document_and_the_pages_read_together_reveal_no_hidden_number(org):
    published, hidden = _read_together(org, composition_section(org, as_of=DAY, k=K, pages=True))
    assert hidden, "the organisations are small enough that something is hidden"
    assert recovered(published, hidden) == []


def test_the_document_audited_alone_and_the_pages_give_hidden_numbers_away():
    """Not vacuous: the CLI's document (no pages given) prints age bands the pages hide, and the
    same attack on it recovers hidden numbers (8 printed and 28 recovered on 7 Dec 2026)."""
    org = organisation(employees=60, seed=1)
    pages = published_day_pattern(org, day=DAY, k=K, end=DAY)
    alone = composition_section(org, as_of=DAY, k=K)
    assert [key for key, value in _document_numbers(org, alone) if key in pages.hidden and value is not None]
    assert recovered(*_read_together(org, alone))
