"""The data version (web/hr/versions.py) moves on every committed write to the hr data and not
otherwise, and is read without counting a table (it is read on every request)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from levensfase.web.hr.models import Absence, LifeEvent, Person
from levensfase.web.hr.selectors import forget_workforce, stored_data_version
from levensfase.web.ui import cache
from support.org_fixture import build_org

pytestmark = pytest.mark.django_db(transaction=True)  # real commits and rollbacks


def test_an_orm_save_or_delete_moves_the_stored_version_when_it_commits():
    build_org()
    start = stored_data_version()
    event = LifeEvent.objects.create(person_id="P02", event="study", start_date=date(2024, 9, 1))
    assert stored_data_version() == start + 1  # autocommit: at once
    event.delete()
    assert stored_data_version() == start + 2


def test_one_transaction_moves_it_once_however_many_rows():
    build_org()
    start = stored_data_version()
    with transaction.atomic():
        for day in (1, 2, 3):
            Absence.objects.create(person_id="P02", start_date=date(2025, 3, day), end_date=date(2025, 3, day))
        forget_workforce()  # a write service in the same transaction
        assert stored_data_version() == start  # not before the commit
    assert stored_data_version() == start + 1


def test_a_rollback_or_a_read_leaves_it():
    build_org()
    start, version = stored_data_version(), cache.data_version()

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        LifeEvent.objects.create(person_id="P02", event="study", start_date=date(2024, 9, 1))
        raise Undone
    assert stored_data_version() == start
    assert LifeEvent.objects.filter(event="study").count() == 0
    after_rollback = cache.data_version()
    list(Person.objects.all())
    cache.data_version()
    assert cache.data_version() == after_rollback  # reads change nothing
    assert after_rollback[0] == version[0]  # the stored part: no other process reloads


def test_the_page_cache_sees_a_save_in_this_process_before_it_commits():
    build_org()
    before = cache.data_version()
    with transaction.atomic():
        LifeEvent.objects.create(person_id="P02", event="study", start_date=date(2024, 9, 1))
        assert cache.data_version() != before


def test_the_version_is_one_statement_without_a_count():
    build_org()
    with CaptureQueriesContext(connection) as queries:
        cache.data_version()
    assert len(queries.captured_queries) == 1
    assert "COUNT(" not in queries.captured_queries[0]["sql"].upper()
