"""The social-innovation scan in the web app: rounds, who took part, the anonymous answers, programmes.

Anonymity by design (issue 19, DESIGN §3 v1.2 and §6). Three tables, deliberately unjoinable:

- `ScanParticipation`: one row per invited person and round, created *all at once when the round
  opens* (sorted by person id), so its ids and insertion order say nothing about when anyone
  answered. Answering only flips `answered` (no date, no time: "may answer once per round").
- `PendingScanAnswer`: answers wait here, per round and unit, keyed by a random UUID, without
  person, role-of-login, time or link to the participation, until the unit has at least k
  answer sets; then the whole batch moves to `ScanResponse` in shuffled order (services.release).
  A lone answer therefore never appears in the response table right after one participation flag
  flipped: an observer of the table sees batches of ≥ k answer sets, never one person's arrival.
  What is left when the round closes is released then (the round's participation no longer
  changes, so a snapshot cannot link it either). Results of a round are shown only after it closed.
- `ScanResponse`: exactly the exchange columns of `scan_responses.csv` — response_id (random
  UUID), unit_id, role, date (the *round's* date, never the moment of answering), item, value — and
  nothing else: no timestamps, no foreign key to a person, invitation or round. Its primary key is
  (response_id, item), so no auto-increment id records the order of arrival; rows of one batch are
  inserted shuffled, so even SQLite's hidden rowid only tells which batch a row came in.

Stated limit: while a round is open, a database superuser reading PostgreSQL's system columns
(`xmin`, the writing transaction) could pair a pending answer with the participation flag written
in the same transaction. The application never reads pending answers per person, no page or export
shows them, and they are deleted on release.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

ROLES = (("employee", "employee"), ("manager", "manager"))


def new_id() -> str:
    return uuid.uuid4().hex


class ScanRound(models.Model):
    """One measurement round of the scan for chosen units (their subunits included).

    `date` is the measurement date every answer of the round carries; `closes_on` the last day
    answers are accepted. `closed`: closed at its date or earlier by HR admin;
    everything waiting has been released, and only from then on are its results shown — once, so
    no one can subtract the published scores of one day from the next to get a late answer."""

    name = models.CharField(max_length=200)
    date = models.DateField()
    closes_on = models.DateField()
    units = models.ManyToManyField("hr.Unit", related_name="scan_rounds")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    closed = models.BooleanField(default=False)

    class Meta:
        db_table = "lf_scan_round"
        ordering = ["-date", "-id"]


class ScanParticipation(models.Model):
    """An invited person and whether they answered (once per round). Never linked to an answer."""

    round = models.ForeignKey(ScanRound, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey("hr.Person", on_delete=models.CASCADE, related_name="scan_participations")
    unit = models.ForeignKey("hr.Unit", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=ROLES)
    answered = models.BooleanField(default=False)

    class Meta:
        db_table = "lf_scan_participation"
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="lf_scan_participation_once")]


class PendingScanAnswer(models.Model):
    """One answer set waiting for its unit to reach k answer sets (see the module docstring)."""

    id = models.CharField(primary_key=True, max_length=32, default=new_id, editable=False)
    round = models.ForeignKey(ScanRound, on_delete=models.CASCADE, related_name="+")
    unit_id = models.CharField(max_length=64)
    role = models.CharField(max_length=10, choices=ROLES)
    answers = models.JSONField()

    class Meta:
        db_table = "lf_scan_pending"


class ScanResponse(models.Model):
    """One answer of the exchange format's scan_responses.csv; nothing ties it to a person."""

    pk = models.CompositePrimaryKey("response_id", "item")
    response_id = models.CharField(max_length=64)
    unit_id = models.CharField(max_length=64, db_index=True)
    role = models.CharField(max_length=10, choices=ROLES)
    date = models.DateField(db_index=True)
    item = models.CharField(max_length=64)
    value = models.FloatField()

    class Meta:
        db_table = "lf_scan_response"


class Programme(models.Model):
    """A change programme (veranderingstraject): units involved against comparison units (none
    chosen = the rest of the organisation), measured in the scan round of `baseline` and of
    `follow_up` (none yet: "onvoldoende gegevens"), with an optional target score per dimension."""

    name = models.CharField(max_length=200)
    start_date = models.DateField()
    units = models.JSONField(default=list)
    comparison_units = models.JSONField(default=list, blank=True)
    baseline = models.DateField()
    follow_up = models.DateField(null=True, blank=True)
    targets = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "lf_scan_programme"
        ordering = ["name", "id"]


class UnitKpi(models.Model):
    """One business result of `unit_kpis.csv` (DESIGN §3 v1.2): a figure per unit and period, not
    about any person, so it is shown as it is (no small-cell suppression). An upload adds or
    changes rows and never removes one the file does not carry (DESIGN §3: an import never destroys)."""

    unit_id = models.CharField(max_length=64)
    period_end = models.DateField()
    kpi = models.CharField(max_length=100)
    value = models.FloatField()

    class Meta:
        db_table = "lf_scan_unit_kpi"
        ordering = ["unit_id", "kpi", "period_end"]
        constraints = [models.UniqueConstraint(fields=["unit_id", "period_end", "kpi"], name="lf_scan_unit_kpi_once")]
