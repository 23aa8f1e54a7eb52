"""Shared steps of every dashboard: the workforce narrowed to the scope, the unit level to show,
life phases as a category, readable labels and the fixed colours (DESIGN §9)."""

from __future__ import annotations

import dataclasses
from datetime import date

import polars as pl
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levensfase.analytics.breakdown import period_counts_by
from levensfase.analytics.categories import UNKNOWN
from levensfase.analytics.phases import profiles
from levensfase.model.lifephase import load_rules
from levensfase.model.workforce import Workforce
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.pages.templatetags.levensfase import LABELS

# One colour per life phase and per exit reason on every chart (Okabe–Ito, colour-blind safe).
PHASE_COLOURS = {
    "starter": "#0072B2", "spitsuur": "#D55E00", "stable_mid_career": "#009E73", "late_career": "#CC79A7",
    "pre_retirement": "#E69F00", UNKNOWN: "#999999",
}
REASON_COLOURS = {
    "voluntary": "#D55E00", "involuntary": "#CC79A7", "retirement": "#E69F00", "disability": "#56B4E9",
    "death": "#000000", "other": "#999999",
}
GENERATION_COLOURS = {
    "pre-babyboom": "#000000", "babyboom": "#CC79A7", "X": "#0072B2", "Y": "#E69F00", "Z": "#009E73", "alpha": "#56B4E9",
}
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
SEX_LABELS = {"f": gettext_lazy("women"), "m": gettext_lazy("men"), "x": "x"}


def k() -> int:
    return int(settings.LEVENSFASE_K)


def language() -> str:
    return (get_language() or "nl").split("-")[0]


def scoped(workforce: Workforce, unit_ids: frozenset[str] | None) -> Workforce:
    """Only the assignments in `unit_ids` (and the people who hold them): a team's own history.

    A move into or out of the team starts or ends an employment spell *in the team*, so for a
    manager it counts as the team's instroom or uitstroom — which is what the team experiences.
    """
    if unit_ids is None:
        return workforce
    ids = list(unit_ids)
    assignments = workforce.assignments.filter(pl.col("unit_id").is_in(ids))
    persons = assignments.select("person_id").unique()
    tables = {}
    for name, frame in workforce.tables().items():
        if name == "assignments":
            tables[name] = assignments
        elif name == "units":
            tables[name] = frame.filter(pl.col("unit_id").is_in(ids))
        elif "person_id" in frame.columns:
            tables[name] = frame.join(persons, on="person_id", how="semi")
        else:
            tables[name] = frame
    return Workforce(**tables)


def scoped_workforce(unit_ids: frozenset[str] | None) -> Workforce:
    return scoped(load_workforce(), unit_ids)


def level_units(workforce: Workforce) -> dict[str, str]:
    """unit_id → the unit it rolls up to on the level a chart shows: the children of the scope's
    single root (people placed on the root itself stay there), or the roots when there are several."""
    units = workforce.units
    parent = dict(zip(units["unit_id"].to_list(), units["parent_id"].to_list()))
    roots = [u for u, p in parent.items() if p not in parent]
    children = [u for u, p in parent.items() if p in roots]
    level = set(children) | set(roots) if len(roots) == 1 and children else set(roots)
    mapping = {}
    for unit in parent:
        current, seen = unit, set()
        while current not in level and parent.get(current) in parent and current not in seen:
            seen.add(current)
            current = parent[current]
        mapping[unit] = current
    return mapping


def rolled_up(workforce: Workforce) -> Workforce:
    """The workforce with each assignment's unit replaced by its level unit (see `level_units`)."""
    mapping = level_units(workforce)
    a = workforce.assignments.with_columns(pl.col("unit_id").replace(mapping))
    return dataclasses.replace(workforce, assignments=a)


def unit_names(workforce: Workforce) -> dict[str, str]:
    return dict(zip(workforce.units["unit_id"].to_list(), workforce.units["name"].to_list()))


