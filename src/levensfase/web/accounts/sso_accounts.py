"""Accounts of single sign-on users: created or brought up to date from the provider's claims at
every login, and which local accounts may still use a password."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from levensfase.web.accounts import oidc
from levensfase.web.accounts.models import Profile, Role
from levensfase.web.accounts.sso_mapping import Identity
from levensfase.web.hr.models import Person, Unit


class AccountTaken(Exception):
    """The username belongs to a local account that may still use a password: single sign-on does
    not take it over (an external bedrijfsarts or privacy officer keeps their own login), nor an
    account already linked to another provider account."""


class AccountDisabled(Exception):
    """The account was switched off here (is_active False)."""


def password_refused(*, user) -> bool:
    """Whether this user must log in through single sign-on (only while it is configured, so a
    missing provider never locks everyone out)."""
    return oidc.configured() and _must_use_sso(user)


@transaction.atomic
def sso_user(*, identity: Identity):
    """The user for a mapped `identity` (identity.role is set), created or updated: role, units
    (managers; unknown unit ids are left out), person (when the record exists). A new account has
    no usable password."""
    assert identity.role in Role.values
    user_model = get_user_model()
    profile = Profile.objects.select_related("user").filter(sso_subject=identity.subject).first()
    if profile is not None:
        user = profile.user
    else:
        user = user_model.objects.filter(username=identity.username).first()
        if user is not None and (_linked_elsewhere(user) or user.has_usable_password() and not _must_use_sso(user)):
            raise AccountTaken(identity.username)
        if user is None:
            user = user_model(username=identity.username)
            user.set_unusable_password()
            user.save()
    if not user.is_active:  # switched off here: the provider cannot switch it on again
        raise AccountDisabled(identity.username)
    person_id = identity.person_id if identity.person_id and Person.objects.filter(
        person_id=identity.person_id).exists() else None
    profile, _ = Profile.objects.update_or_create(
        user=user, defaults={"role": identity.role, "person_id": person_id, "sso_subject": identity.subject})
    profile.units.set(Unit.objects.filter(unit_id__in=identity.unit_ids) if identity.role == Role.MANAGER else [])
    return user


def _linked_elsewhere(user) -> bool:
    """Already linked to another provider account (a second tenant account with the same name)."""
    return Profile.objects.filter(user=user).exclude(sso_subject="").exists()


def _must_use_sso(user) -> bool:
    try:
        return user.profile.sso_only or user.profile.role in settings.LEVENSFASE_SSO_ONLY_ROLES
    except Profile.DoesNotExist:
        return False


@transaction.atomic
def set_sso_only(*, username: str, sso_only: bool) -> None:
    """Switch a user's password login off (sso_only) or on again; ValueError for an unknown user."""
    profile = Profile.objects.filter(user__username=username).first()
    if profile is None:
        raise ValueError(username)
    profile.sso_only = sso_only
    profile.save(update_fields=["sso_only"])
