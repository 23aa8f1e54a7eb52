"""What an import may only do when the user said so: leave out rows that clash with app data, remove rows.

A stored import refuses both unless confirmed (services.ImportOptions): conflicts with
`skip_conflicts` (the page's checkbox, CLI --skip-conflicts), removals with `allow_removal` (CLI
--yes) or with `expect_removed` equal to the number removed (the count typed on the page, so a
database that changed since the check cannot make the import remove more than was shown).
"""

from __future__ import annotations

from levensfase.model.schema import TABLES
from levensfase.web.hr.health import shareable
from levensfase.web.hr.refusal import ImportRefused

EXAMPLES = 3


def refuse_unconfirmed(summary, *, options) -> None:
    """Raise ImportRefused (the transaction rolls back) for unconfirmed conflicts or removals."""
    if summary.conflicts and not options.skip_conflicts:
        nl, en = conflict_lines(summary.conflicts)
        raise ImportRefused(
            f"Import geweigerd, er is niets opgeslagen: {summary.conflict_rows} rij(en) in het bestand botsen met "
            f"gegevens die in de app zijn ingevoerd; die blijven altijd staan. {nl} Bevestig dat deze rijen uit het "
            f"bestand worden overgeslagen (CLI: --skip-conflicts).",
            message_en=f"Import refused, nothing was saved: {summary.conflict_rows} row(s) of the file clash with "
                       f"data entered in the app, which always stays. {en} Confirm that these file rows are skipped "
                       f"(CLI: --skip-conflicts).",
            problems=[en],
        )
    removed = summary.removed
    if removed and not options.allow_removal and options.expect_removed != removed:
        typed = "" if options.expect_removed is None else (
            f" (bevestigd: {options.expect_removed}; de gegevens zijn sinds de controle veranderd)")
        typed_en = "" if options.expect_removed is None else (
            f" (confirmed: {options.expect_removed}; the data changed since the check)")
        raise ImportRefused(
            f"Import geweigerd, er is niets opgeslagen: deze snapshot verwijdert {removed} rij(en){typed}. "
            f"Bevestig de verwijdering uitdrukkelijk: typ het aantal op de importpagina, of gebruik --yes.",
            message_en=f"Import refused, nothing was saved: this snapshot removes {removed} row(s){typed_en}. "
                       f"Confirm the removal explicitly: type the number on the import page, or use --yes.",
        )


def conflict_lines(conflicts: dict) -> tuple[str, str]:
    """Per table: how many file rows clash, with example keys where they are not health data."""
    nl, en = [], []
    for name, frame in conflicts.items():
        visible = shareable(name, frame)
        keys = list(TABLES[name].key)
        example = ""
        if visible is not None and visible.height:
            rows = visible.select(keys).head(EXAMPLES).iter_rows()
            example = "; ".join(" ".join(str(v) for v in row) for row in rows)
        nl.append(f"{name}: {frame.height}" + (f" (bijv. {example})." if example else "."))
        en.append(f"{name}: {frame.height}" + (f" (e.g. {example})." if example else "."))
    return " ".join(nl), " ".join(en)
