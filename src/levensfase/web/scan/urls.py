"""URLs of the scan, included under /scan/ by web/urls.py."""

from django.urls import path

from levensfase.web.scan import views

app_name = "scan"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("mine/", views.mine, name="mine"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/<int:round_id>/answer/", views.questionnaire, name="questionnaire"),
    path("rounds/<int:round_id>/close/", views.close_round, name="close_round"),
    path("units/<str:unit_id>/", views.unit, name="unit"),
    path("kpis/", views.kpis, name="kpis"),
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/new/", views.programme_edit, name="programme_new"),
    path("programmes/<int:programme_id>/", views.programme, name="programme"),
    path("programmes/<int:programme_id>/edit/", views.programme_edit, name="programme_edit"),
]
