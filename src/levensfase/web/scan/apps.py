from django.apps import AppConfig


class ScanConfig(AppConfig):
    name = "levensfase.web.scan"
    label = "scan"
    verbose_name = "Social-innovation scan"
