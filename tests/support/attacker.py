"""A generic differencing attacker with exact arithmetic, independent of the privacy engine.

Every number a set of requests publishes is one linear equation over unknown "fine cells" (the
finest groups the attacker can name: a person's age band × sex × generation × life phase on a day,
a year × category for flows). A hidden value is recovered when its own equation is a linear
combination of the published ones; the attacker then knows its exact value. A published zero also
tells that every fine cell under it is zero (counts are never negative).

Elimination is done with `fractions.Fraction`, so there is no rounding: the engine uses modular
arithmetic, this independent attacker does not.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Recovery:
    key: Hashable
    derived: Fraction
    truth: int


@dataclass
class Attacker:
    """Collect published equations, then ask which hidden values they determine."""

    _basis: dict[Hashable, tuple[dict[Hashable, Fraction], Fraction]] = field(default_factory=dict)
    published: int = 0

    def publish(self, members: Iterable[Hashable], value: float | int) -> None:
        """One published number: `value` is the sum of the fine cells in `members`."""
        members = list(dict.fromkeys(members))
        if value == 0:
            self.published += 1
            for m in members:
                self._add({m: Fraction(1)}, Fraction(0))
        else:
            self.publish_weighted(dict.fromkeys(members, 1), value)

    def publish_weighted(self, row: Mapping[Hashable, int | Fraction], value: int | Fraction) -> None:
        """One published number that counts fine cell `c` `row[c]` times (a person's class: its size
        times what each member adds). No sign constraint is drawn from a zero here."""
        self.published += 1
        if row:
            self._add({c: Fraction(n) for c, n in row.items()}, Fraction(value))

    def _reduce(self, row: dict, rhs: Fraction) -> tuple[dict, Fraction]:
        row = dict(row)
        changed = True
        while changed:
            changed = False
            for var in list(row):
                if var in self._basis and row.get(var):
                    pivot_row, pivot_rhs = self._basis[var]
                    factor = row[var]
                    for v, c in pivot_row.items():
                        new = row.get(v, Fraction(0)) - factor * c
                        if new:
                            row[v] = new
                        else:
                            row.pop(v, None)
                    rhs -= factor * pivot_rhs
                    changed = True
        return row, rhs

    def _add(self, row: dict, rhs: Fraction) -> None:
        row, rhs = self._reduce(row, rhs)
        if not row:
            return
        pivot = next(iter(row))
        scale = row[pivot]
        row = {v: c / scale for v, c in row.items()}
        rhs = rhs / scale
        for var, (other, other_rhs) in list(self._basis.items()):  # keep the basis fully reduced
            if other.get(pivot):
                factor = other[pivot]
                merged = dict(other)
                for v, c in row.items():
                    new = merged.get(v, Fraction(0)) - factor * c
                    if new:
                        merged[v] = new
                    else:
                        merged.pop(v, None)
                self._basis[var] = (merged, other_rhs - factor * rhs)
        self._basis[pivot] = (row, rhs)

    def derive(self, members: Iterable[Hashable]) -> Fraction | None:
        """The value of the sum over `members` when the published equations fix it, else None."""
        return self.derive_weighted(dict.fromkeys(members, 1))

    def derive_weighted(self, row: Mapping[Hashable, int | Fraction]) -> Fraction | None:
        """The value of sum(row[c] · c) when the published equations fix it, else None."""
        left, rhs = self._reduce({c: Fraction(n) for c, n in row.items()}, Fraction(0))
        return None if left else -rhs

    def recover(self, hidden: Iterable[tuple[Hashable, Iterable[Hashable], int]]) -> list[Recovery]:
        """Every hidden (key, members, truth) whose value the published equations determine."""
        found = []
        for key, members, truth in hidden:
            value = self.derive(members)
            if value is not None:
                found.append(Recovery(key=key, derived=value, truth=truth))
        return found
