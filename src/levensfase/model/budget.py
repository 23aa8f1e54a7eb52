"""Levensfasebudget (life-phase budget): accrual, spend and balance per person and year.

Day-count convention (documented because it decides the cents): a budget accrues per calendar
month — each month is 1/12 of the yearly amount, times the FTE worked in it averaged over that
month's days (a day's FTE is the sum of its assignments, capped at `fte_cap`). Whole months are
therefore exact: 57 h at 0.8 FTE for a year = 45.6 h; entering on 1 July full time = 6/12 × 57 =
28.5 h. A part month counts its days: entering on 16 July adds 16/31 of July's twelfth. Exact
fractions are used inside; results are rounded to 2 decimals once, at the end.

Spend comes from the arrangement records: an arrangement whose catalog entry is funded by the
PLB spends its `hours`; one funded by the IKB, the own budget or the training budget spends its
`cost_eur`. Spend is booked in the year of its start_date, after that year's accrual. Budgets have
no limitation period (PLB: no verjaring), so the balance is cumulative; the training budget can
be saved up to `training_max_eur` (CAO Woondiensten: € 4.500), accrual above it is lost.

A balance never goes negative. Spending beyond what is left was paid from the employer's own
training/HR budget: the statement says so per budget (`*_beyond_*`) instead of showing a debt.
Training the job requires is the employer's to pay, in working time (art. 7:611a BW); the
catalog refuses such an entry funded by a personal budget, so it never reaches this ledger.

Illness: the PLB stops accruing when illness lasts more than six months (Cao Ziekenhuizen art.
12.2; domain-facts §5.2). From absences.csv, overlapping or directly adjacent spells form one
continuous absence (an open end runs on); accrual pauses from the day six calendar months after
its first day (1 January → 1 July) until its last day, and resumes the day after. Absent 1 January
to 31 December full time therefore accrues 6/12 × 57 = 28.5 h. Pregnancy and maternity leave
(`pregnancy = true`) is leave, not illness, and neither counts nor pauses: withholding a right
for it would disadvantage women for pregnancy (AWGB; the absence metrics exclude it too). The
Ziektewet's adding-up of spells less than four weeks apart is not applied: the source speaks of
illness that *lasts* six months. Only the PLB pauses; the IKB and the own budget follow the
employment.
"""

from __future__ import annotations

import calendar
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import polars as pl

from levensfase.model.arrangements.catalog import Catalog
from levensfase.model.datafiles import describe, read_data_file

__all__ = ["BudgetError", "BudgetRules", "BudgetYear", "accrual_factor", "budget_statement", "load_budget_rules",
           "plb_pauses"]


class BudgetError(ValueError):
    """Unusable budget rules or input; the message names the field."""


@dataclass(frozen=True)
class BudgetRules:
    plb_hours_per_year: float = 57.0
    ikb_pct: float = 0.0
    own_eur_per_year: float = 0.0
    own_pro_rata: bool = True
    fte_cap: float = 1.0
    start_date: date = date(2010, 1, 1)
    training_eur_per_year: float = 0.0  # a training budget apart from the own budget (pro rata like the PLB)
    training_max_eur: float = 0.0  # the most that can be saved; 0 = no maximum


@dataclass(frozen=True)
class BudgetYear:
    """One calendar year of one person's budgets. Balances are cumulative to the end of the row."""

    year: int
    factor: float  # employment factor: 1.0 = full time all year
    plb_accrued_h: float
    plb_spent_h: float
    plb_balance_h: float
    ikb_accrued_eur: float | None
    ikb_spent_eur: float
    ikb_balance_eur: float | None
    own_accrued_eur: float
    own_spent_eur: float
    own_balance_eur: float
    plb_paused_days: int = 0  # days employed in this year on which the PLB did not accrue (long illness)
    training_accrued_eur: float = 0.0
    training_spent_eur: float = 0.0
    training_balance_eur: float = 0.0
    # Spending booked on a budget beyond what it had left: paid by the employer, not a debt.
    plb_beyond_h: float = 0.0
    ikb_beyond_eur: float = 0.0
    own_beyond_eur: float = 0.0
    training_beyond_eur: float = 0.0

    @property
    def beyond_eur(self) -> float:
        """Euros the employer paid this year because a personal budget had too little left."""
        return round(self.ikb_beyond_eur + self.own_beyond_eur + self.training_beyond_eur, 2)


