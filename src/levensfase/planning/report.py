"""`build_projection`: the projection document shared by the CLI, the web pages and the HTML report.

Shape (docs/planning.md lists every key): {"as_of", "years", "scenarios": [{"name", "headcount",
"fte", "by_phase", "retirements", "gap", …}], …}. Every scenario runs with the same seed, so
differences between scenarios come from the scenarios, not from chance.

Privacy (DESIGN §6): a by_phase or by_family line whose population on the start date is below k
is withheld through `privacy.suppress` (with complementary suppression, because the lines add up
to the published total); its gap line goes with it. A workforce of fewer than k people gets no
projection at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import numpy as np
import polars as pl

from levensfase.analytics.privacy import is_small, suppress
from levensfase.model.pension import assumption_note
from levensfase.model.workforce import Workforce
from levensfase.planning.costs import Salaries
from levensfase.planning.demand import Demand
from levensfase.planning.estimate import EstimationError, Fit, estimate
from levensfase.planning.montecarlo import Paths, bands, simulate
from levensfase.planning.params import build_params
from levensfase.planning.scenarios import Scenario
from levensfase.planning.states import StateSpace

__all__ = ["MAX_RUNS", "MAX_SCENARIOS", "MAX_YEARS", "ProjectionError", "build_projection", "project_fit"]

MAX_YEARS = 15
MAX_RUNS = 20_000
MAX_SCENARIOS = 4


class ProjectionError(ValueError):
    """Arguments or data that cannot give a projection; `message_nl` says it in Dutch."""

    def __init__(self, message_en: str, message_nl: str) -> None:
        super().__init__(message_en)
        self.message_en, self.message_nl = message_en, message_nl


def _check(years: object, runs: object, seed: object, k: object, scenarios: object) -> None:
    def whole(v: object) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    if not whole(years) or not 1 <= years <= MAX_YEARS:
        raise ProjectionError(f"years must be a whole number from 1 to {MAX_YEARS}, got {years!r}",
                              f"het aantal jaren moet een heel getal van 1 tot en met {MAX_YEARS} zijn, niet {years!r}")
    if not whole(runs) or not 1 <= runs <= MAX_RUNS:
        raise ProjectionError(f"runs must be a whole number from 1 to {MAX_RUNS}, got {runs!r}",
                              f"het aantal runs moet een heel getal van 1 tot en met {MAX_RUNS} zijn, niet {runs!r}")
    if not whole(seed) or seed < 0:
        raise ProjectionError(f"seed must be a whole number ≥ 0, got {seed!r}",
                              f"de seed moet een heel getal ≥ 0 zijn, niet {seed!r}")
    if not whole(k) or k < 1:
        raise ProjectionError(f"k must be a whole number ≥ 1, got {k!r}", f"k moet een heel getal ≥ 1 zijn, niet {k!r}")
    if isinstance(scenarios, (str, bytes)) or not isinstance(scenarios, Sequence) or not scenarios:
        raise ProjectionError("give at least one scenario", "geef minstens één scenario")
    if len(scenarios) > MAX_SCENARIOS:
        raise ProjectionError(f"compare at most {MAX_SCENARIOS} scenarios at once, got {len(scenarios)}",
                              f"vergelijk hoogstens {MAX_SCENARIOS} scenario's tegelijk, niet {len(scenarios)}")
    names = [getattr(s, "name", None) for s in scenarios]
    if not all(isinstance(s, Scenario) for s in scenarios):
        raise ProjectionError("scenarios must be Scenario values", "scenario's moeten Scenario-waarden zijn")
    if len(set(names)) != len(names):
        raise ProjectionError("two scenarios have the same name", "twee scenario's hebben dezelfde naam")


def build_projection(
    workforce: Workforce, *, as_of: date, scenarios: Sequence[Scenario], years: int, runs: int, seed: int,
    demand: Demand | None = None, k: int, space: StateSpace | None = None, fit_years: int = 5,
    salaries: Salaries | None = None, progress: Callable[[str, float], None] | None = None,
) -> dict:
    """Project `workforce` from `as_of` under each scenario; raises ProjectionError / ScenarioError."""
    _check(years, runs, seed, k, scenarios)
    report = progress or (lambda _stage, _fraction: None)
    report("schatten", 0.0)
    try:
        fit = estimate(workforce, as_of=as_of, fit_years=fit_years, space=space, salaries=salaries)
    except EstimationError as exc:
        raise ProjectionError(str(exc), _dutch_estimation(exc)) from None
    return project_fit(fit, scenarios=scenarios, years=years, runs=runs, seed=seed, demand=demand, k=k,
                       progress=report)


def project_fit(fit: Fit, *, scenarios: Sequence[Scenario], years: int, runs: int, seed: int,
                demand: Demand | None, k: int, progress: Callable[[str, float], None] | None = None) -> dict:
    """`build_projection` on an existing fit (the backtest and the benchmark reuse one fit)."""
    _check(years, runs, seed, k, scenarios)
    report = progress or (lambda _stage, _fraction: None)
    total = int(fit.start.sum())
    if total == 0 or is_small(total, k):  # the privacy engine's rule; nobody at all projects nothing
        raise ProjectionError(f"fewer than k = {k} people on {fit.as_of}: a projection would describe individuals",
                              f"minder dan k = {k} mensen op {fit.as_of}: een projectie zou over personen gaan")
    if demand is not None:
        known = sorted(set(fit.families))
        unknown = [f for f in demand.families if f not in known]
        if unknown:
            raise ProjectionError(f"the demand names job family {unknown[0]!r}, which is not in the data "
                                  f"(known: {', '.join(known)})",
                                  f"de vraag noemt functiefamilie {unknown[0]!r}, die niet in de gegevens staat "
                                  f"(bekend: {', '.join(known)})")
    out = []
    for number, scenario in enumerate(scenarios):
        params = build_params(fit, scenario, years=years, demand=demand)
        step = lambda f, n=number: report(scenario.name, (n + f) / len(scenarios))  # noqa: E731
        paths = simulate(params, years=years, runs=runs, seed=seed, progress=step)
        mean = simulate(params, years=years, runs=1, seed=seed, expected=True)
        line = _scenario_json(scenario, params, paths, k=k)
        line["expected"] = {"headcount": [round(float(x), 1) for x in mean.headcount[:, 0]],
                            "fte": [round(float(x), 1) for x in mean.fte[:, 0]]}
        out.append(line)
    document = {
        "as_of": fit.as_of.isoformat(),
        "years": [fit.as_of.year + t for t in range(years + 1)],
        "runs": runs,
        "seed": seed,
        "k": k,
        "axis": fit.space.axis,
        "fit": _fit_json(fit),
        "scenarios": out,
        # Retirements after the last statutory AOW year rest on assumed life expectancy: say so.
        "aow_assumption": assumption_note(through_year=fit.as_of.year + years),
    }
    document["findings"] = projection_findings(document)
    return document


def projection_findings(document: dict) -> list[dict]:
    """What may be said about the scenarios in the last year (DESIGN §6a): cost and FTE, a scenario
    named only when its P10–P90 band separates from the others (analytics.findings)."""
    from levensfase.analytics.findings import bands_at_end, scenario_finding
    from levensfase.analytics.findings.numbers import number

    year = document["years"][-1]
    cost = scenario_finding(bands_at_end(document, measure="cost"), year=year)
    fte = scenario_finding(bands_at_end(document, measure="fte"), year=year, measure=("het aantal fte", "FTE"),
                           lower_is_better=False, better=("het hoogst", "ends highest"),
                           fmt=lambda v, lang: number(v, lang, 1))
    return [cost.as_dict(), fte.as_dict()]


def _fit_json(fit: Fit) -> dict:
    pooled = {rule: sum(1 for p in fit.pooled if p == rule) for rule in ("own", "phase", "all")}
    return {
        "observation_days": [d.isoformat() for d in fit.observation_days],
        "observations": int(fit.observations.sum()),
        "recruits_per_year": round(fit.recruits_per_year, 1),
        "min_observations": fit.min_observations,
        "states_pooled": pooled,
        "generatiepact_eligible_share": round(fit.pact_eligible, 3),
        "salary_source": fit.salaries.source,
    }


def _scenario_json(scenario: Scenario, params, paths: Paths, *, k: int) -> dict:
    flows = lambda a: [None] + bands(a)["p50"][1:]  # noqa: E731 - nothing flows before the start
    by_value = _lines(params.values, params.n0.sum(axis=1) @ _onehot(params.value_of, len(params.values)),
                      paths.by_value, paths.by_value_fte, k)
    by_family = _lines(params.families, params.n0.sum(axis=1) @ _onehot(params.family_of, len(params.families)),
                       paths.by_family, paths.by_family_fte, k)
    gap: dict = {}
    if params.targets is not None:
        for f, family in enumerate(params.families):
            demand = params.targets[:, f]
            if np.isnan(demand).all():
                continue
            line = by_family[family]
            if line["suppressed"]:
                gap[family] = {"demand": None, "suppressed": True, "p10": None, "p50": None, "p90": None}
                continue
            g = demand[:, None] - paths.by_family_fte[:, :, f]
            b = bands(g)
            gap[family] = {"demand": [None if np.isnan(x) else round(float(x), 1) for x in demand],
                           "suppressed": False,
                           **{key: [None if np.isnan(d) else v for d, v in zip(demand, b[key])] for key in b}}
    return {
        "name": scenario.name,
        "label": {"nl": scenario.label("nl"), "en": scenario.label("en")},
        "description": {"nl": scenario.description_nl, "en": scenario.description_en},
        "headcount": bands(paths.headcount),
        "fte": bands(paths.fte),
        "by_phase": by_value,
        "by_family": by_family,
        "retirements": flows(paths.retirements),
        "retirement_bands": _flow_bands(paths.retirements),
        "leavers": _flow_bands(paths.leavers),
        "hires": _flow_bands(paths.hires),
        "cost": {**bands(paths.cost, digits=0), "assumption": True},
        "generatiepact_freed_fte": bands(paths.freed_fte),
        "gap": gap,
    }


def _flow_bands(values: np.ndarray) -> dict:
    b = bands(values)
    return {key: [None, *row[1:]] for key, row in b.items()}


def _onehot(index: np.ndarray, size: int) -> np.ndarray:
    m = np.zeros((index.shape[0], size))
    m[np.arange(index.shape[0]), index] = 1
    return m


def _lines(names: Sequence[str], start: np.ndarray, heads: np.ndarray, ftes: np.ndarray, k: int) -> dict:
    table = pl.DataFrame({"group": list(names), "population": [int(round(x)) for x in start],
                          "index": list(range(len(names)))})
    hidden = suppress(table, k=k, population="population", values=["index"]).table
    lines = {}
    for i, name in enumerate(names):
        if hidden["suppressed"][i]:
            lines[name] = {"start": None, "suppressed": True, "headcount": None, "fte": None}
        else:
            lines[name] = {"start": int(round(start[i])), "suppressed": False,
                           "headcount": bands(heads[:, :, i]), "fte": bands(ftes[:, :, i])}
    return lines


def _dutch_estimation(exc: EstimationError) -> str:
    text = str(exc)
    if "no assignments" in text:
        return "de geschiedenis bevat geen dienstverbanden"
    if "nobody is employed" in text:
        return text.replace("nobody is employed on", "niemand is in dienst op")
    if "shorter than one year" in text:
        return "de geschiedenis is korter dan een jaar vóór de startdatum; er valt niets te schatten"
    return text
