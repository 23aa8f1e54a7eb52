"""Writes of the surveys app: consent, answers (as exchange survey responses), campaigns."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q

from levensfase.model.instruments import InvalidAnswers, ScoreResult, score_survey_items
from levensfase.web.accounts.access import descendant_unit_ids
from levensfase.web.hr.models import Assignment, SurveyResponse
from levensfase.web.hr.selectors import forget_workforce
from levensfase.web.surveys.models import Campaign, Consent, Invitation


class NoCurrentJob(Exception):
    """The WAI weighs item 2 by the job's demands; without a current job it cannot be scored."""


def give_consent(*, person_id: str, follow_up: bool, now: datetime) -> Consent:
    consent, _ = Consent.objects.update_or_create(
        person_id=person_id, defaults={"given_at": now, "withdrawn_at": None, "follow_up": follow_up})
    return consent


def withdraw_consent(*, person_id: str, now: datetime) -> None:
    Consent.objects.filter(person_id=person_id, withdrawn_at__isnull=True).update(withdrawn_at=now, follow_up=False)


def _covering(on: date) -> Q:
    return Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))


def current_work_demand(*, person_id: str, on: date) -> str | None:
    """The work demand of the job held on `on` (the assignment started last), as the core does."""
    held = Assignment.objects.filter(_covering(on), person_id=person_id).order_by("-start_date", "-id")
    first = held.select_related("job").first()
    return first.job.work_demand if first else None


@transaction.atomic
def save_response(*, person_id: str, instrument: str, items: dict[str, float], on: date) -> ScoreResult:
    """Score, then store the answers as the exchange survey response of `on` (one per day and
    instrument: answering again the same day replaces it) and mark open invitations answered.
    Raises NoCurrentJob or InvalidAnswers and then writes nothing."""
    demand = current_work_demand(person_id=person_id, on=on)
    if instrument == "wai" and demand is None:
        raise NoCurrentJob(person_id)
    result = score_survey_items(instrument, items, work_demand=demand)  # raises InvalidAnswers
    forget_workforce()  # the new answers change the person's vitality axis, profile and advice at once
    SurveyResponse.objects.update_or_create(person_id=person_id, date=on, instrument=instrument,
                                            defaults={"answers": items, "import_run": None})
    transaction.on_commit(forget_workforce)
    Invitation.objects.filter(person_id=person_id, campaign__instrument=instrument, responded_on__isnull=True,
                              campaign__closes_on__gte=on).update(responded_on=on)
    return result


@transaction.atomic
def create_campaign(*, user, name: str, instrument: str, unit_ids: Iterable[str], closes_on: date,
                    today: date) -> Campaign:
    """Invite everyone employed today in the units (and the units below them), once each."""
    campaign = Campaign.objects.create(name=name, instrument=instrument, closes_on=closes_on,
                                       created_by=user if user.is_authenticated else None)
    roots = list(unit_ids)
    campaign.units.set(roots)
    invited = people_at_work(unit_ids=roots, on=today)
    Invitation.objects.bulk_create([Invitation(campaign=campaign, person_id=p, unit_id=u) for p, u in invited.items()])
    return campaign


def people_at_work(*, unit_ids: Iterable[str], on: date) -> dict[str, str]:
    """person → unit of everyone employed on `on` in the units and below (the assignment started
    last), sorted by person: who a survey campaign or a scan round invites."""
    units = descendant_unit_ids(roots=unit_ids)
    held = Assignment.objects.filter(_covering(on), unit_id__in=units).order_by("person_id", "-start_date", "-id")
    seen: dict[str, str] = {}
    for person_id, unit_id in held.values_list("person_id", "unit_id"):
        seen.setdefault(person_id, unit_id)
    return dict(sorted(seen.items()))


def record_reminder(*, campaign: Campaign, today: date) -> bool:
    """Note that a reminder went out today (once a day); False when one was already sent today."""
    day = today.isoformat()
    if day in campaign.reminders:
        return False
    campaign.reminders = [*campaign.reminders, day]
    campaign.save(update_fields=["reminders"])
    return True


__all__ = ["InvalidAnswers", "NoCurrentJob", "create_campaign", "give_consent", "record_reminder",
           "save_response", "withdraw_consent"]


def create_demo_consents(*, now: datetime) -> int:
    """Consent for the demo organisation, so the bedrijfsarts' follow-up list is not empty.

    Of the people with a survey response, in person_id order, two of every three consent and
    every other one asks for follow-up. People linked to a login are left out: the demo
    accounts meet the consent screen themselves. Existing consents are kept.
    """
    from levensfase.web.accounts.models import Profile

    linked = set(Profile.objects.exclude(person_id=None).values_list("person_id", flat=True))
    taken = set(Consent.objects.values_list("person_id", flat=True))
    respondents = sorted(set(SurveyResponse.objects.values_list("person_id", flat=True).distinct()) - linked)
    new = [
        Consent(person_id=person_id, given_at=now, follow_up=index % 2 == 0)
        for index, person_id in enumerate(respondents)
        if index % 3 != 2 and person_id not in taken
    ]
    Consent.objects.bulk_create(new, batch_size=1000)
    return len(new)
