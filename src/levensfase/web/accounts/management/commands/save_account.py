"""`python -m django save_account USERNAME --role ROLE [--person ID] [--unit ID …]`: a real user's
login. The password is asked twice, or read from LEVENSFASE_ACCOUNT_PASSWORD (scripts); the
password validators check it either way. Run again to change role, person, units or password."""

from __future__ import annotations

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from levensfase.web.accounts.models import Role
from levensfase.web.accounts.services import save_account


class Command(BaseCommand):
    help = "Create or update a login with a role (and for managers the units they lead)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--person", default=None, help="The user's own person_id (employees, managers).")
        parser.add_argument("--unit", action="append", default=[], help="A unit a manager leads; repeat for more.")

    def handle(self, *args, username: str, role: str, person: str | None, unit: list[str], **options):
        password = os.environ.get("LEVENSFASE_ACCOUNT_PASSWORD")
        if password is None:
            password = getpass.getpass("Wachtwoord / password: ")
            if getpass.getpass("Nogmaals / again: ") != password:
                raise CommandError("De wachtwoorden verschillen. / The passwords differ.")
        try:
            save_account(username=username, role=role, password=password, person_id=person, unit_ids=tuple(unit))
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{username}: {role}")
