"""The AVG commands (DESIGN §6): `levensfase retention` and `levensfase erase`.

Both change personal data for good, so both want an explicit `--yes`; `retention` without
`--apply` only lists who is due.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from levensfase.terminal import OutputFormat, Refusal, console, start_django, t


def retention(
    apply: Annotated[bool, typer.Option("--apply", help="Anonymise the leavers listed (needs --yes).")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Confirm --apply: this cannot be undone.")] = False,
    format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
) -> None:
    """Leavers past the retention period (LEVENSFASE_RETENTION_YEARS, default 2): list them, or anonymise them."""
    if apply and not yes:
        raise Refusal("--apply verwijdert persoonsgegevens voorgoed; bevestig met --yes. Er is niets gewijzigd.",
                      "--apply removes personal data for good; confirm with --yes. Nothing was changed.")
    _check_periods()
    start_django()
    from levensfase.web.privacy.retention import apply_retention, plan_retention

    if apply:
        result = apply_retention(today=date.today())
        output = {**result.plan.as_dict(), "applied": True, "anonymised": result.anonymised,
                  "removed": dict(sorted(result.removed.items()))}
    else:
        output = {**plan_retention(today=date.today()).as_dict(), "applied": False}
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(output, indent=2) + "\n")
        return
    _print_retention(output)


def _check_periods() -> None:
    """Refuse plainly when a retention period in the environment is no whole number of years ≥ 1."""
    from levensfase.model.data_retention import check_years

    for name, default in (("LEVENSFASE_RETENTION_YEARS", "2"), ("LEVENSFASE_OH_RETENTION_YEARS", "20")):
        try:
            check_years(os.environ.get(name, default), name=name)
        except ValueError:
            value = os.environ.get(name, "")
            raise Refusal(f"{name} moet een heel getal van 1 of meer zijn, niet {value!r}. Er is niets gewijzigd.",
                          f"{name} must be a whole number of 1 or more, not {value!r}. Nothing was changed.") from None


def _print_retention(output: dict) -> None:
    years, persons = output["retention_years"], output["persons"]
    if output["applied"]:
        console.print(t(f"{output['anonymised']} vertrokken medewerker(s) geanonimiseerd (uit dienst vóór {output['cut']}).",
                        f"{output['anonymised']} former employee(s) anonymised (left before {output['cut']})."))
        if output["removed"]:
            _print_counts(t("Verwijderde rijen", "Rows removed"), output["removed"])
        return
    console.print(t(f"Bewaartermijn {years} jaar: {len(persons)} vertrokken medewerker(s) uit dienst vóór {output['cut']}.",
                    f"Retention {years} years: {len(persons)} former employee(s) who left before {output['cut']}."))
    for person_id in persons:
        console.print(f"  {person_id}")
    if persons:
        console.print(t("Proefrun: er is niets gewijzigd. Anonimiseren met --apply --yes.",
                        "Dry run: nothing was changed. Anonymise with --apply --yes."))


def erase(
    person_id: Annotated[str, typer.Argument(help="The person to erase everywhere.")],
    yes: Annotated[bool, typer.Option("--yes", help="Confirm: this cannot be undone.")] = False,
    format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
) -> None:
    """Erase one person on request (AVG art. 17): every row, audited; the id is never imported again."""
    start_django()
    from levensfase.web.privacy.erasure import UnknownPerson, erase_person, erasure_preview

    try:
        counts = erase_person(person_id=person_id, user=None) if yes else erasure_preview(person_id=person_id)
    except UnknownPerson:
        raise Refusal(f"Persoon {person_id} bestaat niet (of is al geanonimiseerd of gewist).",
                      f"Person {person_id} does not exist (or was anonymised or erased already).") from None
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps({"person_id": person_id, "erased": yes, "removed": counts}, indent=2) + "\n")
    else:
        _print_counts(t("Gewist" if yes else "Zou worden gewist (bevestig met --yes)",
                        "Erased" if yes else "Would be erased (confirm with --yes)"), counts)
    if not yes:
        raise Refusal(f"Er is niets gewist: bevestig met --yes om {person_id} voorgoed te wissen.",
                      f"Nothing was erased: confirm with --yes to erase {person_id} for good.")


def _print_counts(title: str, counts: dict[str, int]) -> None:
    table = Table(title=title)
    table.add_column(t("tabel", "table"))
    table.add_column(t("rijen", "rows"), justify="right")
    for name, rows in counts.items():
        table.add_row(name, str(rows))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(retention)
    app.command()(erase)
