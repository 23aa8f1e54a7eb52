"""`levensfase evaluate`: did each arrangement work? Matched comparison, as JSON or a self-contained HTML page."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from levensfase.terminal import Refusal, console, default_k, parse_date, progress_bar, t


class EvaluateFormat(str, Enum):
    json = "json"
    html = "html"


def register(app: typer.Typer, *, load) -> None:
    """Add the command; `load(data, mapping)` gives the Workforce (files or the database)."""

    @app.command()
    def evaluate(
        as_of: Annotated[str, typer.Option("--as-of", help="Analysis date (YYYY-MM-DD).")],
        out: Annotated[Path, typer.Option(help="File to write the evaluation to.")],
        arrangement: Annotated[str | None, typer.Option(help="Only this arrangement code.")] = None,
        format: Annotated[EvaluateFormat, typer.Option("--format", help="json or html.")] = EvaluateFormat.json,
        data: Annotated[Path | None, typer.Option(help="Read exchange files instead of the database.")] = None,
        mapping: Annotated[Path | None, typer.Option(help="Mapping profile for --data.")] = None,
        k: Annotated[int | None, typer.Option(min=2, help="Smallest group shown (default LEVENSFASE_K or 5).")] = None,
        seed: Annotated[int, typer.Option(min=0, help="Same seed, same bootstrap interval.")] = 0,
        lang: Annotated[str, typer.Option(help="Language of the html page (nl or en).")] = "nl",
    ) -> None:
        """Effect of each arrangement and bundle on influenceable exit, WAI and absence, against matched colleagues."""
        from levensfase.cli_report import check_out, write_atomically
        from levensfase.evaluation import evaluate as run, evaluation_json
        from levensfase.model.arrangements import load_catalog

        day = parse_date(as_of, option="--as-of")
        if mapping is not None and data is None:
            raise Refusal("--mapping hoort bij --data.", "--mapping goes with --data.")
        if lang not in ("nl", "en"):
            raise Refusal(f"--lang: kies nl of en, niet {lang!r}.", f"--lang: choose nl or en, not {lang!r}.")
        catalog = load_catalog()
        check_out(out)
        workforce = load(data, mapping)
        known = set(catalog.bundle_of()) | set(workforce.arrangements.get_column("code").unique().to_list())
        if arrangement is not None and arrangement not in known:
            raise Refusal(f"--arrangement: onbekende regeling {arrangement!r}; kies een code uit de catalogus.",
                          f"--arrangement: unknown arrangement {arrangement!r}; choose a code from the catalog.")
        with progress_bar(t("Evalueren", "Evaluating")) as update:
            result = run(workforce, as_of=day, k=k or default_k(), arrangement=arrangement, catalog=catalog,
                         seed=seed, progress=update)
        if format is EvaluateFormat.json:
            text = json.dumps(evaluation_json(result), ensure_ascii=False, indent=2) + "\n"
        else:
            from levensfase.evaluation.html import render_evaluation_html

            text = render_evaluation_html(result, lang=lang)
        write_atomically(out, text)
        console.print(t(f"Evaluatie geschreven naar {out}", f"Evaluation written to {out}"))
