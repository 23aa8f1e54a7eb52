"""Small-cell suppression: the one gate every aggregate passes on its way out of the core (DESIGN §6).

A group (a row of an aggregate table: a unit, an age band, a life phase, a unit × phase cell) whose
population — distinct persons in the period — is below k says too much about the few people in it,
so all its values are withheld (primary suppression). Survey scores also need k respondents.
When the table, or the page around it, also shows a total or a parent in the unit tree, one
withheld row could be recovered by subtraction; complementary suppression withholds a second
sibling (or the total/parent) so that every sum relation has either no withheld member or at
least two.

Why "0 or ≥ 2 withheld per relation" is enough here: the relations form a tree (each row is a
child in at most one relation and a parent in at most one), and in a tree-shaped linear system an
unknown is determined only by peeling off relations with exactly one unknown. The property tests
check this with an independent linear-algebra rank test.

Decisions:
- A group with population 0 is never suppressed (it reveals nothing about any person) and is never
  chosen as a complementary cell (hiding a known empty group protects nothing).
- Rows with a null respondents count are treated as having 0 respondents.
- In a suppressed row the population (and respondents) column is nulled too: it is itself an
  additive count. The caller renders it with `display`, which always shows "< k".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

__all__ = ["Suppressed", "display", "is_small", "mark_withheld", "one_band", "suppress", "SMALL_GROUP", "COMPLEMENTARY",
           "FEW_RESPONDENTS", "ONE_BAND"]

SMALL_GROUP = "small_group"
COMPLEMENTARY = "complementary"
FEW_RESPONDENTS = "few_respondents"
ONE_BAND = "one_band"  # everyone in the same band: no distribution (attribute disclosure)
_RESERVED = ("suppressed", "suppression_reason")


@dataclass(frozen=True)
class Suppressed:
    """A table ready to leave the core.

    `table` has the input's rows and columns, value/population columns null where suppressed, plus
    `suppressed` (bool) and `suppression_reason` (small_group | complementary | few_respondents | null).
    `total_withheld`: the grand total (sum of the top-level rows) must not be shown.
    `withheld_parents`: parent values outside the table whose totals must not be shown either.
    """

    table: pl.DataFrame
    k: int
    total_withheld: bool
    withheld_parents: tuple[object, ...] = field(default=())


def is_small(population: int | None, k: int) -> bool:
    """The primary rule for one number standing alone: 0 < population < k (nobody is no one)."""
    return population is not None and 0 < population < k


def small_expr(population: pl.Expr, k: int) -> pl.Expr:
    """`is_small` over a column: 0 < population < k."""
    return (population > 0) & (population < k)


def one_band(counts: Sequence[int | None]) -> bool:
    """Attribute disclosure (DESIGN §6): everyone of a published group falls in the same band, so
    a band distribution of it would tell each member's band. Show no distribution then."""
    return sum(1 for c in counts if c) == 1


def display(value: object, *, suppressed: bool, k: int, digits: int = 1) -> str:
    """Text for one cell: "< k" when suppressed (always the same look, DESIGN §9), "–" when empty."""
    if suppressed:
        return f"< {k}"
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _validate(table: object, k: object, columns: dict[str, str | None], values: Sequence[str]) -> None:
    if not isinstance(table, pl.DataFrame):
        raise TypeError(f"suppress needs a Polars DataFrame, got {type(table).__name__}")
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number ≥ 1, got {k!r}")
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise TypeError("values must be a list of column names")
    wanted = [c for c in (*columns.values(), *values) if c is not None]
    missing = [c for c in wanted if c not in table.columns]
    if missing:
        raise ValueError(f"column(s) not in the table: {', '.join(missing)} (table has: {', '.join(table.columns)})")
    clash = [c for c in (columns["parent"], columns["group"], *_RESERVED) if c is not None and c in values]
    if clash:
        raise ValueError(f"column(s) {', '.join(clash)} cannot be value columns")
    reserved = [c for c in _RESERVED if c in table.columns]
    if reserved:
        raise ValueError(f"the table already has column(s) {', '.join(reserved)}; was it suppressed twice?")
    for role in ("population", "respondents"):
        name = columns[role]
        if name is None:
            continue
        col = table[name]
        if not col.dtype.is_integer():
            raise ValueError(f"{role} column {name!r} must hold whole counts, got {col.dtype}")
        if role == "population" and col.null_count():
            raise ValueError(f"population column {name!r} has {col.null_count()} empty value(s)")
        if (col.drop_nulls() < 0).any():
            raise ValueError(f"{role} column {name!r} has negative counts")
    if columns["parent"] is not None and columns["group"] is not None:
        groups = table[columns["group"]]
        if groups.null_count() or groups.n_unique() != table.height:
            raise ValueError(f"group column {columns['group']!r} must name every row once (no empty or repeated values)")


