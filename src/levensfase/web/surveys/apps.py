from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "levensfase.web.surveys"
    label = "surveys"
    verbose_name = "Surveys"