def load_budget_rules(path: str | Path | None = None) -> BudgetRules:
    """Rules from `path`, or the packaged `model/data/budget.toml`."""
    try:
        name, text = read_data_file(path, packaged="budget.toml")
    except (OSError, UnicodeDecodeError) as exc:
        raise BudgetError(f"{path}: cannot read ({describe(exc)})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BudgetError(f"{name}: not valid TOML ({exc})") from None
    known = {"version", *BudgetRules.__dataclass_fields__}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise BudgetError(f"{name}: unknown field {unknown[0]!r} (allowed: {', '.join(sorted(known))})")
    if raw.get("version") != 1:
        raise BudgetError(f"{name}: version must be 1")
    values = {}
    for key, high in (("plb_hours_per_year", 1000), ("ikb_pct", 100), ("own_eur_per_year", 1_000_000), ("fte_cap", 1.2),
                      ("training_eur_per_year", 1_000_000), ("training_max_eur", 10_000_000)):
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= high:
                raise BudgetError(f"{name}: {key} must be a number from 0 to {high}, got {v!r}")
            values[key] = float(v)
    if values.get("fte_cap") == 0:
        raise BudgetError(f"{name}: fte_cap must be above 0")
    if 0 < values.get("training_max_eur", 0) < values.get("training_eur_per_year", 0):
        raise BudgetError(f"{name}: training_max_eur must be 0 (no maximum) or at least training_eur_per_year")
    if "own_pro_rata" in raw:
        if not isinstance(raw["own_pro_rata"], bool):
            raise BudgetError(f"{name}: own_pro_rata must be true or false")
        values["own_pro_rata"] = raw["own_pro_rata"]
    if "start_date" in raw:
        if not isinstance(raw["start_date"], date):
            raise BudgetError(f"{name}: start_date must be a date (YYYY-MM-DD)")
        values["start_date"] = raw["start_date"]
    return BudgetRules(**values)


def accrual_factor(spans: list[tuple[date, date | None, float]], *, first: date, last: date,
                   fte_cap: float = 1.0, paused: Sequence[tuple[date, date]] = ()) -> Fraction:
    """The share of a full-time year earned in [first, last] (see the module's day-count convention).

    `spans` are (start_date, end_date or None, fte) of one person's assignments; on a day inside
    one of the `paused` (first, last) periods nothing is earned.
    """
    if last < first:
        return Fraction(0)
    cap = Fraction(str(fte_cap))
    rows = [(s, e or date.max, Fraction(str(f))) for s, e, f in spans]
    rows += [(s, e, Fraction(0)) for s, e in paused]  # edges only; the FTE test below zeroes them
    total = Fraction(0)
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        days = calendar.monthrange(year, month)[1]
        lo, hi = max(first, date(year, month, 1)), min(last, date(year, month, days))
        worked = Fraction(0)
        # FTE only changes at a span edge: sum piecewise between the edges inside the month.
        cuts = {lo, hi + timedelta(days=1)}
        for s, e, _ in rows:
            cuts.update(d for d in (s, e + timedelta(days=1) if e < date.max else None) if d and lo < d <= hi)
        edges = sorted(cuts)
        for a, b in zip(edges, edges[1:]):
            if any(s <= a <= e for s, e in paused):
                continue
            fte = sum((f for s, e, f in rows if s <= a <= e), Fraction(0))
            worked += min(fte, cap) / cap * (b - a).days
        total += worked / days / 12
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return total


def plb_pauses(absences: pl.DataFrame | None, *, person_id: str) -> list[tuple[date, date]]:
    """(first, last) days on which the PLB does not accrue because an illness lasted over six months.

    An absence still open pauses to `date.max` (callers clip to their period).
    """
    if absences is None or absences.height == 0:
        return []
    mine = absences.filter((pl.col("person_id") == person_id) & ~pl.col("pregnancy").fill_null(False))
    spells: list[list[date]] = []
    for start, end in sorted(mine.select("start_date", "end_date").iter_rows(), key=lambda r: r[0]):
        end = end or date.max
        if spells and start <= spells[-1][1] + timedelta(days=1):
            spells[-1][1] = max(spells[-1][1], end)
        else:
            spells.append([start, end])
    return [(_six_months_after(s), e) for s, e in spells if _six_months_after(s) <= e]


def _six_months_after(day: date) -> date:
    """The same calendar day six months later (31 August → 28/29 February), as eligibility counts months."""
    index = day.year * 12 + day.month - 1 + 6
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def budget_statement(*, assignments: pl.DataFrame, arrangements: pl.DataFrame, catalog: Catalog, person_id: str,
                     through: date, rules: BudgetRules | None = None,
                     annual_salary: float | None = None, absences: pl.DataFrame | None = None) -> list[BudgetYear]:
    """Year by year from the start of accrual up to `through` (the last year accrues to that day).

    `annual_salary` is the full-time yearly salary (for the IKB percentage); without it the IKB
    columns are None when the IKB is switched on. `absences` (absences.csv) pause the PLB after
    six months of illness; without them the PLB accrues as if nobody was ever ill.
    """
    rules = rules or BudgetRules()
    mine = assignments.filter(pl.col("person_id") == person_id)
    if mine.height == 0:
        raise BudgetError(f"person {person_id!r} has no assignments")
    spans = list(mine.select("start_date", "end_date", "fte").iter_rows())
    start = max(rules.start_date, min(s for s, _, _ in spans))
    spend = _spend(arrangements.filter(pl.col("person_id") == person_id), catalog, start, through)
    ikb_on = rules.ikb_pct > 0
    rows: list[BudgetYear] = []
    balance = {"plb": Fraction(0), "ikb": Fraction(0), "own_budget": Fraction(0), "training_budget": Fraction(0)}
    paused = plb_pauses(absences, person_id=person_id)
    cap = Fraction(str(rules.training_max_eur))
    for year in range(start.year, through.year + 1):
        first, last = max(start, date(year, 1, 1)), min(through, date(year, 12, 31))
        factor = accrual_factor(spans, first=first, last=last, fte_cap=rules.fte_cap)
        plb_factor = accrual_factor(spans, first=first, last=last, fte_cap=rules.fte_cap, paused=paused) \
            if paused else factor
        own_factor = factor if rules.own_pro_rata else _months_present(spans, first, last)
        ikb = (Fraction(str(rules.ikb_pct)) / 100 * Fraction(str(annual_salary)) * factor
               if ikb_on and annual_salary is not None else None)
        accrued = {"plb": Fraction(str(rules.plb_hours_per_year)) * plb_factor,
                   "own_budget": Fraction(str(rules.own_eur_per_year)) * own_factor,
                   "training_budget": Fraction(str(rules.training_eur_per_year)) * factor,
                   "ikb": ikb if ikb is not None else Fraction(0)}
        spent = {k: spend.get((year, k), Fraction(0)) for k in balance}
        beyond = {}
        for key in balance:
            balance[key] += accrued[key]
            if key == "training_budget" and cap > 0:
                balance[key] = min(balance[key], cap)  # saved up to the maximum; the rest is lost
            paid = min(spent[key], balance[key])
            beyond[key] = spent[key] - paid  # the employer paid this part: the balance stays at 0
            balance[key] -= paid
        r = lambda x: round(float(x), 2)  # noqa: E731
        ikb_known = ikb is not None or not ikb_on
        rows.append(BudgetYear(
            year=year, factor=round(float(factor), 6), plb_accrued_h=r(accrued["plb"]), plb_spent_h=r(spent["plb"]),
            plb_balance_h=r(balance["plb"]),
            ikb_accrued_eur=r(ikb) if ikb is not None else (0.0 if not ikb_on else None),
            ikb_spent_eur=r(spent["ikb"]),
            ikb_balance_eur=r(balance["ikb"]) if ikb_known else None,
            own_accrued_eur=r(accrued["own_budget"]), own_spent_eur=r(spent["own_budget"]),
            own_balance_eur=r(balance["own_budget"]),
            plb_paused_days=_paused_days(spans, paused, first, last),
            training_accrued_eur=r(accrued["training_budget"]), training_spent_eur=r(spent["training_budget"]),
            training_balance_eur=r(balance["training_budget"]),
            plb_beyond_h=r(beyond["plb"]), ikb_beyond_eur=r(beyond["ikb"]) if ikb_known else 0.0,
            own_beyond_eur=r(beyond["own_budget"]), training_beyond_eur=r(beyond["training_budget"]),
        ))
    return rows


def _paused_days(spans, paused: list[tuple[date, date]], first: date, last: date) -> int:
    """Days in [first, last] that are paused and on which the person was employed."""
    days = 0
    for s, e in paused:
        lo, hi = max(s, first), min(e, last)
        day = lo
        while day <= hi:
            days += any(a <= day <= (b or date.max) for a, b, _ in spans)
            day += timedelta(days=1)
    return days


def _months_present(spans, first: date, last: date) -> Fraction:
    """The own budget without pro rata for part-time: the same calendar convention at FTE 1."""
    return accrual_factor([(s, e, 1.0) for s, e, _ in spans], first=first, last=last, fte_cap=1.0)


def _spend(arrangements: pl.DataFrame, catalog: Catalog, start: date, through: date) -> Mapping[tuple[int, str], Fraction]:
    out: dict[tuple[int, str], Fraction] = {}
    for code, began, hours, cost in arrangements.select("code", "start_date", "hours", "cost_eur").iter_rows():
        if code not in catalog or not start <= began <= through:
            continue
        funder = catalog[code].cost.funded_by
        amount = hours if funder == "plb" else cost
        if funder == "employer" or amount is None:
            continue
        key = (began.year, funder)
        out[key] = out.get(key, Fraction(0)) + Fraction(str(amount))
    return out
