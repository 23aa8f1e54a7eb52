"""`python -m django sso_only USERNAME [--off]`: this user may log in only with the organisation
account (single sign-on), or with a password again (--off). Per role: LEVENSFASE_SSO_ONLY_ROLES."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from levensfase.web.accounts.sso_accounts import set_sso_only


class Command(BaseCommand):
    help = "Switch a user's password login off (single sign-on only) or on again (--off)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--off", action="store_true", help="Allow the password again.")

    def handle(self, *args, username: str, off: bool, **options):
        try:
            set_sso_only(username=username, sso_only=not off)
        except ValueError:
            raise CommandError(f"Geen account met rol: {username}. / No account with a role: {username}.") from None
        self.stdout.write(f"{username}: " + ("wachtwoord toegestaan / password allowed" if off
                                             else "alleen organisatie-account / single sign-on only"))
