"""Demand: target FTE per job family per year, and the gap demand − supply.

A demand file is CSV (columns family, year, fte) or TOML (`[fte."job family"]` with `2028 = 120.5`
per year). A year without a row takes the latest earlier year of that family (targets hold until
changed); before a family's first year there is no target. Every problem is reported with file,
row and column and nothing is used (DESIGN §6: bad input changes nothing).
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Demand", "DemandError", "demand_from_mapping", "load_demand"]


class DemandError(ValueError):
    """A demand file or form that cannot be used; `problems` lists every issue (English), `problems_nl` in Dutch."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = [en for en, _ in problems]
        self.problems_nl = [nl for _, nl in problems]
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Demand:
    """targets: ((family, ((year, fte), …)), …), years ascending."""

    targets: tuple[tuple[str, tuple[tuple[int, float], ...]], ...]

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(f for f, _ in self.targets)

    def target(self, family: str, year: int) -> float | None:
        for name, rows in self.targets:
            if name == family:
                chosen = None
                for y, fte in rows:
                    if y <= year:
                        chosen = fte
                return chosen
        return None


def _build(rows: list[tuple[str, object, object, str]]) -> Demand:
    problems: list[tuple[str, str]] = []
    seen: dict[str, dict[int, float]] = {}
    for family, year, fte, where in rows:
        if not isinstance(family, str) or not family.strip():
            problems.append((f"{where}, family: empty", f"{where}, family: leeg"))
            continue
        try:
            y = int(str(year).strip())
            if not 1990 <= y <= 2100:
                raise ValueError
        except ValueError:
            problems.append((f"{where}, year: {year!r} is not a year (1990-2100)",
                             f"{where}, year: {year!r} is geen jaartal (1990-2100)"))
            continue
        try:
            value = float(str(fte).strip().replace(",", "."))
            if not 0 <= value <= 10_000_000 or value != value:
                raise ValueError
        except ValueError:
            problems.append((f"{where}, fte: {fte!r} is not a number ≥ 0", f"{where}, fte: {fte!r} is geen getal ≥ 0"))
            continue
        family = family.strip()
        if y in seen.setdefault(family, {}):
            problems.append((f"{where}: {family} {y} appears twice", f"{where}: {family} {y} staat er twee keer in"))
            continue
        seen[family][y] = value
    if not rows:
        problems.append(("no targets found", "geen doelen gevonden"))
    if problems:
        raise DemandError(problems)
    return Demand(targets=tuple((f, tuple(sorted(ys.items()))) for f, ys in sorted(seen.items())))


def demand_from_mapping(data: Mapping) -> Demand:
    """From {family: {year: fte}} (a form's data, or the TOML's `fte` table)."""
    if not isinstance(data, Mapping):
        raise DemandError([("demand must be a table {family: {year: fte}}", "vraag moet een tabel {familie: {jaar: fte}} zijn")])
    rows = []
    for family, years in data.items():
        if not isinstance(years, Mapping):
            raise DemandError([(f"fte.{family}: must be a table of year = fte", f"fte.{family}: moet een tabel jaar = fte zijn")])
        rows.extend((family, y, v, f"fte.{family}.{y}") for y, v in years.items())
    return _build(rows)


def load_demand(path: Path | str) -> Demand:
    """Read a CSV or TOML demand file (by extension)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DemandError([(f"{path}: does not exist", f"{path}: bestaat niet")]) from None
    except (OSError, UnicodeDecodeError):
        raise DemandError([(f"{path}: cannot be read as UTF-8 text", f"{path}: is niet te lezen als UTF-8-tekst")]) from None
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DemandError([(f"{path}: not valid TOML ({exc})", f"{path}: geen geldige TOML ({exc})")]) from None
        if set(data) != {"fte"}:
            raise DemandError([(f"{path}: expected one table [fte] (found {', '.join(sorted(data)) or 'nothing'})",
                                f"{path}: verwacht één tabel [fte] (gevonden: {', '.join(sorted(data)) or 'niets'})")])
        try:
            return demand_from_mapping(data["fte"])
        except DemandError as exc:
            raise DemandError([(f"{path}: {en}", f"{path}: {nl}") for en, nl in zip(exc.problems, exc.problems_nl)]) from None
    if path.suffix.lower() != ".csv":
        raise DemandError([(f"{path}: use a .csv or .toml file", f"{path}: gebruik een .csv- of .toml-bestand")])
    reader = csv.DictReader(io.StringIO(text))
    missing = {"family", "year", "fte"} - set(reader.fieldnames or [])
    if missing:
        raise DemandError([(f"{path}: missing column(s) {', '.join(sorted(missing))} (need family, year, fte)",
                            f"{path}: kolom(men) ontbreken: {', '.join(sorted(missing))} (nodig: family, year, fte)")])
    rows = [(r["family"], r["year"], r["fte"], f"{path} row {n}") for n, r in enumerate(reader, start=2)]
    return _build(rows)
