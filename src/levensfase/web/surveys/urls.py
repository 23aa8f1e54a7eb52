"""URLs of the surveys app, included under /surveys/ by web/urls.py."""

from django.urls import path

from levensfase.web.surveys.views import (
    campaign_detail, campaign_list, consent, dashboard, followup_list, followup_person, questionnaire, results, start,
)

app_name = "surveys"
urlpatterns = [
    path("", start.start, name="start"),
    path("consent/", consent.consent, name="consent"),
    path("mine/", results.my_results, name="mine"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("follow-up/", followup_list.followup_list, name="followups"),
    path("follow-up/<str:person_id>/", followup_person.followup_person, name="followup_person"),
    path("campaigns/", campaign_list.campaign_list, name="campaigns"),
    path("campaigns/<int:campaign_id>/", campaign_detail.campaign_detail, name="campaign"),
    path("<str:instrument>/", questionnaire.questionnaire, name="questionnaire"),
]
