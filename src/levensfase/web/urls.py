"""URLs of the web app. Language is chosen by cookie (Django's set_language), not by URL prefix."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from levensfase.web.accounts.forms import PasswordLoginForm
from levensfase.web.pages.views import audit_log, errors, home, imports, people, person, report

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True,
                                                  authentication_form=PasswordLoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/sso/", include("levensfase.web.accounts.urls")),
    path("people/", people.people, name="people"),
    path("people/<str:person_id>/", person.person, name="person"),
    path("import/", imports.upload, name="import"),
    path("import/undo/", imports.undo, name="import_undo"),
    path("import/<str:token>/", imports.report, name="import_report"),
    path("import/<str:token>/confirm/", imports.confirm, name="import_confirm"),
    path("import/<str:token>/cancel/", imports.cancel, name="import_cancel"),
    path("audit/", audit_log.audit_log, name="audit_log"),
    path("report/<str:kind>/", report.download, name="report_download"),
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

handler403 = errors.forbidden
handler404 = errors.not_found
handler500 = errors.server_error
