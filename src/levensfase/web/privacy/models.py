"""What the AVG rights leave behind (DESIGN §6): who was forgotten, and occupational-health records.

No row here holds an original person id: a forgotten person is remembered only as a keyed
one-way hash (`model.data_retention.person_hash`), enough to skip them in a later import.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ANONYMISED = "anonymised", _("Anonymised after the retention period")
    ERASED = "erased", _("Erased on request")


class ForgottenPerson(models.Model):
    """A person anonymised or erased: never to be recreated by an import or an undo.

    `token` is the pseudonym that now carries the employment history (anonymised), or empty
    (erased: nothing is left). `removed` counts the rows that went per table — never the data."""

    id_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    token = models.CharField(max_length=64, blank=True, default="")
    at = models.DateTimeField()
    left_on = models.DateField(null=True, blank=True)
    removed = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "lf_forgotten_person"
        ordering = ["-at", "-id"]


class OccupationalHealthRecord(models.Model):
    """Survey answers of a leaver who had asked the bedrijfsarts for follow-up: part of the
    medical dossier, kept under occupational health until `keep_until` (WGBO, 20 years by
    default) after the employer's own data were anonymised. Found by the keyed hash of the
    person id the bedrijfsarts knows; no other role reads this table."""

    person_hash = models.CharField(max_length=64, db_index=True)
    instrument = models.CharField(max_length=10)
    date = models.DateField()
    answers = models.JSONField(default=dict)
    keep_until = models.DateField()

    class Meta:
        db_table = "lf_oh_record"
        ordering = ["person_hash", "date", "instrument"]
