"""Mapping builder URLs, included from web/urls.py under /mappings/."""

from django.urls import path

from levensfase.web.mappings import views

app_name = "mappings"
urlpatterns = [
    path("", views.index, name="index"),
    path("profiles/upload/", views.upload_profile, name="upload_profile"),
    path("profiles/<int:pk>/download/", views.download, name="download"),
    path("profiles/<int:pk>/delete/", views.delete, name="delete"),
    path("build/<str:token>/", views.build, name="build"),
]
