from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API (/api/v1/) and the page where users manage their personal API tokens."""

    name = "levensfase.web.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"
