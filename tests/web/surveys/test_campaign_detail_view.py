"""A campaign's response per unit: counts only, suppressed with complementary cells; reminders."""

from __future__ import annotations

import html as htmllib
import re
from datetime import date, timedelta

from levensfase.web.accounts.models import Role
from levensfase.web.surveys.services import create_campaign, save_response

from .conftest import wai_items


def _campaign(users):
    return create_campaign(user=users[Role.HR_ADMIN], name="Najaar", instrument="wai", unit_ids=["ZORG"],
                           closes_on=date.today() + timedelta(days=14), today=date.today())


def _cells(html: str, unit: str) -> list[str]:
    row = re.search(rf"<th scope=\"row\">{unit}</th>(.*?)</tr>", html, re.S).group(1)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_rates_per_unit_with_complementary_suppression(client_as, org, users, settings):
    """k=2. Invited: Team Noord 2 (P01, P05), Team Zuid 2 (P02, P09), Zorg 1 (P07). Zorg is small;
    a total is shown, so one more unit is withheld (Team Noord: first of the equal smallest)."""
    settings.LEVENSFASE_K = 2
    campaign = _campaign(users)
    save_response(person_id="P02", instrument="wai", items=wai_items(40), on=date.today())
    html = client_as(Role.HR_ANALYST).get(f"/surveys/campaigns/{campaign.pk}/").content.decode()
    assert _cells(html, "Team Zuid") == ["2", "1", "1", "50"]
    assert _cells(html, "Zorg") == ["< 2"] * 4
    assert _cells(html, "Team Noord") == ["< 2"] * 4
    assert "P02" not in html and "P09" not in html


def test_reminder_recorded_once_a_day(client_as, org, users):
    campaign = _campaign(users)
    client = client_as(Role.HR_ADMIN)
    client.post(f"/surveys/campaigns/{campaign.pk}/")
    html = client.post(f"/surveys/campaigns/{campaign.pk}/", follow=True).content.decode()
    campaign.refresh_from_db()
    assert campaign.reminders == [date.today().isoformat()]
    assert "Vandaag is al een herinnering verstuurd." in html


def test_unknown_campaign_and_other_roles(client_as, org, users):
    campaign = _campaign(users)
    assert client_as(Role.HR_ADMIN).get("/surveys/campaigns/999/").status_code == 404
    assert client_as(Role.MANAGER).get(f"/surveys/campaigns/{campaign.pk}/").status_code == 403
