"""HR admin changes the catalog: edit, add, switch off, reset; validation; audit; 403 for every other role."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.model.arrangements import load_catalog
from levensfase.model.arrangements.overrides import entry_body
from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Arrangement
from levensfase.web.maatwerk import selectors
from levensfase.web.maatwerk.models import CatalogChange, CatalogOverride

DEFAULT = load_catalog()
OTHERS = [Role.EMPLOYEE, Role.MANAGER, Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH, "nobody"]


def form_data(base: str | None = None, **changes) -> dict:
    """POST data of the edit form, starting from the packaged entry `base` (or an own bike scheme)."""
    if base:
        b = entry_body(DEFAULT[base])
    else:
        b = {"name_nl": "Fietsplan", "name_en": "Bike scheme", "description_nl": "Een fiets via de werkgever.",
             "description_en": "A bike through the employer.", "bundle": "maintenance", "active": True,
             "serves": {"vitality": ["good"]}, "eligibility": {"contracts": ["permanent"]},
             "cost": {"hours": 0, "eur": 750, "salary_pct": 0, "per": "once", "funded_by": "own_budget"},
             "legal_note": "Geen leeftijdscriterium.", "source": "Eigen regeling", "wgbl_justification": ""}
    data = {k: b[k] for k in ("name_nl", "name_en", "description_nl", "description_en", "bundle", "legal_note",
                              "source", "wgbl_justification")}
    if b["active"]:
        data["active"] = "on"
    data.update({f"serves_{a}": s for a, s in b["serves"].items()})
    for key, value in b["eligibility"].items():
        data[f"only_{key}" if key in ("career", "private_life", "vitality", "pension_horizon") else key] = value
    data.update({k: b["cost"][k] for k in ("hours", "eur", "salary_pct", "per", "funded_by")})
    if b["cost"].get("job_required"):
        data["job_required"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def edit_url(code):
    return f"/maatwerk/catalog/{code}/edit/"


@pytest.mark.parametrize("role", OTHERS)
@pytest.mark.parametrize("method, path", [
    ("get", edit_url("coaching")), ("post", edit_url("coaching")), ("get", "/maatwerk/catalog/new/"),
    ("post", "/maatwerk/catalog/new/"), ("post", "/maatwerk/catalog/coaching/reset/"),
])
def test_only_hr_admin_may_change_the_catalog(client_as, org, role, method, path):
    response = getattr(client_as(role), method)(path, form_data("coaching", name_nl="Gehackt"))
    assert response.status_code == 403
    assert "Alleen HR-beheerders passen de regelingencatalogus aan." in response.content.decode()
    assert not CatalogOverride.objects.exists() and not CatalogChange.objects.exists()


def test_hr_admin_sees_the_form_with_the_current_values(client_as, org):
    html = client_as(Role.HR_ADMIN).get(edit_url("generatiepact_80_90_100")).content.decode()
    assert 'name="min_service_years" value="8"' in html and 'name="within_years_before_aow" value="5"' in html
    assert 'value="Generatiepact 80-90-100"' in html
    assert "Dit is de standaardversie uit de catalogus." in html and "data-reset-form" not in html


def test_editing_the_generatiepact_window_changes_eligibility_and_is_audited(client_as, org, users):
    data = form_data("generatiepact_80_90_100", min_service_years="10", within_years_before_aow="3",
                     wgbl_justification="Gezond en werkend de AOW halen; alternatieven onderzocht (cao art. 13.1).")
    response = client_as(Role.HR_ADMIN).post(edit_url("generatiepact_80_90_100"), data)
    assert response.status_code == 302
    entry = selectors.catalog()["generatiepact_80_90_100"]
    assert (entry.eligibility.min_service_years, entry.eligibility.within_years_before_aow) == (10, 3)
    assert entry.wgbl_justification.startswith("Gezond en werkend")
    change = CatalogChange.objects.get()
    assert (change.username, change.code, change.action) == ("hr-admin", "generatiepact_80_90_100", "edit")
    assert change.before["eligibility"]["min_service_years"] == 8
    assert change.after["eligibility"]["min_service_years"] == 10
    assert change.after["eligibility"]["within_years_before_aow"] == 3
    html = client_as(Role.HR_ADMIN).get(edit_url("generatiepact_80_90_100")).content.decode()
    assert "<td>eligibility.min_service_years</td><td>8</td><td>10</td>" in html
    assert "Uw organisatie heeft deze standaardregeling aangepast." in html and "data-reset-form" in html


def test_rvu_months_and_cost_are_editable(client_as, org):
    data = form_data("rvu", within_months_before_aow="24", eur="2273",
                     wgbl_justification="Alleen belastende functies, getoetst door een erkende derde.")
    assert client_as(Role.HR_ADMIN).post(edit_url("rvu"), data).status_code == 302
    rvu = selectors.catalog()["rvu"]
    assert rvu.eligibility.within_months_before_aow == 24 and rvu.cost.eur == 2273.0


@pytest.mark.parametrize("changes, message", [
    ({"name_nl": ""}, "Naam (Nederlands)</a>: Dit veld is verplicht."),
    ({"min_fte": "0.9", "max_fte": "0.5"}, "De minimale fte is hoger dan de maximale fte."),
    ({"min_fte": "abc"}, "Minimale fte</a>: Voer een getal in."),
    ({"within_months_before_aow": "500"}, "Zorg ervoor dat deze waarde hoogstens 240 is."),
    ({"bundle": "ontzie"}, "Selecteer een geldige keuze."),
])
def test_bad_input_is_explained_and_nothing_saved(client_as, org, changes, message):
    response = client_as(Role.HR_ADMIN).post(edit_url("coaching"), form_data("coaching", **changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is niets opgeslagen." in html and message in html
    assert not CatalogOverride.objects.exists() and not CatalogChange.objects.exists()


def test_an_age_criterion_needs_a_wgbl_justification(client_as, org):
    client = client_as(Role.HR_ADMIN)
    response = client.post(edit_url("seniorendagen"), form_data("seniorendagen", name_nl="Seniorendagen 60+",
                                                                 min_age="60"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze regeling maakt onderscheid naar leeftijd (minimumleeftijd)" in html
    # an age criterion added to a development instrument needs it too
    response = client.post(edit_url("coaching"), form_data("coaching", only_pension_horizon=["window"]))
    assert response.status_code == 400 and "(pensioenhorizon)" in response.content.decode()
    assert not CatalogOverride.objects.exists()
    ok = form_data("seniorendagen", min_age="60", wgbl_justification="Onderdeel van een breder pakket (CGB 2007-97).")
    assert client.post(edit_url("seniorendagen"), ok).status_code == 302
    assert selectors.catalog()["seniorendagen"].eligibility.min_age == 60


def test_adding_an_own_instrument(client_as, org):
    client = client_as(Role.HR_ADMIN)
    response = client.post("/maatwerk/catalog/new/", form_data(code="fietsplan"))
    assert response.status_code == 302 and response["Location"] == edit_url("fietsplan")
    cat = selectors.catalog()
    assert len(cat) == len(DEFAULT) + 1 and cat["fietsplan"].cost.eur == 750.0
    change = CatalogChange.objects.get()
    assert (change.action, change.before, change.after["name_en"]) == ("add", None, "Bike scheme")
    html = client.get("/maatwerk/catalog/").content.decode()
    row = html[html.index('data-code="fietsplan"'):]
    assert "eigen regeling" in row[:row.index("</tr>")]
    # the same code again, or a code that is no code, is refused
    for code, message in (("fietsplan", "Er bestaat al een regeling met deze code."),
                          ("coaching", "Er bestaat al een regeling met deze code."),
                          ("Fiets plan!", "Gebruik 2 tot 63 kleine letters")):
        response = client.post("/maatwerk/catalog/new/", form_data(code=code))
        assert response.status_code == 400 and message in response.content.decode()
    assert CatalogChange.objects.count() == 1


def test_switched_off_entry_is_hidden_from_others_and_not_recommended(client_as, org, wish):
    client = client_as(Role.HR_ADMIN)
    data = form_data("opleidingsbudget")
    del data["active"]
    assert client.post(edit_url("opleidingsbudget"), data).status_code == 302
    assert 'data-code="opleidingsbudget"' in client.get("/maatwerk/catalog/").content.decode()  # admin still sees it
    employee = client_as(Role.EMPLOYEE)
    assert 'data-code="opleidingsbudget"' not in employee.get("/maatwerk/catalog/").content.decode()
    html = employee.get("/maatwerk/").content.decode()
    assert 'data-recommendation="opleidingsbudget"' not in html


def test_budget_spend_follows_the_organisations_funder(client_as, org):
    # P01 had mentoring (packaged: paid by the employer) this year; paid from the euro budget, it is spent.
    start = date.today() - timedelta(days=1)
    Arrangement.objects.create(person=org.people["P01"], code="mentoring", start_date=start, cost_eur=900.0)
    spent = lambda: selectors.maatwerk_of(person_id="P01", on=date.today()).budget[-1].own_spent_eur  # noqa: E731
    assert spent() == 0.0
    data = form_data("mentoring", funded_by="own_budget")
    assert client_as(Role.HR_ADMIN).post(edit_url("mentoring"), data).status_code == 302
    assert spent() == 900.0


def test_reset_to_default(client_as, org):
    client = client_as(Role.HR_ADMIN)
    client.post(edit_url("coaching"), form_data("coaching", name_nl="Loopbaancoaching"))
    assert selectors.catalog()["coaching"].name_nl == "Loopbaancoaching"
    assert client.post("/maatwerk/catalog/coaching/reset/").status_code == 302
    assert selectors.catalog()["coaching"] == DEFAULT["coaching"] and not CatalogOverride.objects.exists()
    reset = CatalogChange.objects.first()
    assert (reset.action, reset.before["name_nl"], reset.after["name_nl"]) == ("reset", "Loopbaancoaching", "Coachingstraject")
    assert client.get("/maatwerk/catalog/coaching/reset/").status_code == 405


def test_unknown_code_is_404(client_as, org):
    assert client_as(Role.HR_ADMIN).get(edit_url("bestaat_niet")).status_code == 404


def test_messages_in_english(client_as, org):
    client = client_as(Role.HR_ADMIN)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(edit_url("seniorendagen"), form_data("seniorendagen"))
    html = response.content.decode()
    assert response.status_code == 400 and "Nothing was saved." in html
    assert "This arrangement distinguishes by age (minimum age). Under the WGBL" in html
    assert "Only HR administrators change" in client_as(Role.MANAGER).get("/maatwerk/catalog/new/").content.decode()


def test_editing_job_required_training_keeps_its_flag_and_its_employer_funding(client_as, org):
    """Training the job requires is paid by the employer (art. 7:611a BW): an edit keeps the flag,
    and paying it from the personal budget is refused on the form."""
    assert DEFAULT["functiegerichte_scholing"].cost.job_required
    admin = client_as(Role.HR_ADMIN)
    assert admin.post(edit_url("functiegerichte_scholing"), form_data("functiegerichte_scholing", hours="40")
                      ).status_code == 302
    edited = selectors.catalog()["functiegerichte_scholing"]
    assert edited.cost.job_required and edited.cost.hours == 40
    refused = admin.post(edit_url("functiegerichte_scholing"),
                         form_data("functiegerichte_scholing", funded_by="own_budget"))
    assert refused.status_code == 400  # the form again, with the error in place
    assert "Scholing die de functie vraagt, betaalt de werkgever (art. 7:611a BW)." in refused.content.decode()
    assert selectors.catalog()["functiegerichte_scholing"].cost.funded_by == "employer"
