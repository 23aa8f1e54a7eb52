#!/usr/bin/env python3
"""Set-up in one step for a machine that has only python3 (3.11+).

    python3 dev.py demo        # virtual environment + install + `levensfase demo`
    python3 dev.py test        # virtual environment + test extras + the whole test suite

The test suite runs on SQLite and, when TEST_POSTGRES_URL is set
(postgres://user:password@127.0.0.1:5432/name), once more on PostgreSQL.
Any further arguments go to `levensfase demo` or to pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def fail(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr)
    sys.exit(2)


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project (again only when pyproject.toml changed)."""
    if sys.version_info < (3, 11):
        fail(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        try:
            import ensurepip  # noqa: F401  (Debian ships it in python3-venv)
        except ImportError:
            fail("this Python cannot create virtual environments; on Debian/Ubuntu run: apt-get install python3-venv")
        print("Creating the virtual environment in .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("Installing levensfase and its dependencies (first run takes a minute) …", flush=True)
    target = f".[{extras}]" if extras else "."
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    run(pip + ["--upgrade", "pip"])
    run(pip + ["-e", target])
    stamp.write_text(digest)


def run(command: list[str], env: dict[str, str] | None = None) -> int:
    code = subprocess.call(command, cwd=ROOT, env=env)
    if code not in (0,) and command[1:3] == ["-m", "pip"]:
        fail("installing the dependencies failed (see the messages above).")
    return code


def demo(args: list[str]) -> int:
    ensure_venv("")
    return run([str(BIN / "levensfase"), "demo", *args])


def test(args: list[str]) -> int:
    ensure_venv("test")
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    # worksteal: a worker that runs out takes tests from the other's queue (the longest take minutes)
    pytest = [str(PYTHON), "-m", "pytest", "-p", "no:cacheprovider", "-n", "2", "--dist", "worksteal", *args]
    with tempfile.TemporaryDirectory(prefix="levensfase-test-patterns-") as patterns:
        # the privacy patterns on disk, keyed by the data's content and the audit code: both
        # workers and both passes audit the same test organisations (tests/support/pattern_store.py)
        env["LEVENSFASE_TEST_PATTERNS"] = patterns
        print("== Test suite on SQLite ==", flush=True)
        code = run(pytest, env=env)
        postgres = os.environ.get("TEST_POSTGRES_URL")
        if postgres:
            print("== Test suite on PostgreSQL ==", flush=True)
            code = max(code, run(pytest, env={**env, "DATABASE_URL": postgres}))
        else:
            print("(PostgreSQL skipped: set TEST_POSTGRES_URL to run the suite on PostgreSQL too.)")
    return code


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"demo", "test"}:
        print(__doc__)
        return 2
    command, args = sys.argv[1], sys.argv[2:]
    return demo(args) if command == "demo" else test(args)


if __name__ == "__main__":
    sys.exit(main())
