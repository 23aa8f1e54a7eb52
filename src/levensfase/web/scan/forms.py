"""Forms of the scan: the questionnaire (built from the instrument), a new round, a programme.
Every value is checked server-side; errors in plain words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

REQUIRED = {"required": _("Please answer this question.")}
SCALE = ((1, _("strongly disagree")), (2, _("disagree")), (3, _("neither agree nor disagree")),
         (4, _("agree")), (5, _("strongly agree")))
UNITS_ERRORS = {"required": _("Please choose at least one unit."),
                "invalid_choice": _("Please choose units from the list.")}
DATE_ERRORS = {**REQUIRED, "invalid": _("Please give a date, for example 2026-12-31.")}


def _date_field(label) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
                           error_messages=DATE_ERRORS)


class QuestionnaireForm(forms.Form):
    """One 1–5 radio question per item; `questions` = (dimension name, item code, statement)."""

    def __init__(self, *args, questions: Sequence[tuple[str, str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions: dict[str, list[str]] = {}
        for dimension, code, text in questions:
            self.fields[f"item_{code}"] = forms.TypedChoiceField(
                label=text, choices=SCALE, coerce=int, widget=forms.RadioSelect,
                error_messages={**REQUIRED, "invalid_choice": _("Please choose one of the answers.")})
            self.dimensions.setdefault(dimension, []).append(f"item_{code}")

    def groups(self) -> list[tuple[str, list]]:
        """(dimension, bound fields) in instrument order, for the template's fieldsets."""
        return [(dimension, [self[name] for name in names]) for dimension, names in self.dimensions.items()]

    def answers(self) -> dict[str, int]:
        return {name.removeprefix("item_"): value for name, value in self.cleaned_data.items()}


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, error_messages=REQUIRED)
    units = forms.MultipleChoiceField(label=_("Units (the units below them are included)"),
                                      widget=forms.SelectMultiple(attrs={"size": 10}), error_messages=UNITS_ERRORS)
    date = _date_field(_("Measurement date"))
    closes_on = _date_field(_("Closes on"))

    def __init__(self, *args, unit_choices: list[tuple[str, str]], today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = unit_choices
        self.today = today

    def clean(self):
        data = super().clean()
        if data.get("closes_on") and data["closes_on"] < self.today:
            self.add_error("closes_on", _("The closing date cannot be in the past."))
        if data.get("closes_on") and data.get("date") and data["closes_on"] < data["date"]:
            self.add_error("closes_on", _("The closing date cannot be before the measurement date."))
        return data


class ProgrammeForm(forms.Form):
    """A change programme; targets are optional, one per dimension, on the 1–5 scale."""

    name = forms.CharField(label=_("Name"), max_length=200, error_messages=REQUIRED)
    start_date = _date_field(_("Start date"))
    units = forms.MultipleChoiceField(label=_("Units in the programme"),
                                      widget=forms.SelectMultiple(attrs={"size": 8}), error_messages=UNITS_ERRORS)
    comparison_units = forms.MultipleChoiceField(
        label=_("Comparison units (none chosen: the rest of the organisation)"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}), error_messages=UNITS_ERRORS)
    baseline = forms.ChoiceField(label=_("Baseline round"), error_messages={
        "required": _("Please choose the baseline round."),
        "invalid_choice": _("Please choose measurement rounds from the list.")})
    follow_up = forms.ChoiceField(label=_("Follow-up round (empty: not measured yet)"), required=False,
                                  error_messages={"invalid_choice": _("Please choose measurement rounds from the list.")})

    def __init__(self, *args, unit_choices: list[tuple[str, str]], round_choices: list[tuple[str, str]],
                 dimensions: Sequence[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = unit_choices
        self.fields["comparison_units"].choices = unit_choices
        self.fields["baseline"].choices = [("", "—"), *round_choices]
        self.fields["follow_up"].choices = [("", "—"), *round_choices]
        self.target_names = []
        for code, label in dimensions:
            name = f"target_{code}"
            self.fields[name] = forms.DecimalField(
                label=label, required=False, min_value=1, max_value=5, decimal_places=2, localize=True,
                error_messages={"invalid": _("Please give a number between 1 and 5, for example 3,5."),
                                "min_value": _("A target lies between 1 and 5."),
                                "max_value": _("A target lies between 1 and 5."),
                                "max_decimal_places": _("Please give at most two decimals.")})
            self.target_names.append(name)

    def clean(self):
        data = super().clean()
        overlap = set(data.get("units") or ()) & set(data.get("comparison_units") or ())
        if overlap:
            self.add_error("comparison_units", _("A unit cannot be in the programme and in the comparison at once."))
        if data.get("baseline") and data.get("follow_up") and data["follow_up"] <= data["baseline"]:
            self.add_error("follow_up", _("The follow-up round must come after the baseline round."))
        return data

    def target_fields(self) -> list:
        return [self[name] for name in self.target_names]

    def targets(self) -> dict[str, float]:
        return {name.removeprefix("target_"): float(self.cleaned_data[name])
                for name in self.target_names if self.cleaned_data.get(name) is not None}

    def baseline_date(self) -> date:
        return date.fromisoformat(self.cleaned_data["baseline"])

    def follow_up_date(self) -> date | None:
        value = self.cleaned_data.get("follow_up")
        return date.fromisoformat(value) if value else None
