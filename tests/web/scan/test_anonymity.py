"""The stored answers carry no person reference and cannot be linked to who took part (issue 19).

How: participation rows are all written when the round opens (answering flips a flag, nothing
else); answers wait without any reference until their unit has k answer sets and then move, as one
shuffled batch under fresh random ids, into a table that holds exactly the exchange columns."""

from __future__ import annotations

import re
from datetime import timedelta

from django.db import connection

from levensfase.web.scan.models import PendingScanAnswer, ScanParticipation, ScanResponse
from levensfase.web.scan.services import EXCHANGE_COLUMNS

from .conftest import all_answers


def _columns(model) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)]


def test_the_response_table_holds_exactly_the_exchange_columns(db):
    assert sorted(_columns(ScanResponse)) == sorted(EXCHANGE_COLUMNS)
    assert not [f for f in ScanResponse._meta.get_fields() if f.is_relation]


def test_waiting_answers_hold_no_person_and_no_time():
    names = {f.name for f in PendingScanAnswer._meta.get_fields()}
    assert names == {"id", "round", "unit_id", "role", "answers"}


def test_participation_rows_are_all_written_when_the_round_opens(scan_round, answer):
    before = list(ScanParticipation.objects.order_by("pk").values_list("pk", "person_id"))
    assert [p for _, p in before] == ["P01", "P02", "P05", "P07", "P09"]  # sorted, not in answering order
    answer("P09", 4)
    answer("P01", 2)
    after = list(ScanParticipation.objects.order_by("pk").values_list("pk", "person_id"))
    assert after == before  # answering adds no row and changes no id
    assert set(ScanParticipation.objects.filter(answered=True).values_list("person_id", flat=True)) == {"P01", "P09"}
    assert {f.name for f in ScanParticipation._meta.get_fields()} == {"id", "round", "person", "unit", "role",
                                                                        "answered"}


def test_answers_wait_until_the_unit_has_k_then_move_as_one_batch(scan_round, answer):
    answer("P01", 1, k=2)  # TA1: one answer set waits, nothing is in the response table
    assert ScanResponse.objects.count() == 0 and PendingScanAnswer.objects.count() == 1
    answer("P02", 3, k=2)  # TA2: its own unit, still one each
    assert ScanResponse.objects.count() == 0 and PendingScanAnswer.objects.count() == 2
    answer("P05", 5, k=2)  # TA1 reaches 2: both TA1 sets move together
    items = len(all_answers(1))
    assert ScanResponse.objects.count() == 2 * items
    assert set(ScanResponse.objects.values_list("unit_id", flat=True)) == {"TA1"}
    assert sorted(ScanResponse.objects.filter(item="dm1").values_list("value", flat=True)) == [1.0, 5.0]
    assert list(PendingScanAnswer.objects.values_list("unit_id", flat=True)) == ["TA2"]


def test_response_ids_are_random_and_the_date_is_the_rounds(scan_round, answer, org):
    for person_id, value in (("P01", 2), ("P05", 4)):
        answer(person_id, value, k=2)
    ids = set(ScanResponse.objects.values_list("response_id", flat=True))
    assert len(ids) == 2 and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert set(ScanResponse.objects.values_list("date", flat=True)) == {org.today - timedelta(days=3)}
    stored = " ".join(str(v) for v in ScanResponse.objects.values_list("response_id", "unit_id", "role", "item"))
    assert "P01" not in stored and "P05" not in stored


def test_a_batch_is_stored_in_shuffled_order(scan_round, answer):
    """Over many releases the first stored set is not always the first answer: insertion order (and
    so SQLite's rowid) does not follow the order of answering."""
    from levensfase.web.scan import services

    first_values = set()
    for attempt in range(12):
        ScanResponse.objects.all().delete()
        for value in (1, 2, 3, 4, 5):
            PendingScanAnswer.objects.create(round=scan_round, unit_id="TA1", role="employee",
                                             answers={"dm1": value})
        services.release(round_id=scan_round.pk, k=5, closing=False)
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM lf_scan_response ORDER BY " +
                           ("rowid" if connection.vendor == "sqlite" else "ctid"))
            first_values.add(cursor.fetchone()[0])
    assert len(first_values) > 1


def test_what_waits_at_close_is_released_then(scan_round, answer, org):
    from levensfase.web.scan import services

    answer("P07", 4, k=5)  # the manager alone in ZORG
    assert services.close_due_rounds(today=org.today, k=5) == 0  # still open
    assert services.close_due_rounds(today=scan_round.closes_on + timedelta(days=1), k=5) == 1
    assert set(ScanResponse.objects.values_list("role", flat=True)) == {"manager"}
    assert services.close_due_rounds(today=scan_round.closes_on + timedelta(days=2), k=5) == 0
