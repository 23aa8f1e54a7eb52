from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "levensfase.web.accounts"
    label = "accounts"

    def ready(self) -> None:
        from levensfase.web.accounts import login_events, sso_mapping

        login_events.connect()
        sso_mapping.register_check()
