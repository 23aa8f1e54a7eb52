"""The HTML report: self-contained (no network), and it shows the numbers of the JSON."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest

from levensfase.analytics.report import build_report
from levensfase.analytics.report_html import render_html

AS_OF = date(2024, 12, 31)


class _Links(HTMLParser):
    """Every src/href of script, link, img and iframe tags, plus all table cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.cells: list[str] = []
        self._cell = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link", "img", "iframe"):
            self.urls += [value for name, value in attrs if name in ("src", "href") and value]
        self._cell = tag == "td"

    def handle_endtag(self, tag):
        self._cell = False if tag == "td" else self._cell

    def handle_data(self, data):
        if self._cell:
            self.cells.append(data)


@pytest.fixture(scope="module")
def pages():
    from support.handbuilt import hand_built_workforce

    report = build_report(hand_built_workforce(), as_of=AS_OF, k=2)
    return report, render_html(report), render_html(report, lang="en")


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_no_network_needed(pages):
    _, html, _ = pages
    parsed = _parse(html)
    assert not [u for u in parsed.urls if u.startswith(("http://", "https://", "//"))]
    assert "Plotly.newPlot" in html and "cdn.plot.ly/plotly" not in html.split("</script>", 1)[1]
    assert len(html) > 3_000_000  # the plotly.js bundle itself is inlined


def test_numbers_of_the_json_are_in_the_html(pages):
    report, html, _ = pages
    cells = _parse(html).cells
    # At k = 2 the eight people's flow tables are withheld whole (each year's one leaver or joiner
    # is someone the other tables name), so the flow row is read at k = 1.
    assert all(r["suppressed"] for r in report["flows"]["total"])
    from support.handbuilt import hand_built_workforce

    open_report = build_report(hand_built_workforce(), as_of=AS_OF, k=1)
    last = open_report["flows"]["total"][-1]
    # The 2024 flow row: 2024, opening 5, inflow 3, outflow 3, transfers 0, closing 5, mobility 2, promotions 1, 60.0.
    row = ["2024", "5", "3", "3", "0", "5", "2", "1", "60,0"]
    assert [str(last[c]) for c in ("year", "opening", "inflow", "outflow", "transfers_net", "closing",
                                   "internal_mobility", "promotions")] == row[:-1]
    open_cells = _parse(render_html(open_report)).cells
    assert any(open_cells[i:i + len(row)] == row for i in range(len(open_cells)))
    # The retention rows by spell start are audited with those flow tables (the same starts and
    # leavers, protected_report_starts), so at k = 2 the whole row goes too: read at k = 1.
    assert report["retention"][0]["suppressed"]
    overall = open_report["retention"][0]
    assert overall["survival_5y"] == 0.4375 and "0,438" in open_cells  # three digits in the table
    # The 12 months to 31 December 2024 are the year 2024: withheld with its flow row at k = 2
    # (one decision, protected_report_flows), so the outflow headline is read at k = 1 as well.
    assert report["outflow"]["last_12_months"]["total"][0]["suppressed"]
    assert "In de 12 maanden tot en met 31 december 2024 vertrokken" not in html
    # The outflow headline is influenceable outflow (DESIGN §4) over the 12 months to 31 December 2024:
    # F voluntary (influenceable); D retires 2024-08-31 after her AOW date 2024-06-01 (pension wave);
    # E let go (employer). Average stock (5 on 1 January: A B D F H; 6 on 31 December: A B C F G H) = 5.5.
    html = render_html(open_report)
    assert ("In de 12 maanden tot en met 31 december 2024 vertrokken 1 mensen die het beleid had kunnen houden "
            "(beïnvloedbare uitstroom: 1 vrijwillig, 0 arbeidsongeschikt, 0 vervroegd met pensioen vóór de "
            "AOW-datum): 18,2% van het gemiddelde personeelsbestand. Daarnaast gingen 1 mensen op of na hun "
            "AOW-datum met pensioen (de pensioengolf, geen verlies) en vertrokken er 1 op initiatief van de "
            "werkgever.") in html


def test_suppressed_cells_show_less_than_k(pages):
    report, html, english = pages
    hidden = [r for r in report["retention"] if r["suppressed"]]
    assert hidden  # k = 2: e.g. E alone on a temporary contract
    assert _parse(html).cells.count("< 2") >= len(hidden)
    assert "Verborgen: te kleine groep (privacy)" in html
    assert "In the 12 months to 31 December 2024" not in english  # withheld with the 2024 flow row
    assert "<html lang='en'>" in english


