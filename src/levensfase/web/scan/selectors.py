"""Reads of the scan: the questionnaire, rounds and invitations, and the stored answers as the
core's exchange frame. Everything published comes from `levensfase.scan`, through analytics.privacy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.db.models import Count, Q
from django.utils.translation import get_language

from levensfase.scan.instrument import Instrument, load_instrument
from levensfase.scan.responses import RESPONSE_SCHEMA
from levensfase.web.hr.selectors import SCAN_DATA, stored_data_version
from levensfase.web.scan.models import ScanParticipation, ScanResponse, ScanRound, UnitKpi
from levensfase.web.ui import cache


def language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def instrument() -> Instrument:
    return load_instrument()


def questions(*, lang: str) -> list[tuple[str, str, str]]:
    """(dimension name, item code, statement) of every item, in the instrument's order."""
    return [(dimension.name(lang), item.code, item.text(lang))
            for dimension in instrument().dimensions for item in dimension.items]


def dimension_names(*, lang: str) -> list[tuple[str, str]]:
    return [(d.code, d.name(lang)) for d in instrument().dimensions]


def responses() -> pl.DataFrame:
    """Every stored answer of a closed round (or an imported one) in the exchange shape
    (scan_responses.csv), the core's input. A round still open publishes nothing: its results
    appear once, when it closes, so no answer follows from the difference between two days.
    Read once per state of the answers (`answers_version`)."""
    return cache.cached(("scan_responses", answers_version()), _responses)


def answers_version() -> tuple:
    """Changes whenever the published answers or business results can have changed: which rounds
    are open, the scan's data version (bumped by every write in `services`, from any process) and
    the number of answers and results (rows written outside the services, as tests do)."""
    still_open = tuple(ScanRound.objects.filter(closed=False).order_by("date").values_list("date", flat=True))
    return (still_open, stored_data_version(row=SCAN_DATA), ScanResponse.objects.count(), UnitKpi.objects.count())


def _responses() -> pl.DataFrame:
    still_open = ScanRound.objects.filter(closed=False).values_list("date", flat=True)
    rows = ScanResponse.objects.exclude(date__in=list(still_open)).order_by("date", "unit_id", "response_id", "item").values_list(
        "response_id", "unit_id", "role", "date", "item", "value")
    return pl.DataFrame(list(rows), schema=RESPONSE_SCHEMA, orient="row")


def round_dates() -> list[date]:
    """The measurement dates that hold answers, oldest first."""
    still_open = ScanRound.objects.filter(closed=False).values_list("date", flat=True)
    return sorted(ScanResponse.objects.exclude(date__in=list(still_open)).values_list("date", flat=True).distinct())


def open_rounds() -> list[ScanRound]:
    return list(ScanRound.objects.filter(closed=False).order_by("closes_on", "pk"))


@dataclass(frozen=True)
class OpenInvitation:
    round_id: int
    name: str
    closes_on: date
    answered: bool


def my_invitations(*, person_id: str, today: date) -> list[OpenInvitation]:
    """The person's invitations to rounds still open today, answered or not."""
    rows = (ScanParticipation.objects.filter(person_id=person_id, round__closes_on__gte=today,
                                             round__closed=False)
            .order_by("round__closes_on", "round_id").values_list("round_id", "round__name", "round__closes_on",
                                                                    "answered"))
    return [OpenInvitation(*row) for row in rows]


def open_invitation(*, person_id: str, round_id: int, today: date) -> ScanParticipation | None:
    """The person's unanswered invitation to this open round, or None."""
    return (ScanParticipation.objects.select_related("round")
            .filter(person_id=person_id, round_id=round_id, answered=False, round__closes_on__gte=today,
                    round__closed=False).first())


@dataclass(frozen=True)
class RoundRow:
    round_id: int
    name: str
    date: date
    closes_on: date
    invited: int
    answered: int
    closed: bool


def rounds() -> list[RoundRow]:
    """Every round with how many were invited and answered (organisation-wide counts only)."""
    rows = ScanRound.objects.annotate(
        invited=Count("participations"), answered=Count("participations", filter=Q(participations__answered=True)),
    ).values_list("pk", "name", "date", "closes_on", "invited", "answered", "closed")
    return [RoundRow(*row) for row in rows]


# --- results (everything published comes from levensfase.scan, through analytics.privacy) -----


def unit_tree() -> list[tuple[str, str]]:
    """(unit_id, name) in tree order (parents before children), without indentation."""
    from levensfase.web.surveys.views import unit_tree_choices

    return [(unit_id, name.replace("\u00a0", "")) for unit_id, name in unit_tree_choices()]


