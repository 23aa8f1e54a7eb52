"""The unit tree cut at a depth: what `levensfase analyse --unit-depth N` shows as "unit".

A sector report with a row per team (75.000 units at 1,5 million workers) is as large as the
people in it; cut at the top levels it follows the number of categories. Units deeper than N are
shown as their ancestor at depth N (the root has depth 0), everything else in the analysis stays
as it is: internal mobility, spells and totals do not depend on the depth, only the rows of the
unit tables do (a move between two teams of one division is a move, but no transfer between
division rows).

`at_depth` returns the same organisation as a workforce object of its own that `categories.attach`
knows to show at that depth (the tables are shared, nothing is copied). Protecting two depths
against each other is the privacy engine's work: see `protected_day` and docs/analytics.md.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable

import polars as pl

from levensfase.model.workforce import Workforce

__all__ = ["at_depth", "cut_depth", "depth_rank", "depths", "ladder", "shown_as", "tree_depth", "uncut", "unit_expr"]

_SHOWN_AS: weakref.WeakKeyDictionary[Workforce, dict[str, str]] = weakref.WeakKeyDictionary()
_DEPTH: weakref.WeakKeyDictionary[Workforce, int] = weakref.WeakKeyDictionary()
_ORIGIN: weakref.WeakKeyDictionary[Workforce, Workforce] = weakref.WeakKeyDictionary()


def depths(units: pl.DataFrame) -> dict[str, list[str]]:
    """unit → its ancestors from the root down to itself (a cycle in bad data stops the walk)."""
    parent = dict(zip(units.get_column("unit_id").to_list(), units.get_column("parent_id").to_list()))
    paths: dict[str, list[str]] = {}
    for unit in parent:
        path, seen, current = [], set(), unit
        while current is not None and current in parent and current not in seen:
            seen.add(current)
            path.append(current)
            current = parent[current]
        paths[unit] = path[::-1]
    return paths


def tree_depth(workforce: Workforce) -> int:
    """The depth of the deepest unit (a single root alone: 0)."""
    return max((len(p) - 1 for p in depths(workforce.units).values()), default=0)


def at_depth(workforce: Workforce, depth: int | None) -> Workforce:
    """`workforce` with its unit tables cut at `depth` (None or the tree's depth or more: itself)."""
    if depth is None:
        return workforce
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise ValueError(f"unit depth must be a whole number ≥ 0, got {depth!r}")
    paths = depths(workforce.units)
    if all(len(p) - 1 <= depth for p in paths.values()):
        return workforce
    cut = dataclasses.replace(workforce)
    for derived in ("ordered_assignments", "spells"):  # cached on the original: share, do not recompute
        if derived in workforce.__dict__:
            cut.__dict__[derived] = workforce.__dict__[derived]
    _SHOWN_AS[cut] = _shown_at(paths, depth)
    _DEPTH[cut] = depth
    _ORIGIN[cut] = workforce
    return cut


def _shown_at(paths: dict[str, list[str]], depth: int) -> dict[str, str]:
    return {u: p[depth] for u, p in paths.items() if len(p) - 1 > depth}


def ladder(workforce: Workforce) -> list[dict[str, str]]:
    """The unit mappings (`shown_as`) of depth 1, 2, … up to the depth this workforce shows (its
    cut, else the whole tree): what a report at that depth and every coarser one publishes, so
    the privacy engine can protect them together ([{}] for a single unit: nothing to map)."""
    paths = depths(workforce.units)
    deepest = max((len(p) - 1 for p in paths.values()), default=0)
    last = min(deepest, cut_depth(workforce) if cut_depth(workforce) is not None else deepest)
    return [_shown_at(paths, n) for n in range(min(1, last), last + 1)]


def shown_as(workforce: Workforce) -> dict[str, str]:
    """unit → the unit it is shown as, for the units deeper than the cut ({} when not cut)."""
    return _SHOWN_AS.get(workforce, {})


def depth_rank(workforce: Workforce) -> Callable[[str | None], int]:
    """A subtree's rank in a privacy audit (`Cell.rank`): the deepest subtree's first, the whole
    scope (None) last, so secondary suppression finds companions in the subtrees before the
    numbers users read most (docs/privacy.md has the measurements)."""
    depth = {unit: len(path) for unit, path in depths(workforce.units).items()}
    deepest = max(depth.values(), default=0)
    return lambda scope: deepest - depth.get(scope, 0)


def cut_depth(workforce: Workforce) -> int | None:
    """The depth `at_depth` cut this workforce at (None: the full tree)."""
    return _DEPTH.get(workforce)


def uncut(workforce: Workforce) -> Workforce:
    """The workforce `at_depth` cut this one from (itself when not cut): the dashboards' decisions
    are made, and cached, on that one."""
    return _ORIGIN.get(workforce, workforce)


def unit_expr(workforce: Workforce, column: str = "unit_id") -> pl.Expr:
    """The unit a row is shown as: `column` mapped by `shown_as` (unchanged when not cut)."""
    mapping = shown_as(workforce)
    return pl.col(column).replace(mapping) if mapping else pl.col(column)
