"""Read side of the page "Werkt het?": the core's evaluation of the stored organisation.

It takes seconds, so it is computed once per data version for every server process together
(`evaluation_cache`: a file in the data directory) and kept in this process while the key stays
the same. Inside a transaction the data may be uncommitted, so nothing is shared or kept there.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection

from levensfase.evaluation import Evaluation, evaluate
from levensfase.evaluation.present import presented
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.maatwerk.evaluation_cache import evaluation_key, shared
from levensfase.web.maatwerk.selectors import catalog

_last: tuple[str, Evaluation] | None = None


def evaluation(*, on: date, k: int) -> Evaluation:
    """The core `evaluate` on the whole organisation (every row through the privacy engine later)."""
    global _last
    if connection.in_atomic_block:
        return evaluate(load_workforce(), as_of=on, k=k, catalog=catalog())
    key = evaluation_key(on=on, k=k)
    last = _last
    if last is not None and last[0] == key:
        return last[1]
    result = shared(key, lambda: evaluate(load_workforce(), as_of=on, k=k, catalog=catalog()))
    _last = (key, result)
    return result


def evaluation_page(*, on: date, k: int, lang: str) -> dict[str, Any]:
    """What the page shows: `present.presented` (published rows, Dutch or English numbers and sentences)."""
    return presented(evaluation(on=on, k=k), lang=lang, catalog=catalog())

