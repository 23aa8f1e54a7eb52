"""Read side of the planning pages: the organisation's plan, cached per data version and inputs."""

from __future__ import annotations

from datetime import date

from levensfase.planning.effects import Effects, load_effects
from levensfase.planning.planner import Policy
from levensfase.planning.planner_baseline import PublishedPlan, plan_for_workforce
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.ui.cache import cached, data_version


def effects() -> Effects:
    """The packaged effects file (an organisation edits its copy; see docs/planner.md)."""
    return cached(("planning", "effects"), load_effects)


def evaluation_rows(*, as_of: date, k: int) -> list[dict]:
    """Rows of the impact evaluation (`levensfase evaluate` JSON "rows", through the privacy engine)
    for the planner: the same evaluation the page "Werkt het?" shows. Effects it measured with enough
    evidence replace the assumptions of the effects file (`planning.evidence`)."""
    from levensfase.evaluation import evaluation_json
    from levensfase.web.maatwerk.evaluation_selectors import evaluation

    return evaluation_json(evaluation(on=as_of, k=k))["rows"]


def investment_plan(*, policy: Policy, by: str, as_of: date, k: int) -> PublishedPlan:
    """The published plan; raises PlannerError for input that cannot be planned."""
    key = ("planning", "plan", data_version(), policy, by, as_of, k)
    return cached(key, lambda: plan_for_workforce(load_workforce(), by=by, as_of=as_of, effects=effects(),
                                                  policy=policy, k=k, evaluation=evaluation_rows(as_of=as_of, k=k)))


def scenarios() -> dict:
    """The shipped scenarios by name, baseline first."""
    from levensfase.planning.scenarios import builtin_scenarios

    return cached(("planning", "scenarios"), builtin_scenarios)


def job_families() -> list[str]:
    """The job families demand can be set for (names are not personal data)."""
    key = ("planning", "families", data_version())
    return cached(key, lambda: sorted(set(load_workforce().jobs["job_family"].drop_nulls().to_list())))


def projection(*, scenarios_: list, years: int, runs: int, seed: int, demand, as_of: date, k: int) -> dict:
    """The projection document for these scenarios, each scenario cached on its own per
    (data version, scenario, years, runs, seed, demand, k, day): the same seed in every scenario,
    so one document assembled from cached parts equals one computed at once."""
    from levensfase.planning.report import build_projection

    version = data_version()
    parts = []
    for scenario in scenarios_:
        key = ("planning", "projection", version, scenario, years, runs, seed, demand, k, as_of)
        parts.append(cached(key, lambda s=scenario: build_projection(
            load_workforce(), as_of=as_of, scenarios=[s], years=years, runs=runs, seed=seed, demand=demand, k=k)))
    document = dict(parts[0])
    document["scenarios"] = [part["scenarios"][0] for part in parts]
    return document
