"""The chained year audits decided before serving (`selectors.decide_years`, `levensfase demo`)."""

from __future__ import annotations

from datetime import date

from levensfase.analytics import protected_year
from levensfase.web.dashboards import selectors


def test_the_years_are_decided_in_order_from_the_first_recorded_year(org, monkeypatch):
    """The fixture's first leaver left on 31 December 2013 (P05): the chain starts in 2013 and runs
    to this year, which is audited up to today; each year is asked for once, after the one before."""
    asked, stages = [], []
    real = protected_year.year_pattern

    def recording(workforce, *, year, end, k):
        asked.append((year, end))
        return real(workforce, year=year, end=end, k=k)

    monkeypatch.setattr(selectors, "year_pattern", recording)
    today = date.today()
    selectors.decide_years(today=today, progress=lambda stage, fraction: stages.append((stage, fraction)))
    years = list(range(2013, today.year + 1))
    assert asked == [(y, min(date(y, 12, 31), today)) for y in years]
    assert [s for s, _ in stages] == [*map(str, years), str(today.year)]
    assert [f for _, f in stages] == sorted(f for _, f in stages) and stages[-1][1] == 1.0
