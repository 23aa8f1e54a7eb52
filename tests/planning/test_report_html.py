"""The projection HTML: what the JSON says, suppressed lines as "< k", Dutch and English, no network."""

import re

from levensfase.planning.demand import demand_from_mapping
from levensfase.planning.report import project_fit
from levensfase.planning.report_html import render_projection_html
from levensfase.planning.scenarios import builtin_scenarios


def test_page_shows_the_document(fit):
    b = builtin_scenarios()
    starts = {}
    for family, n in zip(fit.families, fit.start.sum(axis=1)):
        starts[family] = starts.get(family, 0) + n
    k = int(min(starts.values())) + 1
    demand = demand_from_mapping({"verpleging & verzorging": {2027: 2000}})
    doc = project_fit(fit, scenarios=[b["baseline"], b["young_retention"]], years=3, runs=100, seed=1,
                      demand=demand, k=k)
    page = render_projection_html(doc, lang="nl")
    assert "<script src=" not in page and "http://" not in page.split("<body>")[1][:20000].replace("http://www.w3.org", "")
    assert "Vrijwillig verloop jongeren −25%" in page and "Pensioneringsgolf" in page
    assert f"&lt; {k}" in page and "class='suppressed'" in page
    base = doc["scenarios"][0]
    end = base["headcount"]["p50"][-1]
    assert f"{end:,.0f}".replace(",", ".") in page  # Dutch thousands separator (1.234, DESIGN §9)
    assert "Tekort" in page
    gap = base["gap"]["verpleging & verzorging"]["p50"][1]
    assert f"{gap:.1f}".replace(".", ",") in page
    english = render_projection_html(doc, lang="en")
    assert "Young voluntary turnover −25%" in english and "Retirement wave" in english
    assert re.search(r"<html lang='en'>", english)


def test_the_aow_assumption_is_stated_when_the_projection_runs_past_the_statutory_table(fit):
    from levensfase.model.pension import assumption_note

    # aow.toml fixes the AOW age by law up to and including 2031 (67 years and 3 months).
    assert assumption_note(through_year=2031)["applies"] is False
    note = assumption_note(through_year=2032)
    assert note["applies"] is True and note["statutory_until"] == 2031
    assert "na 2031" in note["note_nl"] and "after 2031" in note["note_en"]
    b = builtin_scenarios()
    short = project_fit(fit, scenarios=[b["baseline"]], years=3, runs=20, seed=1, demand=None, k=5)
    assert fit.as_of.year + 3 <= 2031 and short["aow_assumption"]["applies"] is False  # 2026 + 3 = 2029
    assert "data-aow-assumption" not in render_projection_html(short, lang="nl")
    long = project_fit(fit, scenarios=[b["baseline"]], years=10, runs=20, seed=1, demand=None, k=5)
    assert long["aow_assumption"]["applies"] is True  # through 2036
    assert "Pensioneringen na 2031 rusten op een aangenomen" in render_projection_html(long, lang="nl")
    assert "Retirements after 2031 rest on an assumed" in render_projection_html(long, lang="en")