def test_employability_and_policy_scan_sections(pages):
    from html import escape

    report, html, english = pages
    assert "<h2>Duurzame inzetbaarheid</h2>" in html and "<h2>Sustainable employability</h2>" in english
    assert escape(report["policy_scan"]["summary_nl"]) in html
    assert escape(report["policy_scan"]["summary_en"]) in english
    # The hand-built organisation has no absence records: missing is not zero (DESIGN §6a).
    assert report["coverage"]["absences"] == 0 and "Verzuimpercentage" not in html
    assert "Gegevensdekking: geen verzuimgegevens; hierover trekken we geen conclusie." in html
    assert "Data coverage: no absence data; no conclusion is drawn about it." in english
    # Every policy-scan row is a table row: its population (or "< 2") appears after its group value.
    cells = _parse(html).cells
    for row in report["policy_scan"]["rows"]:
        shown = "< 2" if row["suppressed"] else str(row["population"])
        assert any(cells[i] == row["value"] and cells[i + 1] == shown for i in range(1, len(cells) - 1)), row


def test_falling_groups_list_is_capped_at_the_steepest_ten():
    from levensfase.analytics.findings.policy import falling_findings
    from levensfase.analytics.report_html import WORDS
    from levensfase.analytics.report_html_extra import employability_html
    from levensfase.documents.html import render_parts

    falling = [{"grouping": "unit", "group": f"U{i:02d}", "change": -3.0 + i / 10, "change_low": -4.0 + i / 10,
                "change_high": -2.0 + i / 10, "pairs": 30, "year_from": 2024, "year_to": 2025} for i in range(12)]
    found = falling_findings(falling, years=[2024, 2025], label=lambda by, g: (f"afdeling {g}", f"unit {g}"),
                             min_pairs=20)
    report = {"phases": {"labels": {}}, "findings": [f.as_dict() for f in found], "employability": {
        "absence": {"from": "2025-01-01", "to": "2025-12-31", "suppressed": True, "verzuimpercentage": None},
        "work_ability": {"life_phase": []}, "falling_work_ability": falling}}
    html = render_parts(employability_html(report, WORDS["nl"], 5), "nl")
    assert html.count("<li>") == 11 and "U10" not in html
    assert ("Het werkvermogen daalt bij afdeling U09: bij dezelfde 30 respondenten gemiddeld 2,1 punten lager in 2025 "
            "dan in 2024 (95%-interval 1,1 tot 3,1 punten).") in html
    assert "en nog 2 groepen" in html


def test_competencies_section_by_hand():
    # tests/support/handbuilt_skills.py with k = 1. Age bands on 2025-06-30 and development spend in the window:
    # 20-24 P06 0 (never assessed), 25-29 P05 1800, 35-39 P04 1000, 45-49 P01 1500, 50-54 P03 P07 0,
    # 55-59 P02 0 (the 900 ended before the window). Untapped: everyone assessed except P04 → 100% in
    # 25-29, 45-49, 50-54 and 55-59 (the last band of a tie is named).
    from levensfase.analytics.report_html_competencies import competencies_html
    from support.handbuilt_skills import AS_OF as SKILLS_DAY, skills_workforce

    report = build_report(skills_workforce(), as_of=SKILLS_DAY, k=1)
    html, english = render_html(report), render_html(report, lang="en")
    # No band has 20 assessed people, so none is named (DESIGN §6a).
    assert ("Onbenut potentieel (beoordeelden met een vaardigheid die hun functie niet vraagt): geen groep heeft "
            "minstens 20 beoordeelden; er is geen hoogste of laagste groep aan te wijzen.") in html
    assert "Untapped potential (assessed people with a skill their job does not use): no group has at least 20" in english
    cells = _parse(html).cells
    # The unit U1 row: 4 people, 75,0% untapped, 100,0% need, € 2.500, € 625 per person (Dutch format).
    assert any(cells[i:i + 7] == ["unit", "U1", "4", "75,0", "100,0", "2.500", "625"] for i in range(len(cells)))
    hidden = build_report(skills_workforce(), as_of=SKILLS_DAY, k=5)
    from levensfase.analytics.report_html import WORDS

    [section] = competencies_html(hidden, WORDS["nl"], 5)
    assert section.takeaway == "Te weinig mensen of beoordelingen om leeftijdsgroepen te tonen."


def test_table_cells_in_the_readers_number_format():
    """Issue 17: a percentage printed as "55,400" and amounts as "212577" read wrongly in Dutch."""
    from levensfase.documents.cells import cell_text as _cell

    assert _cell(55.4, "share_low", hidden=False, k=5, lang="nl") == "55,4"
    assert _cell(212577.0, "spend_eur", hidden=False, k=5, lang="nl") == "212.577"
    assert _cell(212577.0, "spend_eur", hidden=False, k=5, lang="en") == "212,577"
    assert _cell(1234, "population", hidden=False, k=5, lang="nl") == "1.234"
    assert _cell(0.8125, "survival_2y", hidden=False, k=5, lang="nl") == "0,813"
    assert _cell(2024, "year", hidden=False, k=5, lang="nl") == "2024"
    assert _cell(3, "population", hidden=True, k=5, lang="nl") == "< 5"
