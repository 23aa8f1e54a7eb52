"""The page cache (web/ui/cache.py) at work: one user's scope never answers another's, every data
write (import, erasure, retention) makes the next request compute again, and a GET reads the data
version once. Facts from tests/support/org_fixture.py: 7 people at work today, 5 of them in ZORG
(the manager's units)."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levensfase.web.accounts.models import Role
from levensfase.web.hr.selectors import load_tables
from levensfase.web.hr.services import import_tables
from levensfase.web.privacy.erasure import erase_person
from levensfase.web.privacy.retention import apply_retention
from levensfase.web.ui import cache

URL = reverse("dashboard_composition")


def _headcount(client) -> str:
    html = client.get(URL).content.decode()
    return html.split('data-figure="headcount">', 1)[1].split("<", 1)[0]


def test_each_scope_gets_its_own_answer_warm_or_cold(client, org, users):
    manager, analyst = users[Role.MANAGER], users[Role.HR_ANALYST]
    for _ in range(2):  # the second round is served from the cache
        client.force_login(manager)
        assert _headcount(client) == "5"
        client.force_login(analyst)
        assert _headcount(client) == "7"
    client.force_login(manager)
    html = client.get(URL).content.decode()
    assert "Team Financiën" not in html  # the cached unit filter is the manager's too


def test_k_is_part_of_the_key(client_as, org, settings):
    client = client_as(Role.MANAGER)
    assert _headcount(client) == "5"
    settings.LEVENSFASE_K = 6
    assert "&lt; 6" in client.get(URL).content.decode().split('data-figure="headcount">', 1)[1].split("</dd>", 1)[0]


def test_erasure_is_seen_at_once(client_as, org):
    client = client_as(Role.HR_ANALYST)
    assert _headcount(client) == "7"
    erase_person(person_id="P01", user=None)  # at work today
    assert _headcount(client) == "6"


def test_an_import_is_seen_at_once_in_the_unit_filter(client_as, org):
    client = client_as(Role.HR_ANALYST)
    assert "Team West" not in client.get(URL).content.decode()
    units = load_tables(names=["units"])["units"]
    new = pl.DataFrame([("TA3", "Team West", "ZORG")], schema=units.schema, orient="row")
    import_tables(tables={"units": new}, source="a new team")
    assert '<option value="TA3">&nbsp;&nbsp;&nbsp;&nbsp;Team West</option>' in client.get(URL).content.decode()


def test_retention_changes_the_data_version(org):
    before = cache.data_version()
    assert apply_retention(today=date(2100, 1, 1)).anonymised > 0
    assert cache.data_version() != before


def test_a_get_reads_the_data_version_once(client_as, org):
    client = client_as(Role.HR_ANALYST)
    client.get(URL)  # cold: computes
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    version_reads = [q for q in queries.captured_queries if "lf_data_version" in q["sql"]]
    assert len(version_reads) == 1


def _options(html: str) -> list[str]:
    select = html.split('id="f-unit"', 1)[1].split("</select>", 1)[0]
    return [part.split('"', 1)[0] for part in select.split('<option value="')[2:]]  # [1] is "" (whole scope)


def test_a_long_unit_list_shows_the_top_and_the_chosen_branch(client_as, org, monkeypatch):
    from levensfase.web.ui import filters

    client = client_as(Role.HR_ANALYST)
    assert _options(client.get(URL).content.decode()) == ["ORG", "BV", "TB1", "ZORG", "TA1", "TA2"]
    monkeypatch.setattr(filters, "LONG_LIST", 3)  # a sector's thousands of teams, in small
    cache.clear()  # the full list above is cached for this data version
    html = client.get(URL).content.decode()
    assert _options(html) == ["ORG", "BV", "ZORG"] and 'id="f-unit-help"' in html
    html = client.get(URL, {"unit": "TA1"}).content.decode()
    assert _options(html) == ["ORG", "BV", "ZORG", "TA1", "TA2"]
    assert '<option value="TA1" selected>' in html
    assert _headcount(client) == "7"  # any unit still filters, listed or not
    assert client.get(URL, {"unit": "TB1"}).status_code == 200


def test_a_long_unit_list_is_joined_from_options_rendered_once(org, monkeypatch):
    from levensfase.web.ui import filters
    from levensfase.web.ui.scope import Scope

    monkeypatch.setattr(filters, "LONG_LIST", 3)
    scope = Scope(team=False, unit_ids=None)
    choices = filters.unit_choices(scope=scope)
    rendered, render = [], filters._options
    monkeypatch.setattr(filters, "_options", lambda units, selected: rendered.append(len(units)) or render(units, selected))
    for selected in ("", "TA1", "ZORG", "TB1", "ORG", "TA1"):
        # the same HTML as the chosen branch rendered directly
        assert filters.unit_options(scope=scope, selected=selected) == render(filters._listed(choices, selected), selected)
    assert rendered == [1] * len(choices)  # each unit's option once for this data version, whatever is chosen


def test_a_sections_coverage_lines_are_computed_once_per_data_version(org, monkeypatch):
    from levensfase.web.dashboards import selectors
    from levensfase.web.hr.models import Arrangement

    computed, compute = [], selectors.section_coverage
    monkeypatch.setattr(selectors, "section_coverage", lambda *a, **kw: computed.append(1) or compute(*a, **kw))
    window = {"section": "policy_scan", "start": date(2025, 1, 1), "end": org.today, "k": 5}
    first = selectors.section_coverage_lines(**window)
    assert selectors.section_coverage_lines(**window) == first and len(computed) == 1
    Arrangement.objects.create(person=org.people["P01"], code="mentoring", start_date=date(2025, 3, 1))
    selectors.section_coverage_lines(**window)  # an app write: computed again
    assert len(computed) == 2
