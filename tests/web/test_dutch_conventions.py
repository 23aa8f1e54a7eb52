"""Dutch conventions on every page a role reaches (issue 22 item 6, DESIGN §9).

Each role's pages (tests/support/routes.py plus the pages it leaves out) are rendered in the Dutch
UI and their *visible* text (text nodes and the title/aria-label/placeholder/alt attributes; not
scripts, styles or attribute values a reader never sees) is checked for:
- one form of address: "je/jij/jouw/jou" as a word on a page that also says "u/uw";
- untranslated codes: a list built from the core's code tuples (life phases and their axes and
  states, contracts, end reasons, life events, plan states, skill statuses, conversation answers,
  catalog bundles, funders and arrangement codes, audit actions, planning axes). Codes that are
  also ordinary Dutch words ("permanent", "partner", "starter", "plan" …) cannot be told apart
  from text and are left out; a bare sex code ("x") is caught as a cell of its own.

The packaged catalog's legal notes and the planner's effect sources are written in English in the
data files and translated through the .po files (`{% translate a.legal_note %}`); a test below
makes sure every packaged one has its Dutch text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from levensfase.model import conversations, lifephase, plans, schema, skills
from levensfase.model.arrangements import catalog
from levensfase.planning import states as planning_states
from levensfase.planning.effects import load_effects
from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Action
from support.routes import PAGES, url_of

ROLES = [r.value for r in Role]
# Pages routes.py does not list (it is about health data): the rest of what a role can open.
EXTRA_PAGES: dict[str, tuple[str, dict]] = {
    "catalog": ("maatwerk:catalog", {}),
    "competencies mine": ("competencies:mine", {}),
    "competencies match": ("competencies:match", {}),
    "competencies assessment P01": ("competencies:assessment:P01", {}),
    "surveys start": ("surveys:start", {}),
    "surveys consent": ("surveys:consent", {}),
    "surveys campaigns": ("surveys:campaigns", {}),
    "wai form": ("/surveys/wai/", {}),
    "projection": ("planning:projection", {"scenario": "baseline", "years": "3", "runs": "50", "seed": "7"}),
    "mappings": ("mappings:index", {}),
    "import": ("import", {}),
    "privacy access P01": ("privacy:access:P01", {}),
    "privacy erase": ("privacy:erase_start", {}),
    "occupational health records": ("privacy:oh_records", {}),
    "planner by age band": ("planning:planner", {"by": "age_band"}),
    "planner by sex": ("planning:planner", {"by": "sex"}),
    "compare": ("planning:compare", {"scenarios": "baseline", "years": "3", "runs": "50", "seed": "3"}),
    "composition by life phase": ("dashboard_composition", {"by": "life_phase"}),
    "flows by end reason": ("dashboard_flows", {"by": "end_reason"}),
    "retention by contract": ("dashboard_retention", {"by": "contract"}),
    "scan overview": ("scan:overview", {}),
    "scan mine": ("scan:mine", {}),
    "scan rounds": ("scan:rounds", {}),
    "scan programmes": ("scan:programmes", {}),
    "scan new programme": ("scan:programme_new", {}),
}
ALL_PAGES = {**PAGES, **EXTRA_PAGES}

DUTCH_WORDS = {"permanent", "intern", "partner", "excellent", "stop", "starter", "plan", "import", "manager",
               "attitude", "was", "spitsuur", "self", "specialist"}


def known_codes() -> set[str]:
    rules = lifephase.load_rules()
    codes = {*rules.phase_names, *lifephase.AXES, *lifephase.CAREER_STATES, *lifephase.PRIVATE_LIFE_STATES,
             *lifephase.VITALITY_STATES, *lifephase.PENSION_HORIZON_STATES,
             *schema.CONTRACTS, *schema.END_REASONS, *schema.LIFE_EVENTS, *schema.WORK_DEMANDS,
             *plans.STATES, *skills.STATUSES, *conversations.AMBITIONS, *conversations.MOBILITY_WISHES,
             *conversations.STAY_FACTORS, *catalog.BUNDLES, *catalog.FUNDERS, *(a.code for a in catalog.load_catalog() if "_" in a.code),
             *(a.value for a in Action), *planning_states.AXES}
    return {c for c in codes if c not in DUTCH_WORDS and len(c) > 1}


class _VisibleText(HTMLParser):
    """Text nodes outside script/style, and the attributes a reader or a screen reader gets."""

    SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts.extend(v for k, v in attrs if k in self.SHOWN_ATTRIBUTES and v)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(page: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(page)
    return parser.parts


JE = re.compile(r"\b(je|jij|jouw|jou|jezelf)\b", re.I)
U = re.compile(r"\b(u|uw)\b", re.I)
# 12.345, not 12345 (and not 1234 unless a year): a number of four digits or more outside 1900–2100.
LONG_NUMBER = re.compile(r"(?<![\w.,/:-])(?!(19|20)\d\d(?![\d]))\d{4,}(?![\w.,/:-])")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")  # tables show d-m-jjjj (ui.dates.day)


def problems(parts: list[str], codes: set[str]) -> list[str]:
    found = []
    text = "\n".join(parts)
    if JE.search(text) and U.search(text):
        found += [f"je beside u: {p!r}" for p in parts if JE.search(p)]
    pattern = re.compile(r"(?<![\w./-])(" + "|".join(sorted(map(re.escape, codes), key=len, reverse=True))
                         + r")(?![\w/-])")
    found += [f"code {m.group(1)!r} in {p!r}" for p in parts for m in pattern.finditer(p)]
    found += [f"bare sex code in a cell: {p!r}" for p in parts if p in schema.SEXES]
    found += [f"ISO date: {p!r}" for p in parts if ISO_DATE.search(p)]
    found += [f"number without thousands separator: {p!r}" for p in parts if LONG_NUMBER.search(p)]
    return found


@pytest.fixture
def pages_of(client_as, org):
    def render(role: str) -> dict[str, str]:
        client = client_as(role)
        out = {}
        for name, (target, params) in ALL_PAGES.items():
            url = target if target.startswith("/") else url_of(target)
            response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="nl")
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                out[name] = response.content.decode()
        return out
    return render


def test_the_code_list_is_built_from_the_core():
    codes = known_codes()
    assert {"stable_mid_career", "age_band", "late_career", "fixed_term", "voluntary", "view_person",
            "functiegerichte_scholing", "no_care_duties", "requested"} <= codes
    assert not codes & DUTCH_WORDS


def test_the_checks_catch_what_they_look_for():
    codes = known_codes()
    page = ("<p>Uw plan</p><p>Heb je vragen?</p><td>x</td><td>stable_mid_career</td><td>2024-07-08</td><td>2500</td><td>2.500</td><td>2024</td>"
            "<script>var a = 'je late_career';</script><span title='fixed_term'>vast</span>")
    assert problems(visible_text(page), codes) == [
        "je beside u: 'Heb je vragen?'", "code 'stable_mid_career' in 'stable_mid_career'",
        "code 'fixed_term' in 'fixed_term'", "bare sex code in a cell: 'x'", "ISO date: '2024-07-08'", "number without thousands separator: '2500'"]
    assert problems(visible_text("<p>Uw plan, met de taxi</p><td>Stabiele middenloopbaan</td>"), codes) == []


@pytest.mark.parametrize("role", ROLES)
def test_dutch_pages_use_u_and_no_raw_codes(pages_of, role):
    codes = known_codes()
    rendered = pages_of(role)
    assert len(rendered) >= 3, f"{role} opens too few pages: {sorted(rendered)}"
    found = {name: problems(visible_text(page), codes) for name, page in rendered.items()}
    assert not {k: v for k, v in found.items() if v}


def test_template_literals_with_a_percent_sign_are_translated():
    """{% translate "… (%)" %} looks up the msgid with the % doubled; a .po entry with a single %
    is silently never used (the policy scan showed "Wants to grow (%)" in the Dutch UI)."""
    from pathlib import Path

    from django.utils import translation

    import levensfase.web

    literal = re.compile(r'{%\s*(?:translate|trans)\s+"([^"]*%[^"]*)"')
    found = {m.group(1) for f in Path(levensfase.web.__file__).parent.rglob("*.html")
             for m in literal.finditer(f.read_text())}
    assert "Wants to grow (%)" in found
    with translation.override("nl"):
        untranslated = [s for s in found if translation.gettext(s.replace("%", "%%")) == s.replace("%", "%%")]
    assert untranslated == []


def _figure(page: str) -> dict:
    import json
    found = re.search(r'<script type="application/json"[^>]*data-figure[^>]*>(.*?)</script>', page, re.S)
    assert found, "no figure on the page"
    return json.loads(found.group(1))


def test_chart_axes_use_the_ui_languages_separators():
    from django.utils import translation

    from levensfase.web.ui import charts

    def figure(lang):
        with translation.override(lang):
            year_lines = charts.lines([2023, 2024], [("a", [1234.5, 20000.0], "#000000")], x_title="x", y_title="y")
            people = charts.pyramid(["20-24"], [("v", [1200], "#000000", -1), ("m", [2500], "#111111", 1)],
                                    x_title="x", y_title="y")
        import json
        return json.loads(year_lines)["layout"], json.loads(people)["layout"]

    nl, nl_pyramid = figure("nl")
    assert nl["separators"] == ",."  # plotly: decimal "," then thousands "."
    assert nl["yaxis"]["separatethousands"] is True and nl["yaxis"]["exponentformat"] == "none"
    assert nl["xaxis"]["separatethousands"] is False  # a year axis: "2024", not "2.024"
    # a tick every 1.000 people (2.500 / 3 rounded up to a nice step) from -3.000 to 3.000,
    # both sides counted positive
    assert nl_pyramid["xaxis"]["ticktext"] == ["3.000", "2.000", "1.000", "0", "1.000", "2.000", "3.000"]
    en, en_pyramid = figure("en")
    assert en["separators"] == ".," and en_pyramid["xaxis"]["ticktext"][0] == "3,000"


def test_a_dashboard_page_hands_plotly_the_dutch_separators(client_as, org):
    page = client_as(Role.HR_ANALYST).get(reverse("dashboard_composition")).content.decode()
    assert _figure(page)["layout"]["separators"] == ",."


def test_every_packaged_legal_note_and_effect_source_has_its_dutch_text():
    from django.utils import translation

    texts = {a.legal_note for a in catalog.load_catalog()} | {e.source for e in load_effects()}
    with translation.override("nl"):
        missing = [t for t in texts if translation.gettext(t.replace("%", "%%")) == t.replace("%", "%%")]
    assert len(texts) == 29 and missing == []


def test_the_catalog_shows_legal_notes_in_the_ui_language(client_as, org, client):
    hr = client_as(Role.HR_ADMIN)
    dutch = hr.get(reverse("maatwerk:catalog")).content.decode()
    assert "Open voor iedere medewerker; geen leeftijdscriterium." in dutch
    assert "kortdurend zorgverlof 2 x de wekelijkse arbeidsduur, 70% doorbetaald" in dutch
    assert "Open to every employee; no age criterion." not in dutch
    client.cookies["django_language"] = "en"
    english = hr.get(reverse("maatwerk:catalog")).content.decode()
    assert "Open to every employee; no age criterion." in english and "geen leeftijdscriterium" not in english


def test_one_date_filter_for_tables():
    from datetime import date, datetime

    from django.utils import translation

    from levensfase.web.ui.dates import day

    with translation.override("nl"):
        assert (day(date(2025, 1, 27)), day(date(2024, 7, 8)), day(None)) == ("27-01-2025", "08-07-2024", "")
        assert day(datetime(2025, 1, 27, 9, 5, 7)) == "27-01-2025 09:05:07"
    with translation.override("en"):
        assert day(date(2025, 1, 27)) == "27 Jan 2025"
