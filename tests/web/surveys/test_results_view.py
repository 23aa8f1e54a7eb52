"""Own results: the score, what the band means and what could help, in Dutch and English; audited."""

from __future__ import annotations

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry


def test_own_result_with_band_explanation_and_audit(client_as, answered):
    html = client_as(Role.EMPLOYEE).get("/surveys/mine/").content.decode()
    assert "<strong data-own-score>33</strong>" in html
    assert "Uw werkvermogen is matig" in html
    assert "Bespreek uw werkdruk, uren of taken met uw leidinggevende." in html
    entry = Entry.objects.get()
    assert entry.person_id == "P01" and entry.detail["view"] == "survey_results"


def test_english(client_as, answered, client):
    client = client_as(Role.EMPLOYEE)
    client.cookies["django_language"] = "en"
    html = client.get("/surveys/mine/").content.decode()
    assert "Your work ability is moderate" in html


def test_the_unscorable_old_response_is_not_shown_as_a_result(client_as, org):
    html = client_as(Role.EMPLOYEE).get("/surveys/mine/").content.decode()
    assert "U heeft nog geen resultaten." in html


def test_result_points_at_the_recommendations_that_fit(client_as, answered):
    """The first three recommendations of "Wat is er voor mij?" (same person, same day), with the link."""
    import re

    client = client_as(Role.EMPLOYEE)
    html = client.get("/surveys/mine/").content.decode()
    assert 'href="/maatwerk/" data-what-for-me>Wat is er voor mij?' in html
    assert "zodra uw organisatie" not in html
    shown = re.findall(r"<li><strong>([^<]+)</strong> — ", html[html.index("<ul data-recommended>"):])
    mine = client.get("/maatwerk/").content.decode()
    offered = re.findall(r'<input type="checkbox" name="code" value="[^"]+"> <strong>([^<]+)</strong>', mine)
    assert len(shown) == 3 and shown == offered[:3]
