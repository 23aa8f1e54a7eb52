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
