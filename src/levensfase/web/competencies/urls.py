"""URLs of the competencies app, included under /competencies/ by web/urls.py."""

from django.urls import path

from levensfase.web.competencies.views import assessment, dashboard, index, match, mine, profile, team

app_name = "competencies"
urlpatterns = [
    path("", index.index, name="index"),
    path("mine/", mine.mine, name="mine"),
    path("team/", team.team, name="team"),
    path("assessment/<str:person_id>/", assessment.assessment, name="assessment"),
    path("profile/<str:person_id>/", profile.profile, name="profile"),
    path("match/", match.match, name="match"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
