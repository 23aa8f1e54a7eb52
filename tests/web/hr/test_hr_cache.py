"""load_workforce returns the same Workforce until the data change (imports, clear_all, other processes)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from django.db import transaction

from levensfase.web.hr.models import ImportRun
from levensfase.web.hr.selectors import forget_workforce, load_workforce
from levensfase.web.hr.services import ImportRefused, clear_all, import_tables

# Outside a transaction only: inside one (pytest-django's default) the cache is bypassed on purpose.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    forget_workforce()
    yield
    forget_workforce()


def test_a_second_load_returns_the_same_workforce(small_tables):
    import_tables(tables=small_tables, source="first")
    first = load_workforce()
    assert load_workforce() is first
    assert first.people.height == 3


def _one_more_event(small_tables) -> pl.DataFrame:
    extra = pl.DataFrame([("P2", "study", date(2024, 9, 1), None)], schema=small_tables["life_events"].schema,
                         orient="row")
    return pl.concat([small_tables["life_events"], extra])


def test_an_import_invalidates_the_cache(small_tables):
    import_tables(tables=small_tables, source="first")
    before = load_workforce()

    import_tables(tables={"life_events": _one_more_event(small_tables)}, source="second")
    after = load_workforce()

    assert after is not before
    assert (before.life_events.height, after.life_events.height) == (2, 3)
    assert load_workforce() is after


def test_an_unchanged_reimport_and_a_refused_import_also_start_afresh(small_tables):
    import_tables(tables=small_tables, source="first")
    before = load_workforce()
    import_tables(tables=small_tables, source="same again")
    assert load_workforce() is not before  # a new ImportRun: cheap to reload, never stale

    kept = load_workforce()
    broken = small_tables["assignments"].with_columns(unit_id=pl.lit("NOPE"))
    with pytest.raises(ImportRefused):
        import_tables(tables={"assignments": broken}, source="refused")
    reloaded = load_workforce()
    assert reloaded is not kept
    assert reloaded.assignments.equals(kept.assignments)


def test_clear_all_invalidates_the_cache(small_tables):
    import_tables(tables=small_tables, source="first")
    assert load_workforce().people.height == 3
    clear_all()
    assert load_workforce().people.height == 0


def test_an_import_recorded_by_another_process_invalidates_the_cache(small_tables):
    import_tables(tables=small_tables, source="first")
    before = load_workforce()
    ImportRun.objects.create(source="another process", summary={}, changed=False)  # not via this process's services
    assert load_workforce() is not before


def test_inside_a_transaction_nothing_is_cached(small_tables):
    import_tables(tables=small_tables, source="first")
    outside = load_workforce()
    with transaction.atomic():
        inside = load_workforce()
        assert inside is not outside and load_workforce() is not inside
    assert load_workforce() is outside


def test_a_dry_run_rolled_back_leaves_no_trace_in_the_cache(small_tables):
    import_tables(tables=small_tables, source="first")
    outside = load_workforce()

    class DryRun(Exception):
        pass

    with pytest.raises(DryRun), transaction.atomic():
        import_tables(tables={"life_events": _one_more_event(small_tables)}, source="dry run")
        assert load_workforce().life_events.height == 3  # the uncommitted change is visible inside
        raise DryRun

    after = load_workforce()
    assert after.life_events.height == 2
    assert after is not outside  # the dry run bumped the write generation
