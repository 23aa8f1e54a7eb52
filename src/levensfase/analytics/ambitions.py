"""What people said in career conversations, per group: ambitions, desired FTE, intended retirement age.

A career conversation records per person what they want (model/conversations.py); one answer says
little, but per life phase, age band, unit or job family they show where the wish for growth,
fewer hours or an early (or late) exit sits — the input for policy that follows life phases.

Definitions:
- groups: the people employed on `as_of` per category value, exactly as the policy scan counts
  them (`policy_scan.members`; life phases overlap).
- answer: a person's latest answer per topic given on or before `as_of` and within
  ANSWER_YEARS before it (older wishes are left out as stale).
- ambition shares: persons per ambition ÷ persons with an ambition answer (`ambition_n`).
- desired FTE: mean desired and mean current FTE (all jobs on `as_of`) of those who gave one;
  fewer/more: desired below/above the current FTE by more than 0.05.
- intended retirement: mean intended age; before/after AOW: the day the person reaches that age
  lies before/after their AOW date (`planned_retirement`, also what the projection uses).
A row's population leaves through `privacy.suppress` and is withheld where the day's headcounts
hide the group (the same number); the blocks of every row and category are audited as one round of
respondents (`_blocks_withheld`: a mean of two people's wishes says too much, and neither may
follow from the other blocks).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.categories import CATEGORIES, ordered
from levensfase.analytics.exact import exact_sum
from levensfase.analytics.metrics import covering
from levensfase.analytics.phases import aow_dates
from levensfase.analytics.policy_scan import BY, members
from levensfase.analytics.privacy import suppress
from levensfase.analytics.privacy.round_audit import round_withheld
from levensfase.analytics.protected_day import DayPattern, day_pattern, withhold_hidden_groups
from levensfase.model.arrangements.eligibility import months_before
from levensfase.model.conversations import AMBITIONS, TOPICS
from levensfase.model.lifephase import PhaseRules
from levensfase.model.workforce import Workforce

__all__ = ["ANSWER_YEARS", "BLOCKS", "ambition_counts", "ambitions_section", "planned_retirement"]

ANSWER_YEARS = 3
MARGIN_FTE = 0.05  # a desired FTE within this of the current one is "the same"
BLOCKS = {  # block → (its number of answers, its values)
    "ambition": ("ambition_n", tuple(f"ambition_{a}" for a in AMBITIONS)),
    "desired_fte": ("desired_n", ("desired_fte_sum", "current_fte_sum", "wants_fewer", "wants_more")),
    "retirement": ("intended_n", ("intended_age_sum", "before_aow", "after_aow")),
}


def _number(column: str, topic: str) -> pl.Expr:
    """A conversation answer as a number, null when it is no number or outside the topic's range
    (imported answers are free text: a stray "1e30" must not reach a sum or a date)."""
    spec = TOPICS[topic]
    value = pl.col(column).cast(pl.Float64, strict=False)
    plausible = value.is_between(spec.low, spec.high) & value.is_finite()
    value = pl.when(plausible).then(value)
    return value.round().cast(pl.Int64) if spec.kind == "whole" else value


def planned_retirement(workforce: Workforce, *, on: date) -> pl.DataFrame:
    """person_id, birth_date, aow_date, intended_age, retirement_date of everyone with a birth date.

    retirement_date is the day the person reaches the intended retirement age of their latest
    career-conversation answer on or before `on` (a 29 February birthday gives 28 February), or
    the AOW date when they never gave one.
    """
    people = workforce.people.select("person_id", "birth_date").drop_nulls("birth_date")
    aow = aow_dates(people.get_column("birth_date"))
    stated = workforce.conversations.filter(pl.col("topic") == "intended_retirement_age")  # before the sort: fewer rows
    intended = _latest(stated, on=on, since=None).select(
        "person_id", intended_age=_number("value", "intended_retirement_age"))
    frame = people.join(aow, on="birth_date", how="left").join(intended, on="person_id", how="left")
    at_age = pl.col("birth_date").dt.offset_by(pl.format("{}y", pl.col("intended_age")))
    return frame.with_columns(
        retirement_date=pl.when(pl.col("intended_age").is_not_null()).then(at_age).otherwise(pl.col("aow_date"))
    ).select("person_id", "birth_date", "aow_date", "intended_age", "retirement_date")


def _latest(conversations: pl.DataFrame, *, on: date, since: date | None) -> pl.DataFrame:
    """The latest answer per person and topic in [since, on]: person_id, topic, value."""
    window = pl.col("date") <= on
    if since is not None:
        window = window & (pl.col("date") >= since)
    return (conversations.filter(window).sort("person_id", "topic", "date")
            .group_by("person_id", "topic", maintain_order=True).last().select("person_id", "topic", "value"))


def _answers(workforce: Workforce, *, as_of: date) -> pl.DataFrame:
    """One row per person with an answer: ambition, desired_fte, current_fte, intended_age, before/after AOW."""
    since = months_before(as_of, 12 * ANSWER_YEARS)
    latest = _latest(workforce.conversations, on=as_of, since=since)
    wide = latest.filter(pl.col("topic").is_in(["ambition", "desired_fte", "intended_retirement_age"])).pivot(
        on="topic", index="person_id", values="value")
    for topic in ("ambition", "desired_fte", "intended_retirement_age"):
        if topic not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=pl.String).alias(topic))
    current = covering(workforce.assignments, as_of).group_by("person_id").agg(current_fte=pl.col("fte").sum())
    planned = planned_retirement(workforce, on=as_of).select("person_id", "aow_date", "birth_date")
    intended = _number("intended_retirement_age", "intended_retirement_age")
    reached = pl.col("birth_date").dt.offset_by(pl.format("{}y", intended))
    desired = _number("desired_fte", "desired_fte")
    return wide.join(current, on="person_id", how="left").join(planned, on="person_id", how="left").select(
        "person_id", pl.when(pl.col("ambition").is_in(AMBITIONS)).then(pl.col("ambition")).alias("ambition"),
        desired.alias("desired_fte"), pl.col("current_fte").fill_null(0.0),
        intended.alias("intended_age"),
        pl.when(intended.is_not_null()).then(reached < pl.col("aow_date")).alias("before_aow"),
        pl.when(intended.is_not_null()).then(reached > pl.col("aow_date")).alias("after_aow"),
    )


def ambition_counts(workforce: Workforce, *, as_of: date, by: str, rules: PhaseRules | None = None,
                    answers: pl.DataFrame | None = None) -> pl.DataFrame:
    """Unsuppressed sums per category value: population, the block counts and sums (internal).
    `answers`: `_answers(workforce, as_of=as_of)` when the caller has it (the same for every `by`)."""
    groups = members(workforce, as_of=as_of, by=by, rules=rules).select("value", "person_id")
    rows = groups.join(_answers(workforce, as_of=as_of) if answers is None else answers, on="person_id", how="left")
    has_desired = pl.col("desired_fte").is_not_null()
    table = rows.group_by("value").agg(
        pl.col("person_id").n_unique().alias("population"),
        pl.col("ambition").is_not_null().sum().alias("ambition_n"),
        *((pl.col("ambition") == a).sum().alias(f"ambition_{a}") for a in AMBITIONS),
        has_desired.sum().alias("desired_n"),
        exact_sum(pl.col("desired_fte").fill_null(0.0)).alias("desired_fte_sum"),  # the same in any order
        exact_sum(pl.col("current_fte").filter(has_desired)).alias("current_fte_sum"),
        (has_desired & (pl.col("desired_fte") < pl.col("current_fte") - MARGIN_FTE)).sum().alias("wants_fewer"),
        (has_desired & (pl.col("desired_fte") > pl.col("current_fte") + MARGIN_FTE)).sum().alias("wants_more"),
        pl.col("intended_age").is_not_null().sum().alias("intended_n"),
        pl.col("intended_age").sum().alias("intended_age_sum"),
        pl.col("before_aow").fill_null(False).sum().alias("before_aow"),
        pl.col("after_aow").fill_null(False).sum().alias("after_aow"),
    )
    counts = [c for c in table.columns if c != "value"]
    table = table.with_columns(pl.col(c).cast(pl.Float64 if c.endswith("_sum") else pl.Int64) for c in counts)
    return ordered(table, by=by if by in CATEGORIES else "unit")


def ambitions_section(workforce: Workforce, *, as_of: date, k: int = 5, rules: PhaseRules | None = None,
                      day: DayPattern | None = None) -> dict:
    """The `ambitions` section of `levensfase analyse` and the policy scan page (JSON-ready).

    Row keys: by, value, population, suppressed; per block a dict or null when withheld:
    ambition {n, shares{ambition: share}}, desired_fte {n, mean_desired, mean_current, fewer_share,
    more_share}, retirement {n, mean_intended_age, before_aow_share, after_aow_share}; a block nobody
    in a published group answered is just {"n": 0}. `day`: the day's headcounts as the reader sees
    them elsewhere (default: the `analyse` document's day set); a group whose headcount that hides
    is withheld here too (its population is the same number).
    """
    day = day or day_pattern(workforce, day=as_of, k=k, subtrees=False)
    answers = _answers(workforce, as_of=as_of)  # once: every breakdown joins the same answers
    tables = {by: ambition_counts(workforce, as_of=as_of, by=by, rules=rules, answers=answers) for by in BY}
    gone: dict[str, list[bool]] = {}
    for by, counts in tables.items():
        group = suppress(counts, k=k, population="population", values=["population"], has_total=True).table
        gone[by] = withhold_hidden_groups(group, day, name=by, values=["population"])["suppressed"].to_list()
    rows_gone = {(by, str(v)) for by, counts in tables.items() for v, g in zip(counts["value"], gone[by]) if g}
    blocks_gone = _blocks_withheld(workforce, answers, as_of=as_of, rules=rules, k=k, rows=rows_gone)
    rows: list[dict[str, Any]] = []
    for by, counts in tables.items():
        for i, r in enumerate(counts.iter_rows(named=True)):
            value, hidden = r["value"], gone[by][i]
            rows.append({"by": by, "value": value, "population": None if hidden else r["population"],
                         "suppressed": hidden,
                         **{name: None if hidden else {"n": 0} if r[n] == 0  # nobody answered: nothing to reveal
                            else None if (name, by, str(value)) in blocks_gone else _block(name, r)
                            for name, (n, _) in BLOCKS.items()}})
    answered = answers.join(covering(workforce.assignments, as_of).select("person_id").unique(), on="person_id",
                            how="semi").height
    return {"as_of": as_of.isoformat(), "k": k, "answer_years": ANSWER_YEARS, "people_answered": answered,
            "rows": rows}


def _blocks_withheld(workforce: Workforce, answers: pl.DataFrame, *, as_of: date, rules: PhaseRules | None, k: int,
                     rows: set[tuple[str, str]]) -> set[tuple[str, str, str]]:
    """(block, by, value) of the blocks withheld. A block's means are sums over the people who
    answered, in every category's groups alike, so each block is one round of respondents
    (`privacy.round_audit`: no group's block follows from the others, none differs from another by
    fewer than k answers), with the block's total in it; the rows withheld for their headcount
    (`rows`) stay withheld. Blocks are rounds apart: one block's sums say nothing of another's."""
    present = covering(workforce.assignments, as_of).select("person_id").unique()
    mine = answers.join(present, on="person_id", how="semi").with_row_index("_person")
    groups = pl.concat([members(workforce, as_of=as_of, by=by, rules=rules).select(
        by=pl.lit(by), group=pl.col("value").cast(pl.String), person_id="person_id") for by in BY])
    column = {"ambition": "ambition", "desired_fte": "desired_fte", "retirement": "intended_age"}
    out: set[tuple[str, str, str]] = set()
    for name in BLOCKS:
        answered = mine.filter(pl.col(column[name]).is_not_null()).select("person_id", "_person")
        round_ = pl.concat([answered.select(by=pl.lit(None, dtype=pl.String), group=pl.lit(None, dtype=pl.String),
                                            _person="_person"),
                            groups.join(answered, on="person_id").select("by", "group", "_person")])
        withheld, _ = round_withheld(round_.unique(), None, k=k, already=rows)
        out |= {(name, by, value) for by, value in withheld if by is not None}
    return out


def _block(name: str, r: dict[str, Any]) -> dict[str, Any]:
    share = lambda x, n: round(x / n, 3)  # noqa: E731 - n ≥ k > 0 in a published block
    if name == "ambition":
        return {"n": r["ambition_n"], "shares": {a: share(r[f"ambition_{a}"], r["ambition_n"]) for a in AMBITIONS}}
    if name == "desired_fte":
        n = r["desired_n"]
        return {"n": n, "mean_desired": round(r["desired_fte_sum"] / n, 2),
                "mean_current": round(r["current_fte_sum"] / n, 2),
                "fewer_share": share(r["wants_fewer"], n), "more_share": share(r["wants_more"], n)}
    n = r["intended_n"]
    return {"n": n, "mean_intended_age": round(r["intended_age_sum"] / n, 1),
            "before_aow_share": share(r["before_aow"], n), "after_aow_share": share(r["after_aow"], n)}
