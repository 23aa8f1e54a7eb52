"""URLs of the web app. Language is chosen by cookie (Django's set_language), not by URL prefix."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from levensfase.web.accounts.forms import PasswordLoginForm
from levensfase.web.pages import views, views_imports

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True,
                                                  authentication_form=PasswordLoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/sso/", include("levensfase.web.accounts.urls")),
    path("people/", views.people, name="people"),
    path("people/<str:person_id>/", views.person, name="person"),
    path("import/", views_imports.upload, name="import"),
    path("import/undo/", views_imports.undo, name="import_undo"),
    path("import/<str:token>/", views_imports.report, name="import_report"),
    path("import/<str:token>/confirm/", views_imports.confirm, name="import_confirm"),
    path("import/<str:token>/cancel/", views_imports.cancel, name="import_cancel"),
    path("audit/", views.audit_log, name="audit_log"),
    path("report/<str:kind>/", views.download, name="report_download"),
    path("dashboards/", include("levensfase.web.dashboards.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("surveys/", include("levensfase.web.surveys.urls")),
    path("maatwerk/", include("levensfase.web.maatwerk.urls")),
    path("competencies/", include("levensfase.web.competencies.urls")),
    path("planning/", include("levensfase.web.planning.urls")),
    path("mappings/", include("levensfase.web.mappings.urls")),
    path("privacy/", include("levensfase.web.privacy.urls")),
    path("scan/", include("levensfase.web.scan.urls")),
    path("api/", include("levensfase.web.api.urls")),
]

handler403 = views.forbidden
handler404 = views.not_found
handler500 = views.server_error
