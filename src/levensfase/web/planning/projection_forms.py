"""Forms of the projection and comparison pages, read from the query string (nothing is saved).

A composed scenario is validated by the core's `scenario_from_mapping`, so a form scenario obeys
exactly the rules of a scenario file; its complaint is put on the form field it names.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from levensfase.planning.demand import Demand, DemandError, demand_from_mapping
from levensfase.planning.scenarios import HIRING_POLICIES, Scenario, ScenarioError, scenario_from_mapping

PAGE_RUNS = 500  # modest for a page; the CLI does thousands
MAX_PAGE_RUNS = 2000
MAX_COMPARED = 4
HIRING_LABELS = {"observed": _("as observed"), "replace": _("replace leavers"), "target": _("reach the target FTE"),
                 "fixed": _("fixed intake per year")}
# form field -> (scenario mapping section, key, to mapping value)
CUSTOM_FIELDS = {
    "custom_work_until_aow_plus": ("retirement", "work_until_aow_plus_years", lambda v: v),
    "custom_pact_take_up": ("generatiepact", "take_up", lambda v: float(v) / 100),
    "custom_young_turnover_change": ("turnover", "young_voluntary_factor", lambda v: 1 + float(v) / 100),
    "custom_part_time_delta": ("fte", "part_time_delta", lambda v: float(v)),
    "custom_hiring_policy": ("hiring", "policy", lambda v: v),
    "custom_intake": ("hiring", "intake", lambda v: v),
}
FIELD_OF_KEY = {f"{section}.{key}": name for name, (section, key, _f) in CUSTOM_FIELDS.items()}


class RunForm(forms.Form):
    """Horizon and Monte Carlo settings shared by both pages."""

    years = forms.IntegerField(label=_("Years ahead"), min_value=1, max_value=15, initial=10)
    runs = forms.IntegerField(label=_("Monte Carlo runs"), min_value=100, max_value=MAX_PAGE_RUNS, initial=PAGE_RUNS)
    seed = forms.IntegerField(label=_("Seed"), min_value=0, max_value=2**31 - 1, initial=1)

    def __init__(self, data, *, families: list[str], **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.families = families
        for i, family in enumerate(families):
            self.fields[f"demand_{i}"] = forms.DecimalField(
                label=_("Target FTE %(family)s") % {"family": family}, required=False, min_value=0,
                max_value=10_000_000, decimal_places=1, max_digits=10)

    @property
    def demand_fields(self):
        return [self[f"demand_{i}"] for i in range(len(self.families))]

    def demand(self, *, first_year: int) -> Demand | None:
        """Targets from the first projected year on (they hold until changed); None when none given."""
        wanted = {family: {first_year: float(self.cleaned_data[f"demand_{i}"])}
                  for i, family in enumerate(self.families) if self.cleaned_data.get(f"demand_{i}") is not None}
        if not wanted:
            return None
        try:
            return demand_from_mapping(wanted)
        except DemandError as exc:  # the fields are checked above; this is a safety net
            self.add_error(None, "; ".join(exc.problems_nl))
            return None


class ProjectionForm(RunForm):
    scenario = forms.ChoiceField(label=_("Scenario"))

    def __init__(self, data, *, families: list[str], scenarios: dict[str, Scenario], lang: str) -> None:
        super().__init__(data, families=families)
        self.fields["scenario"].choices = [(name, s.label(lang)) for name, s in scenarios.items()]
        self.order_fields(["scenario", "years", "runs", "seed"])


class CompareForm(RunForm):
    scenarios = forms.MultipleChoiceField(label=_("Scenarios"), required=False, widget=forms.CheckboxSelectMultiple)
    custom_name = forms.CharField(label=_("Name of your own scenario"), required=False, max_length=60)
    custom_work_until_aow_plus = forms.IntegerField(label=_("Work until AOW date + years"), required=False,
                                                    min_value=0, max_value=5)
    custom_pact_take_up = forms.DecimalField(label=_("Generatiepact 80-90-100: take-up (% of the eligible)"),
                                             required=False, min_value=0, max_value=100, decimal_places=1)
    custom_young_turnover_change = forms.DecimalField(
        label=_("Voluntary turnover of the young: change (%)"), required=False, min_value=-100, max_value=200,
        decimal_places=1)
    custom_part_time_delta = forms.DecimalField(label=_("Part-time factor: change in FTE per person"),
                                                required=False, min_value=-0.5, max_value=0.5, decimal_places=2)
    custom_hiring_policy = forms.ChoiceField(label=_("Hiring"), required=False,
                                             choices=[("", "—")] + [(p, HIRING_LABELS[p]) for p in HIRING_POLICIES])
    custom_intake = forms.IntegerField(label=_("Intake per year (fixed intake)"), required=False, min_value=0,
                                       max_value=1_000_000)

    def __init__(self, data, *, families: list[str], scenarios: dict[str, Scenario], lang: str) -> None:
        super().__init__(data, families=families)
        self.builtin, self.lang = scenarios, lang
        self.fields["scenarios"].choices = [(name, s.label(lang)) for name, s in scenarios.items()]

    @property
    def custom_fields(self):
        return [self[name] for name in ("custom_name", *CUSTOM_FIELDS)]

    def clean(self):
        data = super().clean()
        chosen = [self.builtin[name] for name in data.get("scenarios") or []]
        custom = self._custom(data)
        if custom is not None:
            if custom.name in {s.name for s in chosen} or custom.name in self.builtin:
                self.add_error("custom_name", _("Choose a name that no built-in scenario has."))
            chosen.append(custom)
        if not self.errors and not chosen:
            raise forms.ValidationError(_("Pick at least one scenario, or compose your own."))
        if len(chosen) > MAX_COMPARED:
            raise forms.ValidationError(_("Compare at most four scenarios at once; you picked %(n)s.") % {"n": len(chosen)})
        data["chosen"] = chosen
        return data

    def _custom(self, data) -> Scenario | None:
        values = {name: data.get(name) for name in CUSTOM_FIELDS if data.get(name) not in (None, "")}
        name = (data.get("custom_name") or "").strip()
        if not name:
            if values:
                self.add_error("custom_name", _("Give your scenario a name."))
            return None
        mapping: dict = {"name": name, "label_nl": name, "label_en": name}
        for field_name, value in values.items():
            section, key, convert = CUSTOM_FIELDS[field_name]
            mapping.setdefault(section, {})[key] = convert(value)
        try:
            return scenario_from_mapping(mapping, origin="")
        except ScenarioError as exc:
            message = exc.message_en if self.lang == "en" else exc.message_nl
            self.add_error(FIELD_OF_KEY.get(exc.field, "custom_name" if exc.field == "name" else None), message)
            return None
