"""Dashboard URLs, included from web/urls.py under /dashboards/ (the plotly script is the web kit's)."""

from django.urls import path

from levensfase.web.dashboards import views
from levensfase.web.ui.plotly_js import plotly_js

urlpatterns = [
    path("", views.composition, name="dashboard_composition"),
    path("flows/", views.flows, name="dashboard_flows"),
    path("retention/", views.retention, name="dashboard_retention"),
    path("categories/", views.categories, name="dashboard_categories"),
    path("plotly-<str:version>.min.js", plotly_js, name="plotly_js"),
]
