"""Single sign-on (OpenID Connect); the page is there only when LEVENSFASE_OIDC_* is configured."""

from django.urls import path

from levensfase.web.accounts import sso_views

urlpatterns = [
    path("", sso_views.start, name="sso_start"),
    path("callback/", sso_views.callback, name="sso_callback"),
]
