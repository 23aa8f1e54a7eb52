"""Django settings: SQLite under $LEVENSFASE_HOME by default, PostgreSQL through DATABASE_URL."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("LEVENSFASE_HOME", "var")).resolve()
HOME.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """A per-installation key kept beside the database, so sessions survive restarts."""
    if key := os.environ.get("LEVENSFASE_SECRET_KEY"):
        return key
    path = HOME / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("LEVENSFASE_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"] + [
    h for h in os.environ.get("LEVENSFASE_ALLOWED_HOSTS", "").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "levensfase.web.hr",
    "levensfase.web.accounts",
    "levensfase.web.audit",
    "levensfase.web.pages",
    "levensfase.web.surveys",
    "levensfase.web.dashboards",
    "levensfase.web.maatwerk",
    "levensfase.web.competencies",
    "levensfase.web.planning",
    "levensfase.web.mappings",
    "levensfase.web.privacy",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
STATIC_ROOT = None  # no collectstatic: whitenoise serves from the packages (below)
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step needed

FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 200 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Small-cell suppression threshold (DESIGN §6): groups below k persons are never shown.
LEVENSFASE_K = int(os.environ.get("LEVENSFASE_K", "5"))
# Ex-employees' personal data are anonymised after this many years (DESIGN §6).
LEVENSFASE_RETENTION_YEARS = int(os.environ.get("LEVENSFASE_RETENTION_YEARS", "2"))
# Occupational-health records (the bedrijfsarts's dossier) follow the WGBO, not the employer (DESIGN §6).
LEVENSFASE_OH_RETENTION_YEARS = int(os.environ.get("LEVENSFASE_OH_RETENTION_YEARS", "20"))
