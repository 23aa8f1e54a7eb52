"""The home page per role: HR headline numbers (worked out by hand in org_fixture.py), the
manager's team, the employee's own record, aggregates only for analyst and works council."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from levensfase.web.accounts.models import Role


def _figure(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert match, f"figure {name} not on the page"
    return match.group(1).strip()


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _this_year_by_hand(today):
    """org_fixture's year so far (1 January up to today), counted by hand. At work today: P01 .8,
    P02 1, P03 .5, P05 .6, P06 1, P07 1, P09 1 -> 7 people, 5,9 FTE. On 1 January the same six
    before P09, with P09 if hired by then (T - 100) and P10 if not yet gone (left T - 50, voluntary).
    Inflow: P09 when hired this year; outflow: P10 when gone this year. Turnover per year =
    outflow / mean(1 January, today) * 100 / the year so far in years (DESIGN §4; days / 365, or
    months / 12 on a month's last day)."""
    from datetime import date, timedelta

    first = date(today.year, 1, 1)
    hired, left = today - timedelta(days=100), today - timedelta(days=50)
    inflow = int(hired > first)
    outflow = int(left >= first)
    opening = 6 + int(hired <= first) + int(left >= first)
    next_month = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    years = today.month / 12 if today + timedelta(days=1) == next_month else ((today - first).days + 1) / 365
    turnover = 100 * outflow / ((opening + 7) / 2) / years
    return inflow, outflow, f"{turnover:.1f}".replace(".", ",") + "%"


@pytest.mark.parametrize("role", [Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL])
def test_headline_numbers_by_hand(client_as, org, role, settings):
    """At k = 1 nothing is hidden: the year's numbers as counted by hand."""
    settings.LEVENSFASE_K = 1
    inflow, outflow, turnover = _this_year_by_hand(org.today)
    html = client_as(role).get(reverse("home")).content.decode()
    assert _figure(html, "headcount") == "7"
    assert _figure(html, "fte") == "5,9"
    assert _figure(html, "inflow") == str(inflow)
    assert _figure(html, "outflow") == str(outflow)
    assert _figure(html, "voluntary") == str(outflow)
    assert _figure(html, "pension") == "0"
    assert _figure(html, "turnover") == turnover
    assert f"1 januari {org.today.year}" in html


def test_headline_in_english_uses_a_decimal_point(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ADMIN)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("home")).content.decode()
    assert _figure(html, "fte") == "5.9"
    assert _figure(html, "turnover") == _this_year_by_hand(org.today)[2].replace(",", ".")
    assert "Headcount today" in html


def test_headline_suppressed_below_k(client_as, org, settings):
    """Everyone who worked here this year: the seven at work today, and P10 if gone this year."""
    people = 7 + _this_year_by_hand(org.today)[1]
    settings.LEVENSFASE_K = people + 1
    html = client_as(Role.HR_ANALYST).get(reverse("home")).content.decode()
    assert 'class="suppressed"' in html
    assert 'data-figure="headcount"' not in html
    settings.LEVENSFASE_K = people  # shown, but today's 7 is small (at 8), and hidden on the pages too
    html = client_as(Role.HR_ANALYST).get(reverse("home")).content.decode()
    assert 'data-figure="inflow"' in html
    if people == 8:
        assert re.search(r'data-figure="headcount"><span class="suppressed"[^>]*>&lt; 8</span>', html)


