"""A hidden companion (a group of k or more withheld to protect a small one) looks exactly like a
hidden small group, on the page and in the CSV, and the tooltip names both reasons.

Why not a marker of its own: it would tell that the companion counts at least k people, and the
companion is the cheapest group that protects (docs/privacy.md, "Companions look like small
groups"): with a published total, small + companion = k + 1 would then give the small group away."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from attacks.orgs import organisation
from levensfase.analytics.dashboard import category_table
from levensfase.web.dashboards.selectors.categories import categories_panel

START, END = date(2024, 1, 1), date(2024, 12, 31)


def test_companion_and_small_group_are_shown_alike_with_both_reasons_in_the_tooltip(db):
    org = organisation(employees=60, seed=1)
    shown, _ = category_table(org, start=START, end=END, by="sex", k=5)
    truth, _ = category_table(org, start=START, end=END, by="sex", k=1)
    people = dict(zip(truth["value"].to_list(), truth["population"].to_list()))
    hidden = shown.filter("suppressed")["value"].to_list()
    small = [v for v in hidden if people[v] < 5]
    companions = [v for v in hidden if people[v] >= 5]
    assert small and companions  # x (1 person) protected by m (9)
    with translation.override("nl"):
        panel = categories_panel(org, start=START, end=END, by="sex", k=5)
        html = render_to_string("ui/_table.html", {"table": panel.table, "k": 5})
    values = shown["value"].to_list()  # the panel's rows in the table's order
    cells = {value: row.cells[2] for value, row in zip(values, panel.table.rows)}  # the inflow column
    assert {cells[v].text for v in small + companions} == {"< 5"}
    assert all(cells[v].suppressed for v in small + companions)
    csv_rows = panel.table.csv().splitlines()[1:]
    assert [line.split(",")[2] for line, v in zip(csv_rows, values) if v in hidden] == ["< 5"] * len(hidden)
    assert ("Niet getoond, ter bescherming van de privacy: minder dan 5 personen, of verborgen zodat een "
            "kleinere groep niet uit de andere cijfers is af te leiden.") in html
