"""Writes of the scan: open a round, record an answer anonymously, release answers, load
responses, save a programme. How anonymity is kept is explained in scan/models.py."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import polars as pl
from django.db import transaction
from django.db.models import Count

from levensfase.web.accounts.models import Profile, Role
from levensfase.web.hr.selectors import SCAN_DATA, bump_data_version
from levensfase.web.scan.models import (
    PendingScanAnswer, Programme, ScanParticipation, ScanResponse, ScanRound, UnitKpi, new_id,
)
from levensfase.web.surveys.services import people_at_work

EXCHANGE_COLUMNS = ("response_id", "unit_id", "role", "date", "item", "value")


class AlreadyAnswered(Exception):
    """The person has answered this round already (or was not invited to it)."""


class RoundClosed(Exception):
    """The round no longer accepts answers."""



@transaction.atomic
def open_round(*, user, name: str, unit_ids: Iterable[str], on: date, closes_on: date) -> ScanRound:
    """Invite everyone employed on `on` in the units (and below), once each, all rows at once.

    A person with a manager login answers as "manager", everyone else as "employee"."""
    scan_round = ScanRound.objects.create(name=name, date=on, closes_on=closes_on,
                                          created_by=user if user is not None and user.is_authenticated else None)
    roots = list(unit_ids)
    scan_round.units.set(roots)
    invited = people_at_work(unit_ids=roots, on=on)
    managers = set(Profile.objects.filter(role=Role.MANAGER, person_id__in=invited).values_list("person_id", flat=True))
    ScanParticipation.objects.bulk_create([
        ScanParticipation(round=scan_round, person_id=p, unit_id=u, role="manager" if p in managers else "employee")
        for p, u in invited.items()])
    return scan_round


@transaction.atomic
def record_answers(*, round_id: int, person_id: str, answers: Mapping[str, int], today: date, k: int) -> None:
    """Mark the person as having answered and put their answers, without them, in the waiting room.

    Raises AlreadyAnswered (not invited or answered already) or RoundClosed, and then writes nothing."""
    participation = (ScanParticipation.objects.select_for_update().select_related("round")
                     .filter(round_id=round_id, person_id=person_id).first())
    if participation is None or participation.answered:
        raise AlreadyAnswered(round_id)
    if participation.round.closes_on < today or participation.round.closed:
        raise RoundClosed(round_id)
    participation.answered = True
    participation.save(update_fields=["answered"])
    PendingScanAnswer.objects.create(round_id=round_id, unit_id=participation.unit_id, role=participation.role,
                                     answers={str(item): int(value) for item, value in answers.items()})
    release(round_id=round_id, k=k, closing=False)


def release(*, round_id: int, k: int, closing: bool) -> int:
    """Move waiting answer sets of each unit with ≥ k of them (every unit when `closing`) into the
    response table, shuffled, each set under a fresh random response_id; returns the sets moved."""
    scan_round = ScanRound.objects.get(pk=round_id)
    waiting = PendingScanAnswer.objects.filter(round_id=round_id)
    sizes = waiting.values("unit_id").annotate(n=Count("id"))
    ready = [row["unit_id"] for row in sizes if closing or row["n"] >= k]
    if not ready:
        return 0
    batch = list(waiting.filter(unit_id__in=ready))
    random.SystemRandom().shuffle(batch)
    rows = []
    for answer in batch:
        response_id = new_id()  # fresh: not the waiting row's id, so nothing carries over from before the release
        rows += [ScanResponse(response_id=response_id, unit_id=answer.unit_id, role=answer.role, date=scan_round.date,
                              item=item, value=float(value)) for item, value in sorted(answer.answers.items())]
    ScanResponse.objects.bulk_create(rows, batch_size=1000)
    PendingScanAnswer.objects.filter(pk__in=[a.pk for a in batch]).delete()
    transaction.on_commit(scan_data_changed)
    return len(batch)


def scan_data_changed() -> None:
    """Every process's cached scan results are out of date (selectors.answers_version)."""
    bump_data_version(row=SCAN_DATA)


@transaction.atomic
def close_round(*, round_id: int, k: int) -> int:
    """Close a round now (or at its closing date): no more answers, everything waiting is released,
    and its results are published from now on, once (see selectors.responses)."""
    released = release(round_id=round_id, k=k, closing=True)
    ScanRound.objects.filter(pk=round_id).update(closed=True)
    return released


def close_due_rounds(*, today: date, k: int) -> int:
    """Close every round whose closing date has passed (once per round)."""
    due = ScanRound.objects.filter(closes_on__lt=today, closed=False).values_list("pk", flat=True)
    return sum(close_round(round_id=pk, k=k) for pk in list(due))