def test_the_years_totals_the_pages_hide_are_hidden_here(client_as, org, settings):
    """The headline used to print inflow and outflow over the 365 days up to today, a window no audit
    covers; read with the whole years' pages it gives back what they hide. Now it prints this year's
    totals only as the pages do: at the default k = 5 every category page of this year withholds
    its total (its "average of the selection" row) and the categories page's outflow headline, so
    the headline withholds inflow, outflow, its kinds and the turnover."""
    assert settings.LEVENSFASE_K == 5
    year = org.today.year
    client = client_as(Role.HR_ANALYST)
    for by in ("sex", "age_band", "unit", "contract", "job_family", "generation"):
        page = client.get(f"/dashboards/categories/?from={year}&to={year}&by={by}").content.decode()
        assert "gemiddelde van de selectie" not in page, by
    html = client.get(reverse("home")).content.decode()
    for name in ("inflow", "outflow", "turnover", "voluntary", "pension"):
        assert re.search(rf'data-figure="{name}"><span class="suppressed"[^>]*>&lt; 5</span>', html), name
    assert "De totalen van dit jaar die hier niet staan, zijn ook op de dashboards verborgen" in html
    settings.LEVENSFASE_K = 1
    page = client.get(f"/dashboards/categories/?from={year}&to={year}&by=sex").content.decode()
    assert "gemiddelde van de selectie" in page  # the check above can fail


def test_todays_headcount_hidden_on_the_pages_is_hidden_here(client_as, org, settings):
    """At k = 2 the day's pages hide today's total of 7 (a companion of one-person cells): the
    headline must not print it, nor the FTE that gives it back."""
    from datetime import date

    from levensfase.analytics.protected_year import published_day_pattern
    from levensfase.web.hr.selectors import load_workforce

    settings.LEVENSFASE_K = 2
    today = date.today()
    assert not published_day_pattern(load_workforce(), day=today, k=2, end=today).shown(None, "total", None)
    html = client_as(Role.HR_ADMIN).get(reverse("home")).content.decode()
    for name in ("headcount", "fte"):
        assert re.search(rf'data-figure="{name}"><span class="suppressed"[^>]*>&lt; 2</span>', html), name
    assert "Het aantal medewerkers van vandaag is op de dashboards verborgen" in html


def test_hr_admin_sees_last_imports_analyst_does_not(client_as, org, users):
    from levensfase.web.hr.models import ImportRun

    ImportRun.objects.create(source="export-maart.zip", user=users[Role.HR_ADMIN], summary={}, changed=True)
    assert "export-maart.zip" in client_as(Role.HR_ADMIN).get(reverse("home")).content.decode()
    analyst_html = client_as(Role.HR_ANALYST).get(reverse("home")).content.decode()
    assert "export-maart.zip" not in analyst_html
    assert "nooit individuele gegevens" in analyst_html  # the aggregates-only note (Dutch)


def test_manager_sees_team_size_and_no_org_numbers(client_as, org):
    html = client_as(Role.MANAGER).get(reverse("home")).content.decode()
    assert _figure(html, "team-size") == "5"  # P01, P02, P05, P07, P09
    assert 'data-figure="headcount"' not in html
    assert f'href="{reverse("people")}"' in html
    assert reverse("person", kwargs={"person_id": "P07"}) in html


def test_employee_gets_a_link_to_own_record_only(client_as, org):
    html = client_as(Role.EMPLOYEE).get(reverse("home")).content.decode()
    assert reverse("person", kwargs={"person_id": "P01"}) in html
    assert 'data-figure' not in html
    assert f'href="{reverse("people")}"' not in html


def test_occupational_health_links_to_people(client_as, org):
    html = client_as(Role.OCCUPATIONAL_HEALTH).get(reverse("home")).content.decode()
    assert f'href="{reverse("people")}"' in html
    assert 'data-figure' not in html


def test_user_without_role_gets_a_clear_note(client_as, org):
    response = client_as("nobody").get(reverse("home"))
    assert response.status_code == 200
    assert "geen rol" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.HR_ADMIN, ["people", "import", "audit_log"], []),
        (Role.HR_ANALYST, [], ["people", "import", "audit_log"]),
        (Role.WORKS_COUNCIL, [], ["people", "import", "audit_log"]),
        (Role.MANAGER, ["people"], ["import", "audit_log"]),
        (Role.OCCUPATIONAL_HEALTH, ["people", "audit_log"], ["import"]),  # health-access entries only
        (Role.EMPLOYEE, [], ["people", "import", "audit_log"]),
        (Role.PRIVACY_OFFICER, ["audit_log"], ["people", "import", "dashboard_composition"]),
    ],
)
def test_navigation_per_role(client_as, org, role, shown, hidden):
    html = client_as(role).get(reverse("home")).content.decode()
    nav = html[html.index('<nav aria-label'):html.index("</nav>")]
    for name in shown:
        assert f'href="{reverse(name)}"' in nav
    for name in hidden:
        assert f'href="{reverse(name)}"' not in nav


