"""`levensfase serve`: the web app on gunicorn, a production WSGI server (worker processes ×
threads), with the static files collected, hashed and gzip-compressed for whitenoise first.

The server runs in a fresh process image (exec), not forked from the command that may have just
imported the demo: Polars' thread pool does not survive a fork, and the workers get settings read
with LEVENSFASE_SERVING=1 (settings.py: where the collected files are and how they are named).
Each worker keeps its own cached Workforce; the data version in the database (hr.selectors) tells
every worker about the writes of the others.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from typing import NoReturn

from levensfase.terminal import Refusal


def serve_forever(*, host: str, port: int, workers: int, threads: int) -> NoReturn:
    """Collect the static files, then become the gunicorn master (stop with Ctrl+C)."""
    if os.name == "nt":
        raise Refusal("levensfase serve gebruikt gunicorn en draait op Linux of macOS, niet op Windows.",
                      "levensfase serve uses gunicorn and runs on Linux or macOS, not on Windows.")
    _check_free(host, port)
    environment = serving_environment()
    collect_static(environment)
    from django.db import connections

    connections.close_all()  # nothing of this process's database connections reaches the server
    sys.stdout.flush()
    sys.stderr.flush()
    command = gunicorn_command(host=host, port=port, workers=workers, threads=threads)
    os.execve(command[0], command, environment)


def serving_environment() -> dict[str, str]:
    from django.conf import settings

    # suppression patterns kept between restarts and shared by the workers (analytics.privacy.store)
    patterns = os.environ.get("LEVENSFASE_PATTERN_CACHE") or str(settings.HOME / "patterns")
    return {**os.environ, "LEVENSFASE_SERVING": "1", "LEVENSFASE_PATTERN_CACHE": patterns,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "levensfase.web.settings")}


def gunicorn_command(*, host: str, port: int, workers: int, threads: int) -> list[str]:
    address = f"[{host}]" if ":" in host else host
    return [sys.executable, "-m", "gunicorn", "--config", "python:levensfase.web.gunicorn_config",
            "--bind", f"{address}:{port}", "--workers", str(workers), "--threads", str(threads),
            "levensfase.web.wsgi:application"]


def collect_static(environment: dict[str, str]) -> None:
    """`collectstatic` into STATIC_ROOT ($LEVENSFASE_HOME/static unless LEVENSFASE_STATIC_ROOT):
    unchanged files are skipped, so a restart takes a second or two."""
    done = subprocess.run([sys.executable, "-m", "django", "collectstatic", "--noinput", "--verbosity", "0"],
                          env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise Refusal(f"De statische bestanden konden niet worden verzameld: {last}",
                      f"Collecting the static files failed: {last}")


def _check_free(host: str, port: int) -> None:
    """A plain message instead of gunicorn's five retries when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise Refusal(f"Kan niet luisteren op {host}:{port}: {exc.strerror or exc} (draait levensfase al?).",
                          f"Cannot listen on {host}:{port}: {exc.strerror or exc} (is levensfase running already?).")
