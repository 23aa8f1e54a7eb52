from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "levensfase.web.accounts"
    label = "accounts"

    def ready(self) -> None:
        from levensfase.web.accounts import login_events

        login_events.connect()
