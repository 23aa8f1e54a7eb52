"""The small fixed forms of the builder's start page (the builder form itself is built from the
export's columns: see builder.py and the template)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from levensfase.web.mappings.profiles import MAX_NAME


class ExportForm(forms.Form):
    file = forms.FileField(label=_("Export from your HR system"),
                           help_text=_("One CSV file or one Excel workbook (.xlsx), as your HR system exports it."))


class ProfileUploadForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=MAX_NAME)
    file = forms.FileField(label=_("Mapping profile (TOML)"))
