"""What a page reads once per request and passes down: the privacy threshold `k` (only
`analytics.privacy` decides what is hidden with it) and the user's scoped workforce."""

from __future__ import annotations

from django.conf import settings

from levensfase.analytics.scope import scoped
from levensfase.model.workforce import Workforce
from levensfase.web.hr.selectors import load_workforce


def k() -> int:
    return int(settings.LEVENSFASE_K)


def scoped_workforce(unit_ids: frozenset[str] | None) -> Workforce:
    return scoped(load_workforce(), unit_ids)


def unit_names(workforce: Workforce) -> dict[str, str]:
    return dict(zip(workforce.units["unit_id"].to_list(), workforce.units["name"].to_list()))
