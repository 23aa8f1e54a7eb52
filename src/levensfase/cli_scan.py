"""`levensfase scan`: the social-innovation scan for a client, without a server (adviser mode, issue 19).

Reads the organisation (`--data`, an exchange folder or an export with `--mapping`; without it the
database), the scan answers (`scan_responses.csv` in the folder, or `--survey` from any survey tool
through `--survey-mapping`), optional business results (`unit_kpis.csv` in the folder, or `--kpis`)
and programme definitions (`--programmes`, TOML), and writes the scan as JSON, HTML or PDF.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from levensfase.terminal import Refusal, console, default_k, parse_date, progress_bar, t

SCAN_MAX_EMPLOYEES = 200_000  # generated scan answers are drawn per respondent


class ScanFormat(str, Enum):
    json = "json"
    html = "html"
    pdf = "pdf"


def _scan_tables(path: Path, mapping: Path | None, option: str, table: str | None = None):
    """The scan tables of one source; every problem refused at once (nothing written)."""
    from levensfase.cli_import import refuse_problems
    from levensfase.ingest.scan_files import read_scan_files

    if not path.exists():
        raise Refusal(f"{option}: {path} bestaat niet.", f"{option}: {path} does not exist.")
    found = read_scan_files(path, mapping=mapping, table=table if mapping is None else None)
    if not found.ok:
        refuse_problems(found.problems)
    return found


def register(app: typer.Typer, *, load) -> None:
    """Add the command; `load(data, mapping)` gives the Workforce (files or the database)."""

    @app.command()
    def scan(
        as_of: Annotated[str, typer.Option("--as-of", help="Analysis date (YYYY-MM-DD).")],
        out: Annotated[Path, typer.Option(help="File to write the scan to.")],
        format: Annotated[ScanFormat, typer.Option("--format", help="json, a self-contained html page or a pdf.")
                          ] = ScanFormat.json,
        data: Annotated[Path | None, typer.Option(help="Exchange folder (or export) instead of the database.")] = None,
        mapping: Annotated[Path | None, typer.Option(help="Mapping profile for --data.")] = None,
        survey: Annotated[Path | None, typer.Option(help="Scan answers exported by a survey tool.")] = None,
        survey_mapping: Annotated[Path | None, typer.Option("--survey-mapping", help="Mapping profile for --survey.")
                                  ] = None,
        kpis: Annotated[Path | None, typer.Option(help="unit_kpis.csv (business results per unit).")] = None,
        programmes: Annotated[Path | None, typer.Option(help="Programme definitions (TOML).")] = None,
        instrument: Annotated[Path | None, typer.Option(help="The organisation's own questionnaire (TOML).")] = None,
        k: Annotated[int | None, typer.Option(min=2, help="Smallest group shown (default LEVENSFASE_K or 5).")] = None,
        lang: Annotated[str, typer.Option(help="Language of the html or pdf (nl or en).")] = "nl",
    ) -> None:
        """Social-innovation scan: dimension scores per unit, HR indicators, business results, alignment, programmes."""
        from levensfase.cli_report import check_out, write_atomically
        from levensfase.scan.document import scan_document
        from levensfase.scan.errors import ScanError
        from levensfase.scan.indicators import HR_MEASURES
        from levensfase.scan.instrument import load_instrument
        from levensfase.scan.programme_file import load_programmes

        day = parse_date(as_of, option="--as-of")
        if mapping is not None and data is None:
            raise Refusal("--mapping hoort bij --data.", "--mapping goes with --data.")
        if survey_mapping is not None and survey is None:
            raise Refusal("--survey-mapping hoort bij --survey.", "--survey-mapping goes with --survey.")
        if lang not in ("nl", "en"):
            raise Refusal(f"--lang: kies nl of en, niet {lang!r}.", f"--lang: choose nl or en, not {lang!r}.")
        check_out(out)
        try:
            questionnaire = load_instrument(instrument)
            workforce = load(data, mapping)
            units = workforce.units
            folder = _scan_tables(data, None, "--data") if data is not None and mapping is None else None
            answers = _scan_tables(survey, survey_mapping, "--survey", "scan_responses").responses if survey is not None else \
                (folder.responses if folder is not None else None)
            if answers is None:
                raise Refusal("Geen scanantwoorden gevonden: zet scan_responses.csv in de map van --data of geef "
                              "--survey (met --survey-mapping voor een export van een ander programma).",
                              "No scan answers found: put scan_responses.csv in the --data folder or give --survey "
                              "(with --survey-mapping for another tool's export).")
            results = _scan_tables(kpis, None, "--kpis", "unit_kpis").kpis if kpis is not None else \
                (folder.kpis if folder is not None else None)
            defined = load_programmes(programmes, unit_ids=set(units["unit_id"].to_list()),
                                      measures={*questionnaire.dimension_codes, *HR_MEASURES}) if programmes else []
            with progress_bar(t("Scan berekenen", "Computing the scan")) as update:
                update("scan", 0.1)
                doc = scan_document(instrument=questionnaire, units=units, k=k or default_k(), as_of=day,
                                    responses=answers, workforce=workforce, kpis=results, programmes=defined)
        except ScanError as exc:
            raise Refusal(exc.message_nl + " Er is niets geschreven.", exc.message_en + " Nothing was written.") from None
        write_atomically(out, _render(doc, format.value, lang))
        console.print(t(f"Scan geschreven naar {out}", f"Scan written to {out}"))


def _render(doc: dict, format: str, lang: str) -> str | bytes:
    if format == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    from levensfase.scan.render import scan_html, scan_pdf

    if format == "html":
        return scan_html(doc, lang=lang)
    from levensfase.documents.pdf import PdfEngineMissing

    try:
        return scan_pdf(doc, lang=lang)
    except PdfEngineMissing as exc:
        raise Refusal(exc.nl, exc.en) from exc


def write_generated(tables, out: Path, *, seed: int, as_of, plant: float | None, format: str) -> list[Path]:
    """`generate`'s scan files beside the exchange files (a csv folder only; a workbook gets none).
    `tables` is None when the organisation was written chunk by chunk: the scan then reads back the
    three tables it needs, up to SCAN_MAX_EMPLOYEES people (answers are drawn per respondent)."""
    if format != "csv":
        console.print(t("De scanbestanden (scan_responses, unit_kpis) worden alleen bij --format csv geschreven.",
                        "The scan files (scan_responses, unit_kpis) are written with --format csv only."))
        return []
    from levensfase.analytics.findings.numbers import number
    from levensfase.ingest.generator import generate_scan
    from levensfase.ingest.scan_files import write_scan_files
    from levensfase.model.schema import TABLES
    from levensfase.scan.programme_file import programmes_toml

    if tables is None:
        people = pl.scan_csv(out / "people.csv").select(pl.len()).collect().item()
        if people > SCAN_MAX_EMPLOYEES:
            most = {lang: number(SCAN_MAX_EMPLOYEES, lang) for lang in ("nl", "en")}
            console.print(t(f"Geen scanbestanden: boven {most['nl']} mensen wordt de scan niet gegenereerd.",
                            f"No scan files: the scan is not generated above {most['en']} people."))
            return []
        tables = {name: pl.read_csv(out / f"{name}.csv", schema_overrides={c.name: c.dtype for c in TABLES[name].columns})
                  for name in ("units", "assignments", "jobs")}
    made = generate_scan(tables, seed=seed, as_of=as_of, plant=plant)
    return write_scan_files(out, responses=made.responses, kpis=made.kpis, programmes_toml=programmes_toml([made.programme]))
