"""Dashboard URLs, included from web/urls.py under /dashboards/."""

from django.urls import path

from levensfase.web.dashboards.views import categories, composition, flows, plotly_js, retention

urlpatterns = [
    path("", composition.composition, name="dashboard_composition"),
    path("flows/", flows.flows, name="dashboard_flows"),
    path("retention/", retention.retention, name="dashboard_retention"),
    path("categories/", categories.categories, name="dashboard_categories"),
    path("plotly-<str:version>.min.js", plotly_js.plotly_js, name="plotly_js"),
]
