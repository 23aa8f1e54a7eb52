"""What an import will do, in words: the check page's summary, kept as plain JSON with the upload.

`preview` turns an ImportSummary into data (computed once per upload); `describe` turns that into
the sentences and the button label of the page, in Dutch or English. Health tables (survey
answers, absences) and `health_limitation` life events are counts only, never rows (DESIGN §6).
"""

from __future__ import annotations

import polars as pl

from levensfase.web.hr.health import HEALTH_TABLES, shareable

SAMPLE_ROWS = 20
LEAVERS_LISTED = 20

# table -> (Dutch one, Dutch many, English one, English many), as the user knows them
LABELS: dict[str, tuple[str, str, str, str]] = {
    "units": ("afdeling", "afdelingen", "unit", "units"),
    "jobs": ("functie", "functies", "job", "jobs"),
    "people": ("persoon", "personen", "person", "people"),
    "assignments": ("dienstverband", "dienstverbanden", "assignment", "assignments"),
    "life_events": ("levensgebeurtenis", "levensgebeurtenissen", "life event", "life events"),
    "absences": ("verzuimmelding", "verzuimmeldingen", "absence", "absences"),
    "surveys": ("antwoord op een vragenlijst", "antwoorden op vragenlijsten", "survey answer", "survey answers"),
    "conversations": ("gespreksantwoord", "gespreksantwoorden", "conversation answer", "conversation answers"),
    "arrangements": ("regeling", "regelingen", "arrangement", "arrangements"),
    "skills": ("competentie", "competenties", "skill", "skills"),
    "job_skills": ("functie-eis", "functie-eisen", "job requirement", "job requirements"),
    "person_skills": ("competentiescore", "competentiescores", "skill assessment", "skill assessments"),
}
KINDS = ("added", "changed", "removed")


def label(name: str, language: str, n: int = 2) -> str:
    """The table's name in the page's language, singular for exactly one row."""
    nl_one, nl_many, en_one, en_many = LABELS.get(name, (name,) * 4)
    if language == "en":
        return en_one if n == 1 else en_many
    return nl_one if n == 1 else nl_many


def number(n: int, language: str) -> str:
    """1.234 (Dutch) or 1,234 (English)."""
    text = f"{n:,}"
    return text if language == "en" else text.replace(",", ".")


def _rows(name: str, frame: pl.DataFrame | None) -> dict | None:
    """The first rows of `frame` as text, or None for health data."""
    if frame is None:
        return None
    visible = shareable(name, frame)
    if visible is None:
        return None
    head = visible.head(SAMPLE_ROWS)
    return {"columns": head.columns,
            "rows": [["" if v is None else str(v) for v in row] for row in head.iter_rows()]}


def preview(summary) -> dict:
    """The JSON-ready account of an import (dry run or done)."""
    tables = []
    for name, change in summary.tables.items():
        samples = summary.samples.get(name, {})
        shown = {kind: _rows(name, samples.get(kind)) for kind in KINDS if getattr(change, kind)}
        tables.append({"name": name, **change.as_dict(), "health": name in HEALTH_TABLES,
                       "samples": {k: v for k, v in shown.items() if v and v["rows"]}})
    conflicts = [{"name": name, "count": frame.height, "health": name in HEALTH_TABLES,
                  "rows": _rows(name, frame)} for name, frame in summary.conflicts.items()]
    leavers = summary.leavers["person_id"].to_list() if summary.leavers is not None else []
    return {
        "mode": summary.mode,
        "changed": summary.changed,
        "run_id": summary.run_id,
        "tables": tables,
        "totals": {kind: sum(t[kind] for t in tables) for kind in KINDS},
        "conflicts": conflicts,
        "conflict_rows": sum(c["count"] for c in conflicts),
        "leavers": {"count": len(leavers), "ids": leavers[:LEAVERS_LISTED]},
    }


def describe(data: dict, language: str) -> dict:
    """Headline, whether it is a warning (rows removed or changed), and the confirm button's label."""
    en = language == "en"
    parts = {kind: [f"{number(t[kind], language)} {label(t['name'], language, t[kind])}"
                    for t in data["tables"] if t[kind]]
             for kind in KINDS}
    verbs = ({"removed": "removes", "changed": "changes", "added": "adds"} if en
             else {"removed": "verwijdert", "changed": "wijzigt", "added": "voegt"})
    clauses = []
    for kind in ("removed", "changed", "added"):
        if parts[kind]:
            listed = _join(parts[kind], en)
            clauses.append(f"{verbs[kind]} {listed}" + ("" if en or kind != "added" else " toe"))
    totals = data["totals"]
    if clauses:
        headline = ("This import " if en else "Deze import ") + _join(clauses, en) + "."
    else:
        headline = ("The file contains no changes: the database already holds this data." if en
                    else "Het bestand bevat geen wijzigingen: de database heeft deze gegevens al.")
    removed, changed, added = (number(totals[k], language) for k in ("removed", "changed", "added"))
    if totals["removed"]:
        button = f"Replace and remove {removed} {_rows_word(totals['removed'], en)}" if en else (
            f"Vervangen en {removed} {_rows_word(totals['removed'], en)} verwijderen")
    elif totals["changed"]:
        button = f"Update and change {changed} {_rows_word(totals['changed'], en)}" if en else (
            f"Bijwerken en {changed} {_rows_word(totals['changed'], en)} wijzigen")
    elif totals["added"]:
        button = f"Import: add {added} {_rows_word(totals['added'], en)}" if en else (
            f"Importeren: {added} {_rows_word(totals['added'], en)} toevoegen")
    else:
        button = "Confirm the import" if en else "Import bevestigen"
    return {"headline": headline, "warning": bool(totals["removed"] or totals["changed"]), "button": button,
            "removed": totals["removed"], "removed_text": removed}


def _rows_word(n: int, en: bool) -> str:
    return ("row" if n == 1 else "rows") if en else ("rij" if n == 1 else "rijen")


def _join(items: list[str], en: bool) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + (" and " if en else " en ") + items[-1]


def table_rows(data: dict, language: str) -> list[dict]:
    """The change table with the tables' names in the page's language."""
    return [{**t, "label": label(t["name"], language), **{f"{k}_text": number(t[k], language) for k in KINDS}}
            for t in data["tables"]]


def conflict_rows(data: dict, language: str) -> list[dict]:
    return [{**c, "label": label(c["name"], language), "count_text": number(c["count"], language)}
            for c in data["conflicts"]]
