"""Saved mapping profiles. The TOML text is what is kept, so a download is byte for byte the profile
the import uses and the CLI reads."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class MappingProfile(models.Model):
    name = models.CharField(max_length=100, unique=True)
    toml = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "lf_mapping_profile"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
