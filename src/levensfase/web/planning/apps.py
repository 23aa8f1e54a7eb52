from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Strategic workforce planning pages: the investment planner, the projection and scenario comparison."""

    name = "levensfase.web.planning"
    label = "planning"
    default_auto_field = "django.db.models.BigAutoField"
