"""The PostgreSQL pass leaves the core's test folders out (`conftest.CORE_TESTS`): that is only
sound while neither those tests nor the code they test can reach a database. Here every module of
those folders and of the matching `src/levensfase` packages is read: no Django, no web or CLI
module (the CLI opens the database), no pytest-django fixture."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import CORE_TESTS, ONCE, pytest_ignore_collect

REPO = Path(__file__).resolve().parents[1]
BANNED = ("django", "levensfase.web", "levensfase.cli")  # the CLI's modules are levensfase.cli*
DB_FIXTURES = {"db", "transactional_db", "django_db_setup", "django_db_blocker", "live_server", "client",
               "admin_client", "settings", "django_user_model", "rf"}


def _problems(path: Path, root: Path = REPO) -> list[str]:
    found, name = [], path.relative_to(root)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
        found += [f"{name}: imports {n}" for n in names if n.startswith(BANNED)]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found += [f"{name}: {node.name} asks for {a.arg}"
                      for a in node.args.args if a.arg in DB_FIXTURES]
        if isinstance(node, ast.Attribute) and node.attr == "django_db":
            found.append(f"{name}: a django_db mark")
    return found


@pytest.mark.parametrize("folder", CORE_TESTS)
def test_the_core_and_its_tests_reach_no_database(folder):
    paths = [*(REPO / "tests" / folder).rglob("*.py"), *(REPO / "src" / "levensfase" / folder).rglob("*.py")]
    assert len(paths) > 5
    assert [p for path in paths for p in _problems(path)] == []


def test_the_check_sees_a_database_test(tmp_path):
    test = tmp_path / "test_x.py"
    test.write_text("import pytest\nfrom django.conf import settings\n\n@pytest.mark.django_db\n"
                    "def test_x(client):\n    pass\n", encoding="utf-8")
    assert sorted(_problems(test, tmp_path)) == ["test_x.py: a django_db mark", "test_x.py: imports django.conf",
                                                 "test_x.py: test_x asks for client"]


def test_the_postgresql_pass_leaves_out_exactly_the_folders_run_once(monkeypatch):
    """`pytest_ignore_collect` drops the folders of `ONCE` on the PostgreSQL pass only; the web
    tests, the CLI's and the documents' stay on both passes."""
    tests = REPO / "tests"
    folders = sorted(p.name for p in tests.iterdir() if p.is_dir() and p.name not in ("support", "__pycache__"))
    assert set(ONCE) < set(folders)
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1/levensfase")
    assert [f for f in folders if pytest_ignore_collect(tests / f, None)] == sorted(ONCE)
    assert pytest_ignore_collect(tests / "web" / "attacks", None) is None  # only the top-level folders
    monkeypatch.delenv("DATABASE_URL")
    assert [f for f in folders if pytest_ignore_collect(tests / f, None)] == []
