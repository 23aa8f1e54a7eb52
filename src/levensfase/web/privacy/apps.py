from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "levensfase.web.privacy"
    label = "privacy"
    verbose_name = "Privacy (AVG)"
