"""Retention of leavers' personal data (DESIGN §6, AVG art. 5(1)(e) and 89): the decisions, no I/O.

Who is due (the last employment spell ended more than N years ago), what is kept (the employment
history headcount and flows of past periods need, under a random token), how a birth date is
coarsened, and how an erased person's original id is remembered without being kept (a keyed
one-way hash). The web app (`web.privacy`) does the writing; the CLI and pages ask this module.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from levensfase.model.pension import aow_date

DEFAULT_YEARS = 2  # personnel file: 2 years after leaving (reference/domain-facts.md §9)
DEFAULT_OH_YEARS = 20  # WGBO medical dossier under the bedrijfsarts (art. 7:454 BW)
TOKEN_PREFIX = "anon-"

# Exchange tables of a person (DESIGN §3) and what retention does with each of them.
KEPT = ("people", "assignments")  # pseudonymised: token for the id, coarsened birth date
REMOVED = ("life_events", "absences", "surveys", "conversations", "arrangements", "person_skills")


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def check_years(text: str | int, *, name: str) -> int:
    """A retention period from the environment: a whole number of years ≥ 1 (ValueError names it)."""
    value = str(text).strip()
    if not value.isdigit() or int(value) < 1:
        raise ValueError(name, value)
    return int(value)


def leavers_due(assignments: pl.DataFrame, *, today: date, years: int) -> list[str]:
    """Persons whose employment ended more than `years` years before `today`: no ongoing
    assignment and every assignment ended before the cut. Sorted; tokens already given are left out."""
    cut = years_before(today, years)
    if assignments.is_empty():
        return []
    last = assignments.group_by("person_id").agg(
        pl.col("end_date").is_null().any().alias("ongoing"),
        pl.col("end_date").max().alias("last_end"),
    )
    due = last.filter(~pl.col("ongoing") & (pl.col("last_end") < cut))
    due = due.filter(~pl.col("person_id").str.starts_with(TOKEN_PREFIX))
    return sorted(due.get_column("person_id").to_list())


def _retired_early(born: date, retirements: tuple[date, ...]) -> tuple[bool, ...]:
    """For each retirement exit (last working day): did the person leave before their AOW date?
    The rule of analytics.outflow_kinds: at AOW when the day after the last working day is on or
    after the AOW date."""
    if not retirements:
        return ()
    due = aow_date(born).date
    return tuple(day + timedelta(days=1) < due for day in retirements)


def five_year_band(age: int) -> str:
    """The age band of `analytics.categories.age_band` (5-year bands, "<20" and "70+" open)."""
    if age < 20:
        return "<20"
    if age >= 70:
        return "70+"
    return f"{age // 5 * 5}-{age // 5 * 5 + 4}"


def _age(born: date, day: date) -> int:
    had_birthday = (day.month, day.day) >= (born.month, born.day)
    return day.year - born.year - (0 if had_birthday else 1)


# Coarsened birth dates tried in turn: 31 December first (see coarsen_birth_date), then 2 January
# (ages on year boundaries just as exact, but an early AOW date: a retirement at AOW stays one),
# 1 January (for those born on it), midyear, the first of each other month, and last the 16th of each month: never finer than
# half a month, so a coarsened date never comes within about two weeks of telling the true one.
_STANDARD = ((12, 31), (1, 2), (1, 1), (7, 1), *((m, 1) for m in range(2, 13) if m != 7), *((m, 16) for m in range(1, 13)))


def _candidates(year: int) -> Iterator[date]:
    return (date(year, month, day) for month, day in _STANDARD)


def coarsen_birth_date(born: date, *, retirements: Iterable[date] = (), event_days: Iterable[date] = ()) -> date:
    """The birth year with a standard day: 31 December, unless another of `_STANDARD` keeps
    more of what past statistics computed from the true date.

    Why 31 December: age in completed years on a 31 December (year ends, the usual period end)
    is then exact for everyone, and on a 1 January for everyone not born on 1 January, so age
    bands at year boundaries stay as they were; generations depend on the year alone and never
    change. On other days the age may be a year too low, so the candidate kept is the first
    that (1) leaves every retirement exit before or after the AOW date as it was (a later birth
    date moves the AOW date later and could turn a retirement at AOW into an early one —
    influenceable outflow), and (2) gives the same age band on each of `event_days` (the
    person's starts, ends and year boundaries); when none keeps all, the one keeping most.
    """
    retirements, days = tuple(retirements), sorted(set(event_days))
    truth_retired = _retired_early(born, retirements)
    truth_bands = [five_year_band(_age(born, d)) for d in days]
    best, best_score = None, None
    for candidate in _candidates(born.year):
        kept = sum(five_year_band(_age(candidate, d)) == band for d, band in zip(days, truth_bands))
        score = (_retired_early(candidate, retirements) == truth_retired, kept)
        if score == (True, len(days)):
            return candidate
        if best_score is None or score > best_score:
            best, best_score = candidate, score
    return best


def event_days(assignments: pl.DataFrame) -> dict[str, list[date]]:
    """Per person, the days on which past statistics take their age: each assignment's start and
    end, and 1 January and 31 December of every year they worked."""
    days: dict[str, set[date]] = {}
    for person_id, start, end in assignments.select("person_id", "start_date", "end_date").iter_rows():
        mine = days.setdefault(person_id, set())
        mine.add(start)
        last = end or start
        mine.add(last)
        for year in range(start.year, last.year + 1):
            mine.update((date(year, 1, 1), date(year, 12, 31)))
    return {person_id: sorted(d) for person_id, d in days.items()}


def retirement_exits(assignments: pl.DataFrame) -> dict[str, list[date]]:
    """Per person, the end dates of assignments that ended with end_reason = retirement."""
    rows = assignments.filter((pl.col("end_reason") == "retirement") & pl.col("end_date").is_not_null())
    exits: dict[str, list[date]] = {}
    for person_id, day in rows.select("person_id", "end_date").iter_rows():
        exits.setdefault(person_id, []).append(day)
    return exits


def new_token() -> str:
    """A random pseudonym for an anonymised person: nothing in it derives from the person."""
    return TOKEN_PREFIX + secrets.token_hex(8)


def person_hash(person_id: str, *, secret: str) -> str:
    """One-way, keyed hash of an original person id (HMAC-SHA256 with the installation's secret):
    recognises the id in a later import, but cannot be turned back into it or guessed from a
    list of plausible ids without the secret."""
    return hmac.new(secret.encode(), person_id.strip().encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Skipped:
    """Rows of one import table that belonged to an anonymised or erased person."""

    table: str
    rows: int


def drop_hashed(frame: pl.DataFrame, *, table: str, hashes: frozenset[str],
                secret: str) -> tuple[pl.DataFrame, Skipped | None]:
    """`frame` without the rows whose person_id hashes into `hashes` (each distinct id hashed once)."""
    if not hashes or frame is None or "person_id" not in frame.columns or frame.is_empty():
        return frame, None
    ids = frame.get_column("person_id").unique().drop_nulls().to_list()
    gone = [i for i in ids if person_hash(str(i), secret=secret) in hashes]
    if not gone:
        return frame, None
    kept = frame.filter(~pl.col("person_id").is_in(gone))
    return kept, Skipped(table, frame.height - kept.height)


def skipped_note(skipped: list[Skipped]) -> tuple[str, str] | None:
    """The import note (Dutch, English) about rows of erased or anonymised people that were skipped."""
    if not skipped:
        return None
    parts = ", ".join(f"{s.table}: {s.rows}" for s in skipped)
    total = sum(s.rows for s in skipped)
    return (
        f"{total} rij(en) overgeslagen van personen die zijn geanonimiseerd of gewist ({parts}); "
        "zij worden nooit opnieuw aangemaakt.",
        f"{total} row(s) skipped of people who were anonymised or erased ({parts}); "
        "they are never recreated.",
    )


def coverage_note(*, anonymised: int, years: int | None = None, lang: str = "nl") -> str | None:
    """What person-level sections miss after retention (reduced data coverage), or None."""
    if anonymised <= 0:
        return None
    if lang == "en":
        when = f"{years} year(s) after leaving" if years else "after the retention period"
        return (f"Data of {anonymised:,} former employee(s) were anonymised {when}: "
                "headcount and flows stay complete; life events, absences, survey answers, conversations, "
                "arrangements and skills are missing for them.")
    when = f"{years} jaar na vertrek" if years else "na de bewaartermijn"
    count = f"{anonymised:,}".replace(",", ".")  # Dutch thousands separator
    return (f"Gegevens van {count} vertrokken medewerker(s) zijn {when} geanonimiseerd: "
            "bezetting en in-, door- en uitstroom blijven volledig; levensgebeurtenissen, verzuim, "
            "vragenlijsten, gesprekken, regelingen en vaardigheden ontbreken voor hen.")


def data_coverage(people: pl.DataFrame) -> dict | None:
    """The `data_coverage` note of the analyse document: how many people in `people` are
    pseudonymised leavers (their id is a token) and which tables lack their data; None when none."""
    anonymised = people.filter(pl.col("person_id").str.starts_with(TOKEN_PREFIX)).height
    if not anonymised:
        return None
    return {"anonymised_people": anonymised, "tables_without_their_data": list(REMOVED),
            "note": coverage_note(anonymised=anonymised), "note_en": coverage_note(anonymised=anonymised, lang="en")}
