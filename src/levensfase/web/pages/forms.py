"""Forms of the pages app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from levensfase.web.pages.profiles import shipped_profiles


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A ZIP file of CSV files in the exchange format, one Excel workbook (.xlsx) or one CSV file."),
    )
    mapping = forms.ChoiceField(
        label=_("Mapping profile"),
        required=False,
        help_text=_("Only for exports from another HR system: the profile that translates its columns."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mapping"].choices = [("", _("none (exchange format)"))] + shipped_profiles()
