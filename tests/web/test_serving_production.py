"""Production mode (LEVENSFASE_PRODUCTION=1): `manage.py check --deploy` is clean, the secret key and
the host names must come from the environment, and behind an HTTPS reverse proxy the pages carry
HSTS and secure cookies. Each case starts Django afresh in a subprocess, since settings are read once."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

KEY = "k" * 10 + "Xy7-Qp2_Zr9Lm4Vb8Nc6Hd1Fg3Js5Kt0Wq" + "u" * 10  # 55 characters, many different
PRODUCTION = {"LEVENSFASE_PRODUCTION": "1", "LEVENSFASE_SECRET_KEY": KEY, "LEVENSFASE_ALLOWED_HOSTS": "hr.example.nl"}


def django(tmp_path, *args: str, env: dict[str, str] | None = None, code: str | None = None):
    environment = {**os.environ, "LEVENSFASE_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "levensfase.web.settings"}
    for name in ("DATABASE_URL", "LEVENSFASE_PRODUCTION", "LEVENSFASE_SECRET_KEY", "LEVENSFASE_ALLOWED_HOSTS",
                 "LEVENSFASE_SERVING", "LEVENSFASE_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environment.pop(name, None)
    environment.update(env or {})
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "django", *args]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    done = django(tmp_path, "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_without_production_mode_check_deploy_names_what_is_missing(tmp_path):
    done = django(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr


@pytest.mark.parametrize("missing", ["LEVENSFASE_SECRET_KEY", "LEVENSFASE_ALLOWED_HOSTS"])
def test_production_mode_refuses_to_start_without(tmp_path, missing):
    done = django(tmp_path, "check", env={**PRODUCTION, missing: ""})
    assert done.returncode != 0
    assert f"{missing} moet gezet zijn als LEVENSFASE_PRODUCTION=1" in done.stderr
    assert not (tmp_path / "secret_key").exists()  # no key file is made as a fallback


SETTINGS = """
import json
from django.conf import settings
print(json.dumps({"hosts": settings.ALLOWED_HOSTS, "debug": settings.DEBUG,
                  "proxies": settings.LEVENSFASE_TRUSTED_PROXIES}))
"""


def test_allowed_hosts_come_from_the_environment_only(tmp_path):
    code = "import django; django.setup()\n" + SETTINGS
    production = json.loads(django(tmp_path, code=code, env={**PRODUCTION, "LEVENSFASE_DEBUG": "1"}).stdout)
    assert production == {"hosts": ["hr.example.nl"], "debug": False, "proxies": 1}
    development = json.loads(django(tmp_path, code=code).stdout)
    assert "testserver" in development["hosts"] and development["proxies"] == 0


REQUESTS = """
import json
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
client = Client()  # without setup_test_environment(), which would allow the host "testserver"
https = client.get("/login/", HTTP_HOST="hr.example.nl", HTTP_X_FORWARDED_PROTO="https")
plain = client.get("/login/", HTTP_HOST="hr.example.nl")
other = client.get("/login/", HTTP_HOST="testserver", HTTP_X_FORWARDED_PROTO="https")
csrf = https.cookies["csrftoken"]
print(json.dumps({"https": https.status_code, "hsts": https.get("Strict-Transport-Security"),
                  "csrf_secure": bool(csrf["secure"]), "plain": plain.status_code, "to": plain.get("Location"),
                  "other_host": other.status_code}))
"""


def test_behind_the_https_proxy_pages_send_hsts_and_secure_cookies(tmp_path):
    done = django(tmp_path, code=REQUESTS, env=PRODUCTION)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"https": 200, "hsts": "max-age=31536000; includeSubDomains", "csrf_secure": True,
                    "plain": 301, "to": "https://hr.example.nl/login/", "other_host": 400}
