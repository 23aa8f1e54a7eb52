"""URLs of the maatwerk app, included under /maatwerk/ by web/urls.py."""

from django.urls import path

from levensfase.web.maatwerk.views import (
    catalog, catalog_admin, conversation, evaluation, lists, mine, plan, policy_scan, team,
)

app_name = "maatwerk"
urlpatterns = [
    path("", mine.mine, name="mine"),
    path("requests/", lists.requests, name="requests"),
    path("team/", team.team_list, name="team"),
    path("register/", lists.register, name="register"),
    path("plans/<int:plan_id>/", plan.plan_detail, name="plan"),
    path("conversations/<str:person_id>/", conversation.conversation, name="conversation"),
    path("catalog/", catalog.catalog, name="catalog"),
    path("catalog/new/", catalog_admin.entry_new, name="catalog_new"),
    path("catalog/<str:code>/edit/", catalog_admin.entry_edit, name="catalog_edit"),
    path("catalog/<str:code>/reset/", catalog_admin.entry_reset, name="catalog_reset"),
    path("policy-scan/", policy_scan.policy_scan, name="policy_scan"),
    path("werkt-het/", evaluation.evaluation, name="evaluation"),
    path("plans/<int:plan_id>/act/", plan.plan_act, name="plan_act"),
]
