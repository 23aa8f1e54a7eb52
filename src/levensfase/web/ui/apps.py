from django.apps import AppConfig


class UiConfig(AppConfig):
    """The web kit (a Django app only so that its templates, static files and template tags are found)."""

    name = "levensfase.web.ui"
    label = "ui"
