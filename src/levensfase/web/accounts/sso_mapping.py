"""From an ID token's claims to who the user is here: a role, the units a manager leads, the
person record. The mapping is the organisation's (a TOML file or LEVENSFASE_OIDC_GROUP_ROLES), so
Entra ID group ids or app roles, Keycloak groups and a Google Workspace domain (`hd`) all fit; the first group listed in the
mapping that the user is in decides the role (list the most powerful role first)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from levensfase.web.accounts.models import Role


@dataclass(frozen=True)
class ClaimMapping:
    group_roles: tuple[tuple[str, str], ...]  # (group, role) in the order the mapping lists them
    groups_claim: str = "groups"
    units_claim: str = ""  # a claim holding the unit ids a manager leads
    person_claim: str = ""  # a claim holding the user's own person_id
    username_claim: str = "preferred_username"


@dataclass(frozen=True)
class Identity:
    """Who the claims say the user is; `role` is None when no group maps to a role."""

    subject: str
    username: str
    role: str | None
    unit_ids: tuple[str, ...] = ()
    person_id: str | None = None
    groups: tuple[str, ...] = field(default=())


def _checked(pairs: list[tuple[str, str]], *, source: str) -> tuple[tuple[str, str], ...]:
    unknown = sorted({role for _, role in pairs} - set(Role.values))
    if unknown:
        raise ImproperlyConfigured(
            f"{source}: onbekende rol {', '.join(unknown)} (kies uit {', '.join(Role.values)}). / "
            f"unknown role {', '.join(unknown)}.")
    return tuple(pairs)


def parse_group_roles(text: str) -> tuple[tuple[str, str], ...]:
    """'hr-beheer=hr_admin; leidinggevenden=manager' -> ordered (group, role) pairs."""
    pairs = []
    for item in text.replace("\n", ";").split(";"):
        if item.strip():
            group, sep, role = item.rpartition("=")
            if not sep or not group.strip():
                raise ImproperlyConfigured(f"LEVENSFASE_OIDC_GROUP_ROLES: '{item.strip()}' is geen groep=rol.")
            pairs.append((group.strip(), role.strip()))
    return _checked(pairs, source="LEVENSFASE_OIDC_GROUP_ROLES")


def load_mapping(path: Path) -> ClaimMapping:
    """A TOML file: claim names at the top, then a [groups] table of group = role (in order)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ImproperlyConfigured(f"LEVENSFASE_OIDC_MAPPING {path}: {error}") from None
    groups = data.get("groups", {})
    pairs = _checked([(str(g), str(r)) for g, r in groups.items()], source=str(path))
    claims = {k: str(data[k]) for k in ("groups_claim", "units_claim", "person_claim", "username_claim") if k in data}
    return ClaimMapping(group_roles=pairs, **claims)


def configured_mapping() -> ClaimMapping:
    if settings.LEVENSFASE_OIDC_MAPPING:
        return load_mapping(Path(settings.LEVENSFASE_OIDC_MAPPING))
    return ClaimMapping(group_roles=parse_group_roles(settings.LEVENSFASE_OIDC_GROUP_ROLES))


def _as_list(value) -> list[str]:
    """A claim as a list of strings: providers send a list, or one string (space or comma separated)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split() if v]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v)]
    return [str(value)]


def identity_from_claims(*, claims: dict, mapping: ClaimMapping) -> Identity:
    """The role, units and person the verified `claims` map to (nothing is looked up or written)."""
    groups = tuple(_as_list(claims.get(mapping.groups_claim)))
    role = next((r for g, r in mapping.group_roles if g in groups), None)
    units = tuple(_as_list(claims.get(mapping.units_claim))) if mapping.units_claim and role == Role.MANAGER else ()
    person = claims.get(mapping.person_claim) if mapping.person_claim else None
    username = str(claims.get(mapping.username_claim) or claims.get("email") or claims["sub"])
    return Identity(subject=f"{claims['iss']} {claims['sub']}", username=username[:150], role=role,
                    unit_ids=units, person_id=str(person) if person else None, groups=groups)


def register_check() -> None:
    checks.register(check_mapping, "levensfase")


def check_mapping(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`manage.py check` (and every start) reports a broken mapping before anyone tries to log in."""
    from levensfase.web.accounts import oidc

    if not oidc.configured():
        return []
    try:
        mapping = configured_mapping()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="levensfase.E101")]
    if not mapping.group_roles:
        return [checks.Error("Single sign-on heeft geen groep=rol-koppeling (LEVENSFASE_OIDC_MAPPING of "
                             "LEVENSFASE_OIDC_GROUP_ROLES): niemand zou kunnen inloggen.", id="levensfase.E102")]
    return []
