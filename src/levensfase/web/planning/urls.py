"""Planning URLs, included from web/urls.py under /planning/."""

from django.urls import path

from levensfase.web.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.planner, name="planner"),
    path("projection/", views.projection, name="projection"),
    path("compare/", views.compare, name="compare"),
]
