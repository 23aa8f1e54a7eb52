"""Single sign-on, token by token (issue 20 item 6): ID tokens signed with the test provider's key
are verified against its published JWKS and mapped to each role; forged, altered, expired, replayed
(wrong nonce) and misdirected (wrong audience or issuer) tokens are refused."""

from __future__ import annotations

import base64
import json
import time

import pytest
from joserfc.errors import BadSignatureError, ExpiredTokenError, InvalidClaimError, JoseError

from levensfase.web.accounts import oidc
from levensfase.web.accounts.models import Profile, Role
from levensfase.web.accounts.sso_accounts import AccountTaken, sso_user
from levensfase.web.accounts.sso_mapping import configured_mapping, identity_from_claims
from support import oidc_provider as idp
from support.org_fixture import build_org

NONCE = "n-0S6_WzA2Mj"


@pytest.fixture
def issuer(live_server, settings, tmp_path, transactional_db):
    build_org()
    return idp.configure(settings, base_url=live_server.url, mapping_dir=tmp_path)


def signed(issuer: str, **claims) -> str:
    return idp.sign(idp.id_claims(issuer=issuer, nonce=NONCE, **claims))


# role, the groups the provider sends, units claim, person claim -> units and person kept
PER_ROLE = [
    (Role.HR_ADMIN, ["lf-medewerkers", "lf-hr-beheer"], ["ZORG"], "P02", set(), "P02"),
    (Role.HR_ANALYST, ["lf-hr-analyse"], [], None, set(), None),
    (Role.MANAGER, ["lf-medewerkers", "lf-leidinggevenden"], ["ZORG", "TB1", "GEEN"], "P07", {"ZORG", "TB1"}, "P07"),
    (Role.EMPLOYEE, ["lf-medewerkers"], ["ZORG"], "P01", set(), "P01"),
    (Role.OCCUPATIONAL_HEALTH, ["lf-bedrijfsarts"], [], None, set(), None),
    (Role.WORKS_COUNCIL, ["lf-or", "lf-medewerkers"], [], "P03", set(), "P03"),
    (Role.PRIVACY_OFFICER, ["lf-fg"], [], "ONBEKEND", set(), None),
]


@pytest.mark.parametrize(("role", "groups", "units", "person", "kept_units", "kept_person"), PER_ROLE)
def test_each_role_from_a_signed_token(issuer, role, groups, units, person, kept_units, kept_person):
    extra = {"levensfase_units": units, **({"employee_number": person} if person else {})}
    token = signed(issuer, sub=f"sub-{role}", preferred_username=f"{role}@zorggroep.nl", groups=groups, **extra)
    claims = oidc.verify_id_token(id_token=token, nonce=NONCE)
    identity = identity_from_claims(claims=claims, mapping=configured_mapping())
    assert identity.role == role
    user = sso_user(identity=identity)
    profile = Profile.objects.get(user=user)
    assert (user.username, profile.role, profile.person_id) == (f"{role}@zorggroep.nl", role, kept_person)
    assert set(profile.units.values_list("unit_id", flat=True)) == kept_units  # unknown unit GEEN left out
    assert profile.sso_subject == f"{issuer} sub-{role}" and not user.has_usable_password()


def test_a_second_login_updates_role_and_units(issuer):
    mapping = configured_mapping()
    first = oidc.verify_id_token(id_token=signed(issuer, sub="s1", preferred_username="kim", groups=["lf-leidinggevenden"],
                                                 levensfase_units="TA1 TA2"), nonce=NONCE)
    user = sso_user(identity=identity_from_claims(claims=first, mapping=mapping))
    assert sorted(user.profile.units.values_list("unit_id", flat=True)) == ["TA1", "TA2"]
    again = oidc.verify_id_token(id_token=signed(issuer, sub="s1", preferred_username="kim", groups=["lf-medewerkers"]),
                                 nonce=NONCE)
    same = sso_user(identity=identity_from_claims(claims=again, mapping=mapping))
    same.profile.refresh_from_db()
    assert same.pk == user.pk and same.profile.role == Role.EMPLOYEE and same.profile.units.count() == 0


