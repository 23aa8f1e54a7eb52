"""Fuzzing the import (issue 15, item 6): every malformed input is a clean import or a refusal
whose problems each name their file (and, for anything inside a file, its row), never an
unexpected error; a refusal leaves the database identical; what is accepted breaks no page.

Limits: a small fixed organisation (tests/support/fuzz_inputs.py, eight employees, stored once;
each case carries only the tables its mutations touch, so references resolve against the stored
ones), 2,000 cases (derandomized: the same cases every run; LF_FUZZ_CASES=… for a longer
campaign) through `import_files`, every 40th also through the web upload, and two imports of
accepted edge cases through every main page per role and `levensfase analyse`. The module took
181 s (149 s + 26 s) on the shared 2-core machine at load 10, so it runs on SQLite only (the
files are fuzzed, not the database; the PostgreSQL run of the suite skips it).
"""

from __future__ import annotations

import json
import shutil
from itertools import count
from pathlib import Path

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levensfase.ingest.problems import MESSAGES
from levensfase.model.schema import TABLES
from levensfase.web.hr.services import ImportRefused, import_files

from support import fuzz_inputs as fz

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif("connection.vendor != 'sqlite'",
                       reason="fuzzes the files, not the database: runs once, on SQLite"),
]

# Problems about a whole file (no row inside it to point at).
FILE_LEVEL = {"not_found", "no_tables", "needs_mapping", "bad_profile", "missing_source", "empty_file",
              "binary_file", "not_regular_file", "more_problems", "bad_workbook"}
CASES = int(__import__("os").environ.get("LF_FUZZ_CASES", "2000"))
SAMPLE_EVERY = 40  # every 40th case also goes through the web upload


def _mutation(kinds: tuple[str, ...]) -> st.SearchStrategy[fz.Mutation]:
    tables = st.sampled_from(sorted(TABLES))
    return st.builds(
        fz.Mutation, kind=st.sampled_from(kinds), table=tables, row=st.integers(0, 500),
        column=st.integers(0, 9), pick=st.integers(0, 50), count=st.integers(1, 300),
        text=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
    )


FOLDER_CASE = st.tuples(st.just(False), st.lists(_mutation(fz.KINDS), min_size=1, max_size=3))
WORKBOOK_CASE = st.tuples(st.just(True), st.lists(_mutation(fz.WORKBOOK_KINDS), min_size=1, max_size=2))
CASE = st.integers(0, 6).flatmap(lambda n: WORKBOOK_CASE if n == 0 else FOLDER_CASE)  # 1 in 7 a workbook


def dump() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: the whole database, to compare before/after."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        out = {}
        for table in tables:
            if table == "django_session":  # the web sample's logins, not data
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            out[table] = sorted(cursor.fetchall(), key=repr)
    return out


def assert_located(problems, where: str) -> None:
    assert problems, where
    for p in problems:
        assert p.code in MESSAGES and p.file and p.reason and p.reason_en, (where, p)
        assert p.code in FILE_LEVEL or p.row is not None, (where, p)
        assert p.value is None or len(p.value) <= 400, (where, p.code, len(p.value))


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[dict[str, list[list[str]]], Path]:
    folder = tmp_path_factory.mktemp("fuzz-base")
    return fz.base_tables(folder), folder


@pytest.fixture
def stored(db, base):
    """The database holding the whole base organisation."""
    outcome = import_files(base[1], source="base")
    assert outcome.ok, outcome.problems


def run_case(folder: Path, before: dict, where: str) -> str:
    """Import `folder` for real inside a savepoint that is rolled back: "accepted", "refused"
    (problems in the files) or "kept" (the file would remove rows other stored tables still use:
    the import replaces each table it carries; a refusal naming file and keys, nothing written)."""
    with transaction.atomic():
        try:
            outcome = import_files(folder, source="fuzz")
        except ImportRefused as refused:
            assert "nothing was saved" in refused.message_en and ".csv" in refused.message_en, where
            assert dump() == before, f"{where}: a refused import changed the database"
            return "kept"
        if not outcome.ok:
            assert_located(outcome.problems, where)
            assert dump() == before, f"{where}: a refused import changed the database"
        transaction.set_rollback(True)
    return "accepted" if outcome.ok else "refused"


def test_every_mutated_import_is_accepted_or_refused_with_located_problems(stored, base, tmp_path, admin_upload):
    tables, _ = base
    numbers = count()
    outcomes = {"accepted": 0, "refused": 0, "kept": 0}
    before = dump()

    @settings(max_examples=CASES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=CASE)
    def check(case):
        workbook, mutations = case
        n = next(numbers)
        folder = tmp_path / f"case{n}"
        path = fz.write_case(tables, mutations, folder, workbook=workbook)
        where = f"case {n}: {'workbook' if workbook else 'folder'} {mutations!r}"[:2000]
        outcome = run_case(path, before, where)
        outcomes[outcome] += 1
        if n % SAMPLE_EVERY == 0:
            admin_upload(path, where=where, accepted=outcome == "accepted")
        shutil.rmtree(folder, ignore_errors=True)

    check()
    assert sum(outcomes.values()) >= CASES
    # both verdicts really occur (about 20 % accepted at 300 cases)
    assert outcomes["accepted"] > CASES // 20 and outcomes["refused"] > CASES // 4, outcomes