def test_privacy_officer_lands_on_the_audit_log_and_sees_no_figures(client_as, org):
    html = client_as(Role.PRIVACY_OFFICER).get(reverse("home")).content.decode()
    assert "Wie heeft welke persoonsgegevens ingezien?" in html
    assert f'class="button" href="{reverse("audit_log")}"' in html
    assert "data-figure" not in html


def test_headline_figures_have_dutch_thousands_separators():
    """Issue 17: "2500" and "1767,9" read as 2.500 and 1.767,9 in Dutch."""
    from datetime import date

    from django.template.loader import render_to_string
    from django.utils import translation

    from levensfase.web.pages.selectors import Headline

    headline = Headline(start=date(2026, 1, 1), end=date(2026, 12, 6), suppressed=False, headcount=2500,
                        fte=1767.9, inflow=1204, outflow=71, voluntary_outflow=35, turnover_rate=8.9)
    with translation.override("nl"):
        html = render_to_string("pages/_headline.html", {"headline": headline})
    assert 'data-figure="headcount">2.500<' in html and 'data-figure="fte">1.767,9<' in html
    assert 'data-figure="inflow">1.204<' in html


def test_the_verdicts_outflow_rows_follow_the_downloaded_documents_decision(client_as, org, monkeypatch):
    """The home page's verdict reads the outflow rows as the analysis its readers download decides
    them (`pages=True`: with what the dashboards hide); decided without the pages, a row one of the
    two withholds could be printed by the other."""
    from levensfase.analytics import report_outflow

    asked = []
    decide = report_outflow.report_withheld

    def spy(*args, pages=False, **kwargs):
        asked.append(pages)
        return decide(*args, pages=pages, **kwargs)

    monkeypatch.setattr(report_outflow, "report_withheld", spy)
    html = client_as(Role.HR_ANALYST).get(reverse("home")).content.decode()
    assert "verdict" in html
    assert asked == [True]


def test_a_verdict_not_ready_in_time_is_finished_in_the_background(client_as, org, settings, monkeypatch):
    """Served, the home page waits `LEVENSFASE_VERDICT_WAIT` seconds for a cold verdict (the year
    chain: minutes on a large organisation), then says it is being computed; the next visit shows
    it. The computation is held here until the first page is out."""
    import threading

    from levensfase.analytics.findings import verdict as core
    from levensfase.web.ui import cache

    settings.LEVENSFASE_VERDICT_WAIT = 0.2
    release = threading.Event()
    compute = core.verdict_for

    def held(*args, **kwargs):
        release.wait(60)
        return compute(*args, **kwargs)

    monkeypatch.setattr(core, "verdict_for", held)
    client = client_as(Role.HR_ANALYST)
    first = client.get(reverse("home")).content.decode()
    assert "data-verdict-pending" in first and "Het oordeel wordt berekend" in first and "data-verdict>" not in first
    assert [key[0] for key in cache._running if key[0] == "verdict"] == ["verdict"]  # one computation, held
    release.set()
    for thread in list(cache._running.values()):
        thread.join(60)
    second = client.get(reverse("home")).content.decode()
    assert "data-verdict>" in second and "data-verdict-pending" not in second


def test_not_served_the_home_page_waits_for_the_verdict(client_as, org, settings):
    """Tests and the shell run unserved (`LEVENSFASE_VERDICT_WAIT` None): the verdict is on the
    first page."""
    assert settings.LEVENSFASE_VERDICT_WAIT is None
    html = client_as(Role.HR_ANALYST).get(reverse("home")).content.decode()
    assert "data-verdict>" in html and "data-verdict-pending" not in html
