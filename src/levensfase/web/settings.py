"""Django settings: SQLite under $LEVENSFASE_HOME by default, PostgreSQL through DATABASE_URL.

LEVENSFASE_PRODUCTION=1 switches on production mode (behind an HTTPS reverse proxy): the secret key
and the host names must come from the environment, cookies are secure, HSTS is sent and
`manage.py check --deploy` is clean. Every environment variable is listed in docs/deploy.md.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("LEVENSFASE_HOME", "var")).resolve()
HOME.mkdir(parents=True, exist_ok=True)
PRODUCTION = os.environ.get("LEVENSFASE_PRODUCTION", "") == "1"
# Set by `levensfase serve` (web/serving.py): static files are collected, hashed and compressed.
SERVING = os.environ.get("LEVENSFASE_SERVING", "") == "1"


def _required(name: str) -> str:
    """An environment variable production mode cannot do without."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} moet gezet zijn als LEVENSFASE_PRODUCTION=1 (zie docs/deploy.md). / "
            f"{name} must be set when LEVENSFASE_PRODUCTION=1 (see docs/deploy.md).")
    return value


def _secret_key() -> str:
    """A per-installation key kept beside the database, so sessions survive restarts; in
    production mode only from the environment (a key file beside the data is one leak away)."""
    if PRODUCTION:
        return _required("LEVENSFASE_SECRET_KEY")
    if key := os.environ.get("LEVENSFASE_SECRET_KEY"):
        return key
    path = HOME / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("LEVENSFASE_DEBUG", "") == "1" and not PRODUCTION
_HOSTS = [h.strip() for h in os.environ.get("LEVENSFASE_ALLOWED_HOSTS", "").split(",") if h.strip()]
if PRODUCTION:
    ALLOWED_HOSTS = _HOSTS or _required("LEVENSFASE_ALLOWED_HOSTS").split(",")
else:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver", *_HOSTS]

INSTALLED_APPS = [
    "levensfase.web.accounts",  # before django.contrib.auth: its createsuperuser validates passwords
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # failed logins: throttling and lockout (web/accounts/lockout.py)
    "levensfase.web.hr",
    "levensfase.web.audit",
    "levensfase.web.ui",  # the web kit: shared templates, static files and template tags
    "levensfase.web.pages",
    "levensfase.web.surveys",
    "levensfase.web.dashboards",
    "levensfase.web.maatwerk",
    "levensfase.web.competencies",
    "levensfase.web.planning",
    "levensfase.web.mappings",
    "levensfase.web.privacy",
    "levensfase.web.scan",
    "ninja", "levensfase.web.api",  # REST API /api/v1/; "ninja" serves its docs' JS/CSS locally (no CDN)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "levensfase.web.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into its page
]

ROOT_URLCONF = "levensfase.web.urls"
WSGI_APPLICATION = "levensfase.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{HOME / 'levensfase.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "levensfase.web.accounts.lockout.LockoutBackend",  # refuses locked accounts and addresses first
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "static/"
if SERVING:  # `levensfase serve` collects them here first: hashed names (cached for a year), gzip beside
    STATIC_ROOT = Path(os.environ.get("LEVENSFASE_STATIC_ROOT") or HOME / "static").resolve()
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = False
else:  # tests, development: whitenoise serves straight from the packages, no collectstatic step
    STATIC_ROOT = None
    WHITENOISE_USE_FINDERS = True

FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 200 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# A session ends after a working day; for users who see health data also when the browser closes
# (accounts/login_events.py).
SESSION_COOKIE_AGE = int(float(os.environ.get("LEVENSFASE_SESSION_HOURS", "9")) * 3600)

