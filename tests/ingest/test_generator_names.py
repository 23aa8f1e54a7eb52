"""Display names of the synthetic organisation (exchange format v1.2): realistic Dutch names,
deterministic from the seed, following sex; and never in the analysis report (an aggregate export)."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest

from levensfase.analytics.report import build_report, report_json
from levensfase.ingest.generator import generate
from levensfase.ingest.synthetic.names import FEMALE, MALE, SURNAMES, draw_names
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 6, 30)


@pytest.fixture(scope="module")
def org():
    return generate(employees=150, years=4, seed=11, as_of=AS_OF)


def test_every_person_has_a_dutch_name_matching_their_sex(org):
    people = org["people"]
    assert people["display_name"].null_count() == 0
    for sex, name in people.select("sex", "display_name").iter_rows():
        first, surname = name.split(" ", 1)
        assert surname in SURNAMES
        assert first in {"f": FEMALE, "m": MALE}.get(sex, FEMALE + MALE)
    tussenvoegsel = people.filter(people["display_name"].str.contains(r" (van|de|ter|in 't|van 't) "))
    assert tussenvoegsel.height > 0.2 * people.height  # about a third of the surnames carry one


def test_names_are_deterministic_from_the_seed():
    sex = np.array(["f", "m", "x", "f"] * 50)
    assert list(draw_names(7, sex)) == list(draw_names(7, sex))
    assert list(draw_names(7, sex)) != list(draw_names(8, sex))


def test_names_leave_the_other_tables_as_they_were(org, monkeypatch):
    """Names have their own random stream: with other names, every other value stays the same."""
    from levensfase.ingest import generator

    monkeypatch.setattr(generator.names, "draw_names", lambda seed, sex: np.array(["X Y"] * len(sex), dtype=object))
    other = generate(employees=150, years=4, seed=11, as_of=AS_OF)
    for name, frame in org.items():
        if name == "people":
            assert frame.drop("display_name").equals(other[name].drop("display_name"))
            assert set(other[name]["display_name"]) == {"X Y"}
        else:
            assert frame.equals(other[name]), name


def test_the_analysis_report_carries_no_name_or_person_id(org):
    """At k = 1 (nothing suppressed) the mailed report still names nobody."""
    text = report_json(build_report(Workforce.from_tables(org), as_of=AS_OF, k=1))
    assert not [n for n in org["people"]["display_name"].unique() if n in text]
    assert not re.findall(r"P\d{6}", text)
