"""Who a user is in the organisation: a role (DESIGN §1), the person they are, the units they lead."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HR_ADMIN = "hr_admin", _("HR administrator")
    HR_ANALYST = "hr_analyst", _("HR analyst")
    MANAGER = "manager", _("Line manager")
    EMPLOYEE = "employee", _("Employee")
    OCCUPATIONAL_HEALTH = "occupational_health", _("Occupational physician")
    WORKS_COUNCIL = "works_council", _("Works council")
    PRIVACY_OFFICER = "privacy_officer", _("Data protection officer")


class Profile(models.Model):
    """One per user. `person` links employees and managers to their own record in hr.Person;
    `units` are the units a manager leads (their descendants included, see accounts.access)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=24, choices=Role.choices)
    person = models.ForeignKey(
        "hr.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="profiles"
    )
    units = models.ManyToManyField("hr.Unit", blank=True, related_name="managers")
    # Single sign-on (accounts/oidc.py): the provider's "issuer sub" this account belongs to, and
    # whether this user may log in only through it (LEVENSFASE_SSO_ONLY_ROLES does so per role).
    sso_subject = models.CharField(max_length=255, blank=True, default="", db_index=True)
    sso_only = models.BooleanField(default=False)

    class Meta:
        db_table = "lf_profile"

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"
