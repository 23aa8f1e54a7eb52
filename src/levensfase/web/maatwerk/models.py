"""Stored personal plans. The core (`model.plans`) decides every transition; these rows only keep
its result, so the state machine lives in one place and the history is never rewritten."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from levensfase.model.plans import STATES


class Plan(models.Model):
    person = models.ForeignKey("hr.Person", on_delete=models.CASCADE, related_name="plans")
    state = models.CharField(max_length=12, choices=[(s, s) for s in STATES])
    created_at = models.DateTimeField()

    class Meta:
        db_table = "lf_plan"
        ordering = ["-created_at", "-id"]


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=64)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    hours = models.FloatField(null=True, blank=True)
    cost_eur = models.FloatField(null=True, blank=True)

    class Meta:
        db_table = "lf_plan_item"
        ordering = ["id"]


class PlanEvent(models.Model):
    """One history entry of the core's plan; `username` kept as text so the history survives accounts."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    action = models.CharField(max_length=12)
    from_state = models.CharField(max_length=12, blank=True, default="")
    to_state = models.CharField(max_length=12)
    actor_role = models.CharField(max_length=24)
    actor_person_id = models.CharField(max_length=64, blank=True, default="")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, blank=True, default="")
    note = models.TextField(blank=True, default="")

    class Meta:
        db_table = "lf_plan_event"
        ordering = ["at", "id"]


class CatalogOverride(models.Model):
    """The organisation's version of one catalog entry (changed default or own instrument), as the
    TOML-shaped table `model.arrangements.overrides.entry_body` gives; no row = the packaged default."""

    code = models.CharField(max_length=64, unique=True)
    body = models.JSONField()
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "lf_catalog_override"
        ordering = ["code"]


class CatalogChange(models.Model):
    """Audit of the catalog: who changed which entry when, with the entry before and after (null = absent)."""

    at = models.DateTimeField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, blank=True, default="")
    code = models.CharField(max_length=64, db_index=True)
    action = models.CharField(max_length=12)  # add | edit | reset
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        db_table = "lf_catalog_change"
        ordering = ["-at", "-id"]
