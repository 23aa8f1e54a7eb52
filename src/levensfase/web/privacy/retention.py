"""Retention of leavers' personal data, written (DESIGN §6): the decisions are the core's
(`model.data_retention`); this module reads the database for them and applies them.

Anonymising a person: a new Person under a random token with the coarsened birth date and the
same sex takes over the assignments (and survey invitations, so past response rates stay);
audit entries and plan events that name the person are re-pointed to the token, and a login of
the person is deactivated with its username in those entries replaced by the token; everything else
of the person goes with the old Person row (life events, absences, survey answers,
conversations, arrangements, skills, consent, plans). Survey answers of someone who had asked
the bedrijfsarts for follow-up move to occupational health's own table first (WGBO retention).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, Max, Value, When
from django.utils import timezone

from levensfase.model.data_retention import (
    coarsen_birth_date,
    event_days,
    leavers_due,
    new_token,
    retirement_exits,
    years_before,
)
from levensfase.web.audit.models import Action, Entry
from levensfase.web.audit.services import record
from levensfase.web.hr.models import Assignment, ImportRun, Person, SurveyResponse
from levensfase.web.hr.selectors import forget_workforce
from levensfase.web.maatwerk.models import PlanEvent
from levensfase.web.privacy.forgotten import hash_of
from levensfase.web.privacy.models import ForgottenPerson, Kind, OccupationalHealthRecord
from levensfase.web.surveys.models import Consent, Invitation

CHUNK = 400
# Row counts that are health data even summed over a few leavers: kept out of what HR admin reads.
HEALTH_TABLES = frozenset({"lf_absence", "lf_survey_response", "lf_oh_record", "oh_records"})


@dataclass(frozen=True)
class RetentionPlan:
    retention_years: int
    oh_retention_years: int
    cut: date  # a person whose last assignment ended before this day is due
    persons: list[str]
    oh_records_expired: int = 0

    def as_dict(self) -> dict:
        return {"retention_years": self.retention_years, "cut": self.cut.isoformat(), "persons": self.persons,
                "oh_retention_years": self.oh_retention_years, "oh_records_expired": self.oh_records_expired}


@dataclass
class RetentionResult:
    plan: RetentionPlan
    anonymised: int = 0
    removed: dict[str, int] = field(default_factory=dict)


def retention_years() -> int:
    return int(getattr(settings, "LEVENSFASE_RETENTION_YEARS", 2))


def oh_retention_years() -> int:
    return int(getattr(settings, "LEVENSFASE_OH_RETENTION_YEARS", 20))


def _assignments(person_ids: list[str] | None = None) -> pl.DataFrame:
    rows = Assignment.objects.all() if person_ids is None else Assignment.objects.filter(person_id__in=person_ids)
    return pl.DataFrame(list(rows.values_list("person_id", "start_date", "end_date", "end_reason")),
                        schema={"person_id": pl.String, "start_date": pl.Date, "end_date": pl.Date,
                                "end_reason": pl.String}, orient="row")


def plan_retention(*, today: date, years: int | None = None) -> RetentionPlan:
    """Who is due now (the dry run): persons whose last employment ended more than `years` ago."""
    years = years or retention_years()
    oh_years = oh_retention_years()
    expired = OccupationalHealthRecord.objects.filter(keep_until__lt=today).count()
    return RetentionPlan(years, oh_years, years_before(today, years),
                         leavers_due(_assignments(), today=today, years=years), expired)


def apply_retention(*, today: date, years: int | None = None, user=None) -> RetentionResult:
    """Anonymise everyone due, in one transaction, and delete expired occupational-health records;
    audited (how many, which tables, never who)."""
    plan = plan_retention(today=today, years=years)
    result = RetentionResult(plan)
    forget_workforce()
    try:
        with transaction.atomic():
            for start in range(0, len(plan.persons), CHUNK):
                chunk = plan.persons[start:start + CHUNK]
                for table, n in _anonymise(chunk, today=today).items():
                    result.removed[table] = result.removed.get(table, 0) + n
            expired = OccupationalHealthRecord.objects.filter(keep_until__lt=today).delete()[0]
            if expired:
                result.removed["oh_records"] = expired
            result.anonymised = len(plan.persons)
            if plan.persons or expired:
                _record_run(result)
                record(user=user, action=Action.RETENTION, detail={
                    "retention_years": plan.retention_years, "anonymised": result.anonymised,
                    "removed": {t: n for t, n in sorted(result.removed.items()) if t not in HEALTH_TABLES}})
    finally:
        forget_workforce()
    return result


def _anonymise(chunk: list[str], *, today: date) -> dict[str, int]:
    people = {p.person_id: p for p in Person.objects.filter(person_id__in=chunk)}
    tokens = {pid: new_token() for pid in people}
    history = _assignments(chunk)
    exits, days = retirement_exits(history), event_days(history)
    Person.objects.bulk_create([
        Person(person_id=tokens[pid], sex=p.sex, birth_date=coarsen_birth_date(
            p.birth_date, retirements=exits.get(pid, ()), event_days=days.get(pid, ())))
        for pid, p in people.items()
    ])
    _keep_oh_answers(list(people), today=today)
    for model, column in ((Assignment, "person_id"), (Invitation, "person_id"), (Entry, "person_id"),
                          (PlanEvent, "actor_person_id")):
        _repoint(model, column, tokens)
    retire_accounts(tokens)
    left = dict(Assignment.objects.filter(person_id__in=tokens.values()).values("person_id")
                .annotate(last=Max("end_date")).values_list("person_id", "last"))
    removed = table_counts(Person.objects.filter(person_id__in=list(people)).delete()[1])
    now = timezone.now()
    ForgottenPerson.objects.bulk_create([
        ForgottenPerson(id_hash=hash_of(pid), kind=Kind.ANONYMISED, token=tok, at=now, left_on=left.get(tok))
        for pid, tok in tokens.items()
    ], ignore_conflicts=True)
    return removed


def table_counts(deleted: dict[str, int]) -> dict[str, int]:
    """Django's per-model delete counts as {database table: rows}, the Person rows left out."""
    from django.apps import apps

    counts = {apps.get_model(label)._meta.db_table: n for label, n in deleted.items() if n}
    counts.pop(Person._meta.db_table, None)
    return counts


