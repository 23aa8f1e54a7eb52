"""Read side of the page "Werkt het?": the core's evaluation of the stored organisation, kept while
the data, the day, k and the catalog stay the same (it takes seconds, and the page is re-read)."""

from __future__ import annotations

from datetime import date
from typing import Any

from levensfase.evaluation import Evaluation, evaluate
from levensfase.evaluation.present import presented
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.maatwerk.selectors import catalog

_last: tuple[Any, date, int, Any, Evaluation] | None = None


def evaluation(*, on: date, k: int) -> Evaluation:
    """The core `evaluate` on the whole organisation (every row through the privacy engine later)."""
    global _last
    workforce, entries = load_workforce(), catalog()
    if _last is not None and _last[0] is workforce and _last[1] == on and _last[2] == k and _last[3] is entries:
        return _last[4]
    result = evaluate(workforce, as_of=on, k=k, catalog=entries)
    _last = (workforce, on, k, entries, result)
    return result


def evaluation_page(*, on: date, k: int, lang: str) -> dict[str, Any]:
    """What the page shows: `present.presented` (published rows, Dutch or English numbers and sentences)."""
    return presented(evaluation(on=on, k=k), lang=lang, catalog=catalog())
