"""URLs of the privacy app (AVG rights), included under /privacy/ by web/urls.py."""

from django.urls import path

from levensfase.web.privacy.views import access, erase, occupational_health

app_name = "privacy"
urlpatterns = [
    path("access/<str:person_id>/", access.access_page, name="access"),
    path("access/<str:person_id>/download.json", access.access_json, name="access_json"),
    path("erase/", erase.erase_start, name="erase_start"),
    path("erase/<str:person_id>/", erase.erase, name="erase"),
    path("occupational-health/", occupational_health.oh_records, name="oh_records"),
]
