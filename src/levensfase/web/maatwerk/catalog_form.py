"""The HR admin's form for one catalog entry: fields in the UI language, translated messages, and the
conversion to and from the TOML-shaped table the core checks (`model.arrangements.overrides`).

The form checks what a person can fix (ranges, FTE order, the WGBL justification) with a message
in their language; the core's parser then checks the whole entry again, so nothing the packaged
file could not hold is ever saved.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from levensfase.model.arrangements import BUNDLES, FUNDERS
from levensfase.model.arrangements.catalog import AGE_CONDITIONS
from levensfase.model.lifephase import AXES
from levensfase.model.schema import CONTRACTS, WORK_DEMANDS
from levensfase.web.maatwerk.templatetags.maatwerk_tags import LABELS

STATE_LABELS = {
    "starter": _("starter"), "growing": _("growing"), "established": _("established"),
    "late_career": _("late career"), "no_care_duties": _("no care duties"), "young_children": _("young children"),
    "school_age_children": _("school-age children"), "caregiving": _("informal caregiving"),
    "excellent": _("excellent"), "good": _("good"), "moderate": _("moderate"), "poor": _("poor"),
    "unknown": _("unknown"), "distant": _("more than 10 years to AOW"), "approaching": _("5 to 10 years to AOW"),
    "window": _("less than 5 years to AOW"), "permanent": _("permanent"), "fixed_term": _("fixed term"),
    "temporary": _("temporary"), "intern": _("intern"), "physical": _("physical"), "mental": _("mental"),
    "mixed": _("mixed"),
}
AXIS_LABELS = {"career": _("Career phase"), "private_life": _("Private situation"), "vitality": _("Work ability"),
               "pension_horizon": _("Pension horizon")}
AGE_LABELS = {"min_age": _("minimum age"), "within_years_before_aow": _("years before the AOW date"),
              "within_months_before_aow": _("months before the AOW date"),
              "pension_horizon": _("pension horizon")}
NUMBERS = {  # eligibility field → (label, low, high, whole)
    "min_service_years": (_("Minimum years of continuous service"), 0, 60, False),
    "min_fte": (_("Minimum FTE"), 0, 1.2, False), "max_fte": (_("Maximum FTE"), 0, 1.2, False),
    "within_years_before_aow": (_("Only within this many years before the AOW date"), 1, 20, True),
    "within_months_before_aow": (_("Only within this many months before the AOW date"), 1, 240, True),
    "min_age": (_("Minimum age"), 15, 80, True),
}
CODE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")


def _choices(values) -> list[tuple[str, str]]:
    return [(v, STATE_LABELS.get(v, LABELS.get(v, v))) for v in values]


def _multi(label, values) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=_choices(values), required=False,
                                     widget=forms.CheckboxSelectMultiple)


def _number(label, low, high, whole) -> forms.Field:
    kind = forms.IntegerField if whole else forms.FloatField
    return kind(label=label, min_value=low, max_value=high, required=False)


class EntryForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=63, required=False,
                           help_text=_("Lower-case letters, digits and underscores, e.g. fietsplan."))
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=120)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120)
    description_nl = forms.CharField(label=_("Description (Dutch)"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    description_en = forms.CharField(label=_("Description (English)"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    bundle = forms.ChoiceField(label=_("Purpose (HR bundle)"), choices=[(b, LABELS[b]) for b in BUNDLES])
    active = forms.BooleanField(label=_("Offered (active)"), required=False)
    contracts = _multi(_("Only for contract types"), CONTRACTS)
    work_demand = _multi(_("Only for work demand"), WORK_DEMANDS)
    hours = forms.FloatField(label=_("Hours"), min_value=0, max_value=10_000, required=False)
    eur = forms.FloatField(label=_("Euros"), min_value=0, max_value=1_000_000, required=False)
    salary_pct = forms.FloatField(label=_("Percentage of salary"), min_value=0, max_value=100, required=False)
    per = forms.ChoiceField(label=_("Cost per"), choices=[("once", LABELS["once"]), ("year", LABELS["year"])])
    funded_by = forms.ChoiceField(label=_("Paid from"), choices=[(f, LABELS[f]) for f in FUNDERS])
    job_required = forms.BooleanField(label=_("Training the job requires (paid by the employer, art. 7:611a BW)"),
                                      required=False)
    legal_note = forms.CharField(label=_("Legal note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    wgbl_justification = forms.CharField(
        label=_("Objective justification (WGBL)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the arrangement distinguishes by age: the legitimate aim, and why the measure is "
                    "appropriate and necessary."))
    source = forms.CharField(label=_("Source"), max_length=500)

    def __init__(self, *args, adding: bool = False, taken: frozenset[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.adding, self.taken = adding, taken
        if not adding:
            del self.fields["code"]
        else:
            self.fields["code"].required = True
        for axis, states in AXES.items():
            self.fields[f"serves_{axis}"] = _multi(AXIS_LABELS[axis], states)
            self.fields[f"only_{axis}"] = _multi(AXIS_LABELS[axis], states)
        for key, (label, low, high, whole) in NUMBERS.items():
            self.fields[key] = _number(label, low, high, whole)

    def groups(self) -> list[tuple[str, list]]:
        """Fieldsets for the template, in reading order."""
        names = [
            (_("Arrangement"), ["code", "name_nl", "name_en", "description_nl", "description_en", "bundle", "active"]),
            (_("Serves these life phases"), [f"serves_{a}" for a in AXES]),
            (_("Who may use it"), ["contracts", "work_demand", *NUMBERS, *(f"only_{a}" for a in AXES)]),
            (_("Cost"), ["hours", "eur", "salary_pct", "per", "funded_by", "job_required"]),
            (_("Legal"), ["legal_note", "wgbl_justification", "source"]),
        ]
        return [(title, [self[n] for n in group if n in self.fields]) for title, group in names]

    def clean_code(self) -> str:
        code = self.cleaned_data.get("code", "").strip()
        if not CODE.match(code):
            raise forms.ValidationError(_("Use 2 to 63 lower-case letters, digits or underscores, starting with a letter."))
        if code in self.taken:
            raise forms.ValidationError(_("An arrangement with this code already exists."))
        return code

    def clean(self):
        data = super().clean()
        low, high = data.get("min_fte"), data.get("max_fte")
        if low is not None and high is not None and low > high:
            self.add_error("min_fte", _("The minimum FTE is above the maximum FTE."))
        if data.get("job_required") and data.get("funded_by") != "employer":
            self.add_error("funded_by", _("Training the job requires is paid by the employer (art. 7:611a BW)."))
        used = [c for c in AGE_CONDITIONS if (data.get(f"only_{c}") if c in AXES else data.get(c) is not None)]
        if used and not data.get("wgbl_justification", "").strip():
            self.add_error("wgbl_justification", _(
                "This arrangement distinguishes by age (%(conditions)s). Under the WGBL that is allowed only with "
                "an objective justification: describe the legitimate aim and why the measure is appropriate and "
                "necessary.") % {"conditions": ", ".join(str(AGE_LABELS[c]) for c in used)})
        return data

    def body(self) -> dict:
        """The cleaned form as the core's TOML-shaped entry."""
        d = self.cleaned_data
        eligibility = {k: d[k] for k in ("contracts", "work_demand") if d.get(k)}
        eligibility.update({k: _plain(d[k]) for k in NUMBERS if d.get(k) is not None})
        eligibility.update({a: d[f"only_{a}"] for a in AXES if d.get(f"only_{a}")})
        age_based = any(c in eligibility for c in AGE_CONDITIONS)
        return {
            **{k: d[k].strip() for k in ("name_nl", "name_en", "description_nl", "description_en", "legal_note",
                                         "source", "wgbl_justification")},
            "bundle": d["bundle"], "active": bool(d.get("active")),
            "serves": {a: d[f"serves_{a}"] for a in AXES if d.get(f"serves_{a}")},
            "eligibility": eligibility,
            "cost": {**{k: _plain(d.get(k) or 0) for k in ("hours", "eur", "salary_pct")},
                     "per": d["per"], "funded_by": d["funded_by"],
                     **({"job_required": True} if d.get("job_required") else {})},
            "wgbl_justification_required": age_based,
        }


def _plain(x: float) -> float | int:
    """10.0 → 10: the stored entry reads like the TOML file (and the audit shows "10", not "10.0")."""
    return int(x) if float(x).is_integer() else x


def initial(body: dict) -> dict:
    """Form initial values from a TOML-shaped entry."""
    e, c = body.get("eligibility", {}), body.get("cost", {})
    out = {k: body.get(k, "") for k in ("name_nl", "name_en", "description_nl", "description_en", "bundle",
                                         "legal_note", "source", "wgbl_justification")}
    out["active"] = body.get("active", True)
    out.update({k: e[k] for k in ("contracts", "work_demand", *NUMBERS) if k in e})
    out.update({f"only_{a}": e[a] for a in AXES if a in e})
    out.update({f"serves_{a}": s for a, s in body.get("serves", {}).items()})
    out.update({k: c.get(k, v) for k, v in (("hours", 0), ("eur", 0), ("salary_pct", 0), ("per", "once"),
                                            ("funded_by", "employer"), ("job_required", False))})
    return out