def phase_on(workforce: Workforce, day: date) -> pl.DataFrame:
    """person_id, value: the primary life phase of everyone employed on `day`."""
    if workforce.assignments.height == 0:
        return pl.DataFrame(schema={"person_id": pl.String, "value": pl.String})
    frame = profiles(workforce, on=day)
    return frame.select("person_id", pl.col("primary_phase").fill_null(UNKNOWN).alias("value"))


def with_phase_as_category(workforce: Workforce, *, start: date, end: date) -> Workforce:
    """The workforce with each person's life phase in the `sex` column, so the core's per-category
    counting (which knows person categories) counts by life phase unchanged.

    A person's phase is the one on the period's last day, else on its first day, else on the latest
    1 January or 1 July in between on which they worked; only someone who came and went between
    two such days has no profile and counts as "onbekend" (unknown).
    """
    snapshots = [date(y, m, 1) for y in range(end.year, start.year - 1, -1) for m in (7, 1)]
    days = [end, start, *(d for d in snapshots if start < d < end)]
    phases = pl.concat([phase_on(workforce, day) for day in days]).unique("person_id", keep="first")
    people = workforce.people.join(phases, on="person_id", how="left").with_columns(
        sex=pl.col("value").fill_null(UNKNOWN)
    ).drop("value")
    return dataclasses.replace(workforce, people=people)


def category_workforce(workforce: Workforce, *, by: str, start: date, end: date) -> tuple[Workforce, str]:
    """The workforce and core category name that count `by` (life phase and units are mapped)."""
    if by == "life_phase":
        return with_phase_as_category(workforce, start=start, end=end), "sex"
    if by == "unit":
        return rolled_up(workforce), "unit"
    return workforce, by


def period_counts(workforce: Workforce, *, by: str, start: date, end: date) -> pl.DataFrame:
    """`breakdown.period_counts_by` for any dashboard category.

    For life phases the flows use each person's phase as in `with_phase_as_category`, but the
    headcounts on the first and last day use the phase *on that day*, so a group's trend is real.
    A group's population is then at least its headcount on either day.
    """
    counted, core_by = category_workforce(workforce, by=by, start=start, end=end)
    counts = period_counts_by(counted, start=start, end=end, by=core_by)
    if by != "life_phase":
        return counts
    days = [phase_on(workforce, day).group_by("value").len(name).with_columns(pl.col(name).cast(pl.UInt32))
            for day, name in ((start, "headcount_start"), (end, "headcount_end"))]
    counts = counts.drop("headcount_start", "headcount_end")
    for day in days:
        counts = counts.join(day, on="value", how="full", coalesce=True)
    return counts.with_columns(
        pl.col("headcount_start", "headcount_end").fill_null(0),
        pl.exclude("value", "headcount_start", "headcount_end").fill_null(0),
    ).with_columns(population=pl.max_horizontal("population", "headcount_start", "headcount_end")).select(
        "value", "population", *(c for c in counts.columns if c not in ("value", "population")))


def value_label(by: str, value: object, *, names: dict[str, str] | None = None) -> str:
    """What a category value is called on screen, in the UI language."""
    if value is None or value == UNKNOWN:
        return _("unknown")
    text = str(value)
    if by == "life_phase":
        rules = load_rules()
        if text in rules.phase_names:
            phase = rules.phase(text)
            return phase.label_en if language() == "en" else phase.label_nl
        return text
    if by == "unit":
        return (names or {}).get(text, text)
    if by == "sex":
        return str(SEX_LABELS.get(text, text))
    if by == "generation":
        return _("generation %(name)s") % {"name": text} if len(text) == 1 else text
    if text in LABELS:
        return str(LABELS[text])
    return text


def colour(by: str, value: str, index: int) -> str:
    fixed = {"life_phase": PHASE_COLOURS, "generation": GENERATION_COLOURS}.get(by, {})
    return fixed.get(value, PALETTE[index % len(PALETTE)])