@transaction.atomic
def load_responses(*, frame: pl.DataFrame) -> int:
    """Store responses in the exchange shape (e.g. the generated demo rounds); a response_id
    already held is replaced, so loading the same frame twice changes nothing. Returns rows stored."""
    missing = [c for c in EXCHANGE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"scan_responses: missing columns {missing}")
    rows = frame.select(EXCHANGE_COLUMNS).rows()
    ids = sorted({row[0] for row in rows})
    for start in range(0, len(ids), 500):
        ScanResponse.objects.filter(response_id__in=ids[start:start + 500]).delete()
    ScanResponse.objects.bulk_create(
        [ScanResponse(response_id=str(r), unit_id=str(u), role=str(role), date=d, item=str(i), value=float(v))
         for r, u, role, d, i, v in rows], batch_size=1000)
    transaction.on_commit(scan_data_changed)
    return len(rows)


def save_programme(*, programme: Programme | None, name: str, start_date: date, units: list[str],
                   comparison_units: list[str], baseline: date, follow_up: date | None,
                   targets: Mapping[str, float]) -> Programme:
    """Create (programme None) or change a programme; the form has checked every value."""
    programme = programme or Programme()
    programme.name = name
    programme.start_date = start_date
    programme.units = sorted(units)
    programme.comparison_units = sorted(comparison_units)
    programme.baseline = baseline
    programme.follow_up = follow_up
    programme.targets = {dim: float(v) for dim, v in targets.items()}
    programme.save()
    return programme


@transaction.atomic
def load_demo_scan(*, responses: pl.DataFrame, programme, today: date) -> Programme:
    """The demo's scan: the generated rounds (exchange shape), its programme (a core `Programme`,
    stored by name, so a re-run changes it instead of adding one), and one open round over the
    demo employee's and manager's unit so the questionnaire has something to show."""
    load_responses(frame=responses)
    baseline, follow_up = programme.rounds
    stored, _ = Programme.objects.update_or_create(name=programme.name, defaults={
        "start_date": programme.start, "units": sorted(programme.units),
        "comparison_units": sorted(programme.comparison or ()), "baseline": baseline, "follow_up": follow_up,
        "targets": {code: float(value) for code, value in programme.targets.items()}})
    demo_units = set(Profile.objects.filter(role=Role.MANAGER).exclude(units=None).values_list("units", flat=True))
    if demo_units and not ScanRound.objects.filter(closes_on__gte=today).exists():
        # measured tomorrow: a round on the generated follow-up's own date would hold that round back until it closes
        open_round(user=None, name="Sociale-innovatiescan (demo)", unit_ids=sorted(demo_units),
                   on=today + timedelta(days=1), closes_on=today + timedelta(days=21))
    return stored


# --- business results (unit_kpis.csv) --------------------------------------------------------


def _lengths_fit(frame: pl.DataFrame) -> None:
    """ScanError for a unit or KPI name longer than its column holds (the database would refuse it)."""
    from levensfase.scan.errors import ScanError

    for column in ("unit_id", "kpi"):
        limit = UnitKpi._meta.get_field(column).max_length
        if frame.height and frame[column].str.len_chars().max() > limit:
            raise ScanError(f"Bedrijfsresultaten niet bruikbaar: een waarde in kolom {column} is langer dan "
                            f"{limit} tekens.", f"Business results not usable: a value in column {column} is "
                                                f"longer than {limit} characters.")


def store_kpis(*, frame: pl.DataFrame, unit_ids: set[str]) -> tuple[int, int]:
    """Add or update the business results of `frame` (unit_kpis.csv) per (unit, period, KPI);
    rows the file does not carry stay as they are (DESIGN §3: an import never destroys).

    Checked first through the core (`scan.kpis.check_kpis`: columns, empty values, unknown units,
    a KPI twice): a ScanError then, and nothing is written. Returns (added, changed)."""
    from levensfase.scan.kpis import check_kpis

    checked = check_kpis(frame, unit_ids=unit_ids)
    _lengths_fit(checked)
    rows = list(checked.iter_rows())
    with transaction.atomic():
        stored = {(u, p, k_): v for u, p, k_, v in UnitKpi.objects.filter(
            unit_id__in={r[0] for r in rows}).values_list("unit_id", "period_end", "kpi", "value")}
        fresh = [UnitKpi(unit_id=u, period_end=p, kpi=k_, value=v) for u, p, k_, v in rows if (u, p, k_) not in stored]
        changed = [r for r in rows if (r[0], r[1], r[2]) in stored and stored[(r[0], r[1], r[2])] != r[3]]
        UnitKpi.objects.bulk_create(fresh)
        for u, p, k_, v in changed:
            UnitKpi.objects.filter(unit_id=u, period_end=p, kpi=k_).update(value=v)
        transaction.on_commit(scan_data_changed)
    return len(fresh), len(changed)
