"""The projection HTML report in Chromium: charts render without any network, the scenario comparison shows."""

from __future__ import annotations

from datetime import date

from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce
from levensfase.planning.report import build_projection
from levensfase.planning.report_html import render_projection_html
from levensfase.planning.scenarios import builtin_scenarios

from .conftest import SCREENSHOTS


def test_scenario_comparison_renders_offline(page, tmp_path):
    workforce = Workforce.from_tables(generate(employees=600, years=8, seed=5, as_of=date(2025, 6, 30)))
    b = builtin_scenarios()
    doc = build_projection(workforce, as_of=date(2025, 6, 30), scenarios=[b["baseline"], b["work_longer"],
                           b["generatiepact"], b["young_retention"]], years=10, runs=300, seed=1, k=5)
    report = tmp_path / "projectie.html"
    report.write_text(render_projection_html(doc, lang="nl"), encoding="utf-8")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    for chart in ("fan", "wave", "compare"):
        page.wait_for_selector(f"#{chart} .main-svg")
    assert all(url.startswith(("file://", "data:", "about:")) for url in requests), requests
    bars = page.locator("#compare .bars .point")
    assert bars.count() == 4  # one bar per scenario
    heading = page.get_by_role("heading", name="Scenario's naast elkaar")
    heading.scroll_into_view_if_needed()
    table = heading.locator("xpath=following-sibling::table[1]")
    assert table.locator("tbody tr").count() == 4
    assert "Doorwerken tot AOW-datum + 1 jaar" in table.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "projection_comparison.png"), full_page=False)
    page.locator("#fan").screenshot(path=str(SCREENSHOTS / "projection_fan.png"))
