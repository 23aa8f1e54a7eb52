"""The dashboards' warm-up (`levensfase serve` runs it in the background): after it, the
organisation-wide pages with their default filters come from the cache without computing."""

from __future__ import annotations

from levensfase.web.dashboards import selectors
from levensfase.web.dashboards.selectors import PAGES


def test_after_warming_the_default_pages_are_served_without_computing(client_as, org, monkeypatch):
    selectors.warm()

    def not_again(*args, **kwargs):
        raise AssertionError("computed again: the warm-up missed this page")

    monkeypatch.setattr(selectors, "PAGES", {page: not_again for page in PAGES})
    client = client_as("hr_analyst")
    for url in ("/dashboards/", "/dashboards/flows/", "/dashboards/retention/", "/dashboards/categories/"):
        assert client.get(url).status_code == 200, url


def test_after_warming_any_category_and_unit_filter_of_the_default_years_needs_no_audit(client_as, org, monkeypatch):
    """Each year's flows are audited for every unit subtree and every category at once
    (`protected_year`), and the warm-up does it: a flows page with another category and a unit
    filter audits nothing."""
    from levensfase.analytics import protected_day, protected_year
    from levensfase.web.ui import reads as common

    # Inside the test's transaction every read builds a new Workforce (nothing cached on it is
    # found again); a served process keeps one per data version, as here.
    workforce = common.load_workforce()
    monkeypatch.setattr(common, "load_workforce", lambda: workforce)
    selectors.warm()

    def no_audit(*args, **kwargs):
        raise AssertionError("audited again: the warm-up missed a year or a category")

    monkeypatch.setattr(protected_year, "withheld", no_audit)
    monkeypatch.setattr(protected_day, "withheld", no_audit)
    client = client_as("hr_analyst")
    for query in ("?by=sex&unit=ZORG", "?by=contract&unit=BV", "?by=life_phase"):
        response = client.get("/dashboards/flows/" + query)
        assert response.status_code == 200, query
        assert b"Sankey" in response.content or b"sankey" in response.content, query


def test_after_warming_the_other_pages_their_aggregates_are_not_computed_again(client_as, org, monkeypatch):
    from levensfase.web.maatwerk import selectors as maatwerk_selectors
    from levensfase.web.surveys import selectors as survey_selectors

    selectors.warm_other_pages()

    def not_again(*args, **kwargs):
        raise AssertionError("computed again: the warm-up missed this")

    from levensfase.analytics.findings import verdict as verdict_module
    from levensfase.web.pages import selectors as page_selectors

    monkeypatch.setattr(maatwerk_selectors, "policy_scan_section", not_again)
    monkeypatch.setattr(maatwerk_selectors, "ambitions_section", not_again)
    monkeypatch.setattr(survey_selectors, "_band_flows", not_again)
    # the verdicts too (the home page's and the policy-scan page's, which passes its scan): they read
    # the year chain's decisions (the download's), minutes cold; and the home page's headline
    monkeypatch.setattr(verdict_module, "verdict_for", not_again)
    monkeypatch.setattr(page_selectors, "_headline", not_again)
    client = client_as("hr_analyst")
    page = client.get("/maatwerk/policy-scan/")
    assert page.status_code == 200 and b"data-verdict" in page.content
    assert client.get("/surveys/dashboard/").status_code == 200
    home = client.get("/").content
    assert b"data-verdict>" in home and b'data-figure="headcount"' in home