def test_no_mapped_group_means_no_role(issuer):
    claims = oidc.verify_id_token(id_token=signed(issuer, sub="s2", groups=["iedereen"]), nonce=NONCE)
    assert identity_from_claims(claims=claims, mapping=configured_mapping()).role is None


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_token_signed_with_another_key_is_refused(issuer):
    forged = idp.sign(idp.id_claims(issuer=issuer, nonce=NONCE, sub="s3", groups=["lf-hr-beheer"]), key=idp.OTHER_KEY)
    with pytest.raises(BadSignatureError):
        oidc.verify_id_token(id_token=forged, nonce=NONCE)


def test_an_altered_payload_is_refused(issuer):
    header, _, signature = signed(issuer, sub="s4", groups=["lf-medewerkers"]).split(".")
    raised = _b64(idp.id_claims(issuer=issuer, nonce=NONCE, sub="s4", groups=["lf-hr-beheer"]))
    with pytest.raises(BadSignatureError):
        oidc.verify_id_token(id_token=f"{header}.{raised}.{signature}", nonce=NONCE)


def test_an_unsigned_token_is_refused(issuer):
    unsigned = f"{_b64({'alg': 'none'})}.{_b64(idp.id_claims(issuer=issuer, nonce=NONCE, sub='s5'))}."
    with pytest.raises(JoseError):
        oidc.verify_id_token(id_token=unsigned, nonce=NONCE)


@pytest.mark.parametrize(("change", "nonce"), [
    ({"aud": "een-andere-app"}, NONCE),
    ({"aud": ["een-andere-app"], "azp": idp.CLIENT_ID}, NONCE),  # Authlib alone would accept this one
    ({"iss": "http://127.0.0.1:9/elders"}, NONCE),
    ({}, "een-andere-nonce"),
])
def test_wrong_audience_issuer_or_nonce_is_refused(issuer, change, nonce):
    claims = {**idp.id_claims(issuer=issuer, nonce=NONCE, sub="s6"), **change}
    with pytest.raises(InvalidClaimError):
        oidc.verify_id_token(id_token=idp.sign(claims), nonce=nonce)


def test_an_expired_token_is_refused(issuer):
    past = int(time.time()) - 3600
    with pytest.raises(ExpiredTokenError):
        oidc.verify_id_token(id_token=signed(issuer, sub="s7", iat=past - 300, exp=past), nonce=NONCE)


def test_a_second_provider_account_with_the_same_name_does_not_take_over(issuer):
    mapping = configured_mapping()
    first = oidc.verify_id_token(id_token=signed(issuer, sub="oud", preferred_username="j.jansen",
                                                 groups=["lf-medewerkers"]), nonce=NONCE)
    owner = sso_user(identity=identity_from_claims(claims=first, mapping=mapping))
    second = oidc.verify_id_token(id_token=signed(issuer, sub="nieuw", preferred_username="j.jansen",
                                                  groups=["lf-hr-beheer"]), nonce=NONCE)
    with pytest.raises(AccountTaken):
        sso_user(identity=identity_from_claims(claims=second, mapping=mapping))
    owner.profile.refresh_from_db()
    assert owner.profile.role == Role.EMPLOYEE and owner.profile.sso_subject == f"{issuer} oud"


def test_a_broken_mapping_is_reported_by_the_system_check(settings, tmp_path):
    from levensfase.web.accounts.sso_mapping import check_mapping, parse_group_roles

    settings.LEVENSFASE_OIDC_DISCOVERY_URL, settings.LEVENSFASE_OIDC_CLIENT_ID = "https://login.example/x", "lf"
    settings.LEVENSFASE_OIDC_MAPPING = ""
    settings.LEVENSFASE_OIDC_GROUP_ROLES = "hr=hr_admin; iedereen=baas"
    assert [e.id for e in check_mapping()] == ["levensfase.E101"] and "baas" in check_mapping()[0].msg
    settings.LEVENSFASE_OIDC_GROUP_ROLES = ""
    assert [e.id for e in check_mapping()] == ["levensfase.E102"]
    bad = tmp_path / "m.toml"
    bad.write_text("[groups\n", encoding="utf-8")
    settings.LEVENSFASE_OIDC_MAPPING = str(bad)
    assert [e.id for e in check_mapping()] == ["levensfase.E101"]
    assert parse_group_roles("a=b=employee; lf-or = works_council") == (("a=b", "employee"), ("lf-or", "works_council"))
    settings.LEVENSFASE_OIDC_MAPPING, settings.LEVENSFASE_OIDC_GROUP_ROLES = "", "lf=manager"
    assert check_mapping() == []
