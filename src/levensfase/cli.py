"""The command line: `levensfase demo | generate | import | metrics | analyse | project | aow | score | serve`
(+ `retention`, `erase` from cli_privacy, `plan` from cli_plan, `evaluate` from cli_evaluate, `scan` from cli_scan).

Thin on purpose: each command parses its arguments, calls plain functions of the core (or the
web services for the database), and prints. Heavy imports happen inside the commands so that
`levensfase --help` is instant.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from levensfase import cli_evaluate, cli_import, cli_plan, cli_privacy, cli_scan, cli_serve, cli_tables
from levensfase.terminal import (
    EXIT_REFUSED,
    OutputFormat,
    Refusal,
    console,
    default_k,
    parse_date,
    progress_bar,
    run_guarded,
    start_django,
    t,
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="levensfase — levensfasebewust personeelsbeleid (life-phase-aware HR policy).",
)

DEMO_PASSWORD = "levensfase-demo"


class Category(str, Enum):
    age_band = "age_band"
    generation = "generation"
    unit = "unit"
    job_family = "job_family"
    contract = "contract"
    sex = "sex"
    life_phase = "life_phase"
    career = "career"
    private_life = "private_life"
    vitality = "vitality"
    pension_horizon = "pension_horizon"


def _read_files(path: Path, mapping: Path | None):
    """Read and validate exchange files; refuse with every problem listed when any is found."""
    from levensfase.ingest.reader import read_exchange

    cli_import.check_paths(path, mapping)
    with progress_bar(t("Inlezen en controleren", "Reading and checking")) as update:
        update(str(path.name), 0.1)
        result = read_exchange(path, mapping=mapping)
    cli_import.print_notes(result.notes, result.notes_en)
    if not result.ok:
        cli_import.refuse_problems(result.problems)
    return result


@app.command()
def generate(
    employees: Annotated[int, typer.Option(min=1, max=2_000_000, help="Headcount on the as-of date.")] = 2500,
    years: Annotated[int, typer.Option(min=1, max=40, help="Years of history.")] = 10,
    seed: Annotated[int, typer.Option(help="Same seed, same organisation.")] = 1,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Last day of history (YYYY-MM-DD); default today.")] = None,
    out: Annotated[Path, typer.Option(help="Folder to write the exchange files to.")] = Path("demo-data"),
    format: Annotated[str, typer.Option(
        "--format", help="csv: a folder of CSV files; parquet: one Parquet file per table; xlsx: one workbook.")] = "csv",
    plant_effect: Annotated[str | None, typer.Option(
        "--plant-effect", help="CODE:influenceable_exit:RATIO — a known effect for validating `evaluate`.")] = None,
    plant_programme: Annotated[float | None, typer.Option("--plant-programme", min=-2, max=2,
                                                          help="Scan points the programme adds (`scan`).")] = None,
) -> None:
    """Write a synthetic Dutch organisation in the exchange format (CSV and Parquet chunk by chunk)."""
    from levensfase.ingest.generator import generate as make
    from levensfase.ingest.generator import generate_chunks
    from levensfase.ingest.synthetic.plant import parse_plant
    from levensfase.ingest.writer import FORMATS, ExchangeWriteError, write_exchange, write_exchange_chunks

    if format not in FORMATS:
        raise Refusal(f"--format: onbekend formaat {format!r}; kies csv, parquet of xlsx. Er is niets geschreven.",
                      f"--format: unknown format {format!r}; choose csv, parquet or xlsx. Nothing was written.")
    reference = parse_date(as_of, option="--as-of") if as_of else date.today()
    try:
        plant = parse_plant(plant_effect) if plant_effect is not None else None
    except ValueError as exc:
        raise Refusal(f"--plant-effect: verwacht CODE:influenceable_exit:RATIO met een ratio tussen 0 en 10, "
                      f"niet {plant_effect!r}. Er is niets geschreven.", f"--plant-effect: {exc}. Nothing was written.") from None
    try:
        with progress_bar(t("Organisatie genereren", "Generating organisation")) as update:
            arguments = {"employees": employees, "years": years, "seed": seed, "as_of": reference, "progress": update}
            if plant is None and format != "xlsx":  # chunk by chunk: a sector never sits in memory whole
                written, tables = write_exchange_chunks(generate_chunks(**arguments), out, format=format), None
            else:
                tables = make(**arguments, plant=plant)
                written = write_exchange(tables, out, format=format)
        written += cli_scan.write_generated(tables, out, seed=seed, as_of=reference, plant=plant_programme, format=format)
    except ExchangeWriteError as exc:
        raise Refusal(f"Kan niet schrijven naar {out}; er is niets geschreven ({exc}).",
                      f"Cannot write to {out}: {exc}. Nothing was written.") from None
    console.print(t(f"{len(written)} bestand(en) geschreven naar {out}", f"Wrote {len(written)} file(s) to {out}"))


@app.command("import")
def import_(
    path: Annotated[Path | None, typer.Argument(
        help="Folder of CSV files, one XLSX workbook, or a foreign export.")] = None,
    mapping: Annotated[Path | None, typer.Option(help="Mapping profile (TOML) for a foreign HRIS export.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and show what would change; write nothing.")] = False,
    snapshot: Annotated[bool, typer.Option(
        "--snapshot",
        help="Master data replace, per person in the file, the rows absent from it (needs --yes to remove)."
    )] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Confirm that a snapshot removes rows.")] = False,
    skip_conflicts: Annotated[bool, typer.Option(
        "--skip-conflicts",
        help="Skip file rows that clash with data entered in the app (which always stays).")] = False,
    undo: Annotated[bool, typer.Option("--undo", help="Undo the last import (until the next one).")] = False,
) -> None:
    """Import exchange files into the database: all or nothing; by default an update that removes nothing."""
    if undo:
        from levensfase.cli_import import undo_last_import

        undo_last_import(path)
        return
    if path is None:
        raise Refusal("Geef het pad van de bestanden op (of --undo).", "Give the path of the files (or --undo).")
    cli_import.check_paths(path, mapping)
    start_django()
    from levensfase.cli_import import print_outcome
    from levensfase.web.hr.services import ImportOptions, ImportRefused, import_files

    options = ImportOptions(mode="snapshot" if snapshot else "update", skip_conflicts=skip_conflicts, allow_removal=yes)
    try:
        with progress_bar(t("Inlezen, controleren en opslaan", "Reading, checking and storing")) as update:
            outcome = import_files(path, mapping=mapping, source=str(path), progress=update, dry_run=dry_run,
                                   options=options)
    except ImportRefused as refused:
        cli_import.print_notes(refused.notes, refused.notes_en)
        raise Refusal(str(refused), refused.message_en, code=EXIT_REFUSED) from refused
    cli_import.print_notes(outcome.notes, outcome.notes_en)
    if not outcome.ok:
        cli_import.refuse_problems(outcome.problems)
    print_outcome(outcome.summary, dry_run=dry_run)


@app.command()
def metrics(
    from_: Annotated[str, typer.Option("--from", help="First day of the period (YYYY-MM-DD).")],
    to: Annotated[str, typer.Option("--to", help="Last day of the period (YYYY-MM-DD).")],
    data: Annotated[Path | None, typer.Option(help="Read exchange files instead of the database.")] = None,
    mapping: Annotated[Path | None, typer.Option(help="Mapping profile for --data.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
    by: Annotated[Category | None, typer.Option(help=(
        "Split by a category; small groups are suppressed per table. The CLI is for a trusted operator "
        "on the database: periods asked one after the other are not protected against each other "
        "(the dashboards and the analyse report are)."))] = None,
    k: Annotated[int | None, typer.Option(min=2, help="Smallest group shown (default LEVENSFASE_K or 5).")] = None,
) -> None:
    """Headcount, flows and turnover for a period (DESIGN §4), optionally per category."""
    from levensfase.analytics.breakdown import period_metrics_by
    from levensfase.analytics.metrics import period_metrics

    start, end = parse_date(from_, option="--from"), parse_date(to, option="--to")
    if end < start:
        raise Refusal(f"--to ({end}) ligt vóór --from ({start}).", f"--to ({end}) is before --from ({start}).")
    if mapping is not None and data is None:
        raise Refusal("--mapping hoort bij --data.", "--mapping goes with --data.")
    workforce = _workforce(data, mapping)
    if by is not None:
        k = k or default_k()
        result = period_metrics_by(workforce, start=start, end=end, by=by.value, k=k)
        if format is OutputFormat.json:
            sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        else:
            cli_tables.print_breakdown(result)
        return
    result = period_metrics(workforce, start=start, end=end).as_dict()
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        cli_tables.print_metrics(result)


class ReportFormat(str, Enum):
    json = "json"
    html = "html"


class Language(str, Enum):
    nl = "nl"
    en = "en"


class AnalyseFormat(str, Enum):
    json = "json"
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


@app.command()
def analyse(
    as_of: Annotated[str, typer.Option("--as-of", help="Analysis date (YYYY-MM-DD).")],
    out: Annotated[Path, typer.Option(help="File to write the report to.")],
    data: Annotated[Path | None, typer.Option(help="Read exchange files instead of the database.")] = None,
    mapping: Annotated[Path | None, typer.Option(help="Mapping profile for --data.")] = None,
    format: Annotated[AnalyseFormat, typer.Option(
        "--format", help="json, a self-contained html page, a pdf or an xlsx workbook.")] = AnalyseFormat.json,
    k: Annotated[int | None, typer.Option(min=2, help="Smallest group shown (default LEVENSFASE_K or 5).")] = None,
    lang: Annotated[Language, typer.Option(help="Language of the html, pdf or xlsx report.")] = Language.nl,
    unit_depth: Annotated[int | None, typer.Option("--unit-depth", min=0, help=(
        "Unit tables down to this depth of the unit tree (root 0; default 1: the units under the root); "
        "deeper units count in their ancestor. A depth at or below the deepest unit gives the full tree. "
        "All depths are protected together."))] = 1,
) -> None:
    """Composition, flows, retention, life phases, employability, policy scan and competencies in one document (JSON, HTML, PDF or Excel)."""
    from levensfase.analytics.report import build_report
    from levensfase.analytics.report_files import render_analysis, unit_names
    from levensfase.cli_report import check_out, write_atomically

    day = parse_date(as_of, option="--as-of")
    if mapping is not None and data is None:
        raise Refusal("--mapping hoort bij --data.", "--mapping goes with --data.")
    check_out(out)
    k = k or default_k()
    workforce = _workforce(data, mapping)
    with progress_bar(t("Analyseren", "Analysing")) as update:
        report = build_report(workforce, as_of=day, k=k, progress=update, unit_depth=unit_depth)
    from levensfase.documents.pdf import PdfEngineMissing

    try:
        document = render_analysis(report, format=format.value, lang=lang.value,
                                   unit_names=unit_names(workforce.units))
    except PdfEngineMissing as exc:
        raise Refusal(exc.nl, exc.en) from exc
    write_atomically(out, document)
    console.print(t(f"Rapport geschreven naar {out}", f"Report written to {out}"))


class Axis(str, Enum):
    life_phase = "life_phase"
    age_band = "age_band"


@app.command()
def project(
    out: Annotated[Path, typer.Option(help="File to write the projection to.")],
    scenario: Annotated[list[Path] | None, typer.Option("--scenario", help="Scenario file (TOML); repeat for more.")] = None,
    builtin: Annotated[list[str] | None, typer.Option("--builtin", help="Shipped scenario by name; repeat for more.")] = None,
    years: Annotated[int, typer.Option(min=1, max=15, help="Horizon in years.")] = 10,
    runs: Annotated[int, typer.Option(min=1, max=20_000, help="Monte Carlo runs.")] = 1000,
    seed: Annotated[int, typer.Option(min=0, help="Same seed, same projection.")] = 1,
    demand: Annotated[Path | None, typer.Option(help="Target FTE per job family per year (CSV or TOML).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Start date (YYYY-MM-DD); default today.")] = None,
    data: Annotated[Path | None, typer.Option(help="Read exchange files instead of the database.")] = None,
    mapping: Annotated[Path | None, typer.Option(help="Mapping profile for --data.")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", help="json or a self-contained html page.")] = ReportFormat.json,
    axis: Annotated[Axis, typer.Option(help="States: life phase or age band, each × job family.")] = Axis.life_phase,
    salaries: Annotated[Path | None, typer.Option(help="Salary table per grade (TOML); default the shipped assumption.")] = None,
    k: Annotated[int | None, typer.Option(min=2, help="Smallest group shown (default LEVENSFASE_K or 5).")] = None,
    lang: Annotated[Language, typer.Option(help="Language of the html report.")] = Language.nl,
) -> None:
    """Strategic workforce planning: project headcount, FTE, retirements and cost per scenario (Monte Carlo)."""
    from levensfase.cli_project import run_project

    run_project(out=out, scenario_files=scenario or [], builtin_names=builtin or [], years=years, runs=runs,
                seed=seed, demand_file=demand, as_of=parse_date(as_of, option="--as-of") if as_of else date.today(),
                load=lambda: _workforce(data, mapping), mapping_without_data=mapping is not None and data is None,
                html=format is ReportFormat.html, axis=axis.value, salaries_file=salaries, k=k or default_k(),
                lang=lang.value)


def _workforce(data: Path | None, mapping: Path | None):
    from levensfase.model.workforce import Workforce

    if data is not None:
        return Workforce.from_tables(_read_files(data, mapping).tables)
    start_django()
    from levensfase.web.hr.selectors import load_workforce

    return load_workforce()


@app.command()
def aow(
    birth_date: Annotated[str, typer.Argument(help="Birth date, YYYY-MM-DD.")],
    format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
) -> None:
    """The personal AOW date (Dutch state pension) for a birth date."""
    from levensfase.model.pension import aow_json

    born = parse_date(birth_date, option="BIRTH_DATE")
    try:
        result = aow_json(born)
    except ValueError as exc:
        raise Refusal(str(exc)) from exc
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    age = result["aow_age"]
    kind = t("wettelijk vastgesteld", "statutory") if result["statutory"] else t(
        "prognose (levensverwachting is een aanname)", "projected (life expectancy is an assumption)")
    console.print(t(
        f"AOW-datum {result['aow_date']} (AOW-leeftijd {age['years']} jaar en {age['months']} maanden; {kind})",
        f"AOW date {result['aow_date']} (AOW age {age['years']} years and {age['months']} months; {kind})",
    ))


class Instrument(str, Enum):
    wai = "wai"
    was = "was"
    uwes9 = "uwes9"
    uwes17 = "uwes17"


@app.command()
def score(
    instrument: Annotated[Instrument, typer.Argument(help="wai, was, uwes9 or uwes17.")],
    answers: Annotated[str, typer.Option(help="JSON file with the answers, or - for standard input.")],
) -> None:
    """Score a questionnaire (WAI, WAS, UWES) and print JSON."""
    from levensfase.model.instruments import score_cli

    if answers == "-":
        text = sys.stdin.read()
    else:
        source = Path(answers)
        if not source.is_file():
            raise Refusal(f"{source} bestaat niet.", f"{source} does not exist.")
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise Refusal(f"{source} is niet te lezen als UTF-8-tekst.", f"{source} is not readable UTF-8 text.") from exc
    code, output = score_cli(instrument.value, text)
    (sys.stdout if code == 0 else sys.stderr).write(output.rstrip("\n") + "\n")
    raise typer.Exit(code)


cli_privacy.register(app)  # retention, erase (AVG, DESIGN §6)
cli_plan.register(app, workforce=_workforce)  # the investment planner (issue 18)
cli_evaluate.register(app, load=_workforce)  # did it work? (issue 18)
cli_scan.register(app, load=_workforce)  # the social-innovation scan (issue 19)
cli_serve.register(app, demo_password=DEMO_PASSWORD)  # demo, serve


def main() -> None:
    run_guarded(app)


if __name__ == "__main__":
    main()
