from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """Analytics dashboards: composition, flows, retention and the "which categories?" page."""

    name = "levensfase.web.dashboards"
    label = "dashboards"
    default_auto_field = "django.db.models.BigAutoField"
