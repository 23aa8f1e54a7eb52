"""URLs of the surveys app, included under /surveys/ by web/urls.py."""

from django.urls import path

from levensfase.web.surveys import views, views_followup

app_name = "surveys"
urlpatterns = [
    path("", views.start, name="start"),
    path("consent/", views.consent, name="consent"),
    path("mine/", views.my_results, name="mine"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("follow-up/", views_followup.followup_list, name="followups"),
    path("follow-up/<str:person_id>/", views_followup.followup_person, name="followup_person"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/<int:campaign_id>/", views.campaign_detail, name="campaign"),
    path("<str:instrument>/", views.questionnaire, name="questionnaire"),
]
