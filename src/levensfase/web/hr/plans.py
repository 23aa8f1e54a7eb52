"""What one import does to one table, per mode (DESIGN §3, "An import never destroys").

*update* (the default): rows are added or changed by their natural key; nothing is removed.
*snapshot*: for the HRIS master tables the file is the whole truth for each person it carries
(that person's assignments, life events and absences absent from the file go; people not in the
file keep all their rows), and units and jobs absent from the file go once nothing refers to them
(services.py removes those at the end, when every reference is known). Other tables are updated.
A person is never removed. Rows entered in the app are never removed or overwritten: a file row
that would change one is a conflict and is left out (the import goes ahead only when the user
agreed to skip them). An assignment's key is its v1.2 `assignment_id` when both sides carry one,
so a corrected unit or job changes the row; without it an update refuses what looks like a
correction, since adding it would give the person a second, concurrent assignment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from levensfase.model.schema import TABLES
from levensfase.web.hr.refusal import refuse
from levensfase.web.hr.tables import DB_TABLES, SURVEY_RESPONSE_KEY, key_frame, to_db_frame
from levensfase.web.hr.writing import TableChange, diff_frames

MODES = ("update", "snapshot")
PER_PERSON = ("assignments", "life_events", "absences")  # a snapshot replaces these per person carried
CATALOGS = ("units", "jobs")  # a snapshot removes these only when nothing refers to them
REFERENCE_TARGETS = frozenset(target for table in TABLES.values() for _, target in table.references)
SAMPLE_ROWS = 20  # affected rows kept per table and kind, for the check page


@dataclass(frozen=True)
class Plan:
    """What to write for one table: database frames to insert and update, keys to delete.

    A table that was empty (`fresh`) keeps its exchange frame in `new`: its database rows are
    made by `writing.prepare`, usually on the import's worker thread ahead of time.
    """

    name: str
    change: TableChange
    update: pl.DataFrame
    delete: pl.DataFrame
    rows: pl.DataFrame | None = None  # database rows to insert (the diff path)
    fresh: bool = False  # the table was empty: bulk-load it (bulk.py)
    new: pl.DataFrame | None = None
    after: pl.DataFrame | None = None  # exchange rows to check references with (all of them for a target table)
    conflicts: pl.DataFrame | None = None  # file rows that clash with rows entered in the app: left out
    orphans: pl.DataFrame | None = None  # keys (units, jobs) a snapshot removes once nothing refers to them
    leavers: pl.DataFrame | None = None  # person_id: an open assignment, missing from a snapshot
    samples: dict[str, pl.DataFrame] = field(default_factory=dict)  # added/changed/removed exchange rows


def plan_table(name: str, *, old: pl.DataFrame, new: pl.DataFrame, mode: str = "update",
               app: pl.DataFrame | None = None, today: date | None = None,
               carried: tuple[str, ...] | None = None) -> Plan:
    """The plan for table `name` from what is stored (`old`), the file (`new`, whose source had the
    columns `carried`; None: all) and the keys of the rows entered in the app (`app`, database key
    columns). Raises ImportRefused for an assignment correction an update cannot make."""
    key = list(TABLES[name].key)
    if old.height == 0:  # a first import: everything is new, no joins over millions of rows
        return Plan(name, TableChange(new.height, 0, 0), to_db_frame(name, new.clear()), key_frame(name, old),
                    fresh=True, new=new, after=new, samples={"added": new.head(SAMPLE_ROWS)})
    new = _keep_absent_columns(name, old=old, new=new, carried=carried)
    if name == "assignments":
        new = _keep_stored_ids(old=old, new=new)
    file = new
    new, conflicts = _without_conflicts(name, old=old, new=new, app=app)
    old_rest, new_rest, moved_old, moved_new = _corrections(name, old=old, new=new)
    added, changed, removed = diff_frames(old=old_rest, new=new_rest, key=key)
    if name == "assignments" and mode == "update":
        _refuse_silent_corrections(added=added, missing=removed)
    removed, orphans = _removals(name, removed=removed, file=file, mode=mode, app=app)
    leavers = _leavers(old=old, file=file, today=today or date.today()) if (
        mode == "snapshot" and name == "assignments") else None
    edited = pl.concat([changed, moved_new])
    change = TableChange(added.height, edited.height, removed.height)
    extra = dict(after=_after(name, old=old, new=new) if name in REFERENCE_TARGETS else new, conflicts=conflicts,
                 orphans=orphans, leavers=leavers,
                 samples={"added": added.head(SAMPLE_ROWS), "changed": edited.head(SAMPLE_ROWS),
                          "removed": removed.head(SAMPLE_ROWS)})
    if name == "surveys":
        return _survey_plan(old=old, new=new, added=added, changed=changed, change=change, **extra)
    return Plan(name, change, to_db_frame(name, changed), key_frame(name, pl.concat([removed, moved_old])),
                rows=to_db_frame(name, pl.concat([added, moved_new])), **extra)


def _survey_plan(*, old, new, added, changed, change, **extra) -> Plan:
    """Surveys are stored per response: rewrite each response with any item added or changed
    (its items absent from the file stay: no mode removes survey answers)."""
    key, response = list(TABLES["surveys"].key), list(SURVEY_RESPONSE_KEY)
    touched = pl.concat([f.select(response) for f in (added, changed)]).unique()
    kept = pl.concat([
        old.join(touched, on=response, how="semi").join(new, on=key, how="anti"),
        new.join(touched, on=response, how="semi"),
    ])
    responses = to_db_frame("surveys", kept)
    existed = key_frame("surveys", old.select(response).unique())
    return Plan("surveys", change, responses.join(existed, on=response, how="semi"), existed.clear(),
                rows=responses.join(existed, on=response, how="anti"), **extra)


def _without_conflicts(name: str, *, old, new, app) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the file without the rows that would add to or change a row entered in the app, those rows).
    A file row equal to the app row is no conflict: it changes nothing."""
    if app is None or app.height == 0 or new.height == 0:
        return new, new.clear()
    db_key, key = list(DB_TABLES[name].key), list(TABLES[name].key)
    touching = new.join(app, on=db_key, how="semi")
    if touching.height == 0:
        return new, new.clear()
    added, changed, _ = diff_frames(old=old.join(app, on=db_key, how="semi"), new=touching, key=key)
    clash = pl.concat([added.select(db_key), changed.select(db_key)]).unique()
    return new.join(clash, on=db_key, how="anti"), new.join(clash, on=db_key, how="semi")


