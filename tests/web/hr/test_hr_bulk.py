"""The empty-table fast path of import_tables (bulk.py): same rows, indexes back, failures undone."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from levensfase.model.schema import TABLE_ORDER
from levensfase.web.hr import bulk, services, writing
from levensfase.web.hr.models import ImportRun
from levensfase.web.hr.selectors import load_tables
from levensfase.web.hr.services import import_tables
from levensfase.web.hr.tables import DB_TABLES

pytestmark = pytest.mark.django_db


def _stored_rows() -> dict[str, list[tuple]]:
    """Every stored row of every exchange table without its surrogate id, in a fixed order."""
    q = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for name in TABLE_ORDER:
            db = DB_TABLES[name]
            columns = ", ".join(f"CAST({q(c)} AS TEXT)" if c == "answers" else q(c) for c in db.columns)
            cursor.execute(f"SELECT {columns} FROM {q(db.db_table)}")
            rows[name] = sorted(cursor.fetchall(), key=repr)
    return rows


def _indexes() -> dict[str, set[str]]:
    """Index names per exchange table as Django's introspection sees them (not bulk.py's query)."""
    found = {}
    with connection.cursor() as cursor:
        for name in TABLE_ORDER:
            table = DB_TABLES[name].db_table
            constraints = connection.introspection.get_constraints(cursor, table)
            found[table] = {
                f"{c}:{','.join(info['columns'])}" for c, info in constraints.items()
                if info["index"] and not info["unique"] and not info["primary_key"]
            }
    return found


def test_the_migrated_tables_have_secondary_indexes_to_rebuild():
    with connection.cursor() as cursor:
        names = {n for n, _ in bulk.secondary_indexes(cursor, "lf_assignment")}
    introspected = _indexes()["lf_assignment"]
    assert names == {c.split(":")[0] for c in introspected}
    # the foreign key job_id and the (unit_id, start_date) index; PostgreSQL adds a second
    # (pattern-ops) index per text foreign key. person_id and unit_id lead other indexes (0002).
    assert {c.split(":")[1] for c in introspected} == {"job_id", "unit_id,start_date"}


def test_fast_path_stores_the_same_rows_as_the_row_by_row_path(small_tables, monkeypatch):
    used = []
    real = writing.bulk_load
    monkeypatch.setattr(writing, "bulk_load", lambda cursor, plan, prepared, run: used.append(plan.name) or real(cursor, plan, prepared, run=run))
    import_tables(tables=small_tables, source="fast")
    fast = _stored_rows()
    services.clear_all()

    plain_rows = lambda plan: writing.prepare(plan.name, plan.new, json=False)[0]  # noqa: E731
    monkeypatch.setattr(writing, "bulk_load", lambda cursor, plan, prepared, run: writing.insert(cursor, plan.name, plain_rows(plan), run=run) or [])
    import_tables(tables=small_tables, source="plain")
    plain = _stored_rows()

    assert used == list(TABLE_ORDER)  # every table was empty, so every table took the fast path
    assert fast == plain
    assert sum(len(rows) for rows in fast.values()) == 3 + 2 + 3 + 5 + 2 + 3 + 3 + 2 + 2 + 2 + 2 + 2


def _index_sql() -> dict[str, list[tuple[str, str]]]:
    with connection.cursor() as cursor:
        return {name: bulk.secondary_indexes(cursor, DB_TABLES[name].db_table) for name in TABLE_ORDER}


def test_indexes_exist_after_a_fast_import(small_tables):
    before, sql_before = _indexes(), _index_sql()
    assert sum(len(v) for v in before.values()) >= 5

    import_tables(tables=small_tables, source="fast")

    assert _indexes() == before
    assert _index_sql() == sql_before  # recreated from the same definitions


def test_a_second_import_into_filled_tables_takes_the_diff_path(small_tables, monkeypatch):
    import_tables(tables=small_tables, source="first")
    used = []
    monkeypatch.setattr(writing, "bulk_load", lambda cursor, plan, prepared, run: used.append(plan.name) or [])
    fewer = small_tables["life_events"].head(1)
    summary = import_tables(tables={"life_events": fewer, "absences": small_tables["absences"]}, source="second",
                            options=services.ImportOptions(mode="snapshot", allow_removal=True))
    assert used == []
    assert summary.tables["life_events"] == services.TableChange(0, 0, 0)  # P3 is not in the file: kept
    assert load_tables(names=["life_events"])["life_events"].height == 2


@pytest.mark.django_db(transaction=True)  # real commits: the rollback, DDL included, is the database's own
def test_a_failure_during_a_fast_import_leaves_tables_and_indexes_as_before(small_tables, monkeypatch):
    before = _indexes()
    real_insert = writing.insert

    def failing_insert(cursor, name, rows, **kwargs):
        if name == "absences":  # units … life_events are loaded, absences' indexes are dropped
            raise RuntimeError("disk full")
        real_insert(cursor, name, rows, **kwargs)

    monkeypatch.setattr(writing, "insert", failing_insert)
    with pytest.raises(RuntimeError, match="disk full"):
        import_tables(tables=small_tables, source="fails")

    assert all(frame.height == 0 for frame in load_tables().values())
    assert _indexes() == before
    assert ImportRun.objects.count() == 0
    monkeypatch.setattr(writing, "insert", real_insert)
    import_tables(tables=small_tables, source="again")  # and the next import works
    assert load_tables(names=["absences"])["absences"].height == 3


@pytest.mark.django_db(transaction=True)
def test_a_failure_in_the_preparing_worker_rolls_everything_back(small_tables, monkeypatch):
    before = _indexes()
    real_prepare = writing.prepare
    prepared = []

    def failing_prepare(name, frame, *, json):
        prepared.append(name)
        if name == "surveys":  # runs in the worker thread while absences are being stored
            raise MemoryError("no room for surveys")
        return real_prepare(name, frame, json=json)

    monkeypatch.setattr(writing, "prepare", failing_prepare)
    with pytest.raises(MemoryError, match="no room"):
        import_tables(tables=small_tables, source="fails")
    assert prepared[:7] == list(TABLE_ORDER[:7])  # the worker prepared in table order up to surveys
    assert all(frame.height == 0 for frame in load_tables().values())
    assert _indexes() == before
    assert ImportRun.objects.count() == 0


def test_prepared_batches_hold_the_rows_in_key_order(small_tables, monkeypatch):
    """The JSON the worker writes (SQLite) decodes to the database rows, sorted by natural key."""
    import json

    monkeypatch.setattr(writing, "JSON_BATCH_ROWS", 2)  # several batches even for small tables
    rows, batches = writing.prepare("assignments", small_tables["assignments"], json=True)
    decoded = [row for batch in batches for row in json.loads(batch)]
    assert len(batches) == 3 and len(decoded) == 5
    people_dates = [(r[0], r[1]) for r in decoded]  # person_id, start_date lead the key
    assert people_dates == sorted(people_dates)
    assert decoded == [list(r) for r in rows.select(DB_TABLES["assignments"].columns).iter_rows()]
    assert writing.prepare("assignments", small_tables["assignments"], json=False)[1] is None  # PostgreSQL copies


def test_json_batches_escape_text_and_keep_numbers_exact():
    import json

    import polars as pl

    awkward = ['plain', 'a "quote"', "back\\slash", "tab\there", "new\nline", "\x01bell", "café", None]
    rows = pl.DataFrame({"code": awkward, "start_date": ["2024-01-01"] * 8, "end_date": [None] * 8,
                         "hours": [0.1 + 0.2, 1 / 3, 1e-7, 1e300, -0.0, 2.0, None, 5.5],
                         "cost_eur": [None] * 8, "person_id": [f"P{i}" for i in range(8)]})
    (batch,) = writing.json_batches("arrangements", rows)
    decoded = json.loads(batch)
    by_column = dict(zip(DB_TABLES["arrangements"].columns, zip(*decoded)))
    assert list(by_column["code"]) == awkward
    assert list(by_column["hours"]) == [0.1 + 0.2, 1 / 3, 1e-7, 1e300, -0.0, 2.0, None, 5.5]


def test_the_natural_key_indexes_serve_lookups_by_person_and_unit(small_tables):
    """Migration 0002 dropped the indexes of foreign keys that lead another index: lookups by
    person_id (and assignments by unit_id) must still use an index, not read the whole table."""
    import_tables(tables=small_tables, source="x")
    lookups = [(DB_TABLES[n].db_table, "person_id") for n in TABLE_ORDER if DB_TABLES[n].key[0] == "person_id"
               and n != "people"] + [("lf_assignment", "unit_id"), ("lf_job_skill", "job_id")]
    assert len(lookups) == 9
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in lookups:
            sql = f"SELECT * FROM {q(table)} WHERE {q(column)} = %s"
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + sql, ["P1"])
                plan = " ".join(str(row[-1]) for row in cursor.fetchall())
                assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (table, plan)
            else:
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("EXPLAIN " + sql, ["P1"])
                plan = " ".join(row[0] for row in cursor.fetchall())
                assert "Index" in plan, (table, plan)


def test_awkward_text_survives_the_json_batches_into_the_database(small_tables):
    import polars as pl

    values = ['a "quote"', "back\\slash", "tab\there", "new\nline", "\x01bell", "unit\x1fsep", "café €", "{}[],:"]
    conversations = pl.DataFrame(
        {"person_id": ["P1"] * len(values), "date": [date(2024, 1, d) for d in range(1, len(values) + 1)],
         "topic": ["ambition"] * len(values), "value": values},
        schema=small_tables["conversations"].schema,
    )
    import_tables(tables={**small_tables, "conversations": conversations}, source="awkward")
    stored = load_tables(names=["conversations"])["conversations"].sort("date")
    assert stored["value"].to_list() == values
