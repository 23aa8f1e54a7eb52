"""Person-level endpoints, only for whom the pages would show the person (accounts.access): HR admin
and the bedrijfsarts everyone, a manager their own team, an employee themself; analysts, the works
council and the privacy officer nobody. Health data (absences, survey answers, health-limitation
life events) only for the person themself and the bedrijfsarts. Every read is audited like the
person page. An unknown person and one outside the user's view both give 404."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.api.errors import ApiError
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.maatwerk import selectors as maatwerk_selectors
from levensfase.web.pages import selectors as page_selectors

router = Router(tags=["people"])

_NO_PEOPLE = ("Uw rol ziet geen individuele personen, alleen overzichten.",
              "Your role sees no individual people, only aggregates.")


class PersonRow(Schema):
    person_id: str
    display_name: str


class Period(Schema):
    start_date: date
    end_date: date | None


class LifeEventOut(Period):
    event: str


class SpellOut(Period):
    number: int
    end_reason: str | None


class AbsenceOut(Period):
    pregnancy: bool | None


class SurveyOut(Schema):
    date: date
    instrument: str
    answers: dict


class PersonOut(Schema):
    person_id: str
    display_name: str
    birth_date: date
    sex: str
    current_units: list[str]
    spells: list[SpellOut]
    life_events: list[LifeEventOut]
    with_health: bool
    health_events: list[LifeEventOut] | None = None
    absences: list[AbsenceOut] | None = None
    surveys: list[SurveyOut] | None = None


class AssignmentOut(Period):
    assignment_id: str | None
    unit_id: str
    unit: str
    job_id: str
    job: str
    fte: float
    contract: str
    end_reason: str


class PlanItemOut(Schema):
    code: str
    start_date: date
    end_date: date | None
    hours: float | None
    cost_eur: float | None


class PlanOut(Schema):
    id: int
    state: str
    created_at: str
    items: list[PlanItemOut]


def _lister(request: HttpRequest) -> None:
    if not access.can_list_people(user=request.user):
        raise ApiError(403, *_NO_PEOPLE)


def _record(request: HttpRequest, person_id: str):
    """The person as the page would show them to this user, audited; 404 outside their view."""
    _lister(request)
    data = page_selectors.person_record(user=request.user, person_id=person_id, today=date.today())
    if data is None:
        raise ApiError(404, "Deze persoon bestaat niet of valt buiten uw zicht.",
                       "This person does not exist or is outside your view.")
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id,
           detail={"health": data.with_health, "api": True})
    return data


def _period(row) -> dict:
    return {"start_date": row.start_date, "end_date": row.end_date}


@router.get("/people", response=list[PersonRow], summary="The people you may see")
def people(request: HttpRequest):
    _lister(request)
    rows = access.visible_people(user=request.user).order_by("person_id").values_list("person_id", "display_name")
    return [{"person_id": pid, "display_name": name} for pid, name in rows]


@router.get("/people/{person_id}", response=PersonOut, summary="One person's record")
def person(request: HttpRequest, person_id: str):
    data = _record(request, person_id)
    events = lambda rows: [{**_period(e), "event": e.event} for e in rows]  # noqa: E731
    out = {"person_id": data.person.person_id, "display_name": data.person.display_name,
           "birth_date": data.person.birth_date, "sex": data.person.sex, "current_units": data.current_units,
           "spells": [{"number": s.number, "start_date": s.start_date, "end_date": s.end_date,
                       "end_reason": s.end_reason} for s in data.spells],
           "life_events": events(data.life_events), "with_health": data.with_health}
    if data.with_health:  # never read for other viewers (pages.selectors.person_record)
        out.update(health_events=events(data.health_events or []),
                   absences=[{**_period(a), "pregnancy": a.pregnancy} for a in data.absences or []],
                   surveys=[{"date": s.date, "instrument": s.instrument, "answers": s.answers} for s in data.surveys or []])
    return out


@router.get("/people/{person_id}/assignments", response=list[AssignmentOut], summary="One person's assignments")
def assignments(request: HttpRequest, person_id: str):
    data = _record(request, person_id)
    return [{**_period(a), "assignment_id": a.assignment_id, "unit_id": a.unit_id, "unit": a.unit.name,
             "job_id": a.job_id, "job": a.job.title, "fte": a.fte, "contract": a.contract, "end_reason": a.end_reason}
            for a in data.assignments]


@router.get("/people/{person_id}/plans", response=list[PlanOut], summary="One person's maatwerk plans")
def plans(request: HttpRequest, person_id: str):
    """Plans are for the employee, their manager and HR admin (maatwerk.selectors.can_see_plan)."""
    _record(request, person_id)
    own = maatwerk_selectors.own_person_id(user=request.user) == person_id
    if not (own or access.role_of(request.user) == Role.HR_ADMIN
            or maatwerk_selectors.manages(user=request.user, person_id=person_id)):
        raise ApiError(403, "Plannen zijn voor de medewerker, de eigen leidinggevende en HR.",
                       "Plans are for the employee, their own manager and HR.")
    shown = [p for p in maatwerk_selectors.plans_of(person_id=person_id)
             if maatwerk_selectors.can_see_plan(user=request.user, plan=p)]
    return [{"id": p.pk, "state": p.state, "created_at": p.created_at.isoformat(),
             "items": [{"code": i.code, "start_date": i.start_date, "end_date": i.end_date, "hours": i.hours,
                        "cost_eur": i.cost_eur} for i in p.items.all()]} for p in shown]
