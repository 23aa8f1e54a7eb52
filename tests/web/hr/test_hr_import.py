"""import_tables / load_tables against a real database (SQLite, or PostgreSQL via DATABASE_URL)."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest
from django.db import connection
from polars.testing import assert_frame_equal

from levensfase.model.schema import TABLES
from levensfase.web.hr import bulk
from levensfase.web.hr.models import Assignment, ImportRun, Person, SurveyResponse
from levensfase.web.hr.selectors import load_tables, load_workforce
from levensfase.web.hr.services import ImportOptions, ImportRefused, TableChange, clear_all, import_tables

pytestmark = pytest.mark.django_db


def _assert_tables_equal(got: dict[str, pl.DataFrame], want: dict[str, pl.DataFrame]) -> None:
    assert set(got) >= set(want)
    for name, frame in want.items():
        key = list(TABLES[name].key)
        assert_frame_equal(got[name].sort(key), frame.sort(key), check_exact=True, check_row_order=True)


def _ids(table: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY id")
        return [r[0] for r in cursor.fetchall()]


def test_round_trip_is_exact_for_all_twelve_tables(small_tables):
    summary = import_tables(tables=small_tables, source="test")

    _assert_tables_equal(load_tables(), small_tables)
    assert summary.changed is True
    for name, frame in small_tables.items():
        assert summary.tables[name] == TableChange(added=frame.height, changed=0, removed=0)


def test_storage_keeps_surveys_per_response_and_blank_optional_text(small_tables):
    import_tables(tables=small_tables, source="test")

    # 5 long survey rows are 3 responses: (P1, 2023-05-01, wai), (P1, …, uwes9), (P3, 2023-05-02, wai)
    responses = {(r.person_id, r.instrument): r.answers for r in SurveyResponse.objects.all()}
    assert responses == {
        ("P1", "wai"): {"wai_1": 8.0, "wai_2": 2 / 3},
        ("P1", "uwes9"): {"vi1": 5.0},
        ("P3", "wai"): {"wai_1": 6.5, 'odd "item"\\': 1e-7},
    }
    assert Person.objects.get(person_id="P2").sex == ""  # the models keep optional text as ""
    assert Assignment.objects.get(person_id="P3", start_date=date(2010, 1, 1)).fte == 0.1 + 0.2


def test_reimport_of_identical_data_changes_nothing(small_tables):
    first = import_tables(tables=small_tables, source="first")
    ids_before = {t: _ids(t) for t in ("lf_assignment", "lf_survey_response", "lf_absence")}

    again = import_tables(tables=small_tables, source="again")

    assert again.changed is False
    assert all(c == TableChange(0, 0, 0) for c in again.tables.values())
    assert {t: _ids(t) for t in ids_before} == ids_before
    runs = list(ImportRun.objects.order_by("id").values_list("id", "changed", "source"))
    assert runs == [(first.run_id, True, "first"), (again.run_id, False, "again")]
    assert ImportRun.objects.get(pk=again.run_id).summary["assignments"] == {"added": 0, "changed": 0, "removed": 0}


def _second_import(small_tables) -> dict[str, pl.DataFrame]:
    """P4 added, P1's J2 assignment at 0.9 FTE, P3's J2 assignment absent."""
    people = pl.concat([small_tables["people"], TABLES["people"].empty().vstack(
        pl.DataFrame({"person_id": ["P4"], "birth_date": [date(2001, 1, 1)], "sex": ["m"], "display_name": [None]},
                     schema=TABLES["people"].polars_schema))])
    assignments = (
        small_tables["assignments"]
        .filter(~((pl.col("person_id") == "P3") & (pl.col("job_id") == "J2")))
        .with_columns(
            fte=pl.when((pl.col("person_id") == "P1") & (pl.col("job_id") == "J2")).then(0.9).otherwise(pl.col("fte"))
        )
    )
    return {"people": people, "assignments": assignments}


def test_an_update_adds_and_changes_by_key_and_removes_nothing_absent(small_tables):
    import_tables(tables=small_tables, source="first")
    ids_before = _ids("lf_assignment")
    second = _second_import(small_tables)

    summary = import_tables(tables=second, source="second")

    assert summary.tables == {"people": TableChange(1, 0, 0), "assignments": TableChange(0, 1, 0)}
    assert Assignment.objects.get(person_id="P1", job_id="J2").fte == 0.9
    assert Assignment.objects.filter(person_id="P3", job_id="J2").exists()  # absent from the file, kept
    assert _ids("lf_assignment") == ids_before  # kept rows keep their ids
    kept = small_tables["assignments"].filter((pl.col("person_id") == "P3") & (pl.col("job_id") == "J2"))
    expected = dict(small_tables, people=second["people"], assignments=pl.concat([second["assignments"], kept]))
    _assert_tables_equal(load_tables(), expected)


def test_a_snapshot_removes_the_absent_assignment_of_a_person_it_carries(small_tables):
    import_tables(tables=small_tables, source="first")
    ids_before = _ids("lf_assignment")
    second = _second_import(small_tables)

    summary = import_tables(tables=second, source="second", options=ImportOptions(mode="snapshot", allow_removal=True))

    assert summary.tables == {"people": TableChange(1, 0, 0), "assignments": TableChange(0, 1, 1)}
    assert set(summary.tables) == {"people", "assignments"}  # tables not in the import are untouched
    assert len(_ids("lf_assignment")) == len(ids_before) - 1
    assert set(_ids("lf_assignment")) < set(ids_before)  # kept rows keep their ids
    _assert_tables_equal(load_tables(), dict(small_tables, **second))


def test_survey_changes_are_counted_in_exchange_rows_and_absent_answers_stay(small_tables):
    import_tables(tables=small_tables, source="first")
    surveys = (
        small_tables["surveys"]
        .filter(pl.col("instrument") != "uwes9")  # the uwes9 response is absent from the file: it stays
        .with_columns(value=pl.when(pl.col("item") == "wai_2").then(0.25).otherwise(pl.col("value")))  # 1 changed
        .vstack(pl.DataFrame({"person_id": ["P2"], "date": [date(2024, 1, 1)], "instrument": ["was"],
                              "item": ["was_1"], "value": [3.0]}))  # 1 added (a new response)
    )
    summary = import_tables(tables={"surveys": surveys}, source="second")

    assert summary.tables == {"surveys": TableChange(1, 1, 0)}
    assert SurveyResponse.objects.count() == 4  # P1 wai, P1 uwes9, P3 wai, P2 was
    assert SurveyResponse.objects.get(person_id="P1", instrument="wai").answers == {"wai_1": 8.0, "wai_2": 0.25}
    kept = small_tables["surveys"].filter(pl.col("instrument") == "uwes9")
    _assert_tables_equal(load_tables(names=["surveys"]), {"surveys": pl.concat([surveys, kept])})


@pytest.mark.parametrize("mode", ["update", "snapshot"])
def test_a_person_absent_from_the_people_file_is_never_removed(small_tables, mode):
    import_tables(tables=small_tables, source="first")
    before = load_tables()
    people = small_tables["people"].filter(pl.col("person_id") != "P3")

    summary = import_tables(tables={"people": people}, source="second", options=ImportOptions(mode=mode))

    assert summary.tables == {"people": TableChange(0, 0, 0)}
    _assert_tables_equal(load_tables(), before)


def test_a_person_absent_from_a_snapshot_keeps_every_row(small_tables):
    import_tables(tables=small_tables, source="first")
    before = load_tables()
    without = {name: (f.filter(pl.col("person_id") != "P3") if "person_id" in f.columns else f)
               for name, f in small_tables.items()}

    summary = import_tables(tables=without, source="second", options=ImportOptions(mode="snapshot"))

    assert all(change == TableChange(0, 0, 0) for change in summary.tables.values())
    assert summary.leavers["person_id"].to_list() == ["P3"]  # open assignments, missing: a warning only
    _assert_tables_equal(load_tables(), before)
    assert Assignment.objects.filter(person_id="P3", end_date__isnull=True).count() == 2  # no end date given


def test_reference_to_an_unknown_key_is_refused(small_tables):
    import_tables(tables=small_tables, source="first")
    assignments = small_tables["assignments"].with_columns(
        unit_id=pl.when(pl.col("person_id") == "P2").then(pl.lit("NOPE")).otherwise(pl.col("unit_id")))

    with pytest.raises(ImportRefused, match="NOPE"):
        import_tables(tables={"assignments": assignments}, source="second",
                      options=ImportOptions(mode="snapshot", allow_removal=True))
    _assert_tables_equal(load_tables(names=["assignments"]), {"assignments": small_tables["assignments"]})


@pytest.mark.django_db(transaction=True)  # real commits: the rollback is the database's own
def test_a_failure_midway_writes_nothing(small_tables, monkeypatch):
    import_tables(tables=small_tables, source="first")
    before = load_tables()
    changed = {
        "units": small_tables["units"].with_columns(name=pl.col("name") + " (nieuw)"),
        "people": small_tables["people"].with_columns(sex=pl.lit("x")),
        "assignments": small_tables["assignments"].with_columns(fte=pl.col("fte") / 2),
    }
    calls = []
    real_update = bulk.update_rows

    def failing_update(cursor, db, rows):
        calls.append(db.name)
        if len(calls) == 2:  # units were already updated when people fail
            raise RuntimeError("disk full")
        real_update(cursor, db, rows)

    monkeypatch.setattr(bulk, "update_rows", failing_update)
    with pytest.raises(RuntimeError, match="disk full"):
        import_tables(tables=changed, source="second")

    assert calls == ["units", "people"]
    _assert_tables_equal(load_tables(), before)
    assert ImportRun.objects.count() == 1


def test_bad_input_gets_a_clear_refusal_and_writes_nothing(small_tables):
    doubled = pl.concat([small_tables["people"], small_tables["people"].head(1)])
    with pytest.raises(ImportRefused, match="repeat the key"):
        import_tables(tables={"people": doubled}, source="x")
    with pytest.raises(ImportRefused) as refused:
        import_tables(tables={"peoples": small_tables["people"]}, source="x")
    assert "peoples" in refused.value.message_en
    long_id = small_tables["people"].with_columns(person_id=pl.lit("P" * 65) + pl.col("person_id"))
    with pytest.raises(ImportRefused, match="longer than 64"):
        import_tables(tables={"people": long_id}, source="x")
    assert Person.objects.count() == 0 and ImportRun.objects.count() == 0


def test_clear_all_empties_every_exchange_table(small_tables):
    import_tables(tables=small_tables, source="first")
    clear_all()
    assert all(frame.height == 0 for frame in load_tables().values())
    assert ImportRun.objects.count() == 1


def test_load_workforce_derives_spells_from_stored_assignments(small_tables):
    import_tables(tables=small_tables, source="first")
    spells = load_workforce().spells
    # P1: 2015-01-01..2019-12-31 then adjacent 2020-01-01..open → one ongoing spell.
    # P2: one ended spell (voluntary). P3: two overlapping open assignments → one spell.
    assert spells.select("person_id", "start_date", "end_date", "end_reason").rows() == [
        ("P1", date(2015, 1, 1), None, None),
        ("P2", date(2021, 3, 1), date(2023, 2, 28), "voluntary"),
        ("P3", date(2010, 1, 1), None, None),
    ]


def test_progress_reports_each_table_and_ends_at_one(small_tables):
    seen = []
    import_tables(tables={"units": small_tables["units"], "jobs": small_tables["jobs"]}, source="x",
                  progress=lambda stage, fraction: seen.append((stage, fraction)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and seen[-1] == ("done", 1.0)
    assert {s for s, _ in seen} == {"units", "jobs", "done"}


def test_answers_json_is_what_python_would_parse(small_tables):
    """The JSON built in Polars parses (independently, with json.loads) to the exact floats."""
    from levensfase.web.hr.tables import survey_responses

    got = {tuple(r[:3]): json.loads(r[3]) for r in survey_responses(small_tables["surveys"]).rows()}
    assert got[("P3", date(2023, 5, 2), "wai")] == {"wai_1": 6.5, 'odd "item"\\': 1e-7}
    assert got[("P1", date(2023, 5, 1), "wai")]["wai_2"] == 2 / 3


def test_answers_written_by_the_orm_load_as_long_rows(small_tables):
    """A response saved elsewhere in the app (integers, an item named like a key column) reads back."""
    import_tables(tables={"people": small_tables["people"]}, source="first")
    SurveyResponse.objects.create(person_id="P2", date=date(2024, 2, 1), instrument="uwes9",
                                  answers={"date": 4, "vi1": 2.5})

    surveys = load_tables(names=["surveys"])["surveys"]

    assert surveys.rows() == [
        ("P2", date(2024, 2, 1), "uwes9", "date", 4.0),
        ("P2", date(2024, 2, 1), "uwes9", "vi1", 2.5),
    ]
    assert surveys.schema == TABLES["surveys"].polars_schema
