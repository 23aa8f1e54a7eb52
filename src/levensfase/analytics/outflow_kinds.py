"""Influenceable outflow and the pension wave (DESIGN §4).

Influenceable outflow = voluntary exits + disability exits + retirement *before* the person's AOW
date (early retirement, RVU): the people policy could have kept, or kept longer. Retirement on or
after the AOW date is the pension wave, never "people we lose"; involuntary exits (the employer's
decision) and death are shown apart. A retirement counts as "at AOW" when the first day without
work is on or after the AOW date (end_date + 1 day ≥ AOW date): an employment that ends on the
day before the AOW date ends at the AOW date, as contracts and CAOs write it.

Rates are per 100 of the average stock of the year ((opening + closing) / 2), the flow tables'
denominator, so this outflow and `flows.yearly_flows` count the same people.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

import polars as pl

from levensfase.analytics.categories import PERSON_CATEGORIES, ordered
from levensfase.analytics.flows import category_at, main_at, yearly_flows
from levensfase.analytics.metrics import covering
from levensfase.analytics.phase_categories import phase_values
from levensfase.analytics.phases import aow_dates as birth_aow_dates
from levensfase.model.lifephase import PhaseRules
from levensfase.model.pension import aow_date
from levensfase.model.workforce import Workforce

__all__ = ["EXIT_KINDS", "OUTFLOW_VALUES", "WAVE_YEARS", "WINDOW_COUNTS", "aow_dates", "aow_wave", "classified_exits", "exit_members",
           "outflow_by_kind", "outflow_in_window", "phase_cohort_members", "wave_members", "wave_windows",
           "window_members", "each_window_members"]

EXIT_KINDS = ("influenceable", "pension", "involuntary", "death", "other")
PARTS = ("voluntary", "disability", "early_retirement")  # the three parts of influenceable outflow
WAVE_YEARS = 5  # the pension wave's windows ahead
OUTFLOW_VALUES = ("average_stock", "outflow", *EXIT_KINDS, *PARTS, "influenceable_rate", "pension_rate")  # a row's numbers
WINDOW_COUNTS = ("population", "opening", "closing", "outflow", *EXIT_KINDS, *PARTS)  # `window_members`' measures


def aow_dates(people: pl.DataFrame) -> pl.DataFrame:
    """person_id, aow_date (model.pension, exact to the day; null without a birth date)."""
    births = people.select("person_id", "birth_date")
    table = birth_aow_dates(births.get_column("birth_date"))  # the same rule, vectorised (test_phases.py)
    return births.join(table, on="birth_date", how="left").select("person_id", "aow_date")


_AOW: weakref.WeakKeyDictionary[Workforce, pl.DataFrame] = weakref.WeakKeyDictionary()
_WAVE_AOW: weakref.WeakKeyDictionary[Workforce, pl.DataFrame] = weakref.WeakKeyDictionary()


def classified_exits(workforce: Workforce, spells: pl.DataFrame) -> pl.DataFrame:
    """Ended spells with `aow_date`, `kind` (EXIT_KINDS) and `part` (voluntary | disability |
    early_retirement for influenceable exits, else null). The people's AOW dates are kept per
    workforce: a report classifies exits seven times."""
    if workforce not in _AOW:
        _AOW[workforce] = aow_dates(workforce.people)
    ended = spells.filter(pl.col("end_date").is_not_null()).join(_AOW[workforce], on="person_id", how="left")
    reason = pl.col("end_reason")
    at_aow = pl.col("aow_date").is_not_null() & (pl.col("end_date") + timedelta(days=1) >= pl.col("aow_date"))
    early = (reason == "retirement") & ~at_aow
    kind = (pl.when(reason.is_in(["voluntary", "disability"]) | early).then(pl.lit("influenceable"))
            .when(reason == "retirement").then(pl.lit("pension"))
            .when(reason == "involuntary").then(pl.lit("involuntary"))
            .when(reason == "death").then(pl.lit("death"))
            .otherwise(pl.lit("other")))
    part = (pl.when(reason == "voluntary").then(pl.lit("voluntary"))
            .when(reason == "disability").then(pl.lit("disability"))
            .when(early).then(pl.lit("early_retirement")).otherwise(None))
    return ended.with_columns(kind=kind, part=part)


def outflow_by_kind(workforce: Workforce, *, years: Sequence[int], by: str | None = None) -> pl.DataFrame:
    """Per year and value: population (spells in the group that year), average_stock, outflow,
    each EXIT_KINDS count, the PARTS of influenceable outflow, and influenceable_rate /
    pension_rate per 100 of the average stock. Unsuppressed: publish through privacy.suppress."""
    flows = yearly_flows(workforce, years=years, by=by).with_columns(
        population=pl.col("opening") + pl.col("inflow") + pl.col("transfers_net").clip(lower_bound=0),
        average_stock=(pl.col("opening") + pl.col("closing")) / 2,
    ).select("year", "value", "population", "average_stock", "outflow")
    counts = _exits_in_years(workforce, years, by).group_by("year", "value").agg(
        *((pl.col("kind") == k).sum().cast(pl.Int64).alias(k) for k in EXIT_KINDS),
        *((pl.col("part") == p).sum().cast(pl.Int64).alias(p) for p in PARTS))
    table = flows.join(counts, on=["year", "value"], how="left").with_columns(
        pl.col(*EXIT_KINDS, *PARTS).fill_null(0))
    rate = lambda c: pl.when(pl.col("average_stock") > 0).then(  # noqa: E731
        pl.col(c) * 100 / pl.col("average_stock")).otherwise(None)
    return table.with_columns(influenceable_rate=rate("influenceable"), pension_rate=rate("pension"))


def exit_members(workforce: Workforce, *, years: Sequence[int], by: str | None = None) -> pl.DataFrame:
    """What each person adds to `outflow_by_kind`'s exit counts (EXIT_KINDS, PARTS): year, value,
    measure, person_id, n (two exits in one year count twice)."""
    tagged = _exits_in_years(workforce, years, by)
    return pl.concat([tagged.filter(pl.col(column).is_not_null()).select(
        "year", pl.col("value").cast(pl.String), "person_id", measure=pl.col(column).cast(pl.String))
        for column in ("kind", "part")]).group_by("year", "value", "measure", "person_id").len("n").with_columns(
        pl.col("n").cast(pl.Int64))


def _exits_in_years(workforce: Workforce, years: Sequence[int], by: str | None) -> pl.DataFrame:
    """The spells ending in `years`: person_id, spell_no, year, value (on the last day), kind, part."""
    spells = workforce.spells.filter(pl.col("end_date").dt.year().is_in(sorted(set(years))))
    kinds = classified_exits(workforce, spells).select("person_id", "spell_no", "kind", "part")
    return category_at(workforce, spells, "end_date", by).select(
        "person_id", "spell_no", pl.col("day").dt.year().cast(pl.Int64).alias("year"), "value").join(
        kinds, on=["person_id", "spell_no"], how="left")


def outflow_in_window(workforce: Workforce, *, start: date, end: date, by: str | None = None,
                      members: pl.DataFrame | None = None) -> pl.DataFrame:
    """Like `outflow_by_kind` for any period [start, end] (e.g. the 12 months up to the analysis
    date, which also holds a snapshot's exits): per value, population (spells running on `start`
    or beginning in the period, in their category on the later of the two days), average_stock
    ((headcount(start) + headcount(end)) / 2, DESIGN §4), the exit counts and the rates per 100 of
    the average stock — per period, not per year. The counts are the sums of `window_members`
    (`members`: those, when the caller found them for several categories at once)."""
    if members is None:
        members = window_members(workforce, start=start, end=end, by=by)
    counts = members.group_by("value", "measure").agg(pl.col("n").sum())
    table = pl.DataFrame({"value": counts.get_column("value").unique()}, schema={"value": pl.String}).with_columns(
        *(pl.lit(0, dtype=pl.Int64).alias(m) for m in WINDOW_COUNTS))
    if counts.height:
        wide = counts.pivot(on="measure", index="value", values="n")
        table = table.select("value").join(wide, on="value", how="left").with_columns(
            *(pl.col(m).fill_null(0).cast(pl.Int64) if m in wide.columns else pl.lit(0, dtype=pl.Int64).alias(m)
              for m in WINDOW_COUNTS))
    table = table.with_columns(average_stock=(pl.col("opening") + pl.col("closing")) / 2)
    rate = lambda c: pl.when(pl.col("average_stock") > 0).then(  # noqa: E731
        pl.col(c) * 100 / pl.col("average_stock")).otherwise(None)
    table = table.with_columns(influenceable_rate=rate("influenceable"), pension_rate=rate("pension"))
    return ordered(table, by=by or "").select(
        pl.lit(end.year).cast(pl.Int64).alias("year"), "value", "population", "average_stock", "outflow",
        *EXIT_KINDS, *PARTS, "influenceable_rate", "pension_rate")


def window_members(workforce: Workforce, *, start: date, end: date, by: str | None = None) -> pl.DataFrame:
    """What each person adds to `outflow_in_window`'s counts (WINDOW_COUNTS): value, measure,
    person_id, n (spells: two spells in one group count twice). The groups are those with a spell
    in the period or on either day; an exit from any other group is in no row. The document's
    audit reads these, so the published numbers and their members have one definition."""
    return next(each_window_members(workforce, start=start, end=end, bys=[by]))[1]


def each_window_members(workforce: Workforce, *, start: date, end: date,
                        bys: Sequence[str | None]) -> Iterator[tuple[str | None, pl.DataFrame]]:
    """(by, `window_members`) for each of `bys`, one at a time (a sector's person-level rows of
    every category together would not fit): the window's spells, their exits' kinds and their
    main assignments on each day are found once for every category (as `flows_by` does)."""
    spells = workforce.spells
    runs_on = lambda d: (pl.col("start_date") <= d) & (pl.col("end_date").is_null() | (pl.col("end_date") >= d))  # noqa: E731
    tag = lambda frame, measure: frame.select(  # noqa: E731
        "person_id", pl.col("value").cast(pl.String), measure=pl.lit(measure, dtype=pl.String))
    parts = {"population": spells.filter(runs_on(start) | pl.col("start_date").is_between(start, end)).with_columns(
                 at=pl.max_horizontal("start_date", pl.lit(start))),
             "opening": spells.filter(runs_on(start)).with_columns(at=pl.lit(start)),
             "closing": spells.filter(runs_on(end)).with_columns(at=pl.lit(end)),
             "leaving": spells.filter(pl.col("end_date").is_between(start, end)).with_columns(at=pl.col("end_date"))}
    kinds = classified_exits(workforce, parts["leaving"]).select("person_id", "spell_no", "kind", "part")
    mains: dict[str, pl.DataFrame] = {}

    def placed(name: str, by: str | None) -> pl.DataFrame:
        if by is None or by in PERSON_CATEGORIES:
            return category_at(workforce, parts[name], "at", by)
        if name not in mains:
            mains[name] = main_at(workforce, parts[name], "at")
        return category_at(workforce, parts[name], "at", by, main=mains[name])

    for by in dict.fromkeys(bys):
        frames = [tag(placed(name, by), name) for name in ("population", "opening", "closing")]
        exits = placed("leaving", by).select("person_id", "spell_no", "value").join(
            kinds, on=["person_id", "spell_no"], how="left").with_columns(pl.col("value").cast(pl.String))
        groups = pl.concat(frames).select("value").unique()  # a group is a row when someone is in it or in its stock
        exits = exits.join(groups, on="value", how="semi")
        frames += [tag(exits, "outflow"),
                   *(exits.filter(pl.col(column).is_not_null()).select(
                       "person_id", pl.col("value").cast(pl.String), measure=pl.col(column).cast(pl.String))
                     for column in ("kind", "part"))]
        yield by, pl.concat(frames).group_by("value", "measure", "person_id").len("n").with_columns(
            pl.col("n").cast(pl.Int64))


def phase_cohort_members(workforce: Workforce, *, start: date, end: date,
                         rules: PhaseRules | None = None) -> pl.DataFrame:
    """The cohort per life phase on `start` and who of it left up to `end`, person by person:
    value (the phase), measure (population; influenceable or pension: the kind of their exit),
    person_id, n (1). Phases overlap (DESIGN §5): a person is in every phase that applies."""
    members = phase_values(workforce, on=start, by="life_phase", rules=rules).select(
        "person_id", pl.col("value").cast(pl.String)).unique()
    spells = workforce.spells.filter((pl.col("start_date") <= start) & pl.col("end_date").is_between(start, end))
    exits = classified_exits(workforce, spells).select("person_id", "kind").unique("person_id")  # one spell on `start`
    joined = members.join(exits, on="person_id", how="left")
    return pl.concat([joined.select("value", measure=pl.lit("population"), person_id=pl.col("person_id")),
                      joined.filter(pl.col("kind").is_in(["influenceable", "pension"])).select(
                          "value", measure=pl.col("kind"), person_id=pl.col("person_id"))]).with_columns(
        n=pl.lit(1, dtype=pl.Int64))


def wave_windows(as_of: date, years: int) -> list[tuple[date, date]]:
    """The pension wave's calendar-year windows after `as_of`: as_of + 1 day … one year later, and
    so on (29 February: 28 February of the later years)."""
    bounds = [as_of]
    for i in range(1, years + 1):
        try:
            bounds.append(as_of.replace(year=as_of.year + i))
        except ValueError:  # 29 February
            bounds.append(date(as_of.year + i, 2, 28))
    return [(bounds[i] + timedelta(days=1), bounds[i + 1]) for i in range(years)]


def wave_members(workforce: Workforce, *, as_of: date, years: int = WAVE_YEARS) -> pl.DataFrame:
    """person_id, value (the window's number, "1" … `years`), statutory: the people employed on
    `as_of` whose AOW date falls in one of `wave_windows`; the audit of the report's day reads them
    (`report_phase_cells`), so the published wave and its members have one definition."""
    employed = covering(workforce.assignments, as_of).select("person_id").unique()
    people = employed.join(workforce.people.select("person_id", "birth_date"), on="person_id", how="inner")
    dated = people.filter(pl.col("birth_date").is_not_null()).join(_statutory_aow(workforce), on="birth_date",
                                                                  how="left")
    windows = wave_windows(as_of, years)
    number = pl.lit(None, dtype=pl.String)
    for i, (start, end) in reversed(list(enumerate(windows, start=1))):
        number = pl.when(pl.col("aow").is_between(start, end)).then(pl.lit(str(i))).otherwise(number)
    return dated.select("person_id", value=number, statutory="statutory").filter(pl.col("value").is_not_null())


def _statutory_aow(workforce: Workforce) -> pl.DataFrame:
    """birth_date, aow, statutory: the AOW rule (`pension.aow_date`) once per distinct birth date of
    the workforce, kept: the report's day set reads the wave on ten days."""
    if workforce not in _WAVE_AOW:
        unique = workforce.people.get_column("birth_date").drop_nulls().unique().to_list()
        results = [aow_date(b) for b in unique]
        _WAVE_AOW[workforce] = pl.DataFrame(
            {"birth_date": unique, "aow": [r.date for r in results], "statutory": [r.statutory for r in results]},
            schema={"birth_date": pl.Date, "aow": pl.Date, "statutory": pl.Boolean})
    return _WAVE_AOW[workforce]


def aow_wave(workforce: Workforce, *, as_of: date, years: int = WAVE_YEARS) -> pl.DataFrame:
    """The pension wave ahead: of the people employed on `as_of`, how many reach their AOW date in
    each of `wave_windows`. Columns: year (1 … years), from, to, persons, statutory (False when a
    date rests on assumed life expectancy beyond the statutory AOW table)."""
    members = wave_members(workforce, as_of=as_of, years=years)
    counts = {int(v): (n, bool(all_statutory)) for v, n, all_statutory in members.group_by("value").agg(
        pl.len(), pl.col("statutory").all()).iter_rows()}
    rows = [{"year": i, "from": start, "to": end, "persons": counts.get(i, (0, True))[0],
             "statutory": counts.get(i, (0, True))[1]} for i, (start, end) in enumerate(wave_windows(as_of, years), start=1)]
    return pl.DataFrame(rows, schema={"year": pl.Int64, "from": pl.Date, "to": pl.Date, "persons": pl.Int64,
                                      "statutory": pl.Boolean})
