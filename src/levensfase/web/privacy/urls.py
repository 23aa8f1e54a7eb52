"""URLs of the privacy app (AVG rights), included under /privacy/ by web/urls.py."""

from django.urls import path

from levensfase.web.privacy import views

app_name = "privacy"
urlpatterns = [
    path("access/<str:person_id>/", views.access_page, name="access"),
    path("access/<str:person_id>/download.json", views.access_json, name="access_json"),
    path("erase/", views.erase_start, name="erase_start"),
    path("erase/<str:person_id>/", views.erase, name="erase"),
    path("occupational-health/", views.oh_records, name="oh_records"),
]
