"""Competency fixtures: the framework of tests/support/competency_fixture.py on the hand-made organisation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.web.hr.models import PersonSkill
from support.competency_fixture import build_skills


@pytest.fixture
def skills(org):
    build_skills()
    return org


@pytest.fixture
def assessed(skills):
    """P01 (SVPL asks S1:3, S2:2, S3:2; sections list by name, so S3 Medicatieveiligheid before S2):
    S1 self 2 then manager 3 → level 3 ≥ 3: used;      S2 self 1 < 2: development need;
    S3 never assessed, required: development need;    S4 self 3, not required: untapped;
    S5 manager 2, not required, below 3: other."""
    d1, d2 = date.today() - timedelta(days=10), date.today() - timedelta(days=5)
    for sid, level, source, day in (("S1", 2, "self", d1), ("S1", 3, "manager", d2), ("S2", 1, "self", d1),
                                    ("S4", 3, "self", d1), ("S5", 2, "manager", d2)):
        PersonSkill.objects.create(person_id="P01", skill_id=sid, level=level, source=source, date=day)
    return d1, d2