UNREADABLE = ("Het bestand kon niet worden gelezen", "The file could not be read", "Onverwachte fout")


@pytest.fixture
def admin_upload(client, settings, tmp_path):
    """admin_upload(path, ...) uploads a case on the import page as HR admin (a folder as a ZIP,
    now and then with a symbolic link member or `..` names) and checks the report page."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from levensfase.web.accounts.models import Role

    from support.org_fixture import make_user

    settings.HOME = tmp_path / "home"
    client.force_login(make_user("fuzz-admin", Role.HR_ADMIN))
    uploads = count()

    def upload(path: Path, *, where: str, accepted: bool) -> None:
        n = next(uploads)
        if path.is_dir():
            name = "export.zip"
            data = fz.as_zip(path, symlink="units" if n % 3 == 1 else None, dotdot=n % 3 == 2)
        else:
            name, data = path.name, path.read_bytes()
        response = client.post(reverse("import"), {"file": SimpleUploadedFile(name, data), "mapping": ""})
        assert response.status_code in (200, 302), where
        html = response.content.decode()
        if response.status_code == 302:
            report = client.get(response["Location"])
            assert report.status_code == 200, where
            html = report.content.decode()
            assert len(report.content) < 1_000_000, f"{where}: report page of {len(report.content):,} bytes"
        assert not any(text in html for text in UNREADABLE), f"{where}: {html[html.find('<main'):][:1500]}"
        if n % 3 == 0 and accepted:  # the same files in a ZIP: the same verdict as in-process
            assert 'class="problems"' not in html, where

    return upload


# --- accepted imports break no page --------------------------------------------------------------

PAGES = ("/", "/people/", "/dashboards/", "/dashboards/flows/", "/dashboards/retention/",
         "/dashboards/categories/", "/competencies/", "/competencies/mine/", "/competencies/team/",
         "/competencies/match/", "/competencies/dashboard/", "/maatwerk/", "/maatwerk/requests/",
         "/maatwerk/team/", "/maatwerk/register/", "/maatwerk/catalog/", "/maatwerk/policy-scan/",
         "/planning/", "/surveys/", "/surveys/mine/", "/surveys/dashboard/", "/surveys/follow-up/")
M = fz.Mutation
# Cases at the edges that are (and must stay) accepted, plus the accepted shapes of the inputs that
# used to break pages: an open end written as 9999-12-31, extreme but plausible dates and numbers,
# catalog ids with spaces or slashes, quoted cells, an extra column, CRLF and blank lines.
ACCEPTED = (
    [M("date", "assignments", row=1, column=1, pick=0),  # end_date 9999-12-31: open
     M("date", "people", row=0, column=0, pick=5), M("date", "assignments", row=0, column=0, pick=6),  # 1900, 1950
     M("date", "assignments", row=3, column=1, pick=13),  # a planned retirement in 2199
     M("free_text", "assignments", row=3, column=7, text="retirement"),
     M("number", "jobs", row=1, column=4, pick=18), M("number", "assignments", row=3, column=5, pick=20),
     M("free_text", "conversations", row=1, column=3, text="1e30"),  # conversation answers are text
     M("free_text", "conversations", row=2, column=3, text="zeventig"),
     M("free_text", "conversations", row=7, column=3, text="nan"),
     M("free_text", "conversations", row=0, column=3, text="<b>x</b>"),
     M("free_text", "arrangements", row=1, column=1, text="a/b c"),  # an arrangement code is text
     M("free_text", "life_events", row=0, column=1, text="child")],
    [M("rename_id", "units", row=3, pick=1), M("rename_id", "jobs", row=2, pick=0),  # "a b", "a/b"
     M("rename_id", "people", row=5, pick=20), M("text", "units", row=1, column=1, pick=2),
     M("header", "units", column=2, pick=5), M("blank_lines", "people", count=3, pick=1),
     M("text", "jobs", row=4, column=1, pick=3), M("text", "units", row=2, column=1, pick=1),
     M("bom", "units", count=0)],
)


def test_accepted_imports_break_no_page_for_any_role_nor_the_analysis(stored, base, tmp_path, client, users):
    from django.urls import reverse
    from typer.testing import CliRunner

    from levensfase.cli import app
    from levensfase.web.accounts.models import Role
    from levensfase.web.hr.models import Person

    tables, _ = base
    roles = [Role.HR_ADMIN, Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH,
             Role.WORKS_COUNCIL]
    for n, mutations in enumerate(ACCEPTED):
        folder = fz.write_case(tables, mutations, tmp_path / f"accepted{n}", whole=True)
        outcome = import_files(folder, source=f"accepted {n}")
        assert outcome.ok, (mutations, outcome.problems)
        for role in roles:
            client.force_login(users[role])
            for page in PAGES:
                assert client.get(page).status_code < 500, (mutations, role, page)
        client.force_login(users[Role.HR_ADMIN])
        for person in Person.objects.values_list("person_id", flat=True):
            for name in ("person", "competencies:profile", "maatwerk:conversation"):
                page = reverse(name, kwargs={"person_id": person})
                assert client.get(page).status_code < 500, (mutations, page)
        out = tmp_path / f"report{n}.json"
        ran = CliRunner().invoke(app, ["analyse", "--data", str(folder), "--as-of", "2025-01-01", "--out", str(out)])
        assert ran.exit_code == 0, (mutations, ran.output)
        assert json.loads(out.read_text())  # a real report was written
