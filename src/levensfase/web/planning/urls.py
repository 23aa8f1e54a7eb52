"""Planning URLs, included from web/urls.py under /planning/."""

from django.urls import path

from levensfase.web.planning.views import planner, projection

app_name = "planning"
urlpatterns = [
    path("", planner.planner, name="planner"),
    path("projection/", projection.projection, name="projection"),
    path("compare/", projection.compare, name="compare"),
]
