"""`levensfase project`: read scenarios and demand, refuse bad input plainly, project, write atomically."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from levensfase.terminal import Refusal, console, progress_bar, t


def _scenarios(files: list[Path], names: list[str]):
    from levensfase.planning.scenarios import ScenarioError, builtin_scenarios, load_scenario

    shipped = builtin_scenarios()
    chosen = []
    for name in names:
        if name not in shipped:
            known = ", ".join(shipped)
            raise Refusal(f"--builtin: onbekend scenario {name!r}; kies uit {known}.",
                          f"--builtin: unknown scenario {name!r}; choose from {known}.")
        chosen.append(shipped[name])
    for path in files:
        try:
            chosen.append(load_scenario(path))
        except ScenarioError as exc:
            raise Refusal(f"--scenario {exc.message_nl}", f"--scenario {exc.message_en}") from None
    return chosen or [shipped["baseline"]]


def _demand(path: Path | None):
    if path is None:
        return None
    from levensfase.planning.demand import DemandError, load_demand

    try:
        return load_demand(path)
    except DemandError as exc:
        raise Refusal("--demand: " + "; ".join(exc.problems_nl), "--demand: " + "; ".join(exc.problems)) from None


def _salaries(path: Path | None):
    if path is None:
        return None
    from levensfase.planning.costs import CostError, load_salaries

    if not path.is_file():
        raise Refusal(f"--salaries: {path} bestaat niet.", f"--salaries: {path} does not exist.")
    try:
        return load_salaries(path)
    except CostError as exc:
        raise Refusal(f"--salaries: {exc}", f"--salaries: {exc}") from None


def run_project(*, out: Path, scenario_files: list[Path], builtin_names: list[str], years: int, runs: int, seed: int,
                demand_file: Path | None, as_of: date, load: Callable, mapping_without_data: bool, html: bool,
                axis: str, salaries_file: Path | None, k: int, lang: str) -> None:
    from levensfase.cli_report import check_out, write_atomically
    from levensfase.planning.report import MAX_SCENARIOS, ProjectionError, build_projection
    from levensfase.planning.scenarios import ScenarioError
    from levensfase.planning.states import StateSpace

    if mapping_without_data:
        raise Refusal("--mapping hoort bij --data.", "--mapping goes with --data.")
    check_out(out)
    scenarios = _scenarios(scenario_files, builtin_names)
    if len(scenarios) > MAX_SCENARIOS:
        raise Refusal(f"Vergelijk hoogstens {MAX_SCENARIOS} scenario's tegelijk (nu {len(scenarios)}).",
                      f"Compare at most {MAX_SCENARIOS} scenarios at once (got {len(scenarios)}).")
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise Refusal("Twee scenario's hebben dezelfde naam; geef elk scenario een eigen name.",
                      "Two scenarios have the same name; give each scenario its own name.")
    demand = _demand(demand_file)
    salaries = _salaries(salaries_file)
    workforce = load()
    with progress_bar(t("Projecteren", "Projecting")) as update:
        try:
            doc = build_projection(workforce, as_of=as_of, scenarios=scenarios, years=years, runs=runs, seed=seed,
                                   demand=demand, k=k, space=StateSpace(axis=axis), salaries=salaries,
                                   progress=update)
        except ProjectionError as exc:
            raise Refusal(f"Geen projectie mogelijk: {exc.message_nl}.", f"No projection possible: {exc.message_en}.") from None
        except ScenarioError as exc:
            raise Refusal(f"Scenario {exc.message_nl}", f"Scenario {exc.message_en}") from None
    if html:
        from levensfase.planning.report_html import render_projection_html

        text = render_projection_html(doc, lang=lang)
    else:
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    write_atomically(out, text)
    console.print(t(f"Projectie geschreven naar {out}", f"Projection written to {out}"))

