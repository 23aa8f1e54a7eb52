"""DESIGN §3 "An import never destroys": update and snapshot modes, app rows protected, undo.

Every table is compared as a dump of all its columns (ids and origin included), so "nothing
changed" and "restored exactly" mean byte for byte, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from django.contrib.auth.models import User
from django.db import connection

from levensfase.web.hr.models import Assignment, Conversation, ImportRun, SurveyResponse
from levensfase.web.hr.services import ImportOptions, ImportRefused, TableChange, import_tables
from levensfase.web.hr.tables import MODELS
from levensfase.web.hr.undo import undo_last
from levensfase.web.maatwerk.services import save_conversation
from levensfase.web.surveys.services import save_response

pytestmark = pytest.mark.django_db

SNAPSHOT = ImportOptions(mode="snapshot", allow_removal=True)
WAI_40 = {"q2_physical": 5.0, "q2_mental": 5.0, "q3_diseases": 0.0, "q4": 6.0, "q5_sick_days": 0.0,
          "q7_1": 4.0, "q7_2": 4.0, "q7_3": 4.0, "q1": 1.0, "q6": 7.0}  # WAI total 40 (see surveys/conftest)


def dump() -> dict[str, list[tuple]]:
    """Every row of every exchange table, every column as the database returns it, in id order."""
    q = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for name, model in MODELS.items():
            columns = ", ".join(q(f.column) for f in model._meta.concrete_fields)
            cursor.execute(f"SELECT {columns} FROM {q(model._meta.db_table)} ORDER BY {q(model._meta.pk.column)}")
            tables[name] = [tuple(str(v) for v in row) for row in cursor.fetchall()]
    return tables


def _row(frame: pl.DataFrame, *values) -> pl.DataFrame:
    return pl.DataFrame([(*values, *[None] * (frame.width - len(values)))], schema=frame.schema, orient="row")


def _app_answer() -> None:
    """P1 answers the WAI in the app (P1's current job J2 is mental work)."""
    save_response(person_id="P1", instrument="wai", items=WAI_40, on=date(2024, 3, 1))


def test_a_partial_update_removes_nothing(small_tables):
    import_tables(tables=small_tables, source="first")
    before = dump()
    partial = {name: frame.head(1) for name, frame in small_tables.items()}  # one row of each table, unchanged

    summary = import_tables(tables=partial, source="partial")

    assert all(change == TableChange(0, 0, 0) for change in summary.tables.values())
    assert dump() == before


@pytest.mark.parametrize("mode", ["update", "snapshot"])
def test_a_survey_only_import_keeps_every_answer_entered_in_the_app(small_tables, mode):
    import_tables(tables=small_tables, source="first")
    _app_answer()
    app_row = SurveyResponse.objects.get(person_id="P1", date=date(2024, 3, 1))
    assert app_row.import_run is None  # the survey service marks its rows as app rows

    more = pl.concat([small_tables["surveys"], _row(small_tables["surveys"], "P3", date(2024, 4, 1), "wai", "q1", 5.0)])
    summary = import_tables(tables={"surveys": more}, source="surveys", options=ImportOptions(mode=mode))

    assert summary.tables["surveys"] == TableChange(1, 0, 0)
    kept = SurveyResponse.objects.get(pk=app_row.pk)
    assert (kept.answers, kept.import_run) == (WAI_40, None)
    assert SurveyResponse.objects.count() == 5  # 3 imported + the app's + the new one


def test_a_clash_with_an_app_row_writes_nothing_without_confirmation_and_keeps_the_app_row(small_tables):
    import_tables(tables=small_tables, source="first")
    save_conversation(user=User.objects.create(username="m"), person_id="P1", on=date(2023, 9, 1),
                      answers={"ambition": "coach worden"})  # overwrites an imported answer: now the app's
    _app_answer()
    before = dump()
    clash = {
        "conversations": small_tables["conversations"],  # says "teamleider worden" for P1 on 2023-09-01
        "surveys": pl.concat([small_tables["surveys"], _row(small_tables["surveys"], "P1", date(2024, 3, 1), "wai",
                                                             "q1", 2.0)]),
        "people": small_tables["people"].with_columns(sex=pl.lit("x")),  # two people change
    }

    with pytest.raises(ImportRefused) as refused:
        import_tables(tables=clash, source="clash")
    assert "--skip-conflicts" in refused.value.message_en
    assert "conversations: 1 (e.g. P1 2023-09-01 ambition)" in refused.value.message_en
    assert "surveys: 1." in refused.value.message_en  # health data: a count, never the values
    assert dump() == before

    summary = import_tables(tables=clash, source="clash", options=ImportOptions(skip_conflicts=True))
    assert {n: f.height for n, f in summary.conflicts.items()} == {"conversations": 1, "surveys": 1}
    assert summary.tables["people"] == TableChange(0, 2, 0)
    assert Conversation.objects.get(person_id="P1", topic="ambition").value == "coach worden"
    assert SurveyResponse.objects.get(person_id="P1", date=date(2024, 3, 1)).answers == WAI_40

    undo_last()
    assert dump() == before  # undo after a conflict resolution


def test_a_snapshot_that_removes_rows_writes_nothing_unless_confirmed(small_tables):
    import_tables(tables=small_tables, source="first")
    before = dump()
    fewer = small_tables["absences"].filter(pl.col("start_date") != date(2023, 3, 1))  # P1 carried, one gone

    with pytest.raises(ImportRefused, match="--yes"):
        import_tables(tables={"absences": fewer}, source="s", options=ImportOptions(mode="snapshot"))
    with pytest.raises(ImportRefused, match="veranderd"):  # a typed count that no longer fits
        import_tables(tables={"absences": fewer}, source="s", options=ImportOptions(mode="snapshot", expect_removed=2))
    assert dump() == before

    summary = import_tables(tables={"absences": fewer}, source="s",
                            options=ImportOptions(mode="snapshot", expect_removed=1))
    assert summary.tables["absences"] == TableChange(0, 0, 1)
    assert summary.samples["absences"]["removed"].height == 1


def test_a_snapshot_removes_units_and_jobs_only_when_nothing_refers_to_them(small_tables):
    import_tables(tables=small_tables, source="first")
    units = small_tables["units"].filter(pl.col("unit_id") != "U2")  # P1 and P3 still work in U2
    extra = _row(small_tables["jobs"], "J3", "Stagiair", "staf", "mental", None)
    import_tables(tables={"jobs": pl.concat([small_tables["jobs"], extra])}, source="more jobs")
    before = dump()

    summary = import_tables(tables={"units": units, "jobs": small_tables["jobs"]}, source="s", options=SNAPSHOT)

    assert summary.tables == {"units": TableChange(0, 0, 0), "jobs": TableChange(0, 0, 1)}  # only J3 was free
    assert summary.samples["jobs"]["removed"]["job_id"].to_list() == ["J3"]
    undo_last()
    assert dump() == before


def test_undo_after_an_update_and_after_a_snapshot_restores_every_table(small_tables):
    assert dump() == {name: [] for name in MODELS}
    import_tables(tables=small_tables, source="first")
    first = dump()
    update = {
        "people": pl.concat([small_tables["people"], _row(small_tables["people"], "P4", date(2001, 1, 1), "m")]),
        "assignments": pl.concat([
            small_tables["assignments"].with_columns(fte=pl.col("fte") * 0.5),
            _row(small_tables["assignments"], "P4", date(2024, 1, 1), None, "U1", "J1", 1.0),
        ]),
        "surveys": small_tables["surveys"].with_columns(value=pl.col("value") + 1),
    }
    import_tables(tables=update, source="update")
    assert dump() != first
    undo_last()
    assert dump() == first

    snapshot = {"assignments": small_tables["assignments"].filter(pl.col("job_id") != "J2"),
                "life_events": small_tables["life_events"].head(0), "units": small_tables["units"]}
    summary = import_tables(tables=snapshot, source="snapshot", options=SNAPSHOT)
    assert summary.tables["assignments"].removed == 2
    undo_last()
    assert dump() == first

    with pytest.raises(ImportRefused, match="geen import om ongedaan te maken"):
        undo_last()  # the last run is an undo: nothing more to undo
    undone = ImportRun.objects.filter(undone_at__isnull=False).count()
    assert undone == 2


def test_undo_of_a_first_import_empties_the_tables_but_keeps_app_rows_and_refuses_orphans(small_tables):
    import_tables(tables=small_tables, source="first")
    _app_answer()  # P1 was added by this import: undoing it would orphan the answer
    with pytest.raises(ImportRefused, match="P1"):
        undo_last()
    assert SurveyResponse.objects.filter(import_run__isnull=True).count() == 1
    assert Assignment.objects.count() == 5  # nothing changed


def test_only_the_last_import_can_be_undone(small_tables):
    import_tables(tables=small_tables, source="first")
    first = dump()
    import_tables(tables={"people": small_tables["people"].with_columns(sex=pl.lit("f"))}, source="second")
    assert list(ImportRun.objects.exclude(undo=None).values_list("source", flat=True)) == ["second"]  # kept once
    undo_last()
    assert not ImportRun.objects.exclude(undo=None).exists()
    assert dump() == first
    with pytest.raises(ImportRefused):
        undo_last()


def test_a_corrected_unit_changes_the_row_with_an_assignment_id_and_is_refused_without(small_tables):
    with_ids = small_tables["assignments"].with_columns(assignment_id=pl.format("C{}", pl.int_range(pl.len())))
    import_tables(tables=dict(small_tables, assignments=with_ids), source="first")
    moved = with_ids.with_columns(unit_id=pl.when(pl.col("person_id") == "P2").then(pl.lit("U2"))
                                  .otherwise(pl.col("unit_id")))

    summary = import_tables(tables={"assignments": moved}, source="corrected")

    assert summary.tables["assignments"] == TableChange(0, 1, 0)
    assert list(Assignment.objects.filter(person_id="P2").values_list("unit_id", "assignment_id")) == [("U2", "C2")]
    assert Assignment.objects.count() == 5  # changed, not a second concurrent assignment

    without_column = import_tables(tables={"assignments": moved.drop("assignment_id")}, source="no id column")
    assert without_column.tables["assignments"] == TableChange(0, 0, 0)  # the stored ids stay
    assert Assignment.objects.filter(assignment_id__isnull=True).count() == 0

    without = moved.with_columns(assignment_id=pl.lit(None, pl.String()),
                                 unit_id=pl.when(pl.col("person_id") == "P2").then(pl.lit("U1"))
                                 .otherwise(pl.col("unit_id")))
    before = dump()
    with pytest.raises(ImportRefused) as refused:
        import_tables(tables={"assignments": without}, source="no ids")
    assert "assignment_id" in refused.value.message_en and "snapshot" in refused.value.message_en
    assert "P2 2021-03-01" in str(refused.value)
    assert dump() == before
