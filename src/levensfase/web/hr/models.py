"""Persistence of the exchange format (DESIGN §3): one model per exchange table.

Natural ids (unit_id, job_id, person_id, skill_id) are the primary keys, so a row in the
database and a row in a CSV file are named the same way and a re-import can be diffed by key.
Survey answers are kept as one row per response with the items as JSON: the long exchange
format would multiply rows by ten, and health data then live in exactly one table.

A foreign key that leads a table's natural key (person_id nearly everywhere) gets no index of its
own (`db_index=False`): the unique index of the key already finds its rows, and a second index
over the same column costs every import of ≈ 4 M rows seconds to build.

Every row knows where it came from (DESIGN §3, "an import never destroys"): `import_run` is the
id of the import that last wrote it (0: imported before this was recorded), NULL a row entered
in the app, which no import removes or overwrites. NULL is the default, so any write that does
not say otherwise is protected.
"""

from __future__ import annotations

from django.db import models

from levensfase.model import schema


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


def _origin() -> models.IntegerField:
    """The import run that last wrote the row; NULL: entered in the app (see the module docstring)."""
    return models.IntegerField(null=True, blank=True, default=None, editable=False)


class Unit(models.Model):
    unit_id = models.CharField(primary_key=True, max_length=64)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    import_run = _origin()

    class Meta:
        db_table = "lf_unit"
        ordering = ["unit_id"]

    def __str__(self) -> str:
        return self.name


class Job(models.Model):
    job_id = models.CharField(primary_key=True, max_length=64)
    title = models.CharField(max_length=200)
    job_family = models.CharField(max_length=100)
    work_demand = models.CharField(max_length=10, choices=_choices(schema.WORK_DEMANDS))
    grade = models.IntegerField(null=True, blank=True)

    import_run = _origin()

    class Meta:
        db_table = "lf_job"
        ordering = ["job_id"]

    def __str__(self) -> str:
        return self.title


class Person(models.Model):
    person_id = models.CharField(primary_key=True, max_length=64)
    birth_date = models.DateField()
    sex = models.CharField(max_length=1, blank=True, default="", choices=_choices(schema.SEXES))
    # v1.2; shown only where the viewer may see this person (accounts.access.visible_names)
    display_name = models.CharField(max_length=200, blank=True, default="")

    import_run = _origin()

    class Meta:
        db_table = "lf_person"
        ordering = ["person_id"]

    def __str__(self) -> str:
        return self.person_id


class Assignment(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments", db_index=False)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assignments", db_index=False)
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="assignments")
    fte = models.FloatField()
    contract = models.CharField(max_length=12, blank=True, default="", choices=_choices(schema.CONTRACTS))
    end_reason = models.CharField(max_length=12, blank=True, default="", choices=_choices(schema.END_REASONS))
    assignment_id = models.CharField(max_length=64, null=True, blank=True)  # v1.2: the HRIS's own key (unique)
    import_run = _origin()

    class Meta:
        db_table = "lf_assignment"
        constraints = [
            models.UniqueConstraint(fields=["person", "start_date", "unit", "job"], name="lf_assignment_key"),
            # a constraint, not unique=True: PostgreSQL then adds no second (pattern-ops) index to rebuild
            models.UniqueConstraint(fields=["assignment_id"], name="lf_assignment_id_key"),
        ]
        indexes = [models.Index(fields=["unit", "start_date"])]  # also serves unit_id alone


class LifeEvent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="life_events", db_index=False)
    event = models.CharField(max_length=20, choices=_choices(schema.LIFE_EVENTS))
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    import_run = _origin()

    class Meta:
        db_table = "lf_life_event"
        constraints = [
            models.UniqueConstraint(fields=["person", "event", "start_date"], name="lf_life_event_key")
        ]


class Absence(models.Model):
    """A sick report: dates only, never a diagnosis (AP beleidsregels 'De zieke werknemer')."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="absences", db_index=False)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    pregnancy = models.BooleanField(null=True, blank=True)

    import_run = _origin()

    class Meta:
        db_table = "lf_absence"
        constraints = [models.UniqueConstraint(fields=["person", "start_date"], name="lf_absence_key")]


class SurveyResponse(models.Model):
    """One answered questionnaire; `answers` maps the exchange item codes to values (health data)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="survey_responses", db_index=False)
    date = models.DateField()
    instrument = models.CharField(max_length=10, choices=_choices(schema.INSTRUMENTS))
    answers = models.JSONField(default=dict)

    import_run = _origin()

    class Meta:
        db_table = "lf_survey_response"
        constraints = [
            models.UniqueConstraint(fields=["person", "date", "instrument"], name="lf_survey_response_key")
        ]


class Conversation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="conversations", db_index=False)
    date = models.DateField()
    topic = models.CharField(max_length=64)
    value = models.TextField()

    import_run = _origin()

    class Meta:
        db_table = "lf_conversation"
        constraints = [models.UniqueConstraint(fields=["person", "date", "topic"], name="lf_conversation_key")]


class Arrangement(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="arrangements", db_index=False)
    code = models.CharField(max_length=64)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    hours = models.FloatField(null=True, blank=True)
    cost_eur = models.FloatField(null=True, blank=True)

    import_run = _origin()

    class Meta:
        db_table = "lf_arrangement"
        constraints = [
            models.UniqueConstraint(fields=["person", "code", "start_date"], name="lf_arrangement_key")
        ]


class Skill(models.Model):
    skill_id = models.CharField(primary_key=True, max_length=64)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=_choices(schema.SKILL_KINDS))
    esco_uri = models.CharField(max_length=300, blank=True, default="")

    import_run = _origin()

    class Meta:
        db_table = "lf_skill"


class JobSkill(models.Model):
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="job_skills", db_index=False)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="job_skills")
    level_required = models.IntegerField()

    import_run = _origin()

    class Meta:
        db_table = "lf_job_skill"
        constraints = [models.UniqueConstraint(fields=["job", "skill"], name="lf_job_skill_key")]


class PersonSkill(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="person_skills", db_index=False)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="person_skills")
    level = models.IntegerField()
    source = models.CharField(max_length=10, choices=_choices(schema.SKILL_SOURCES))
    date = models.DateField()

    import_run = _origin()

    class Meta:
        db_table = "lf_person_skill"
        constraints = [
            models.UniqueConstraint(fields=["person", "skill", "source", "date"], name="lf_person_skill_key")
        ]


class ImportRun(models.Model):
    """What an import did: kept so HR can see who loaded which data when."""

    created_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=300)
    summary = models.JSONField(default=dict)  # {table: {"added": n, "changed": n, "removed": n}}
    changed = models.BooleanField(default=False)
    mode = models.CharField(max_length=10, default="update")  # update | snapshot | undo
    undo = models.BinaryField(null=True, editable=False)  # how to restore the tables before this run (undo.py)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "lf_import_run"
        ordering = ["-created_at"]


class DataVersion(models.Model):
    """One row whose number goes up after every committed write to the exchange tables, from any
    process: the per-process caches (hr.selectors, ui.cache) compare against it, so each
    worker of a multi-process server sees the writes of the others (hr.selectors.forget_workforce)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        db_table = "lf_data_version"