# Failed logins (django-axes): after LEVENSFASE_LOGIN_FAILURES wrong passwords for one account, or
# from one address, within the lockout period, every attempt is refused until the period has passed.
AXES_FAILURE_LIMIT = int(os.environ.get("LEVENSFASE_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("LEVENSFASE_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: per account and per address
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a refused try does not lengthen the lockout
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful logins need no second log beside the audit log
AXES_LOCKOUT_CALLABLE = "levensfase.web.accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "levensfase.web.accounts.lockout.client_address"
AXES_VERBOSE = False
# How long the home page waits for the verdict in brief and the headline (seconds) before it says
# they are being computed and lets them finish in the background: cold, they wait for the year chain
# (minutes on a large organisation). Not serving (tests, the shell): it waits until it is there.
LEVENSFASE_VERDICT_WAIT = float(os.environ.get("LEVENSFASE_VERDICT_WAIT", "10")) if SERVING else None
# How many reverse proxies in front of the app append to X-Forwarded-For (nginx: 1); 0 trusts none.
LEVENSFASE_TRUSTED_PROXIES = int(os.environ.get("LEVENSFASE_TRUSTED_PROXIES", "1" if PRODUCTION else "0"))

if PRODUCTION:  # behind a reverse proxy that ends HTTPS (docs/deploy.md)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("LEVENSFASE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("LEVENSFASE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading binds the whole domain to HTTPS in browsers for good: the domain owner's call.
    SECURE_HSTS_PRELOAD = os.environ.get("LEVENSFASE_HSTS_PRELOAD", "") == "1"
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("LEVENSFASE_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Single sign-on through OpenID Connect (accounts/oidc.py, docs/deploy.md): off unless a discovery
# URL (or the issuer) is set. Roles and units come from the claims by LEVENSFASE_OIDC_MAPPING.
LEVENSFASE_OIDC_DISCOVERY_URL = os.environ.get("LEVENSFASE_OIDC_DISCOVERY_URL", "").strip()
LEVENSFASE_OIDC_CLIENT_ID = os.environ.get("LEVENSFASE_OIDC_CLIENT_ID", "").strip()
LEVENSFASE_OIDC_CLIENT_SECRET = os.environ.get("LEVENSFASE_OIDC_CLIENT_SECRET", "").strip()
LEVENSFASE_OIDC_SCOPES = os.environ.get("LEVENSFASE_OIDC_SCOPES", "openid profile email").strip()
LEVENSFASE_OIDC_NAME = os.environ.get("LEVENSFASE_OIDC_NAME", "").strip()  # "Inloggen met <name>"
LEVENSFASE_OIDC_MAPPING = os.environ.get("LEVENSFASE_OIDC_MAPPING", "").strip()  # a TOML file
LEVENSFASE_OIDC_GROUP_ROLES = os.environ.get("LEVENSFASE_OIDC_GROUP_ROLES", "").strip()  # "group=role;…"
# Roles whose users may log in only through single sign-on (while it is configured).
LEVENSFASE_SSO_ONLY_ROLES = [r.strip() for r in os.environ.get("LEVENSFASE_SSO_ONLY_ROLES", "").split(",") if r.strip()]

# A columnar copy of the Workforce under HOME/workforce-snapshots, keyed by the data version, so a
# new worker loads in a fraction of a second (web/hr/snapshot.py); "0" switches it off.
LEVENSFASE_WORKFORCE_SNAPSHOTS = os.environ.get("LEVENSFASE_WORKFORCE_SNAPSHOTS", "1") != "0"
# Small-cell suppression threshold (DESIGN §6): groups below k persons are never shown.
LEVENSFASE_K = int(os.environ.get("LEVENSFASE_K", "5"))
# Ex-employees' personal data are anonymised after this many years (DESIGN §6).
LEVENSFASE_RETENTION_YEARS = int(os.environ.get("LEVENSFASE_RETENTION_YEARS", "2"))
# Occupational-health records (the bedrijfsarts's dossier) follow the WGBO, not the employer (DESIGN §6).
LEVENSFASE_OH_RETENTION_YEARS = int(os.environ.get("LEVENSFASE_OH_RETENTION_YEARS", "20"))
