"""The application's URLs plus the test OpenID Connect provider under /test-idp/."""

from django.urls import include, path

from levensfase.web.urls import handler403, handler404, handler500, urlpatterns as app_urlpatterns  # noqa: F401

urlpatterns = [*app_urlpatterns, path("test-idp/", include("support.oidc_provider"))]