def _relations(parents: list | None, groups: list | None, n: int, has_total: bool) -> list[tuple[list[int], object]]:
    """The sum relations: (child row indices, parent cell). Parent cell is a row index, ("total",) for
    the grand total, ("parent", value) for a parent outside the table, or None when not published."""
    if parents is None:
        return [(list(range(n)), ("total",) if has_total else None)]
    row_of = {g: i for i, g in enumerate(groups)} if groups is not None else {}
    sets: dict[object, list[int]] = {}
    for i, p in enumerate(parents):
        sets.setdefault(p, []).append(i)
    relations = []
    for p, children in sets.items():
        if p is None:
            relations.append((children, ("total",) if has_total else None))
        elif p in row_of:
            relations.append((children, row_of[p]))
        else:
            relations.append((children, ("parent", p) if has_total else None))
    return relations


def suppress(
    table: pl.DataFrame,
    *,
    k: int = 5,
    population: str = "population",
    values: Sequence[str],
    respondents: str | None = None,
    parent: str | None = None,
    group: str | None = None,
    has_total: bool = True,
) -> Suppressed:
    """Withhold small groups and enough companions that none can be recovered by subtraction.

    Without `parent`, all rows are siblings of one total (published when `has_total`). With
    `parent`, rows sharing a parent value are siblings summing to the parent's row (the row whose
    `group` equals that value); top-level rows (null parent, or a parent outside the table) sum to
    totals that count as published when `has_total`. The input frame is not changed.
    """
    columns = {"population": population, "respondents": respondents, "parent": parent, "group": group}
    _validate(table, k, columns, values)
    n = table.height
    pops: list[int] = table[population].to_list()
    resp: list[int] | None = (
        [0 if r is None else r for r in table[respondents].to_list()] if respondents is not None else None
    )

    reason: list[str | None] = [None] * n
    for i, p in enumerate(pops):
        if p == 0:
            continue
        if p < k:
            reason[i] = SMALL_GROUP
        elif resp is not None and resp[i] < k:
            reason[i] = FEW_RESPONDENTS

    relations = _relations(
        table[parent].to_list() if parent is not None else None,
        table[group].to_list() if group is not None else None,
        n,
        has_total,
    )
    relations = [r for r in relations if r[1] is not None]
    withheld: dict[object, None] = {}  # external cells (ordered): ("total",), ("parent", value)

    def hidden(cell: object) -> bool:
        return reason[cell] is not None if isinstance(cell, int) else cell in withheld

    member_of: dict[object, list[int]] = {}
    for r, (children, top) in enumerate(relations):
        for cell in (*children, top):
            member_of.setdefault(cell, []).append(r)

    todo = list(range(len(relations)))
    while todo:
        r = todo.pop()
        children, top = relations[r]
        cells = [*children, top]
        if sum(hidden(c) for c in cells) != 1:
            continue
        shown = [c for c in children if not hidden(c)]
        candidates = sorted((c for c in shown if pops[c] > 0), key=lambda c: (pops[c], c))
        if candidates:
            pick: object = candidates[0]
        elif not hidden(top):
            pick = top
        else:  # only the parent is hidden and every child is empty: hide an empty child
            pick = shown[0]
        if isinstance(pick, int):
            reason[pick] = COMPLEMENTARY
        else:
            withheld[pick] = None
        todo.extend(member_of.get(pick, []))

    flags = pl.Series("suppressed", [x is not None for x in reason], dtype=pl.Boolean)
    nulled = [population, *values] + ([respondents] if respondents is not None else [])
    out = mark_withheld(table.with_columns(flags, pl.Series("suppression_reason", reason, dtype=pl.String)),
                        pl.col("suppressed"), values=list(dict.fromkeys(nulled)))
    return Suppressed(
        table=out,
        k=k,
        total_withheld=("total",) in withheld,
        withheld_parents=tuple(cell[1] for cell in withheld if cell[0] == "parent"),
    )


def mark_withheld(table: pl.DataFrame, gone: pl.Series | pl.Expr, *, values: Sequence[str]) -> pl.DataFrame:
    """`table` with `suppressed` = `gone` (a decision made elsewhere: a set audit, a pattern) and
    the `values` of those rows emptied, so a withheld number never leaves under its own name."""
    return table.with_columns(gone.alias("suppressed")).with_columns(
        pl.when(pl.col("suppressed")).then(None).otherwise(pl.col(c)).alias(c) for c in values)
