"""URLs of the competencies app, included under /competencies/ by web/urls.py."""

from django.urls import path

from levensfase.web.competencies import views

app_name = "competencies"
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("team/", views.team, name="team"),
    path("assessment/<str:person_id>/", views.assessment, name="assessment"),
    path("profile/<str:person_id>/", views.profile, name="profile"),
    path("match/", views.match, name="match"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
