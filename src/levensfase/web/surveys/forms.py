"""Questionnaire and campaign forms: every answer checked server-side, errors in plain words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from levensfase.web.surveys import questions as q

REQUIRED = {"required": _("Please answer this question.")}


def _radio(label, choices) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int, widget=forms.RadioSelect,
                                  error_messages={**REQUIRED, "invalid_choice": _("Please choose one of the answers.")})


class WaiForm(forms.Form):
    """The Work Ability Index with the short disease list (13 groups plus "other")."""

    q1 = _radio(q.WAI_Q1, [(n, str(n)) for n in range(10, -1, -1)])
    q2_physical = _radio(q.WAI_Q2_PHYSICAL, q.RATING_1_5)
    q2_mental = _radio(q.WAI_Q2_MENTAL, q.RATING_1_5)
    diseases = forms.MultipleChoiceField(
        label=q.WAI_Q3, help_text=q.WAI_Q3_HELP, choices=q.DISEASES, required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Please tick only disease groups from the list.")})
    q4 = _radio(q.WAI_Q4, q.WAI_Q4_CHOICES)
    q5_sick_days = forms.IntegerField(
        label=q.WAI_Q5, min_value=0, max_value=365,
        error_messages={**REQUIRED, "invalid": _("Please give a whole number of days, for example 0 or 12."),
                        "min_value": _("The number of days cannot be negative."),
                        "max_value": _("A year has at most 365 days.")})
    q6 = _radio(q.WAI_Q6, q.WAI_Q6_CHOICES)
    q7_1 = _radio(q.WAI_Q7[0], q.FREQUENCY_0_4)
    q7_2 = _radio(q.WAI_Q7[1], q.FREQUENCY_0_4)
    q7_3 = _radio(q.WAI_Q7[2], q.FREQUENCY_0_4)

    def items(self) -> dict[str, float]:
        """The answers as exchange item codes (surveys.csv); only the number of disease groups is kept."""
        data = self.cleaned_data
        codes = ("q1", "q2_physical", "q2_mental", "q4", "q5_sick_days", "q6", "q7_1", "q7_2", "q7_3")
        return {**{code: float(data[code]) for code in codes}, "q3_diseases": float(len(data["diseases"]))}


class Uwes9Form(forms.Form):
    """UWES-9: nine statements, 0 (never) to 6 (always)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, text in enumerate(q.UWES9, start=1):
            self.fields[f"item_{number}"] = _radio(text, q.UWES_SCALE)

    def items(self) -> dict[str, float]:
        return {str(n): float(self.cleaned_data[f"item_{n}"]) for n in range(1, 10)}


class ConsentForm(forms.Form):
    follow_up = forms.BooleanField(
        required=False, label=_("The bedrijfsarts may contact me when my work ability is low."))


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, error_messages=REQUIRED)
    instrument = forms.ChoiceField(label=_("Questionnaire"), choices=[("wai", _("Work Ability Index (WAI)")),
                                                                       ("uwes9", _("work engagement (UWES-9)"))],
                                   error_messages={**REQUIRED, "invalid_choice": _("Please choose a questionnaire.")})
    units = forms.MultipleChoiceField(label=_("Units (the units below them are included)"),
                                      widget=forms.SelectMultiple(attrs={"size": 12}),
                                      error_messages={"required": _("Please choose at least one unit."),
                                                      "invalid_choice": _("Please choose units from the list.")})
    closes_on = forms.DateField(label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={**REQUIRED, "invalid": _("Please give a date, for example 2026-12-31.")})

    def __init__(self, *args, unit_choices: list[tuple[str, str]], today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = unit_choices
        self.today = today

    def clean_closes_on(self):
        value = self.cleaned_data["closes_on"]
        if value < self.today:
            raise forms.ValidationError(_("The closing date cannot be in the past."))
        return value
