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


class KpiUploadForm(forms.Form):
    """An upload of `unit_kpis.csv` (or a workbook with a sheet `unit_kpis`). `clean_file` reads it
    through the exchange reader; every problem becomes one plain line and the form is invalid, so
    nothing is stored. The checks against the units are the service's (`services.store_kpis`)."""

    file = forms.FileField(label=_("Business results (unit_kpis.csv or .xlsx)"),
                           error_messages={"required": _("Please choose a file.")})

    def __init__(self, *args, lang: str = "nl", **kwargs):
        super().__init__(*args, **kwargs)
        self.lang = lang
        self.frame = None

    def clean_file(self):
        import tempfile
        from pathlib import Path

        from levensfase.ingest.scan_files import read_scan_files

        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in (".csv", ".xlsx", ".xlsm"):
            raise forms.ValidationError(_("Please upload a CSV file or an Excel workbook (.xlsx)."))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"unit_kpis{suffix}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            read = read_scan_files(path, table=None if suffix != ".csv" else "unit_kpis")
        if not read.ok:
            raise forms.ValidationError([_problem_line(p, lang=self.lang) for p in read.problems])
        if read.kpis is None:
            raise forms.ValidationError(_("The workbook has no sheet “unit_kpis”."))
        self.frame = read.kpis
        return upload


def _problem_line(problem, *, lang: str) -> str:
    where = ", ".join(part for part in (
        problem.file, f"{_('row')} {problem.row}" if problem.row is not None else "",
        f"{_('column')} {problem.column}" if problem.column else "") if part)
    return f"{where}: {problem.reason_en if lang == 'en' else problem.reason}"
