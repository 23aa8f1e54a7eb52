from django.apps import AppConfig


class MappingsConfig(AppConfig):
    """The mapping builder: turn a foreign HRIS export into a saved mapping profile (HR admin only)."""

    name = "levensfase.web.mappings"
    label = "mappings"
    default_auto_field = "django.db.models.BigAutoField"
