"""Surveys in the web app: consent, campaigns and invitations.

The answers themselves are stored as the exchange format's survey responses (`hr.SurveyResponse`,
item codes → values), so a questionnaire filled in here is analysed, exported and imported
exactly like one from another tool. Only the *count* of physician-diagnosed disease groups is
kept (WAI item 3 needs no more); which diseases were ticked is never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Consent(models.Model):
    """A person's current consent to take part (one row per person; withdrawn_at set = withdrawn).

    `follow_up`: the person asks the bedrijfsarts (occupational physician) to contact them when
    their work ability is low.
    """

    person = models.OneToOneField("hr.Person", on_delete=models.CASCADE, related_name="survey_consent")
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    follow_up = models.BooleanField(default=False)

    class Meta:
        db_table = "lf_survey_consent"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class Campaign(models.Model):
    """An invitation round for one questionnaire, to everyone employed in the chosen units."""

    name = models.CharField(max_length=200)
    instrument = models.CharField(max_length=10, choices=[("wai", "WAI"), ("uwes9", "UWES-9")])
    units = models.ManyToManyField("hr.Unit", related_name="survey_campaigns")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    closes_on = models.DateField()
    reminders = models.JSONField(default=list, blank=True)  # ISO dates on which reminders were sent

    class Meta:
        db_table = "lf_survey_campaign"
        ordering = ["-created_at", "-id"]


class Invitation(models.Model):
    """One invited person; `unit` is the unit they were invited in (for response rates per unit)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("hr.Person", on_delete=models.CASCADE, related_name="survey_invitations")
    unit = models.ForeignKey("hr.Unit", on_delete=models.CASCADE, related_name="+")
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "lf_survey_invitation"
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="lf_survey_invitation_once")]


class RoundResult(models.Model):
    """The published result of one closed measurement round, frozen when first computed after close.

    A round is a campaign (closed the day after `closes_on`), or for answers outside every
    campaign (imported, or filled in without an invitation) a calendar year, closed after
    31 December. `groups` holds what `analytics.survey_rounds.publish_round` published for it
    (withheld values are null), at `k`: a later joiner, leaver, import or late answer never
    changes it (issue 16). Only a change of the installation's k publishes the round again.
    """

    campaign = models.OneToOneField(Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="result")
    year = models.IntegerField(null=True, blank=True)
    instrument = models.CharField(max_length=10)
    name = models.CharField(max_length=200)
    closed_on = models.DateField()  # the last day answers counted
    frozen_at = models.DateTimeField()
    k = models.PositiveIntegerField()
    groups = models.JSONField(default=list)

    class Meta:
        db_table = "lf_survey_round_result"
        ordering = ["closed_on", "id"]
        constraints = [models.UniqueConstraint(fields=["year", "instrument"], condition=models.Q(year__isnull=False),
                                               name="lf_survey_round_year_once")]


class FollowUpCase(models.Model):
    """The bedrijfsarts' own status of one person's follow-up (no row = "open"). Part of the
    occupational-health dossier (DESIGN §6): only occupational health reads or writes it."""

    STATUSES = (("open", "open"), ("in_progress", "in_progress"), ("closed", "closed"))

    person = models.OneToOneField("hr.Person", on_delete=models.CASCADE, related_name="follow_up_case")
    status = models.CharField(max_length=12, choices=STATUSES, default="open")
    updated_at = models.DateTimeField()
    username = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        db_table = "lf_follow_up_case"


class FollowUpNote(models.Model):
    """A private note of occupational health on one person's follow-up; never shown to anyone else."""

    person = models.ForeignKey("hr.Person", on_delete=models.CASCADE, related_name="follow_up_notes")
    at = models.DateTimeField()
    username = models.CharField(max_length=150, blank=True, default="")
    text = models.TextField()

    class Meta:
        db_table = "lf_follow_up_note"
        ordering = ["-at", "-id"]
