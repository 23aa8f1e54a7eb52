"""Retention runs after every stored import (LEVENSFASE_RETENTION_AFTER_IMPORT, on unless "0")."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.metrics import period_metrics
from levensfase.ingest.reader import read_exchange
from levensfase.model.workforce import Workforce
from levensfase.web.hr.models import ImportRun, Person
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.hr.services import import_files
from levensfase.web.privacy.retention import plan_retention

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_import_anonymises_the_old_leavers_it_brings(history_folder, monkeypatch):
    monkeypatch.setenv("LEVENSFASE_RETENTION_AFTER_IMPORT", "1")
    files = Workforce.from_tables(read_exchange(history_folder).tables)
    past = dict(start=date(date.today().year - 6, 1, 1), end=date(date.today().year - 4, 12, 31))

    outcome = import_files(history_folder, source="hris")
    notes = [n for n in outcome.notes if n.startswith("Bewaartermijn:")]
    assert len(notes) == 1 and "geanonimiseerd" in notes[0]
    assert plan_retention(today=date.today()).persons == []
    anonymised = Person.objects.filter(person_id__startswith="anon-").count()
    assert anonymised > 50 and f"{anonymised} vertrokken" in notes[0]
    assert period_metrics(load_workforce(), **past).as_dict() == period_metrics(files, **past).as_dict()
    assert ImportRun.objects.filter(source__startswith="bewaartermijn").count() == 1

    dry = import_files(history_folder, source="dry", dry_run=True)
    assert not dry.summary.changed and any("overgeslagen" in n for n in dry.notes)


def test_switched_off_nothing_is_anonymised(history_folder, monkeypatch):
    monkeypatch.setenv("LEVENSFASE_RETENTION_AFTER_IMPORT", "0")
    outcome = import_files(history_folder, source="hris")
    assert not [n for n in outcome.notes if n.startswith("Bewaartermijn:")]
    assert not Person.objects.filter(person_id__startswith="anon-").exists()
    assert plan_retention(today=date.today()).persons != []
