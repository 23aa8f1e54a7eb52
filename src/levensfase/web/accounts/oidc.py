"""Single sign-on through OpenID Connect (Entra ID, Keycloak, Google Workspace) with Authlib's
client: authorization code flow with PKCE (S256), state and nonce checked, and the ID token's
signature verified against the provider's published keys (JWKS), its issuer, audience and expiry
checked. Configured by LEVENSFASE_OIDC_* environment variables (settings.py, docs/deploy.md)."""

from __future__ import annotations

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.utils.translation import gettext as _
from joserfc.errors import JoseError
from requests import RequestException

WELL_KNOWN = "/.well-known/openid-configuration"
# What can go wrong between the provider and us: a refused or tampered login, never a traceback.
LOGIN_ERRORS = (OAuthError, JoseError, RequestException, ValueError, KeyError)

_clients: dict[tuple, object] = {}


def configured() -> bool:
    return bool(settings.LEVENSFASE_OIDC_DISCOVERY_URL and settings.LEVENSFASE_OIDC_CLIENT_ID)


def discovery_url() -> str:
    """The discovery document's URL; an issuer URL gets /.well-known/openid-configuration appended."""
    url = settings.LEVENSFASE_OIDC_DISCOVERY_URL.rstrip("/")
    return url if url.endswith(WELL_KNOWN) else url + WELL_KNOWN


def button_label() -> str:
    name = settings.LEVENSFASE_OIDC_NAME or _("your organisation account")
    return _("Log in with %(name)s") % {"name": name}


def client():
    """The Authlib client for the configured provider; one per configuration, so the discovery
    document and the keys are fetched once (a key the cache does not know is fetched again)."""
    key = (discovery_url(), settings.LEVENSFASE_OIDC_CLIENT_ID, settings.LEVENSFASE_OIDC_CLIENT_SECRET,
           settings.LEVENSFASE_OIDC_SCOPES)
    if key not in _clients:
        registry = OAuth()
        _clients[key] = registry.register(
            "organisation", server_metadata_url=key[0], client_id=key[1], client_secret=key[2],
            client_kwargs={"scope": key[3], "code_challenge_method": "S256", "timeout": 10})
    return _clients[key]


def start(request, *, redirect_uri: str):
    """The redirect to the provider; state, nonce and the PKCE verifier wait in the session."""
    return client().authorize_redirect(request, redirect_uri)


def finish(request) -> dict:
    """The verified ID token claims of the provider's answer. Raises one of LOGIN_ERRORS when the
    state does not match, the code is refused, or the ID token is missing, forged, expired, for
    another client or for another login (nonce)."""
    token = client().authorize_access_token(request, claims_options=_claims_options(), leeway=60)
    claims = token.get("userinfo")
    if not claims:
        raise ValueError("the provider sent no ID token")
    return dict(claims)


def verify_id_token(*, id_token: str, nonce: str) -> dict:
    """The claims of `id_token` after the same checks `finish` makes (signature against the JWKS,
    issuer, audience = our client id, expiry, nonce); for tokens that reach us otherwise."""
    return dict(client().parse_id_token({"id_token": id_token}, nonce=nonce, claims_options=_claims_options(),
                                        leeway=60))


def _claims_options() -> dict:
    """The issuer must be the provider's own and the audience must name us: Authlib on its own
    accepts another audience when `azp` names us, which OpenID Connect Core 3.1.3.7 forbids."""
    issuer = client().load_server_metadata().get("issuer")
    if not issuer:
        raise ValueError("the provider's discovery document names no issuer")
    return {"iss": {"essential": True, "value": issuer},
            "aud": {"essential": True, "value": settings.LEVENSFASE_OIDC_CLIENT_ID},
            "sub": {"essential": True}}
