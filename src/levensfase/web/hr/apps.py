from django.apps import AppConfig


class HrConfig(AppConfig):
    name = "levensfase.web.hr"
    label = "hr"

    def ready(self) -> None:
        from levensfase.web.hr import versions

        versions.connect()  # every ORM save or delete of hr data moves the data version
