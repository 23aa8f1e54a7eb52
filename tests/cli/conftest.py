"""Run the real `levensfase` entry point in a subprocess, with its own LEVENSFASE_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(tmp_path: Path):
    home = tmp_path / "home"

    def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Ran:
        environment = {**os.environ, "LEVENSFASE_HOME": str(home), "LEVENSFASE_LANG": "nl", "COLUMNS": "400", **(env or {})}
        done = subprocess.run(
            [sys.executable, "-c", "from levensfase.cli import main; main()", *args],
            input=stdin, capture_output=True, text=True, env=environment, timeout=300,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return Ran(done.returncode, done.stdout, done.stderr)

    return run
