"""`levensfase plan`: the investment planner from the command line (issue 18).

Bets on all categories with the budget given; effects come from `--evaluation` (the JSON of
`levensfase evaluate`) where it has enough evidence and from the effects file otherwise, each
flagged gemeten / aanname in the output.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from levensfase.terminal import OutputFormat, Refusal, console, default_k, parse_date, t


class PlanAxis(str, Enum):
    primary_phase = "primary_phase"
    age_band = "age_band"
    job_family = "job_family"
    generation = "generation"
    unit = "unit"
    contract = "contract"
    sex = "sex"


def _evaluation_rows(path: Path | None) -> list[dict] | None:
    if path is None:
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise Refusal(f"--evaluation: {path} is geen leesbaar JSON-bestand.",
                      f"--evaluation: {path} is not a readable JSON file.") from None
    rows = document.get("rows") if isinstance(document, dict) else document
    if not isinstance(rows, list):
        raise Refusal("--evaluation: het bestand heeft geen lijst \"rows\" (uitvoer van levensfase evaluate).",
                      "--evaluation: the file has no \"rows\" list (output of levensfase evaluate).")
    return rows


def register(app: typer.Typer, *, workforce: Callable) -> None:
    """Add the `plan` command; `workforce(data, mapping)` loads the organisation (files or database)."""

    @app.command()
    def plan(
        budget: Annotated[float, typer.Option(min=1, help="Budget per year in euro.")] = 100_000,
        by: Annotated[PlanAxis, typer.Option(help="Categories to plan for.")] = PlanAxis.primary_phase,
        min_category_share: Annotated[float, typer.Option(min=0, max=100, help="Minimum % of the budget per category.")] = 2,
        min_development_share: Annotated[float, typer.Option(min=0, max=100, help="Minimum % on development.")] = 25,
        horizon: Annotated[int, typer.Option(min=1, max=15, help="Years the funded places are kept.")] = 3,
        fractional: Annotated[bool, typer.Option("--fractional", help="Allow fractional places (LP, with duals).")] = False,
        evaluation: Annotated[Path | None, typer.Option(help="JSON of `levensfase evaluate` (measured effects).")] = None,
        effects_file: Annotated[Path | None, typer.Option("--effects", help="Own effects file (TOML).")] = None,
        as_of: Annotated[str | None, typer.Option("--as-of", help="Plan date (YYYY-MM-DD); default today.")] = None,
        data: Annotated[Path | None, typer.Option(help="Read exchange files instead of the database.")] = None,
        mapping: Annotated[Path | None, typer.Option(help="Mapping profile for --data.")] = None,
        k: Annotated[int | None, typer.Option(min=2, help="Smallest group shown (default LEVENSFASE_K or 5).")] = None,
        format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.json,
    ) -> None:
        """Investment planner: which categories to bet on, with effects flagged gemeten / aanname."""
        from levensfase.planning.effects import EffectsError, load_effects
        from levensfase.planning.plan_document import plan_document
        from levensfase.planning.planner import PlannerError, Policy
        from levensfase.planning.planner_baseline import plan_for_workforce

        day = parse_date(as_of, option="--as-of") if as_of else date.today()
        rows = _evaluation_rows(evaluation)
        try:
            effects = load_effects(effects_file)
        except EffectsError as exc:
            raise Refusal(f"--effects: {exc}", f"--effects: {exc}") from None
        policy = Policy(budget=budget, min_category_share=min_category_share / 100,
                        min_development_share=min_development_share / 100, horizon_years=horizon,
                        integer=not fractional)
        organisation = workforce(data, mapping)
        try:
            result = plan_for_workforce(organisation, by=by.value, as_of=day, effects=effects, policy=policy,
                                        k=k or default_k(), evaluation=rows)
        except PlannerError as exc:
            raise Refusal(f"Geen plan mogelijk: {exc}", f"No plan possible: {exc}") from None
        names = dict(zip(organisation.units["unit_id"].to_list(), organisation.units["name"].to_list())) \
            if by is PlanAxis.unit else None
        document = plan_document(result, as_of=day, names=names)
        if format is OutputFormat.json:
            sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
            return
        _print(document)


def _print(document: dict) -> None:
    from rich.table import Table

    lang = "en" if t("nl", "en") == "en" else "nl"
    table = Table(title=t("Investeringsplan", "Investment plan"))
    for column in (t("Categorie", "Category"), t("Mensen", "People"), t("Per medewerker", "Per employee"),
                   t("× gemiddelde", "× average"), t("Reden", "Reason")):
        table.add_column(column)
    for row in document["categories"]:
        if row["suppressed"]:
            table.add_row(t("(verborgen groep)", "(hidden group)"), "", "", "", "")
            continue
        table.add_row(str(row["value"]), str(row["population"]), f"€ {row['per_head']:,.0f}",
                      f"{row['per_head_ratio']:.1f}", row["reason"])
    console.print(table)
    for effect in document["effects"]:
        console.print(f"{effect['code']}: {effect['status']}")
    for finding in document["findings"]:
        console.print(finding[f"text_{lang}"])
