"""Django's createsuperuser, with the password validators also on `--noinput`
(DJANGO_SUPERUSER_PASSWORD), where Django itself checks nothing."""

from __future__ import annotations

import os

from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not options["interactive"] and password is not None:
            username = options.get(self.UserModel.USERNAME_FIELD) or os.environ.get(
                "DJANGO_SUPERUSER_" + self.UserModel.USERNAME_FIELD.upper())
            try:
                validate_password(password, self.UserModel(**{self.UserModel.USERNAME_FIELD: username or ""}))
            except ValidationError as refused:
                raise CommandError(" ".join(refused.messages)) from None
        return super().handle(*args, **options)
