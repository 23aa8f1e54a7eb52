"""Competency fixtures on the hand-made organisation (tests/support/org_fixture.py):

skills  S1 Wondzorg (skill), S2 Samenwerken (attitude), S3 Medicatieveiligheid (knowledge),
        S4 Gegevensanalyse (skill), S5 Leidinggeven (skill)
jobs    SVPL (P01's job) asks S1:3, S2:2, S3:2;  VPL (P02, P05, P09) asks S1:2, S2:2;
        ADM asks S4:2;  TL asks S5:3, S2:3.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.web.hr.models import JobSkill, PersonSkill, Skill


@pytest.fixture
def skills(org):
    for sid, name, kind in (("S1", "Wondzorg", "skill"), ("S2", "Samenwerken", "attitude"),
                            ("S3", "Medicatieveiligheid", "knowledge"), ("S4", "Gegevensanalyse", "skill"),
                            ("S5", "Leidinggeven", "skill")):
        Skill.objects.create(skill_id=sid, name=name, kind=kind)
    for job, sid, level in (("SVPL", "S1", 3), ("SVPL", "S2", 2), ("SVPL", "S3", 2), ("VPL", "S1", 2),
                            ("VPL", "S2", 2), ("ADM", "S4", 2), ("TL", "S5", 3), ("TL", "S2", 3)):
        JobSkill.objects.create(job_id=job, skill_id=sid, level_required=level)
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
