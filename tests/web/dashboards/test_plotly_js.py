"""plotly.min.js comes from the installed package, cached long; no page refers to a CDN."""

from __future__ import annotations

from importlib.metadata import version
from importlib.resources import files

from django.urls import reverse

from levensfase.web.accounts.models import Role


def test_script_is_the_package_file(client):
    url = reverse("plotly_js", kwargs={"version": version("plotly")})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "max-age=31536000" in response["Cache-Control"]
    assert response.content == files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()


def test_dashboard_uses_local_script_only(client_as, org):
    html = client_as(Role.HR_ANALYST).get(reverse("dashboard_composition")).content.decode()
    assert f'src="/dashboards/plotly-{version("plotly")}.min.js"' in html
    assert "cdn.plot.ly" not in html and "https://" not in html
