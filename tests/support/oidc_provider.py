"""A real OpenID Connect provider for the tests, built on Authlib's authorization server: discovery,
JWKS, an authorize page where the test picks who logs in, and a token endpoint that issues RS256 ID
tokens (authorization code + PKCE, nonce). Mounted under /test-idp/ by `support.oidc_urls`, so the
live test server is provider and application at once; state lives in this module (one process)."""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass, field

from authlib.integrations.django_oauth2 import AuthorizationServer
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin, InvalidRequestError, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from joserfc import jwt
from joserfc.jwk import RSAKey

os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # the live test server speaks plain HTTP

CLIENT_ID = "levensfase-test"
CLIENT_SECRET = "geheim-van-de-test-idp"
KEY = RSAKey.generate_key(2048, parameters={"kid": "test-idp-1", "use": "sig", "alg": "RS256"}, private=True)
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "test-idp-1", "alg": "RS256"}, private=True)
IDENTITIES: dict[str, dict] = {}  # login name at the provider -> the claims it asserts
_CODES: dict[str, AuthorizationCode] = {}
_STATE = {"issuer": ""}


def issuer_for(base_url: str) -> str:
    return base_url.rstrip("/") + "/test-idp"


def sign(claims: dict, *, key: RSAKey = KEY) -> str:
    """An RS256 ID token with `claims`, signed by the provider's key (or another one, to tamper)."""
    return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


def id_claims(*, issuer: str, nonce: str, audience: str = CLIENT_ID, **extra) -> dict:
    now = int(time.time())
    return {"iss": issuer, "aud": audience, "iat": now, "exp": now + 300, "nonce": nonce, **extra}


@dataclass
class Client(ClientMixin):
    redirect_uris: list[str] = field(default_factory=list)

    def get_client_id(self):
        return CLIENT_ID

    def get_default_redirect_uri(self):
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope):
        return " ".join(s for s in (scope or "").split() if s in {"openid", "profile", "email"})

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri.endswith("/login/sso/callback/")

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, CLIENT_SECRET)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in {"client_secret_basic", "client_secret_post"}

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class AuthorizationCode:
    code: str
    user: str
    redirect_uri: str
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return None


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def save_authorization_code(self, code, request):
        data = request.payload.data
        _CODES[code] = AuthorizationCode(
            code=code, user=request.user, redirect_uri=data.get("redirect_uri", ""),
            scope=request.scope or "", nonce=data.get("nonce"), code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"))

    def query_authorization_code(self, code, client):
        return _CODES.get(code)

    def delete_authorization_code(self, authorization_code):
        _CODES.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return authorization_code.user


class RequiredPkce(CodeChallenge):
    """PKCE with S256 for every client, confidential ones too (Authlib demands it of public ones only)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant, redirect_uri):
        if not grant.request.payload.data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge'")
        super().validate_code_challenge(grant, redirect_uri)


class IdTokens(OpenIDCode):
    def resolve_client_private_key(self, client):
        return KEY

    def get_client_claims(self, client):
        return {"iss": _STATE["issuer"], "aud": [CLIENT_ID]}

    def exists_nonce(self, nonce, request):
        return any(c.nonce == nonce for c in _CODES.values())

    def generate_user_info(self, user, scope):
        return UserInfo(IDENTITIES[user])


class Provider(AuthorizationServer):
    def __init__(self):
        super().__init__(client_model=None, token_model=None)
        self.register_grant(CodeGrant, [IdTokens(require_nonce=True), RequiredPkce(required=True)])

    def query_client(self, client_id):
        return Client() if client_id == CLIENT_ID else None

    def save_token(self, token, request):
        return None


server = Provider()


def _remember_issuer(request) -> str:
    _STATE["issuer"] = issuer_for(request.build_absolute_uri("/"))
    return _STATE["issuer"]


def discovery(request):
    issuer = _remember_issuer(request)
    return JsonResponse({
        "issuer": issuer,
        "authorization_endpoint": issuer + "/authorize",
        "token_endpoint": issuer + "/token",
        "jwks_uri": issuer + "/jwks",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile", "email"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    })


def jwks(request):
    return JsonResponse({"keys": [KEY.as_dict(private=False)]})


@csrf_exempt
def authorize(request):
    """GET: a sign-in page listing the test identities; POST: the chosen one is signed in."""
    _remember_issuer(request)
    try:
        grant = server.get_consent_grant(request)  # refuses a bad request (no PKCE, wrong client, ...)
    except OAuth2Error as error:
        return server.handle_error_response(request, error)
    if request.method == "POST":
        who = request.POST.get("identity", "")
        return server.create_authorization_response(request, grant_user=who if who in IDENTITIES else None,
                                                    grant=grant)
    options = "".join(f'<option value="{escape(n)}">{escape(n)}</option>' for n in IDENTITIES)
    return HttpResponse(
        '<!doctype html><html lang="nl"><title>Test-IdP</title><h1>Test-IdP: aanmelden</h1>'
        f'<form method="post"><label for="identity">Account</label><select id="identity" name="identity">{options}</select>'
        '<button type="submit">Aanmelden bij test-IdP</button></form></html>')


@csrf_exempt
def token(request):
    _remember_issuer(request)
    return server.create_token_response(request)


urlpatterns = [
    path(".well-known/openid-configuration", discovery),
    path("jwks", jwks),
    path("authorize", authorize),
    path("token", token),
]


MAPPING_TOML = """\
groups_claim = "groups"
units_claim = "levensfase_units"
person_claim = "employee_number"
username_claim = "preferred_username"

[groups]  # first match wins: the most powerful role first
"lf-hr-beheer" = "hr_admin"
"lf-bedrijfsarts" = "occupational_health"
"lf-fg" = "privacy_officer"
"lf-hr-analyse" = "hr_analyst"
"lf-or" = "works_council"
"lf-leidinggevenden" = "manager"
"lf-medewerkers" = "employee"
"""


def configure(settings, *, base_url: str, mapping_dir) -> str:
    """Point the application at this provider (served by the live server at `base_url`) with the
    mapping above; returns the issuer."""
    mapping = mapping_dir / "sso-mapping.toml"
    mapping.write_text(MAPPING_TOML, encoding="utf-8")
    settings.ROOT_URLCONF = "support.oidc_urls"
    settings.LEVENSFASE_OIDC_DISCOVERY_URL = issuer_for(base_url)
    settings.LEVENSFASE_OIDC_CLIENT_ID = CLIENT_ID
    settings.LEVENSFASE_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.LEVENSFASE_OIDC_NAME = "Zorggroep-account"
    settings.LEVENSFASE_OIDC_MAPPING = str(mapping)
    IDENTITIES.clear()
    return issuer_for(base_url)
