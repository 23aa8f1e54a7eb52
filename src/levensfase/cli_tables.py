"""Rich tables the command line prints: problems, import summaries, metrics, demo logins."""

from __future__ import annotations

from rich.table import Table

from levensfase.terminal import console, errors, t


def print_problems(problems) -> None:
    table = Table(title=t("Problemen in de invoer", "Problems in the input"), show_lines=False)
    for header in (t("bestand", "file"), t("rij", "row"), t("kolom", "column"), t("waarde", "value"),
                   t("reden", "reason")):
        table.add_column(header)
    for p in problems:
        table.add_row(p.file, "" if p.row is None else str(p.row), p.column or "", short(p.value),
                      t(p.reason, p.reason_en))
    errors.print(table)


def short(value: str | None, limit: int = 40) -> str:
    if value is None:
        return ""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def print_summary(summary, *, dry_run: bool) -> None:
    title = t("Proefimport: dit zou veranderen", "Dry run: this would change") if dry_run else t(
        "Import voltooid", "Import complete")
    table = Table(title=title)
    for header in (t("tabel", "table"), t("nieuw", "added"), t("gewijzigd", "changed"), t("verwijderd", "removed")):
        table.add_column(header, justify="right" if header != t("tabel", "table") else "left")
    for name, change in summary.tables.items():
        table.add_row(name, str(change.added), str(change.changed), str(change.removed))
    console.print(table)
    if not summary.changed:
        console.print(t("Geen wijzigingen: de database had deze gegevens al.",
                        "No changes: the database already held this data."))
    elif dry_run:
        console.print(t("Er is niets opgeslagen (--dry-run).", "Nothing was saved (--dry-run)."))


def print_metrics(m: dict) -> None:
    table = Table(title=t(f"Kengetallen {m['from']} t/m {m['to']}", f"Metrics {m['from']} to {m['to']}"))
    table.add_column(t("kengetal", "metric"))
    table.add_column(t("waarde", "value"), justify="right")
    labels = {
        "headcount_start": t("bezetting begin (personen)", "headcount at start"),
        "headcount_end": t("bezetting eind (personen)", "headcount at end"),
        "average_headcount": t("gemiddelde bezetting", "average headcount"),
        "fte_start": t("fte begin", "FTE at start"),
        "fte_end": t("fte eind", "FTE at end"),
        "inflow": t("instroom", "inflow"),
        "internal_mobility": t("doorstroom (interne overstappen)", "internal mobility (moves)"),
        "promotions": t("waarvan promoties", "of which promotions"),
        "turnover_rate": t("verlooppercentage", "turnover rate (%)"),
        "voluntary_turnover_rate": t("vrijwillig verlooppercentage", "voluntary turnover rate (%)"),
    }
    for key, label in labels.items():
        table.add_row(label, fmt(m[key]))
    reasons = {
        "total": t("uitstroom totaal", "outflow total"),
        "voluntary": t("  eigen verzoek", "  voluntary"),
        "involuntary": t("  ontslag door werkgever", "  involuntary"),
        "retirement": t("  pensioen", "  retirement"),
        "disability": t("  arbeidsongeschiktheid", "  disability"),
        "death": t("  overlijden", "  death"),
        "other": t("  overig", "  other"),
    }
    for key, label in reasons.items():
        table.add_row(label, fmt(m["outflow"][key]))
    console.print(table)


def print_breakdown(result: dict) -> None:
    table = Table(title=t(f"Kengetallen per {result['by']}, {result['from']} t/m {result['to']}",
                          f"Metrics by {result['by']}, {result['from']} to {result['to']}"),
                  caption=t(f"< {result['k']}: groep kleiner dan {result['k']} personen, niet getoond (privacy)",
                            f"< {result['k']}: group smaller than {result['k']} people, not shown (privacy)"))
    headers = [t("groep", "group"), t("personen", "people"), t("bezetting begin", "headcount start"),
               t("bezetting eind", "headcount end"), t("instroom", "inflow"), t("uitstroom", "outflow"),
               t("verloop %", "turnover %"), t("doorstroom", "moves")]
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i == 0 else "right")
    for row in [*result["rows"], result["total"]]:
        hidden = f"< {result['k']}"
        cells = [row["population"], row["headcount_start"], row["headcount_end"], row["inflow"],
                 row["outflow"]["total"], row["turnover_rate"], row["internal_mobility"]]
        label = t("totaal", "total") if row is result["total"] else str(row["value"])
        table.add_row(label, *(hidden if row["suppressed"] else fmt(c) for c in cells))
    console.print(table)


def fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:,.2f}"
        return t(text.translate(str.maketrans(",.", ".,")), text)  # Dutch: 1.234,56
    return str(value)


def print_logins(logins, *, port: int) -> None:
    from levensfase.web.accounts.models import Role

    table = Table(title=t("Demo-accounts", "Demo accounts"))
    for header in (t("rol", "role"), t("gebruikersnaam", "username"), t("wachtwoord", "password"), t("toelichting", "note")):
        table.add_column(header)
    for login in logins:
        table.add_row(str(Role(login.role).label), login.username, login.password, login.note)
    console.print(table)
    console.print(t(f"Open http://127.0.0.1:{port}/ in uw browser.", f"Open http://127.0.0.1:{port}/ in your browser."))
