"""The "which categories?" page: one row per group with trend, flows, turnover and 2-year
retention, the groups we are losing marked against the organisation average (by hand)."""

from __future__ import annotations

import csv
from datetime import date
import io

from django.urls import reverse

from levensfase.web.accounts.models import Role

URL = reverse("dashboard_categories")


def _rows(client, **params):
    response = client.get(URL, {"csv": "categories", **params})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_groups_side_by_side_by_sex(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    rows = _rows(client_as(Role.HR_ANALYST), by="sex", **{"from": "2022"})
    assert rows[0] == ["geslacht", "aantal begin → eind", "instroom", "doorstroom", "uitstroom", "verloop % per jaar",
                       "doorstroom % per jaar", "behoud na 2 jaar", "signaal"]
    table = {r[0]: r[1:] for r in rows[1:]}
    # 1 Jan 2022: women P02 P04 P06 P10, men P01 P03 P05 P07; today: women P02 P06, men + P09.
    # Women: 2 left / ((4 + 2) / 2) = 66.7% over the period, shown per year (÷ its length in
    # years, DESIGN §4); of the 4 on 1 Jan 2022 P04 left after 1.5 years: 75%. No group has 20
    # people, so none is marked.
    years = ((org.today - date(2022, 1, 1)).days + 1) / 365
    per_year = lambda share: f"{100 * share / years:.1f}%".replace(".", ",")  # noqa: E731
    assert table["vrouwen"] == ["4 → 2", "0", "0", "2", per_year(2 / 3), "0,0%", "75,0%", ""]
    assert table["mannen"] == ["4 → 5", "1", "0", "0", "0,0%", "0,0%", "100,0%", ""]
    # Organisation: 2 / ((8 + 7) / 2) = 26.7% over the period; 7 of 8 still there after 2 years.
    assert table["gemiddelde van de selectie"][4:7] == [per_year(2 / 7.5), "0,0%", "87,5%"]


def test_small_groups_are_withheld_with_a_companion(client_as, org):
    rows = _rows(client_as(Role.HR_ANALYST), by="sex", **{"from": "2022"})
    table = {r[0]: r[1:] for r in rows[1:]}
    # women: P02 P04 P06 P10 = 4 people < 5; men (5) withheld too, or the total would reveal them
    assert table["vrouwen"][:7] == ["< 5"] * 7
    assert table["mannen"][:7] == ["< 5"] * 7


def test_no_group_is_named_below_twenty_people(client_as, org, settings):
    # Women lose 2 of 4 and men none, but 4 and 5 people are far below the 20 a named group
    # needs (DESIGN §6a): the findings say so instead of "we are losing women".
    settings.LEVENSFASE_K = 1
    html = client_as(Role.HR_ANALYST).get(URL, {"by": "sex", "from": "2022"}).content.decode()
    assert 'class="flag-losing"' not in html and "We verliezen" not in html
    assert ("De beïnvloedbare uitstroom: geen groep heeft minstens 20 personen; er is geen hoogste of laagste groep "
            "aan te wijzen.") in html
    assert "Het aandeel met een interne overstap in de periode: geen groep heeft minstens 20 personen" in html


def test_every_category_renders(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    for by in ("age_band", "generation", "life_phase", "unit", "job_family", "contract", "sex"):
        response = client.get(URL, {"by": by})
        assert response.status_code == 200, by
        assert 'data-figure="chart-categories"' in response.content.decode()


def test_manager_compares_only_team_units(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    rows = _rows(client_as(Role.MANAGER), by="unit", **{"from": "2022"})
    assert {r[0] for r in rows[1:]} == {"Zorg", "Team Noord", "Team Zuid", "gemiddelde van de selectie"}


def test_employee_is_refused(client_as, org):
    assert client_as(Role.EMPLOYEE).get(URL).status_code == 403


def test_life_phase_headcounts_use_the_phase_on_each_day(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    rows = _rows(client_as(Role.HR_ANALYST), by="life_phase", **{"from": "2022"})
    groups = [r for r in rows[1:] if r[0] != "gemiddelde van de selectie"]
    # one definition of life-phase counting in the core: the page shows what `metrics --by
    # life_phase` gives for the same period (phases overlap, so the groups may add up to more
    # than the 8 people at work on 1 Jan 2022 and the 7 today)
    from levensfase.analytics.breakdown import period_metrics_by
    from levensfase.web.hr.selectors import load_workforce
    from levensfase.web.ui.labels import value_label

    core = period_metrics_by(load_workforce(), start=date(2022, 1, 1), end=org.today, by="life_phase", k=1)["rows"]
    expected = {value_label("life_phase", r["value"]): (r["headcount_start"], r["headcount_end"], r["outflow"]["total"])
                for r in core}
    shown = {r[0]: (int(r[1].split(" → ")[0]), int(r[1].split(" → ")[1]), int(r[4])) for r in groups}
    assert shown == expected
    assert sum(v[0] for v in shown.values()) >= 8 and sum(v[1] for v in shown.values()) >= 7


def test_influenceable_outflow_per_unit_counts_the_rolled_up_units(org):
    # 1 Jan 2022 .. today by unit: Zorg (TA1, TA2 rolled up) lost P04 (voluntary, TA1), Bedrijfsvoering
    # (TB1) lost P10 (voluntary); both are influenceable. The per-year rate divides by the years.
    from levensfase.web.dashboards.selectors.categories import influenceable_table
    from levensfase.web.hr.selectors import load_workforce

    table = influenceable_table(load_workforce(), start=date(2022, 1, 1), end=org.today, by="unit", k=1, unit=None,
                                published={"ZORG", "BV"})
    rows = {r["value"]: r for r in table.iter_rows(named=True) if not r["suppressed"]}
    assert set(rows) == {"ZORG", "BV"}
    assert (rows["ZORG"]["influenceable"], rows["BV"]["influenceable"]) == (1, 1)
    assert rows["ZORG"]["pension"] == rows["BV"]["pension"] == 0
