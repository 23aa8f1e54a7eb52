"""A password of at least 12 characters (and Django's other validators) on every way of setting one:
the forms, `demo_accounts --password`, `save_account`, `createsuperuser` (also --noinput),
`changepassword`, and the password `levensfase demo` prints."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminPasswordChangeForm, SetPasswordForm
from django.contrib.auth.management.commands import changepassword
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from levensfase.cli import DEMO_PASSWORD
from levensfase.web.accounts.services import DEMO_USERNAMES, create_demo_accounts

pytestmark = pytest.mark.django_db
ELEVEN = "kwartel-ui7"  # 11 characters, otherwise unremarkable
TWELVE = "kwartel-ui78"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_twelve_characters_is_the_minimum():
    with pytest.raises(ValidationError, match="ten minste 12 tekens"):
        validate_password(ELEVEN)
    validate_password(TWELVE)


@pytest.mark.parametrize("weak", ["password1234", "qwertyuiop12", "123456789012"])
def test_common_and_numeric_passwords_of_twelve_are_refused_too(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


@pytest.mark.parametrize("form_class", [SetPasswordForm, AdminPasswordChangeForm])
def test_the_password_forms_refuse_eleven_characters(form_class):
    user = get_user_model().objects.create_user("iemand", password=TWELVE + "x")
    names = ("new_password1", "new_password2") if form_class is SetPasswordForm else ("password1", "password2")
    short = form_class(user, data=dict.fromkeys(names, ELEVEN))
    assert not short.is_valid()
    assert form_class(user, data=dict.fromkeys(names, TWELVE)).is_valid()


def test_demo_accounts_command_refuses_a_short_password_and_writes_nothing():
    with pytest.raises(CommandError, match="te kort"):
        call_command("demo_accounts", "--password", "a")
    with pytest.raises(CommandError, match="12 tekens"):
        call_command("demo_accounts", "--password", ELEVEN)
    assert get_user_model().objects.count() == 0
    call_command("demo_accounts", "--password", TWELVE)
    assert get_user_model().objects.count() == len(DEMO_USERNAMES)


def test_a_demo_password_like_a_username_is_refused():
    with pytest.raises(ValueError, match="lijkt te veel"):
        create_demo_accounts(password="bedrijfsarts1")  # too much like the username bedrijfsarts


def test_the_password_levensfase_demo_prints_passes_every_validator():
    for username in DEMO_USERNAMES.values():
        validate_password(DEMO_PASSWORD, get_user_model()(username=username))


def test_save_account_checks_the_password_and_makes_a_login_with_a_role(monkeypatch):
    from levensfase.web.accounts.models import Profile
    from support.org_fixture import build_org

    build_org()
    monkeypatch.setenv("LEVENSFASE_ACCOUNT_PASSWORD", ELEVEN)
    with pytest.raises(CommandError, match="12 tekens"):
        call_command("save_account", "j.devries", "--role", "manager", "--person", "P07", "--unit", "ZORG")
    assert not get_user_model().objects.filter(username="j.devries").exists()

    monkeypatch.setenv("LEVENSFASE_ACCOUNT_PASSWORD", TWELVE)
    call_command("save_account", "j.devries", "--role", "manager", "--person", "P07", "--unit", "ZORG")
    profile = Profile.objects.get(user__username="j.devries")
    assert (profile.role, profile.person_id) == ("manager", "P07")
    assert list(profile.units.values_list("unit_id", flat=True)) == ["ZORG"]
    assert profile.user.check_password(TWELVE)

    with pytest.raises(CommandError, match="Er is geen afdeling NOPE"):
        call_command("save_account", "j.devries", "--role", "manager", "--unit", "NOPE")
    with pytest.raises(CommandError, match="Alleen een manager leidt afdelingen"):
        call_command("save_account", "j.devries", "--role", "hr_admin", "--unit", "ZORG")
    with pytest.raises(CommandError, match="Er is geen medewerker P99"):
        call_command("save_account", "j.devries", "--role", "employee", "--person", "P99")
    assert Profile.objects.get(user__username="j.devries").role == "manager"  # unchanged


def test_save_account_asks_the_password_twice(monkeypatch):
    from django.contrib.auth.management.commands.createsuperuser import getpass as prompt

    monkeypatch.delenv("LEVENSFASE_ACCOUNT_PASSWORD", raising=False)
    answers = iter([TWELVE, TWELVE + "?"])
    monkeypatch.setattr(prompt, "getpass", lambda prompt="": next(answers))
    with pytest.raises(CommandError, match="De wachtwoorden verschillen"):
        call_command("save_account", "fg2", "--role", "privacy_officer")
    answers = iter([TWELVE, TWELVE])
    call_command("save_account", "fg2", "--role", "privacy_officer")
    assert get_user_model().objects.get(username="fg2").check_password(TWELVE)


def test_createsuperuser_noinput_validates_the_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", ELEVEN)
    with pytest.raises(CommandError, match="12 tekens"):
        call_command("createsuperuser", "--noinput", "--username", "beheer", "--email", "b@example.nl")
    assert not get_user_model().objects.filter(username="beheer").exists()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", TWELVE)
    call_command("createsuperuser", "--noinput", "--username", "beheer", "--email", "b@example.nl")
    assert get_user_model().objects.get(username="beheer").check_password(TWELVE)


def test_createsuperuser_interactive_validates_the_password(monkeypatch):
    from django.contrib.auth.management.commands import createsuperuser

    answers = iter([ELEVEN, ELEVEN, "n", TWELVE, TWELVE])  # refuse the warning "bypass?" with n
    monkeypatch.setattr(createsuperuser.getpass, "getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    call_command("createsuperuser", "--username", "beheer", "--email", "b@example.nl", interactive=True,
                 stdin=_Tty())
    assert get_user_model().objects.get(username="beheer").check_password(TWELVE)


def test_changepassword_refuses_a_short_password(monkeypatch):
    user = get_user_model().objects.create_user("iemand", password=TWELVE)
    monkeypatch.setattr(changepassword.Command, "_get_pass", lambda self, prompt="": ELEVEN)
    with pytest.raises(CommandError, match="3 attempts"):
        call_command("changepassword", "iemand")
    user.refresh_from_db()
    assert user.check_password(TWELVE)


class _Tty:
    """Standard input that says it is a terminal, so createsuperuser asks (the answers are patched)."""

    def isatty(self) -> bool:
        return True
