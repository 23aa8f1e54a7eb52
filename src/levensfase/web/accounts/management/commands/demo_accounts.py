"""`django-admin demo_accounts --password …`: one login per role on the current database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from levensfase.web.accounts.services import create_demo_accounts


class Command(BaseCommand):
    help = "Create or reset one demo login per role (hr-admin, hr-analist, manager, medewerker, bedrijfsarts, or, fg)."

    def add_arguments(self, parser):
        parser.add_argument("--password", required=True)

    def handle(self, *args, password: str, **options):
        try:
            logins = create_demo_accounts(password=password)
        except ValueError as error:
            raise CommandError(str(error)) from None
        for login in logins:
            self.stdout.write(f"{login.username:<14} {login.role:<20} {login.note}")
