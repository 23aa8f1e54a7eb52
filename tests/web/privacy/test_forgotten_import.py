"""Skipping forgotten people in an import changes nothing else about it: a file without the
optional `display_name` column keeps the stored names (the reader's note of which columns the
file carried survives the filter), and the forgotten id is not recreated."""

from __future__ import annotations

from django.utils import timezone

from levensfase.web.hr.models import Person
from levensfase.web.hr.services import import_files
from levensfase.web.privacy.forgotten import hash_of
from levensfase.web.privacy.models import ForgottenPerson, Kind

from support.import_upload import FILES


def _folder(path, files):
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def test_an_update_without_names_keeps_them_and_skips_the_forgotten(db, tmp_path):
    named = dict(FILES, **{"people.csv": "person_id,birth_date,sex,display_name\n"
                                         "A1,1980-05-01,f,Sanne de Vries\nA2,1990-02-03,m,Joost Bakker\n"})
    assert import_files(_folder(tmp_path / "first", named), source="first").ok
    ForgottenPerson.objects.create(id_hash=hash_of("Z9"), kind=Kind.ERASED, token="", at=timezone.now())
    people = "person_id,birth_date,sex\nA1,1980-05-01,f\nZ9,1975-01-01,m\n"  # no names; Z9 was erased
    outcome = import_files(_folder(tmp_path / "again", {"people.csv": people}), source="again")
    assert outcome.ok, outcome.problems
    assert dict(Person.objects.values_list("person_id", "display_name")) == {
        "A1": "Sanne de Vries", "A2": "Joost Bakker"}
    assert any("overgeslagen" in note for note in outcome.notes)
