from django.apps import AppConfig


class MaatwerkConfig(AppConfig):
    name = "levensfase.web.maatwerk"
    label = "maatwerk"
    verbose_name = "Maatwerk"
