"""No answer of fewer than k respondents can be derived from the scan pages (issue 19).

Every page, CSV, workbook and round filter an HR analyst can reach is crawled; each published row
(a round × unit subtree: count and mean) is one linear equation over the *atoms* (round × unit's own
answers × role). A group of 1..k-1 respondents can be derived iff its atom vector lies in the span of
the published rows, so that is what is checked (exact sums assumed: rounding only makes it harder).
The same crawl at k = 1 shows the small groups' true means: the check would see a leak."""

from __future__ import annotations

import csv
import io
from itertools import combinations

import numpy as np
import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.scan import services
from levensfase.web.scan.models import Programme

from .conftest import ROUND_1, ROUND_2, response_frame

K = 5
ATOMS = {  # (round, unit, role) → answers (one respondent each; every item answered alike)
    (ROUND_1, "TA1", "employee"): [2, 3, 3, 2, 3, 4], (ROUND_1, "TA1", "manager"): [5],
    (ROUND_1, "TA2", "employee"): [3, 3, 4, 4, 2], (ROUND_1, "TB1", "employee"): [1, 5],
    (ROUND_1, "ZORG", "manager"): [1],
    (ROUND_2, "TA1", "employee"): [4, 4, 4, 3, 4, 5], (ROUND_2, "TA2", "employee"): [3, 3, 4, 4, 2, 3, 3],
    (ROUND_2, "TB1", "employee"): [1],
}
NAMES = {"Zorggroep Test": "ORG", "Hele organisatie": "ORG", "Zorg": "ZORG", "Bedrijfsvoering": "BV",
         "Team Noord": "TA1", "Team Zuid": "TA2", "Team Financiën": "TB1"}
SUBTREE = {"ORG": {"ORG", "ZORG", "BV", "TA1", "TA2", "TB1"}, "ZORG": {"ZORG", "TA1", "TA2"}, "BV": {"BV", "TB1"},
           "TA1": {"TA1"}, "TA2": {"TA2"}, "TB1": {"TB1"}}
KEYS = sorted(ATOMS, key=repr)


@pytest.fixture
def answers(org):
    services.load_responses(frame=response_frame({(u, r, d): v for (d, u, r), v in ATOMS.items()}))
    for unit_id in ("TA1", "TA2", "TB1", "ZORG", "BV"):  # every unit as a programme against the rest
        Programme.objects.create(name=f"Traject {unit_id}", start_date=ROUND_1, units=[unit_id],
                                 baseline=ROUND_1, follow_up=ROUND_2)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def crawl(client, *, k: int) -> list[tuple]:
    """Published (round, unit, respondents, mean) rows of every page, CSV, workbook and round filter."""
    from openpyxl import load_workbook

    hidden = f"< {k}"
    published = []
    for day in (ROUND_1, ROUND_2):
        assert client.get(f"/scan/?round={day.isoformat()}").status_code == 200
        rows = _csv(client.get(f"/scan/?round={day.isoformat()}&csv=heatmap"))
        published += [(day, NAMES[row[0]], row[1], row[2]) for row in rows[1:] if row[1] != hidden]
        book = load_workbook(io.BytesIO(b"".join(
            client.get(f"/scan/?round={day.isoformat()}&download=xlsx").streaming_content)))
        for row in list(book.worksheets[1].iter_rows(values_only=True))[1:]:
            if row[1] not in (hidden, None):
                published.append((day, NAMES[row[0]], str(row[1]), row[2]))
    for unit_id in SUBTREE:
        rows = _csv(client.get(f"/scan/units/{unit_id}/?csv=profile"))
        for column, day in ((1, ROUND_1), (2, ROUND_2)):
            if rows[1][column] != hidden:
                published.append((day, unit_id, None, rows[1][column]))
    return published


def _vector(day, units: set[str], roles=("employee", "manager")) -> np.ndarray:
    return np.array([1.0 if d == day and u in units and r in roles else 0.0 for d, u, r in KEYS])


def small_targets() -> list[tuple[str, np.ndarray]]:
    """Every union of atoms of one round with 1..k-1 respondents."""
    out = []
    for day in (ROUND_1, ROUND_2):
        atoms = [key for key in KEYS if key[0] == day]
        for size in range(1, len(atoms) + 1):
            for combo in combinations(atoms, size):
                if 1 <= sum(len(ATOMS[a]) for a in combo) < K:
                    out.append((repr(combo), np.array([1.0 if key in combo else 0.0 for key in KEYS])))
    return out


def derivable(published: list[tuple], target: np.ndarray) -> bool:
    rows = [_vector(day, SUBTREE[unit]) for day, unit, *_ in published]
    if not rows:
        return False
    base = np.array(rows)
    return np.linalg.matrix_rank(np.vstack([base, target])) == np.linalg.matrix_rank(base)


def test_no_group_of_fewer_than_k_follows_from_any_page_export_or_filter(client_as, answers, settings):
    settings.LEVENSFASE_K = K
    published = crawl(client_as(Role.HR_ANALYST), k=K)
    assert published  # the crawl does see numbers (the larger units)
    leaks = [name for name, target in small_targets() if derivable(published, target)]
    assert leaks == []
    for programme in Programme.objects.all():  # every programme page answers, from published values only
        assert client_as(Role.HR_ANALYST).get(f"/scan/programmes/{programme.pk}/").status_code == 200
    # The programmes on a small unit show no number from it: every row is "insufficient data".
    tb1 = client_as(Role.HR_ANALYST).get(
        f"/scan/programmes/{Programme.objects.get(name='Traject TB1').pk}/?csv=programme").content.decode()
    assert all(row[1:7] == ["–"] * 6 for row in csv.reader(io.StringIO(tb1)) if row[0] != "Maat")


def test_at_k_1_the_same_crawl_shows_the_small_groups(client_as, answers, settings):
    """The truth the check protects: at k = 1 Team Financiën's mean (1 + 5) / 2 = 3,0 is published
    and derivable; the lone manager of Zorg is published as Zorg's own subtree row minus its teams."""
    settings.LEVENSFASE_K = 1
    published = crawl(client_as(Role.HR_ANALYST), k=1)
    assert (ROUND_1, "TB1", "2", "3,0") in published
    assert derivable(published, _vector(ROUND_1, {"ZORG"}, roles=("manager",)))