def _keep_absent_columns(name: str, *, old: pl.DataFrame, new: pl.DataFrame,
                         carried: tuple[str, ...] | None) -> pl.DataFrame:
    """A column the file does not carry at all (an export without `sex`, a mapping without
    `contract`) keeps its stored values: only rows new to the database get it empty."""
    absent = [c for c in new.columns if carried is not None and c not in carried]
    if not absent or new.height == 0:
        return new
    key = list(TABLES[name].key)
    stored = old.select(*key, *[pl.col(c).alias(f"{c}__stored") for c in absent])
    return (new.join(stored, on=key, how="left", maintain_order="left")
            .with_columns(pl.coalesce(c, f"{c}__stored").alias(c) for c in absent).select(new.columns))


def _keep_stored_ids(*, old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """A file without assignment_id (or with an empty one) keeps the id stored for the same
    assignment: an identity, once known, is not erased by an export that lacks the column."""
    key = list(TABLES["assignments"].key)
    ids = old.filter(pl.col("assignment_id").is_not_null()).select(*key, stored_id=pl.col("assignment_id"))
    if ids.height == 0 or new.height == 0:
        return new
    return (new.join(ids, on=key, how="left", maintain_order="left")
            .with_columns(assignment_id=pl.coalesce("assignment_id", "stored_id")).select(new.columns))


def _corrections(name: str, *, old, new) -> tuple[pl.DataFrame, ...]:
    """(old rest, new rest, old rows, their corrected versions): assignments whose assignment_id is
    stored with another natural key (a corrected unit, job, start date); other tables: none."""
    nothing = (old, new, old.clear(), new.clear())
    if name != "assignments":
        return nothing
    ids = new.filter(pl.col("assignment_id").is_not_null())
    if ids.height == 0:
        return nothing
    doubles = ids.filter(pl.col("assignment_id").is_duplicated())["assignment_id"].unique().sort().head(3).to_list()
    if doubles:
        example = ", ".join(doubles)
        raise refuse([f"assignment_id komt meer dan eens voor in assignments.csv (bijv. {example})."],
                     [f"assignment_id occurs more than once in assignments.csv (e.g. {example})."])
    key = list(TABLES[name].key)
    stored = old.filter(pl.col("assignment_id").is_not_null()).select(
        "assignment_id", *[pl.col(k).alias(f"{k}__old") for k in key])
    both = ids.join(stored, on="assignment_id", how="inner")
    moved = both.filter(pl.any_horizontal(pl.col(k).ne_missing(pl.col(f"{k}__old")) for k in key))
    if moved.height == 0:
        return nothing
    moved_ids = moved.select("assignment_id")
    return (old.join(moved_ids, on="assignment_id", how="anti"), new.join(moved_ids, on="assignment_id", how="anti"),
            old.join(moved_ids, on="assignment_id", how="semi"), moved.select(new.columns))


def _refuse_silent_corrections(*, added: pl.DataFrame, missing: pl.DataFrame) -> None:
    """An update cannot tell a corrected unit or job from a second assignment: refuse file rows
    without an assignment_id that start on the day of a stored assignment of the same person
    that the file no longer carries."""
    when = ["person_id", "start_date"]
    suspects = added.filter(pl.col("assignment_id").is_null()).join(missing.select(when).unique(), on=when, how="semi")
    if suspects.height == 0:
        return
    example = ", ".join(f"{p} {d}" for p, d in suspects.select(when).sort(when).head(3).iter_rows())
    n = suspects.height
    raise refuse(
        [f"{n} rij(en) in assignments.csv lijken correcties van opgeslagen dienstverbanden (zelfde persoon en "
         f"startdatum, andere afdeling of functie; bijv. {example}). Een update zou er een tweede, gelijktijdig "
         f"dienstverband van maken. Geef elk dienstverband zijn assignment_id (het contractnummer uit het "
         f"HR-systeem) of importeer als snapshot."],
        [f"{n} row(s) of assignments.csv look like corrections of stored assignments (same person and start "
         f"date, another unit or job; e.g. {example}). An update would make them a second, concurrent "
         f"assignment. Give each assignment its assignment_id (the HRIS contract number) or import as a snapshot."],
    )


def _removals(name: str, *, removed, file, mode, app) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """(rows this import removes now, keys removed later once nothing refers to them)."""
    if mode != "snapshot" or (name not in PER_PERSON and name not in CATALOGS):
        return removed.clear(), None
    if app is not None and app.height:
        removed = removed.join(app, on=list(DB_TABLES[name].key), how="anti")
    if name in CATALOGS:
        return removed.clear(), removed.select(TABLES[name].key)
    return removed.join(file.select("person_id").unique(), on="person_id", how="semi"), None


def _leavers(*, old: pl.DataFrame, file: pl.DataFrame, today: date) -> pl.DataFrame:
    """People with an assignment open today who are missing from a snapshot of assignments."""
    open_today = old.filter(pl.col("end_date").is_null() | (pl.col("end_date") >= today))
    return (open_today.select("person_id").unique()
            .join(file.select("person_id").unique(), on="person_id", how="anti").sort("person_id"))


def _after(name: str, *, old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """Every row of a referenced table after the import (nothing is removed from it here)."""
    key = list(TABLES[name].key)
    return pl.concat([old.join(new.select(key), on=key, how="anti"), new])
