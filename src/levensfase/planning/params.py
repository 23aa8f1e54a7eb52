"""A fitted model with one scenario applied: the arrays the simulation runs on.

Cells are (state, cohort y = whole years to AOW). Per year, in this order: retirement with r(y);
then, of the rest, leaving with `leave[s, y]`; then, of those staying, moving to another state
with `move[s, y]` and destination shares `dest[s]`; everyone's y drops by one; recruits arrive.
How each scenario setting changes these arrays is documented in docs/planning.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from levensfase.planning.costs import generatiepact_terms
from levensfase.planning.demand import Demand
from levensfase.planning.estimate import EXIT_REASONS, PACT_WINDOW_YEARS, Fit
from levensfase.planning.scenarios import Scenario, ScenarioError

__all__ = ["AOW_REFERENCE_AGE", "Params", "build_params", "young_cohorts"]

# Age and years to AOW are linked through the AOW age, 67 to 67¼ for everyone born after 1957
# (domain-facts §1); "younger than A" is taken as y > 67 − A.
AOW_REFERENCE_AGE = 67
VOLUNTARY = EXIT_REASONS.index("voluntary")


def young_cohorts(ys: np.ndarray, below_age: int) -> np.ndarray:
    """Cohorts whose members are (about) younger than `below_age`."""
    return ys > AOW_REFERENCE_AGE - below_age


@dataclass(frozen=True)
class Params:
    states: tuple[str, ...]
    family_of: np.ndarray        # (S,) family index
    value_of: np.ndarray         # (S,) phase/age-band index
    families: tuple[str, ...]
    values: tuple[str, ...]
    ys: np.ndarray               # (Y,)
    n0: np.ndarray               # (S, Y) starting headcount
    retire: np.ndarray           # (Y,)
    leave: np.ndarray            # (S, Y) leaving other than retirement, given not retiring
    move: np.ndarray             # (S, Y) moving to another state, given not retiring
    dest: np.ndarray             # (S, S) destination shares of movers (zero diagonal)
    fte: np.ndarray              # (S, Y) FTE per person (scenario FTE changes and generatiepact included)
    fte_start: np.ndarray        # (S,) FTE per person on the start date
    cost: np.ndarray             # (S, Y) employer cost per person per year (salary assumption)
    cost_start: np.ndarray       # (S,) the same on the start date, before any scenario
    freed: np.ndarray            # (S, Y) FTE freed per person by the generatiepact
    hire_mix: np.ndarray         # (S, Y) shares of recruits
    young_mix: np.ndarray        # (S, Y) shares of the young recruits filling freed FTE
    policy: str
    intake: int                  # recruits per year for observed / fixed
    targets: np.ndarray | None   # (years + 1, F) target FTE per family, nan = none
    young_hires: bool


def build_params(fit: Fit, scenario: Scenario, *, years: int, demand: Demand | None) -> Params:
    S = len(fit.states)
    ys = np.array(list(fit.space.cohorts))
    families = tuple(sorted(set(fit.families)))
    values = tuple(dict.fromkeys(fit.values))
    family_of = np.array([families.index(f) for f in fit.families])
    value_of = np.array([values.index(v) for v in fit.values])

    retire = _retirement(fit.rate.copy(), ys, scenario)
    exits = fit.q[:, S:]
    young = young_cohorts(ys, scenario.young_below_age)
    leave = np.repeat(exits.sum(axis=1)[:, None], len(ys), axis=1)
    leave[:, young] -= (1 - scenario.young_voluntary_factor) * exits[:, VOLUNTARY][:, None]
    leave = np.clip(leave, 0, 1)
    moves = fit.q[:, :S].copy()
    np.fill_diagonal(moves, 0)
    move_total = moves.sum(axis=1)
    dest = np.divide(moves, move_total[:, None], out=np.zeros_like(moves), where=move_total[:, None] > 0)
    move = np.clip(np.divide(move_total[:, None], 1 - leave, out=np.zeros_like(leave), where=leave < 1), 0, 1)

    base_fte = np.minimum(fit.fte + scenario.fte_delta, np.maximum(fit.fte, 1.0))
    base_fte = np.maximum(base_fte, 0.01)
    terms = generatiepact_terms(scenario.generatiepact_work)
    window = (ys >= 0) & (ys < PACT_WINDOW_YEARS)
    share = np.where(window, scenario.generatiepact_take_up * fit.pact_eligible, 0.0)  # (Y,) participants
    fte = base_fte[:, None] * (1 - share * (1 - terms.work))[None, :]
    freed = base_fte[:, None] * (share * (1 - terms.work))[None, :]
    salaries = fit.salaries
    per_euro = (1 - share) * salaries.cost_factor + share * salaries.participant_factor(terms)
    cost = (base_fte * fit.salary)[:, None] * per_euro[None, :]

    mix = _mix(fit.hire_mix(), scenario, ys, values, value_of)
    young_mix = np.where(young_cohorts(ys, 30)[None, :], fit.hire_mix(), 0.0)
    young_mix = young_mix / young_mix.sum() if young_mix.sum() > 0 else mix
    policy = scenario.hiring.policy
    if policy == "target" and demand is None:
        raise ScenarioError("hiring.policy", "\"target\" needs a demand file (target FTE per job family)",
                            "\"target\" heeft een vraagbestand nodig (doel-fte per functiefamilie)",
                            origin=scenario.name)
    intake = scenario.hiring.intake if policy == "fixed" else int(round(fit.recruits_per_year))
    targets = None
    if demand is not None:
        targets = np.array([[np.nan if (v := demand.target(f, fit.as_of.year + t)) is None else v
                             for f in families] for t in range(years + 1)])
    return Params(
        states=fit.states, family_of=family_of, value_of=value_of, families=families, values=values, ys=ys,
        n0=fit.start.astype(np.int64), retire=retire, leave=leave, move=move, dest=dest, fte=fte,
        fte_start=fit.fte.copy(), cost=cost,
        cost_start=fit.fte * fit.salary * salaries.cost_factor, freed=freed, hire_mix=mix, young_mix=young_mix, policy=policy,
        intake=int(intake or 0), targets=targets,
        young_hires=scenario.generatiepact_young_hires and scenario.generatiepact_take_up > 0,
    )


def _retirement(rate: np.ndarray, ys: np.ndarray, scenario: Scenario) -> np.ndarray:
    """Work until AOW + a years: a share s of those who would retire earlier wait, and everyone then
    still at work retires in the year they pass AOW + a (cohort y = −a)."""
    a = scenario.work_until_aow_plus
    if a is None:
        return rate
    s = scenario.work_longer_share
    before = ys > -a
    rate[before] = (1 - s) * rate[before]
    at = ys == -a
    rate[at] = s + (1 - s) * rate[at]
    return rate


def _mix(mix: np.ndarray, scenario: Scenario, ys: np.ndarray, values: tuple[str, ...],
         value_of: np.ndarray) -> np.ndarray:
    hiring = scenario.hiring
    if hiring.mix:
        unknown = [v for v, _ in hiring.mix if v not in values]
        if unknown:
            raise ScenarioError(f"hiring.mix.{unknown[0]}", f"unknown group (known: {', '.join(values)})",
                                f"onbekende groep (bekend: {', '.join(values)})", origin=scenario.name)
        wanted = dict(hiring.mix)
        out = np.zeros_like(mix)
        for v, name in enumerate(values):
            rows = value_of == v
            part = mix[rows]
            if wanted.get(name, 0) > 0:
                if part.sum() == 0:  # never observed: spread over the cohorts recruits came in
                    part = np.broadcast_to(mix.sum(axis=0), part.shape).copy()
                out[rows] = part / part.sum() * wanted[name]
        mix = out / out.sum()
    if hiring.young_share is not None:
        young = young_cohorts(ys, hiring.young_below_age)[None, :]
        inside, outside = np.where(young, mix, 0.0), np.where(young, 0.0, mix)
        if inside.sum() == 0 or outside.sum() == 0:
            raise ScenarioError("hiring.young_share", "cannot be reached: no recruits of that age were observed",
                                "is niet haalbaar: er is geen instroom van die leeftijd gezien", origin=scenario.name)
        mix = inside / inside.sum() * hiring.young_share + outside / outside.sum() * (1 - hiring.young_share)
    return mix
