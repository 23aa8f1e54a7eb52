"""Helpers of the planning view tests: the page's CSV, and the core's own projection to compare with."""

from __future__ import annotations

import csv
import io
from datetime import date

from levensfase.planning.report import build_projection
from levensfase.web.hr.selectors import load_workforce


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def core(scenarios, *, years: int, runs: int, seed: int, k: int, demand=None) -> dict:
    return build_projection(load_workforce(), as_of=date.today(), scenarios=scenarios, years=years, runs=runs,
                            seed=seed, demand=demand, k=k)


def dutch(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")
