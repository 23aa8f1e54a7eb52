"""Forms of the pages app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from levensfase.web.mappings.choice import chosen_profile, saved_choices
from levensfase.web.mappings.profiles import ProfileRefused
from levensfase.web.pages.profiles import shipped_profiles

IMPORT_MODES = [  # DESIGN §3: a snapshot removes rows, so it is never the default
    ("update", _("Update: add and change rows; nothing is removed")),
    ("snapshot", _("Snapshot of master data: per person in it, remove the assignments, life events and absences "
                   "it no longer carries")),
]


class UploadForm(forms.Form):
    mode = forms.ChoiceField(label=_("Kind of import"), choices=IMPORT_MODES, initial="update", required=False,
                             widget=forms.RadioSelect)
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
        if saved := saved_choices():
            self.fields["mapping"].choices += [(_("Saved profiles"), saved)]

    mapping_file = forms.FileField(
        label=_("or your own mapping profile (TOML)"),
        required=False,
        help_text=_("A profile downloaded from the mapping builder or written by hand; it replaces the choice above."),
    )

    def clean(self):
        """The chosen profile becomes what the import reads: a shipped name or a staged copy."""
        cleaned = super().clean()
        try:
            cleaned["mapping"] = chosen_profile(choice=cleaned.get("mapping") or "",
                                                uploaded=cleaned.get("mapping_file"))
        except ProfileRefused as refusal:
            self.add_error("mapping_file", str(refusal))
        return cleaned
