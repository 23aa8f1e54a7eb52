"""Internal matching (doorstroom): who fits an open role or project, and which roles fit a person.

Scores are plain weighted sums so that the reason shown can explain them (docs/competencies.md):

- skill_fit: the mean over the asked skills of min(level, asked) / asked, an unassessed skill
  counting as level 0 — 1.0 means every asked skill is there at the asked level.
- ambition_fit: from the latest `ambition` answer (AMBITION_FIT); `leadership` fits 1.0 only for a
  job of a higher grade than the person's highest current grade; no answer is neutral (0.5).
- mobility_fit: from the latest `mobility_wish` (MOBILITY_FIT); no answer is neutral (0.5).
- candidate score = 0.6 skill + 0.25 ambition + 0.15 mobility (MATCH_WEIGHTS); rank by score
  (rounded to 4 decimals), ties by person_id.
- opted_in: the latest `internal_mobility_opt_in` answer on or before as_of is "true". Only
  they are listed unless include_not_opted_in (HR's full list; the web layer decides who may).
- roles_for: every job with required skills that the person does not hold now, scored
  0.5 skill + 0.3 untapped + 0.2 ambition (ROLE_WEIGHTS), where untapped_fit is the share of the
  person's untapped skills the job asks for (0 without untapped skills); ties by job_id.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from levensfase.model.conversations import latest
from levensfase.model.skills import check_day, current_levels, skills_profile

__all__ = ["AMBITION_FIT", "MOBILITY_FIT", "MATCH_WEIGHTS", "ROLE_WEIGHTS", "match_candidates", "roles_for"]

AMBITION_FIT = {"other_role": 1.0, "leadership": 1.0, "specialist": 0.75, "other_employer": 0.5,
                "grow_in_role": 0.25, "reduce": 0.25, "stop": 0.0}
LEADERSHIP_SIDEWAYS = 0.5  # leadership ambition, but the role is no step up (or a project without grade)
NEUTRAL = 0.5  # no answer: neither for nor against
MOBILITY_FIT = {"internal": 1.0, "external": 0.5, "none": 0.0}
MATCH_WEIGHTS = (0.6, 0.25, 0.15)  # skill, ambition, mobility
ROLE_WEIGHTS = (0.5, 0.3, 0.2)  # skill, untapped, ambition

AMBITION_LABELS = {
    "grow_in_role": ("groeien in de huidige functie", "grow in the current role"),
    "other_role": ("een andere functie", "another role"), "leadership": ("leidinggeven", "leadership"),
    "specialist": ("specialist worden", "becoming a specialist"),
    "other_employer": ("een andere werkgever", "another employer"), "reduce": ("minder werken", "working less"),
    "stop": ("stoppen met werken", "stopping work"),
}
MOBILITY_LABELS = {"none": ("geen", "none"), "internal": ("intern", "internal"), "external": ("extern", "external")}
NOT_DISCUSSED = ("niet besproken", "not discussed")


def _employed(workforce, on: date) -> pl.DataFrame:
    a = workforce.assignments
    return a.filter((pl.col("start_date") <= on) & (pl.col("end_date").is_null() | (pl.col("end_date") >= on)))


def _answers(workforce, on: date) -> dict[str, dict[str, str]]:
    """person_id → {topic: latest value} for the three topics matching reads."""
    rows = latest(workforce.conversations.filter(
        pl.col("topic").is_in(["ambition", "mobility_wish", "internal_mobility_opt_in"])), on=on)
    out: dict[str, dict[str, str]] = {}
    for person, topic, value in rows.select("person_id", "topic", "value").iter_rows():
        out.setdefault(person, {})[topic] = value
    return out


def _ambition_fit(ambition: str | None, *, step_up: bool | None) -> float:
    if ambition is None:
        return NEUTRAL
    if ambition == "leadership" and not step_up:
        return LEADERSHIP_SIDEWAYS
    return AMBITION_FIT.get(ambition, NEUTRAL)


def _asked(workforce, *, job_id: str | None, skills: Mapping[str, int] | None) -> dict[str, int]:
    if (job_id is None) == (skills is None):
        raise ValueError("give either job_id or skills (a mapping of skill_id to level 1–4), not both or neither")
    if job_id is not None:
        if job_id not in set(workforce.jobs.get_column("job_id").to_list()):
            raise ValueError(f"unknown job {job_id!r}")
        asked = dict(workforce.job_skills.filter(pl.col("job_id") == job_id)
                     .select("skill_id", "level_required").iter_rows())
        if not asked:
            raise ValueError(f"job {job_id!r} has no required skills (job_skills.csv) to match on")
        return asked
    known = set(workforce.skills.get_column("skill_id").to_list())
    if not skills:
        raise ValueError("the skill list is empty")
    for skill, level in skills.items():
        if skill not in known:
            raise ValueError(f"unknown skill {skill!r}")
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4:
            raise ValueError(f"level of {skill!r} must be a whole number 1–4, got {level!r}")
    return dict(skills)


def _skill_names(workforce) -> dict[str, tuple[str, str]]:
    return {s: n for s, n in workforce.skills.select("skill_id", "name").iter_rows()}


def _fit(levels: Mapping[str, int], asked: Mapping[str, int]) -> tuple[float, list[tuple[str, int | None, int]]]:
    """skill_fit and the shortfalls (skill_id, level or None, asked), by skill_id."""
    total, short = 0.0, []
    for skill in sorted(asked):
        need, have = asked[skill], levels.get(skill)
        total += min(have or 0, need) / need
        if (have or 0) < need:
            short.append((skill, have, need))
    return total / len(asked), short


def _skills_text(asked: Mapping[str, int], short: list, names: Mapping[str, str], lang: str) -> str:
    met, n = len(asked) - len(short), len(asked)
    if lang == "nl":
        head = ("Voldoet aan de gevraagde competentie." if n == 1 else f"Voldoet aan alle {n} gevraagde competenties.") \
            if not short else f"Voldoet aan {met} van {n} gevraagde competenties; tekort: "
        parts = [f"{names.get(s, s)} ({'niet beoordeeld' if have is None else have}, gevraagd {need})"
                 for s, have, need in short]
    else:
        head = ("Meets the required competency." if n == 1 else f"Meets all {n} required competencies.") \
            if not short else f"Meets {met} of {n} required competencies; short: "
        parts = [f"{names.get(s, s)} ({'not assessed' if have is None else have}, required {need})"
                 for s, have, need in short]
    return head + (", ".join(parts) + "." if short else "")


def _label(table: Mapping[str, tuple[str, str]], value: str | None, lang: str) -> str:
    pair = table.get(value, (value, value)) if value is not None else NOT_DISCUSSED
    return pair[0 if lang == "nl" else 1]


def match_candidates(workforce, *, as_of: date, job_id: str | None = None, skills: Mapping[str, int] | None = None,
                     include_not_opted_in: bool = False) -> pl.DataFrame:
    """Ranked internal candidates for a job (not those holding it now) or an ad-hoc skill list.

    Columns: person_id, rank, score, skill_fit, ambition_fit, mobility_fit, opted_in, skills_met,
    skills_asked, reason_nl, reason_en.
    """
    check_day(as_of, name="as_of")
    asked = _asked(workforce, job_id=job_id, skills=skills)
    employed = _employed(workforce, as_of).join(workforce.jobs.select("job_id", "grade"), on="job_id", how="left")
    holders = set(employed.filter(pl.col("job_id") == job_id).get_column("person_id").to_list()) if job_id else set()
    grades = dict(employed.group_by("person_id").agg(pl.col("grade").max()).iter_rows())
    target = workforce.jobs.filter(pl.col("job_id") == job_id).get_column("grade").to_list() if job_id else []
    target_grade = target[0] if target else None
    levels: dict[str, dict[str, int]] = {}
    for person, skill, level in current_levels(workforce.person_skills, on=as_of).select(
            "person_id", "skill_id", "level").iter_rows():
        levels.setdefault(person, {})[skill] = level
    answers, names = _answers(workforce, as_of), _skill_names(workforce)
    w_skill, w_ambition, w_mobility = MATCH_WEIGHTS
    rows = []
    for person in sorted(set(employed.get_column("person_id").to_list()) - holders):
        said = answers.get(person, {})
        opted = said.get("internal_mobility_opt_in") == "true"
        if not opted and not include_not_opted_in:
            continue
        fit, short = _fit(levels.get(person, {}), asked)
        own = grades.get(person)
        step_up = None if target_grade is None or own is None else target_grade > own
        ambition, mobility = said.get("ambition"), said.get("mobility_wish")
        a_fit = _ambition_fit(ambition, step_up=step_up)
        m_fit = MOBILITY_FIT.get(mobility, NEUTRAL) if mobility is not None else NEUTRAL
        score = round(w_skill * fit + w_ambition * a_fit + w_mobility * m_fit, 4)
        reason = {lang: f"{_skills_text(asked, short, names, lang)} "
                        f"{'Ambitie' if lang == 'nl' else 'Ambition'}: {_label(AMBITION_LABELS, ambition, lang)}. "
                        f"{'Mobiliteitswens' if lang == 'nl' else 'Mobility wish'}: "
                        f"{_label(MOBILITY_LABELS, mobility, lang)}." for lang in ("nl", "en")}
        rows.append({"person_id": person, "score": score, "skill_fit": round(fit, 4), "ambition_fit": a_fit,
                     "mobility_fit": m_fit, "opted_in": opted, "skills_met": len(asked) - len(short),
                     "skills_asked": len(asked), "reason_nl": reason["nl"], "reason_en": reason["en"]})
    rows.sort(key=lambda r: (-r["score"], r["person_id"]))
    schema = {"person_id": pl.String, "rank": pl.Int64, "score": pl.Float64, "skill_fit": pl.Float64,
              "ambition_fit": pl.Float64, "mobility_fit": pl.Float64, "opted_in": pl.Boolean,
              "skills_met": pl.Int64, "skills_asked": pl.Int64, "reason_nl": pl.String, "reason_en": pl.String}
    return pl.DataFrame([{**r, "rank": i} for i, r in enumerate(rows, start=1)], schema=schema)


def roles_for(workforce, *, person_id: str, as_of: date, top: int = 5) -> pl.DataFrame:
    """The `top` internal jobs that best fit the person's skills, untapped skills and ambition.

    Columns: job_id, title, job_family, rank, score, skill_fit, untapped_fit, ambition_fit,
    uses_untapped (skill names), reason_nl, reason_en.
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a whole number ≥ 1, got {top!r}")
    profile = skills_profile(workforce, person_id=person_id, on=as_of)
    levels = {s: lv for s, lv in profile.filter(pl.col("level").is_not_null()).select("skill_id", "level").iter_rows()}
    untapped = set(profile.filter(pl.col("status") == "untapped").get_column("skill_id").to_list())
    mine = _employed(workforce, as_of).filter(pl.col("person_id") == person_id)
    held = set(mine.get_column("job_id").to_list())
    jobs = workforce.jobs
    own_grade = jobs.filter(pl.col("job_id").is_in(list(held))).get_column("grade").max()
    ambition = _answers(workforce, as_of).get(person_id, {}).get("ambition")
    names = _skill_names(workforce)
    asked_by: dict[str, dict[str, int]] = {}
    for job, skill, level in workforce.job_skills.select("job_id", "skill_id", "level_required").iter_rows():
        asked_by.setdefault(job, {})[skill] = level
    w_skill, w_untapped, w_ambition = ROLE_WEIGHTS
    rows = []
    for job, title, family, grade in jobs.select("job_id", "title", "job_family", "grade").iter_rows():
        asked = asked_by.get(job)
        if job in held or not asked:
            continue
        fit, short = _fit(levels, asked)
        uses = sorted(untapped & set(asked))
        u_fit = len(uses) / len(untapped) if untapped else 0.0
        step_up = None if grade is None or own_grade is None else grade > own_grade
        a_fit = _ambition_fit(ambition, step_up=step_up)
        score = round(w_skill * fit + w_untapped * u_fit + w_ambition * a_fit, 4)
        used = ", ".join(names.get(s, s) for s in uses)
        reason = {}
        for lang in ("nl", "en"):
            lead = ((f"Benut onbenutte competenties: {used}. " if lang == "nl" else
                     f"Uses untapped competencies: {used}. ") if uses else "")
            reason[lang] = (lead + _skills_text(asked, short, names, lang) + " "
                            + f"{'Ambitie' if lang == 'nl' else 'Ambition'}: {_label(AMBITION_LABELS, ambition, lang)}.")
        rows.append({"job_id": job, "title": title, "job_family": family, "score": score, "skill_fit": round(fit, 4),
                     "untapped_fit": round(u_fit, 4), "ambition_fit": a_fit,
                     "uses_untapped": [names.get(s, s) for s in uses],
                     "reason_nl": reason["nl"], "reason_en": reason["en"]})
    rows.sort(key=lambda r: (-r["score"], r["job_id"]))
    schema = {"job_id": pl.String, "title": pl.String, "job_family": pl.String, "rank": pl.Int64,
              "score": pl.Float64, "skill_fit": pl.Float64, "untapped_fit": pl.Float64, "ambition_fit": pl.Float64,
              "uses_untapped": pl.List(pl.String), "reason_nl": pl.String, "reason_en": pl.String}
    return pl.DataFrame([{**r, "rank": i} for i, r in enumerate(rows[:top], start=1)], schema=schema)
