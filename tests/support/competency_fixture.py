"""A small competency framework on top of org_fixture (exchange v1.1 skills), for the web and
browser tests of the competency screens:

skills  S1 Wondzorg (skill), S2 Samenwerken (attitude), S3 Medicatieveiligheid (knowledge),
        S4 Gegevensanalyse (skill), S5 Leidinggeven (skill)
jobs    SVPL (P01's job) asks S1:3, S2:2, S3:2;  VPL (P02, P05, P09) asks S1:2, S2:2;
        ADM asks S4:2;  TL asks S5:3, S2:3.
"""

from __future__ import annotations

from levensfase.web.hr.models import JobSkill, Skill

SKILLS = (("S1", "Wondzorg", "skill"), ("S2", "Samenwerken", "attitude"), ("S3", "Medicatieveiligheid", "knowledge"),
          ("S4", "Gegevensanalyse", "skill"), ("S5", "Leidinggeven", "skill"))
JOB_SKILLS = (("SVPL", "S1", 3), ("SVPL", "S2", 2), ("SVPL", "S3", 2), ("VPL", "S1", 2), ("VPL", "S2", 2),
              ("ADM", "S4", 2), ("TL", "S5", 3), ("TL", "S2", 3))


def build_skills() -> None:
    for sid, name, kind in SKILLS:
        Skill.objects.create(skill_id=sid, name=name, kind=kind)
    for job, sid, level in JOB_SKILLS:
        JobSkill.objects.create(job_id=job, skill_id=sid, level_required=level)
