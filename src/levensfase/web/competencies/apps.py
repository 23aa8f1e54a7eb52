from django.apps import AppConfig


class CompetenciesConfig(AppConfig):
    name = "levensfase.web.competencies"
    label = "competencies"
    verbose_name = "Competenties"