def retire_accounts(tokens: dict[str, str]) -> None:
    """Logins linked to these people: deactivated, and their name in the audit log and plan
    history replaced by the person's token (a username is often a name)."""
    from levensfase.web.accounts.models import Profile

    for user_id, person_id in Profile.objects.filter(person_id__in=list(tokens)).values_list("user_id", "person_id"):
        get_user_model().objects.filter(pk=user_id).update(is_active=False)
        Entry.objects.filter(user_id=user_id).update(username=tokens[person_id])
        PlanEvent.objects.filter(user_id=user_id).update(username=tokens[person_id])


def _repoint(model, column: str, tokens: dict[str, str]) -> None:
    """Replace the old ids by their tokens in `column` of `model` (one UPDATE per chunk)."""
    rows = model.objects.filter(**{f"{column}__in": list(tokens)})
    if rows.exists():
        rows.update(**{column: Case(*(When(**{column: old}, then=Value(new)) for old, new in tokens.items()))})


def _keep_oh_answers(chunk: list[str], *, today: date) -> None:
    """Copy what belongs to the medical dossier to occupational health's own table, kept
    `LEVENSFASE_OH_RETENTION_YEARS` from today under the hashed id: the survey answers of people who
    asked the bedrijfsarts for follow-up, and the bedrijfsarts' own case notes and case status (the
    Person row they hang on goes)."""
    from levensfase.web.surveys.models import FollowUpCase, FollowUpNote

    keep_until = years_before(today, -oh_retention_years())  # that many years after today
    asked = set(Consent.objects.filter(person_id__in=chunk, follow_up=True).values_list("person_id", flat=True))
    records = [OccupationalHealthRecord(person_hash=hash_of(r.person_id), instrument=r.instrument, date=r.date,
                                       answers=r.answers, keep_until=keep_until)
               for r in SurveyResponse.objects.filter(person_id__in=asked)]
    records += [OccupationalHealthRecord(person_hash=hash_of(n.person_id), instrument="note", date=n.at.date(),
                                         answers={"note": n.text, "by": n.username}, keep_until=keep_until)
                for n in FollowUpNote.objects.filter(person_id__in=chunk)]
    records += [OccupationalHealthRecord(person_hash=hash_of(c.person_id), instrument="case", date=c.updated_at.date(),
                                         answers={"status": c.status, "by": c.username}, keep_until=keep_until)
                for c in FollowUpCase.objects.filter(person_id__in=chunk)]
    OccupationalHealthRecord.objects.bulk_create(records)


def _record_run(result: RetentionResult) -> None:
    """An ImportRun marks the data as changed for every process's cached Workforce (hr.selectors)."""
    summary = {"people": {"added": 0, "changed": result.anonymised, "removed": 0}}
    ImportRun.objects.exclude(undo=None).update(undo=None)  # kept row versions would bring the person back
    ImportRun.objects.create(source=f"bewaartermijn ({result.plan.retention_years} jaar)", summary=summary,
                             changed=True)
