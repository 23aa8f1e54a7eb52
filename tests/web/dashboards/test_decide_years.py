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


def test_the_demo_decides_the_years_into_the_folder_the_server_reads(org, settings, tmp_path, monkeypatch):
    """`levensfase demo` decides before it serves, into the pattern folder `serving_environment`
    hands the server's workers: a worker starting with empty memories finds every year there."""
    import os

    from levensfase.web.demo import decide_demo_patterns
    from levensfase.web.serving import serving_environment

    settings.HOME = tmp_path
    monkeypatch.delenv("LEVENSFASE_PATTERN_CACHE")  # restored after the test (the session's store)
    decide_demo_patterns()
    folder = tmp_path / "patterns"
    assert os.environ["LEVENSFASE_PATTERN_CACHE"] == serving_environment()["LEVENSFASE_PATTERN_CACHE"] == str(folder)
    stored = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.pickle")}
    assert len(stored) >= date.today().year - 2013 + 1  # at least one pattern per year of the chain

    protected_year._CACHE.clear()  # a new worker: nothing in memory, the folder as the demo left it
    asked = []
    monkeypatch.setattr(selectors, "year_pattern", lambda workforce, **kw: asked.append(kw["year"]) or
                        protected_year.year_pattern(workforce, **kw))
    selectors.decide_years(today=date.today())
    assert asked == list(range(2013, date.today().year + 1))
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.pickle")} == stored  # read, nothing audited again