def below_the_root(units: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The units without a single root of the tree: its row would repeat "the whole organisation"."""
    from levensfase.web.hr.models import Unit

    roots = list(Unit.objects.filter(parent__isnull=True).values_list("unit_id", flat=True)[:2])
    return [u for u in units if len(roots) != 1 or u[0] != roots[0]]


def scores(*, k: int) -> pl.DataFrame:
    """Every round's published scores (`scoring.unit_scores`: rounds are audited together), once
    per state of the answers, data version (the unit tree) and k."""
    from levensfase.scan.scoring import unit_scores
    from levensfase.web.hr.selectors import load_workforce

    return cache.cached(("scan_scores", answers_version(), cache.data_version(), k),
                        lambda: unit_scores(responses(), instrument=instrument(), units=load_workforce().units, k=k))


def hr_indicators(*, as_of: date, k: int) -> pl.DataFrame:
    from levensfase.scan.indicators import hr_indicators as core_hr_indicators
    from levensfase.web.hr.selectors import load_workforce

    return core_hr_indicators(load_workforce(), as_of=as_of, k=k)


@dataclass(frozen=True)
class Overview:
    panels: tuple
    alignment: list[str]
    coverage: list[dict]
    units: list[tuple[str, str]]
    scores: pl.DataFrame
    indicators: pl.DataFrame
    kpis: pl.DataFrame


def kpi_summary() -> pl.DataFrame:
    """The stored business results (unit_kpis.csv) summarised by the core: per unit and KPI the
    latest value and its change. Business figures of units, not of people: no suppression."""
    from levensfase.scan.kpis import KPI_SCHEMA
    from levensfase.scan.kpis import kpi_summary as core_summary

    rows = UnitKpi.objects.order_by("unit_id", "kpi", "period_end").values_list("unit_id", "period_end", "kpi", "value")
    return core_summary(pl.DataFrame(list(rows), schema=KPI_SCHEMA, orient="row"))


def overview(*, round_date: date, k: int, lang: str, today: date) -> Overview:
    """The results page's content for one round (organisation-wide: the same for everyone who may see
    it), once per state of the answers, business results, data version, round, k, language and day."""
    key = ("scan_overview", answers_version(), cache.data_version(), round_date, k, lang, today)
    return cache.cached(key, lambda: _overview(round_date=round_date, k=k, lang=lang, today=today))


def _overview(*, round_date: date, k: int, lang: str, today: date) -> Overview:
    from levensfase.web.scan import presentation
    from levensfase.web.scan.kpi_presentation import kpi_panel

    published = scores(k=k)
    units = below_the_root(unit_tree())
    scale = (instrument().scale_min, instrument().scale_max)
    heat, shown = presentation.heat_map_panel(scores=published, round_date=round_date, dimensions=dimension_names(lang=lang),
                                       units=units, k=k, lang=lang, scale=scale)
    indicators = hr_indicators(as_of=today, k=k)
    hr = presentation.hr_panel(indicators=indicators, units=units, k=k, lang=lang, as_of=today)
    sentences = alignment(scores=published, indicators=indicators, round_date=round_date, lang=lang, units=units)
    kpis = kpi_summary()
    business = kpi_panel(summary=kpis, units=unit_tree(), k=k, lang=lang)
    return Overview(panels=(heat, hr, business) if business else (heat, hr), alignment=sentences, kpis=kpis,
                    coverage=presentation.coverage(scores=published, round_date=round_date, rounds=round_dates(),
                                                   k=k, lang=lang), units=shown, scores=published,
                    indicators=indicators)


def alignment(*, scores: pl.DataFrame, indicators: pl.DataFrame, round_date: date, lang: str,
              units: list[tuple[str, str]]) -> list[str]:
    """The alignment finding's sentences (renewing without developing, or the reverse), from the
    core's findings module over the published scores and HR indicators."""
    from levensfase.analytics.findings.scan import alignment_findings
    from levensfase.scan.alignment import alignment_rows
    from levensfase.scan.responses import respondent_scores
    from levensfase.web.hr.selectors import load_workforce

    per_response = cache.cached(("scan_respondent_scores", answers_version()),
                                lambda: respondent_scores(responses(), instrument=instrument()))
    rows = alignment_rows(per_response, scores, indicators, round_date=round_date, names=dict(units))
    recorded = load_workforce().arrangements.height > 0
    return [finding.text(lang) for finding in alignment_findings(rows, arrangements_recorded=recorded)]


def unit_profile(*, unit_id: str, unit_name: str, k: int, lang: str) -> tuple[tuple, str]:
    """The unit page's panels (profile; employees and managers where the core splits them; business
    results when there are any) and the sentence on roles shown together (or "")."""
    from levensfase.web.scan import presentation
    from levensfase.web.scan.kpi_presentation import kpi_panel

    scale = (instrument().scale_min, instrument().scale_max)
    published, dimensions = scores(k=k), dimension_names(lang=lang)
    profile = presentation.profile_panel(scores=published, unit_id=unit_id, unit_name=unit_name,
                                         dimensions=dimensions, k=k, lang=lang, scale=scale)
    roles, together = presentation.roles_panel(scores=published, unit_id=unit_id, dimensions=dimensions, k=k,
                                               lang=lang)
    business = kpi_panel(summary=kpi_summary(), units=[(unit_id, unit_name)], k=k, lang=lang)
    return tuple(p for p in (profile, roles, business) if p is not None), together


# --- programmes ------------------------------------------------------------------------------


def programme_rows(*, programme, k: int) -> list:
    """The core's difference-in-differences rows for a stored programme (adapter: a programme
    without a follow-up round is measured against a day without answers, so every row is the
    core's "insufficient_data" rather than a verdict made up here)."""
    from levensfase.scan.programmes import Programme as CoreProgramme
    from levensfase.scan.programmes import difference_in_differences
    from levensfase.web.hr.selectors import load_workforce

    follow_up = programme.follow_up or date.max
    core = CoreProgramme(name=programme.name, start=programme.start_date, units=tuple(programme.units),
                         comparison=tuple(programme.comparison_units) or None,
                         rounds=(programme.baseline, follow_up), targets=dict(programme.targets))
    days = [d for d in (programme.baseline, programme.follow_up) if d is not None]
    hr = {d: hr_indicators(as_of=d, k=k) for d in days}
    return difference_in_differences(core, scores=scores(k=k), units=load_workforce().units,
                                     dimensions=instrument().dimension_codes, hr=hr)


def measure_labels(*, lang: str) -> dict[str, str]:
    from levensfase.web.scan.presentation import hr_labels

    return {**dict(dimension_names(lang=lang)), **hr_labels()}
