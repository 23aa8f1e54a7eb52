"""`levensfase import`: what it prints after an import or a dry run (the changes, then what the
user should know: file rows skipped for clashing with app data, possible leavers in a snapshot),
and `--undo`."""

from __future__ import annotations

from pathlib import Path

from levensfase import cli_tables
from levensfase.terminal import EXIT_REFUSED, Refusal, console, errors, start_django, t

LISTED = 10  # possible leavers named; the rest are counted


def print_outcome(summary, *, dry_run: bool) -> None:
    cli_tables.print_summary(summary, dry_run=dry_run)
    if summary.conflicts:
        from levensfase.web.hr.confirm import conflict_lines

        nl, en = conflict_lines(summary.conflicts)
        n = summary.conflict_rows
        console.print(t(f"{n} rij(en) uit het bestand botsen met gegevens uit de app en worden overgeslagen "
                        f"(de app-gegevens blijven staan): {nl}",
                        f"{n} file row(s) clash with data entered in the app and are skipped "
                        f"(the app data stays): {en}"))
    if summary.leavers is not None and summary.leavers.height:
        ids = summary.leavers["person_id"].to_list()
        shown = ", ".join(ids[:LISTED]) + (t(f" en {len(ids) - LISTED} anderen", f" and {len(ids) - LISTED} others")
                                           if len(ids) > LISTED else "")
        console.print(t(f"Let op: {len(ids)} persoon/personen met een lopend dienstverband staan niet in de snapshot "
                        f"(mogelijk uit dienst, zonder einddatum): {shown}. Er is geen einddatum ingevuld.",
                        f"Note: {len(ids)} person(s) with an open assignment are missing from the snapshot (possible "
                        f"leavers without an end date): {shown}. No end date was set."))
    if not dry_run and summary.changed:
        console.print(t("Ongedaan maken kan tot de volgende import: levensfase import --undo",
                        "This can be undone until the next import: levensfase import --undo"))


def undo_last_import(path: Path | None) -> None:
    """Undo the last import (there is no path to give: only the last one can be undone)."""
    if path is not None:
        raise Refusal("--undo neemt geen pad: het maakt de laatste import ongedaan.",
                      "--undo takes no path: it undoes the last import.")
    start_django()
    from levensfase.web.hr.services import ImportRefused
    from levensfase.web.hr.undo import undo_last

    try:
        done = undo_last()
    except ImportRefused as refused:
        raise Refusal(str(refused), refused.message_en, code=EXIT_REFUSED) from refused
    run = done.summary["undone_run"]
    console.print(t(f"Import #{run} is ongedaan gemaakt; de tabellen zijn weer zoals ervoor.",
                    f"Import #{run} was undone; the tables are as they were before it."))


def check_paths(path: Path, mapping: Path | None) -> None:
    if not path.exists():
        raise Refusal(f"{path} bestaat niet.", f"{path} does not exist.")
    if mapping is not None:
        from levensfase.ingest.mapping import UnknownProfile, resolve_profile

        try:
            resolve_profile(mapping)
        except UnknownProfile as unknown:
            names = ", ".join(unknown.shipped)
            raise Refusal(f"Mappingprofiel {mapping} bestaat niet (geen bestand en geen meegeleverd profiel: {names}).",
                          f"Mapping profile {mapping} does not exist (no file and no shipped profile: {names}).") from None


def print_notes(notes: list[str], notes_en: list[str]) -> None:
    for note_nl, note_en in zip(notes, notes_en):
        errors.print(f"[yellow]{t('Let op', 'Note')}:[/] {t(note_nl, note_en)}")


def refuse_problems(problems) -> None:
    from levensfase.ingest.problems import problem_count

    cli_tables.print_problems(problems)
    count = problem_count(problems)  # a capped list stands for more problems than it lists
    raise Refusal(
        f"{count:,} {'probleem' if count == 1 else 'problemen'} gevonden; er is niets ingelezen.".replace(",", "."),
        f"{count:,} {'problem' if count == 1 else 'problems'} found; nothing was read.",
        code=EXIT_REFUSED,
    )
