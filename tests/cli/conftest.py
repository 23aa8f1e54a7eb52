"""Run the real `levensfase` entry point in a subprocess, with its own LEVENSFASE_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def cli_database():
    """The database URL for the CLI under test: a fresh PostgreSQL database when the suite runs on
    PostgreSQL (dropped afterwards), else none (SQLite inside the test's own LEVENSFASE_HOME)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import psycopg

    name = f"lf_cli_{uuid.uuid4().hex[:12]}"
    base, _, _ = url.rpartition("/")
    maintenance = f"{base}/postgres"  # always there; the suite's own database may not exist yet
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def cli(tmp_path: Path, cli_database: str | None):
    home = tmp_path / "home"

    def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Ran:
        environment = {**os.environ, "LEVENSFASE_HOME": str(home), "LEVENSFASE_LANG": "nl", "COLUMNS": "400"}
        environment.pop("DATABASE_URL", None)
        if cli_database:
            environment["DATABASE_URL"] = cli_database
        environment.update(env or {})
        done = subprocess.run(
            [sys.executable, "-c", "from levensfase.cli import main; main()", *args],
            input=stdin, capture_output=True, text=True, env=environment, timeout=300,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return Ran(done.returncode, done.stdout, done.stderr)

    return run
