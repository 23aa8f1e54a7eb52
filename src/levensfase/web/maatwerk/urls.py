"""URLs of the maatwerk app, included under /maatwerk/ by web/urls.py."""

from django.urls import path

from levensfase.web.maatwerk import views, views_policy

app_name = "maatwerk"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("requests/", views.requests, name="requests"),
    path("team/", views.team_list, name="team"),
    path("register/", views.register, name="register"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("conversations/<str:person_id>/", views.conversation, name="conversation"),
    path("catalog/", views.catalog, name="catalog"),
    path("catalog/new/", views_policy.entry_new, name="catalog_new"),
    path("catalog/<str:code>/edit/", views_policy.entry_edit, name="catalog_edit"),
    path("catalog/<str:code>/reset/", views_policy.entry_reset, name="catalog_reset"),
    path("policy-scan/", views_policy.policy_scan, name="policy_scan"),
    path("werkt-het/", views_policy.evaluation, name="evaluation"),
    path("plans/<int:plan_id>/act/", views.plan_act, name="plan_act"),
]
