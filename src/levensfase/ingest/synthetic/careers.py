"""Careers: a yearly stock-flow simulation of hires, exits, moves and part-time changes.

Each period (one year ending on the same calendar day as `as_of`) is one vectorised step over the
active spells: exit hazards depend on age, tenure, contract and life situation; retirements fall
on each person's planned date around their AOW date; the stock grows slightly; the last period
hires exactly as many people as needed to reach the requested headcount on `as_of`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from levensfase.ingest.synthetic.catalogue import Catalogue
from levensfase.ingest.synthetic.population import NEVER, YEAR, Lives, draw_lives, draw_sex, empty_lives, in_state

PERMANENT, FIXED_TERM, TEMPORARY, INTERN = range(4)  # index into schema.CONTRACTS
VOLUNTARY, INVOLUNTARY, RETIREMENT, DISABILITY, DEATH, OTHER = range(6)  # index into schema.END_REASONS

STOCK_AGE_BANDS = ((18, 25, 0.06), (25, 35, 0.20), (35, 45, 0.20), (45, 55, 0.23), (55, 66, 0.31))
HIRE_AGE_BANDS = ((18, 25, 0.26), (25, 35, 0.34), (35, 45, 0.20), (45, 55, 0.14), (55, 62, 0.06))
ANNUAL_GROWTH = 0.01
REHIRE_SHARE = 0.04


@dataclass
class History:
    """Spells and their assignment segments (main chain, without concurrent side jobs)."""

    lives: Lives = field(default_factory=empty_lives)
    spell_person: list[np.ndarray] = field(default_factory=list)
    spell_start: list[np.ndarray] = field(default_factory=list)
    exit_spell: list[np.ndarray] = field(default_factory=list)
    exit_day: list[np.ndarray] = field(default_factory=list)
    exit_reason: list[np.ndarray] = field(default_factory=list)
    seg: list[tuple[np.ndarray, ...]] = field(default_factory=list)  # (spell, start, team, job, fte, contract)
    n_spells: int = 0
    # per person: last exit (day, reason, job); reason -1 while employed or never left
    left_day: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    left_reason: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    left_job: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def spells(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """person, start, end (NEVER = ongoing), reason (-1 = none) per spell index."""
        person = np.concatenate(self.spell_person)
        start = np.concatenate(self.spell_start)
        end = np.full(len(person), NEVER, dtype=np.int64)
        reason = np.full(len(person), -1, dtype=np.int64)
        if self.exit_spell:
            idx = np.concatenate(self.exit_spell)
            end[idx] = np.concatenate(self.exit_day)
            reason[idx] = np.concatenate(self.exit_reason)
        return person, start, end, reason

    def segments(self) -> tuple[np.ndarray, ...]:
        return tuple(np.concatenate(parts) for parts in zip(*self.seg, strict=True))


@dataclass
class Active:
    """The spells running at the current step, with their current assignment."""

    spell: np.ndarray
    person: np.ndarray
    spell_start: np.ndarray
    job: np.ndarray
    team: np.ndarray
    fte: np.ndarray
    contract: np.ndarray

    def take(self, keep: np.ndarray) -> Active:
        return Active(**{k: v[keep] for k, v in self.__dict__.items()})

    def extend(self, other: Active) -> Active:
        return Active(**{k: np.concatenate([v, getattr(other, k)]) for k, v in self.__dict__.items()})


def _ages(rng: np.random.Generator, bands: tuple, n: int) -> np.ndarray:
    probs = np.array([b[2] for b in bands])
    pick = rng.choice(len(bands), size=n, p=probs / probs.sum())
    lo = np.array([b[0] for b in bands])[pick]
    hi = np.array([b[1] for b in bands])[pick]
    return rng.uniform(lo, hi)


def draw_fte(rng: np.random.Generator, cat: Catalogue, job: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """Part-time factor in steps of 0.05: care jobs ~0.7 on average, men about 0.15 higher."""
    mean = np.clip(cat.job_fte_f[job] + np.where(sex == "m", 0.15, 0.0), 0.3, 0.97)
    conc = 9.0
    raw = rng.beta(mean * conc, (1 - mean) * conc)
    raw = np.where(raw > 0.9, 1.0, raw)  # full-time is a common contract, not a tail
    return np.round(np.clip(np.round(raw * 20) / 20, 0.2, 1.0), 2)


def _draw_team(rng: np.random.Generator, cat: Catalogue, job: np.ndarray) -> np.ndarray:
    team = np.empty(len(job), dtype=np.int64)
    for j in np.unique(job):
        where = np.flatnonzero(job == j)
        team[where] = rng.choice(cat.job_teams[j], size=where.size, p=cat.job_team_p[j])
    return team


def _draw_contract(rng: np.random.Generator, cat: Catalogue, job: np.ndarray, age: np.ndarray,
                   tenure: np.ndarray) -> np.ndarray:
    """Mostly permanent; fixed_term for recent hires and more so for the young; a few temporary/intern."""
    u = rng.random(len(job))
    p_fixed = np.where(tenure < 1, np.where(age < 30, 0.75, 0.55), np.where(tenure < 2, 0.3, 0.02))
    contract = np.where(u < p_fixed, FIXED_TERM, PERMANENT)
    contract = np.where((tenure < 2) & (rng.random(len(job)) < 0.04), TEMPORARY, contract)
    bbl = (cat.job_ids[job] == "J08") & (tenure < 4)
    return np.where(bbl & (rng.random(len(job)) < 0.8), INTERN, contract)


def _rate_to_p(rate: np.ndarray, days: int) -> np.ndarray:
    return 1.0 - np.exp(-rate * days / 365.0)


def _exit_rates(age: np.ndarray, tenure: np.ndarray, contract: np.ndarray, *, female: np.ndarray,
                young_child: np.ndarray, caring: np.ndarray, health: np.ndarray) -> np.ndarray:
    """Annual hazards per reason (columns in END_REASONS order, retirement planned separately)."""
    vol = np.select([age < 25, age < 35, age < 45, age < 55], [0.16, 0.10, 0.065, 0.045], 0.03)
    vol = vol * np.select([tenure < 1, tenure < 2, tenure < 5], [1.7, 1.3, 1.0], 0.7)
    vol = vol * np.choose(contract, [1.0, 1.3, 2.5, 1.5])
    vol = vol * np.where(young_child & female, 1.15, 1.0) * np.where(caring, 1.35, 1.0) * np.where(health, 1.2, 1.0)
    invol = 0.008 * np.choose(contract, [1.0, 3.0, 4.0, 1.0]) * np.where(health, 1.5, 1.0)
    disability = np.where(health, 0.018 * (1 + np.clip(age - 40, 0, None) / 20), 0.0004)
    death = 0.0003 * np.exp(0.09 * (age - 40))
    other = np.where(contract == INTERN, 0.12, 0.004)
    zero = np.zeros_like(vol)
    return np.column_stack([vol, invol, zero, disability, death, other])


def simulate(*, rng: np.random.Generator, cat: Catalogue, employees: int, bounds: list[int],
             progress=None) -> History:
    """Run the stock-flow simulation over the periods (bounds[k], bounds[k+1]] in int days."""
    hist = History()
    t0 = bounds[0]
    n0 = max(1, round(employees / (1 + ANNUAL_GROWTH) ** (len(bounds) - 1)))
    job = rng.choice(len(cat.job_ids), size=n0, p=cat.job_weight)
    sex = draw_sex(rng, cat.job_female[job])
    age = _ages(rng, STOCK_AGE_BANDS, n0)
    birth = t0 - np.round(age * YEAR).astype(np.int64)
    lives = draw_lives(rng, birth=birth, sex=sex)
    late = lives.retire <= t0 + 30  # already past their plan: they are the ones working on
    lives.retire = np.where(late, t0 + rng.integers(30, 900, n0), lives.retire)
    tenure = np.minimum(np.maximum(age - 17.5, 0), rng.exponential(9.0, n0)) * rng.uniform(0.3, 1.0, n0)
    start = t0 - np.round(tenure * YEAR).astype(np.int64)
    active = _new_spells(hist, rng, cat, persons=_add_people(hist, lives), start=start, job=job,
                         contract=_draw_contract(rng, cat, job, age, tenure))

    periods = len(bounds) - 1
    for k in range(periods):
        lo, hi = bounds[k] + 1, bounds[k + 1]
        active = _step(hist, rng, cat, active, lo=lo, hi=hi, final=(k == periods - 1), employees=employees)
        if progress:
            progress("loopbanen", (k + 1) / periods)
    return hist


def _add_people(hist: History, lives: Lives) -> np.ndarray:
    first = len(hist.lives)
    hist.lives.extend(lives)
    n = len(lives)
    hist.left_day = np.concatenate([hist.left_day, np.full(n, NEVER, dtype=np.int64)])
    hist.left_reason = np.concatenate([hist.left_reason, np.full(n, -1, dtype=np.int64)])
    hist.left_job = np.concatenate([hist.left_job, np.full(n, -1, dtype=np.int64)])
    return np.arange(first, first + len(lives))


def _new_spells(hist: History, rng: np.random.Generator, cat: Catalogue, *, persons: np.ndarray,
                start: np.ndarray, job: np.ndarray, contract: np.ndarray) -> Active:
    n = len(persons)
    spell = np.arange(hist.n_spells, hist.n_spells + n)
    hist.n_spells += n
    hist.spell_person.append(persons)
    hist.spell_start.append(start)
    team = _draw_team(rng, cat, job)
    fte = draw_fte(rng, cat, job, hist.lives.sex[persons])
    hist.seg.append((spell, start, team, job, fte, contract))
    return Active(spell=spell, person=persons, spell_start=start, job=job, team=team, fte=fte, contract=contract)


def _step(hist: History, rng: np.random.Generator, cat: Catalogue, a: Active, *, lo: int, hi: int,
          final: bool, employees: int) -> Active:
    lv = hist.lives
    days = hi - lo + 1
    n = len(a.spell)
    p = a.person
    age = (lo - lv.birth[p]) / YEAR
    tenure = (lo - a.spell_start) / YEAR
    kids = lv.children[p]
    young_child = ((kids <= lo) & (kids > lo - 4 * YEAR)).any(axis=1)
    caring = in_state(lv.care_start[p], lv.care_end[p], lo)
    health = in_state(lv.health_start[p], lv.health_end[p], lo)

    rates = _exit_rates(age, tenure, a.contract, female=lv.sex[p] == "f", young_child=young_child,
                        caring=caring, health=health)
    total = rates.sum(axis=1)
    leaves = rng.random(n) < _rate_to_p(total, days)
    cum = np.cumsum(rates, axis=1) / np.where(total > 0, total, 1)[:, None]
    reason = (rng.random(n)[:, None] > cum).sum(axis=1)
    exit_day = lo + rng.integers(0, max(days - 1, 1), n)
    retire = np.maximum(lv.retire[p], lo)
    retires = (lv.retire[p] <= hi - 1) & (~leaves | (retire < exit_day))
    exit_day = np.where(retires, retire, exit_day)
    reason = np.where(retires, RETIREMENT, reason)
    leaves = leaves | retires

    if final:
        surplus = int((~leaves).sum()) - employees
        if surplus > 0:  # shrinking org: extra voluntary leavers so that headcount lands exactly
            forced = rng.choice(np.flatnonzero(~leaves), size=surplus, replace=False)
            leaves[forced] = True
            reason[forced] = VOLUNTARY
            exit_day[forced] = lo + rng.integers(0, max(days - 1, 1), surplus)

    a = _changes(hist, rng, cat, a, lo=lo, hi=hi, age=age, tenure=tenure, leaves=leaves, exit_day=exit_day)

    hist.exit_spell.append(a.spell[leaves])
    hist.exit_day.append(exit_day[leaves])
    hist.exit_reason.append(reason[leaves])
    gone = a.person[leaves]
    hist.left_day[gone], hist.left_reason[gone], hist.left_job[gone] = exit_day[leaves], reason[leaves], a.job[leaves]
    stay = a.take(~leaves)

    if final:
        hires = employees - len(stay.spell)
    else:
        hires = max(0, int(leaves.sum()) + int(round(len(stay.spell) * rng.normal(ANNUAL_GROWTH, 0.005))))
    return stay.extend(_hire(hist, rng, cat, hires, lo=lo, hi=hi, active=stay.person))


def _changes(hist: History, rng: np.random.Generator, cat: Catalogue, a: Active, *, lo: int, hi: int,
             age: np.ndarray, tenure: np.ndarray, leaves: np.ndarray, exit_day: np.ndarray) -> Active:
    """Contract conversions, promotions, unit moves, other job moves and part-time changes."""
    lv = hist.lives
    days = hi - lo + 1
    n = len(a.spell)
    p = a.person
    female = lv.sex[p] == "f"
    day = lo + rng.integers(0, days, n)
    ok = ~leaves | (day < exit_day)

    def chance(rate) -> np.ndarray:
        return rng.random(n) < _rate_to_p(np.asarray(rate, dtype=float), days)

    job, team, fte, contract = a.job.copy(), a.team.copy(), a.fte.copy(), a.contract.copy()
    convert = ok & (((contract == FIXED_TERM) & (tenure >= 0.8) & chance(0.8))
                    | ((contract == TEMPORARY) & chance(0.2)))
    contract[convert] = np.where(a.contract[convert] == FIXED_TERM, PERMANENT, FIXED_TERM)
    free = ok & ~convert

    promo_rate = np.select([age < 35, age < 45, age < 55], [0.06, 0.04, 0.02], 0.005) * (tenure >= 1)
    promo_rate = np.where(a.contract == INTERN, 0.35 * (tenure >= 1), promo_rate)
    promote = free & chance(promo_rate)
    for j in np.unique(job[promote]):
        where = np.flatnonzero(promote & (a.job == j))
        targets = cat.promotion_targets[j]
        to_lead = (cat.job_family[j] in ("verpleging & verzorging", "behandeling")) and 45 <= cat.job_grade[j] <= 50
        if to_lead:
            lead = cat.job_index("J28")
            pick = rng.random(where.size) < 0.15
            if targets.size == 0:
                pick[:] = True
            new = np.where(pick, lead, rng.choice(targets, size=where.size) if targets.size else lead)
        elif targets.size:
            new = rng.choice(targets, size=where.size)
        else:
            promote[where] = False
            continue
        job[where] = new
    if promote.any():
        contract[promote & (a.contract == INTERN)] = FIXED_TERM
    free &= ~promote

    lateral = free & chance(0.012)
    if lateral.any():
        others = rng.choice(len(cat.job_ids), size=int(lateral.sum()), p=cat.job_weight)
        same = others == job[lateral]
        others[same] = (others[same] + 1) % len(cat.job_ids)
        job[lateral] = others
    free &= ~lateral

    moved_job = job != a.job
    if moved_job.any():  # keep the team when the new job exists in its division
        where = np.flatnonzero(moved_job)
        n_div = int(cat.team_division.max()) + 1
        job_in_div = np.zeros((len(cat.job_ids), n_div), dtype=bool)
        for j, teams in enumerate(cat.job_teams):
            job_in_div[j, cat.team_division[teams]] = True
        allowed = job_in_div[job[where], cat.team_division[team[where]]]
        redo = where[~allowed]
        if redo.size:
            team[redo] = _draw_team(rng, cat, job[redo])

    unit_move = free & chance(np.select([age < 35, age < 50], [0.05, 0.03], 0.015))
    _move_teams(rng, cat, unit_move, job=job, team=team)
    free &= ~unit_move

    kids = lv.children[p]
    born = ((kids >= lo) & (kids <= hi)).any(axis=1)
    turned4 = ((kids + round(4 * YEAR) >= lo) & (kids + round(4 * YEAR) <= hi)).any(axis=1)
    care_began = (lv.care_start[p] >= lo) & (lv.care_start[p] <= hi)
    ill = (lv.health_start[p] >= lo) & (lv.health_start[p] <= hi)
    step = rng.choice([0.1, 0.15, 0.2], size=n)
    u = rng.random(n)
    delta = np.select(
        [born & female & (u < 0.45), born & ~female & (u < 0.10), (care_began | ill) & (u < 0.2),
         turned4 & female & (u < 0.15), u > 0.985, u > 0.97],
        [-step, -0.1, -0.1, 0.1, 0.1, -0.1], 0.0)
    new_fte = np.round(np.clip(fte + delta, 0.3, 1.0), 2)
    fte = np.where(free & (delta != 0), new_fte, fte)

    changed = ok & ((job != a.job) | (team != a.team) | (fte != a.fte) | (contract != a.contract))
    if changed.any():
        hist.seg.append((a.spell[changed], day[changed], team[changed], job[changed], fte[changed],
                         contract[changed]))
    return Active(spell=a.spell, person=a.person, spell_start=a.spell_start, job=job, team=team, fte=fte,
                  contract=contract)


def _move_teams(rng: np.random.Generator, cat: Catalogue, move: np.ndarray, *, job: np.ndarray,
                team: np.ndarray) -> None:
    """Move each marked person to another team of their job (in place; unmarks jobs with one team).

    One array draw `integers(0, size - 1)` gives the same numbers as a draw per person in person
    order (numpy draws an array of bounds element by element), so the history stays as it was.
    """
    where = np.flatnonzero(move)
    sizes = np.array([t.size for t in cat.job_teams])[job[where]]
    single = sizes < 2
    move[where[single]] = False
    where, sizes = where[~single], sizes[~single]
    step = 1 + rng.integers(0, sizes - 1)
    for j in np.unique(job[where]):  # a loop over jobs, not people
        mine = job[where] == j
        teams = cat.job_teams[j]
        pos = np.searchsorted(teams, team[where[mine]])
        team[where[mine]] = teams[(pos + step[mine]) % teams.size]


def _hire(hist: History, rng: np.random.Generator, cat: Catalogue, hires: int, *, lo: int, hi: int,
          active: np.ndarray) -> Active:
    """New people plus a few re-hires of earlier voluntary leavers (after at least half a year away)."""
    lv = hist.lives
    pool = np.flatnonzero((hist.left_reason == VOLUNTARY) & (hist.left_day <= lo - 180)
                          & ((lo - lv.birth) / YEAR < 58))
    pool = np.setdiff1d(pool, active)
    n_re = min(int(rng.binomial(hires, REHIRE_SHARE)), pool.size) if hires > 0 else 0
    rehired = rng.choice(pool, size=n_re, replace=False) if n_re else np.zeros(0, dtype=np.int64)
    previous_job = hist.left_job[rehired]
    hist.left_reason[rehired] = -1
    n_new = hires - n_re
    job_new = rng.choice(len(cat.job_ids), size=n_new, p=cat.job_weight)
    sex = draw_sex(rng, cat.job_female[job_new])
    start = lo + rng.integers(0, hi - lo + 1, hires)
    age_new = _ages(rng, HIRE_AGE_BANDS, n_new)
    birth = start[n_re:] - np.round(age_new * YEAR).astype(np.int64)
    new_people = _add_people(hist, draw_lives(rng, birth=birth, sex=sex))
    job_re = np.where(rng.random(n_re) < 0.6, previous_job,
                      rng.choice(len(cat.job_ids), size=n_re, p=cat.job_weight))
    persons = np.concatenate([rehired, new_people]).astype(np.int64)
    job = np.concatenate([job_re, job_new]).astype(np.int64)
    lv = hist.lives
    lv.retire[persons] = np.maximum(lv.retire[persons], start + 365)
    age = (start - lv.birth[persons]) / YEAR
    contract = _draw_contract(rng, cat, job, age, np.zeros(hires))
    return _new_spells(hist, rng, cat, persons=persons, start=start, job=job, contract=contract)
