"""The synthetic care organisation: contract rules of DESIGN §3 and plausibility bands.

Spells, headcounts, WAI totals and sick days are recomputed here with plain Python from the rows,
independently of the generator's own arithmetic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest

from levensfase.ingest.generator import generate
from levensfase.ingest.writer import write_exchange
from levensfase.model.pension import aow_date
from levensfase.model.schema import FTE_MAX, TABLES

AS_OF = date(2025, 6, 30)
N = 600
YEARS = 10


@pytest.fixture(scope="module")
def org() -> dict[str, pl.DataFrame]:
    return generate(employees=N, years=YEARS, seed=11, as_of=AS_OF)


def headcount(assignments: pl.DataFrame, day: date) -> int:
    return len({r["person_id"] for r in assignments.iter_rows(named=True)
                if r["start_date"] <= day and (r["end_date"] is None or r["end_date"] >= day)})


def spells_by_hand(assignments: pl.DataFrame) -> dict[str, list[list]]:
    """person -> [[start, end (None = open), rows]] by merging overlapping or adjacent assignments."""
    rows = defaultdict(list)
    for r in assignments.iter_rows(named=True):
        rows[r["person_id"]].append(r)
    far = date(9999, 12, 30)
    out = {}
    for person, rs in rows.items():
        rs.sort(key=lambda r: (r["start_date"], r["end_date"] or far))
        spells: list[list] = []
        for r in rs:
            end = r["end_date"] or far
            if spells and r["start_date"] <= spells[-1][1] + timedelta(days=1):
                spells[-1][1] = max(spells[-1][1], end)
                spells[-1][2].append(r)
            else:
                spells.append([r["start_date"], end, [r]])
        out[person] = [[s, None if e == far else e, rs_] for s, e, rs_ in spells]
    return out


def age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# ---------------------------------------------------------------- contract


def test_every_table_has_the_exact_exchange_schema(org):
    assert list(org) == list(TABLES)
    for name, table in TABLES.items():
        assert org[name].schema == pl.Schema(table.polars_schema), name
        assert org[name].height > 0, name
        for column in table.required:
            assert org[name][column].null_count() == 0, (name, column)
        for column in table.columns:
            if column.choices:
                assert set(org[name][column.name].drop_nulls()) <= set(column.choices), (name, column.name)


def test_keys_are_unique_and_references_resolve(org):
    for name, table in TABLES.items():
        frame = org[name]
        assert frame.select(table.key).is_duplicated().sum() == 0, name
        for column, target in table.references:
            known = set(org[target][TABLES[target].key[0]])
            assert set(frame[column].drop_nulls()) <= known, (name, column)


@pytest.mark.parametrize(("employees", "years", "as_of"), [(N, YEARS, AS_OF), (1, 3, date(2024, 2, 29)),
                                                           (37, 2, date(2030, 1, 1))])
def test_headcount_on_as_of_is_exact(org, employees, years, as_of):
    tables = org if employees == N else generate(employees=employees, years=years, seed=3, as_of=as_of)
    assert headcount(tables["assignments"], as_of) == employees


def test_history_spans_the_requested_years(org):
    a = org["assignments"]
    start = date(AS_OF.year - YEARS, AS_OF.month, AS_OF.day)
    assert headcount(a, start) > 0.8 * N  # a workforce already existed when the history starts
    hires = spells_by_hand(a)
    years_with_hires = {s[0].year for sp in hires.values() for s in sp if s[0] > start}
    assert years_with_hires == set(range(start.year, AS_OF.year + 1))
    assert a["end_date"].drop_nulls().max() < AS_OF  # a closed assignment never covers as_of


def test_assignments_follow_the_spell_semantics(org):
    a = org["assignments"]
    assert ((a["fte"] > 0) & (a["fte"] <= FTE_MAX)).all()
    assert (a["end_date"].is_null() | (a["end_date"] >= a["start_date"])).all()
    closed = 0
    rehired = 0
    for person, spells in spells_by_hand(a).items():
        rehired += len(spells) > 1
        for start, end, rows in spells:
            with_reason = [r for r in rows if r["end_reason"] is not None]
            if end is None:
                assert with_reason == [], person
                continue
            closed += 1
            assert len(with_reason) == 1, person  # exactly the last assignment of a closed spell
            assert with_reason[0]["end_date"] == end, person
            assert sum(r["end_date"] == end for r in rows) == 1, person  # unambiguous last assignment
    assert closed > N / 2  # ten years of exits at roughly 10 % a year
    assert rehired > 0


def test_no_overlapping_assignments_in_the_same_job(org):
    by = defaultdict(list)
    for r in org["assignments"].iter_rows(named=True):
        by[(r["person_id"], r["job_id"])].append((r["start_date"], r["end_date"] or date.max))
    for key, periods in by.items():
        periods.sort()
        for (_, e1), (s2, _) in zip(periods, periods[1:]):
            assert s2 > e1, key


def test_moves_promotions_and_concurrent_jobs_occur(org):
    a = org["assignments"].join(org["jobs"], on="job_id")
    moves = promotions = concurrent = 0
    for rows in a.sort("start_date").partition_by("person_id"):
        rs = rows.to_dicts()
        for r in rs:
            before = [p for p in rs if p["end_date"] == r["start_date"] - timedelta(days=1)]
            if before and (before[0]["unit_id"], before[0]["job_id"]) != (r["unit_id"], r["job_id"]):
                moves += 1
                promotions += r["grade"] > before[0]["grade"]
            others = [p for p in rs if p is not r and p["start_date"] <= r["start_date"]
                      and (p["end_date"] is None or p["end_date"] >= r["start_date"])]
            concurrent += bool(others)
    assert moves > 0.02 * N * YEARS
    assert 0 < promotions < moves
    assert concurrent > 0


def test_unit_tree_has_three_levels_and_teams_of_realistic_size(org):
    units = org["units"]
    parent = dict(zip(units["unit_id"], units["parent_id"], strict=True))
    roots = [u for u, p in parent.items() if p is None]
    assert len(roots) == 1
    depth = {u: 0 if p is None else (1 if parent[p] is None else 2) for u, p in parent.items()}
    assert all(parent[p] is None or parent[parent[p]] is None for p in parent.values() if p)
    assert sum(d == 1 for d in depth.values()) == 6
    assert {depth[u] for u in org["assignments"]["unit_id"]} == {2}
    assert all(re.fullmatch(r"U\d{3,}", u) for u in parent)
    a = org["assignments"]
    now = a.filter((pl.col("start_date") <= AS_OF) & (pl.col("end_date").is_null() | (pl.col("end_date") >= AS_OF)))
    sizes = now.group_by("unit_id").agg(pl.col("person_id").n_unique())["person_id"]
    assert 8 <= sizes.median() <= 40
    assert len(units) - 7 == pytest.approx(N / 20, rel=0.2)  # number of teams scales with N


def test_job_catalogue(org):
    jobs = org["jobs"]
    assert 28 <= jobs.height <= 40
    assert jobs["job_family"].n_unique() == 8
    assert {"verpleging & verzorging", "behandeling", "facilitair", "ICT", "financiën", "HR", "management",
            "staf & beleid"} == set(jobs["job_family"])
    assert all(re.fullmatch(r"J\d{2}", j) for j in jobs["job_id"])
    assert jobs["grade"].null_count() == 0
    assert all(re.fullmatch(r"P\d{6}", p) for p in org["people"]["person_id"])


def test_same_arguments_give_byte_identical_csv_and_other_seeds_differ(tmp_path: Path):
    kwargs = {"employees": 300, "years": 4, "as_of": date(2025, 3, 31)}
    first = write_exchange(generate(seed=5, **kwargs), tmp_path / "a")
    second = write_exchange(generate(seed=5, **kwargs), tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for x, y in zip(first, second, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.name
    other = generate(seed=6, **kwargs)
    assert not other["assignments"].equals(pl.read_csv(first[3], schema=TABLES["assignments"].polars_schema))


def test_bad_arguments_get_a_clear_message():
    good = {"employees": 10, "years": 2, "seed": 1, "as_of": AS_OF}
    for field, bad in (("employees", 0), ("employees", 2.5), ("years", 0), ("years", "10"), ("seed", -1),
                       ("as_of", "2025-06-30")):
        with pytest.raises(ValueError, match=field):
            generate(**{**good, field: bad})


def test_progress_is_reported_up_to_done():
    seen: list[tuple[str, float]] = []
    generate(employees=50, years=2, seed=1, as_of=AS_OF, progress=lambda s, f: seen.append((s, f)))
    fractions = [f for _, f in seen]
    assert len(seen) >= 5 and fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(isinstance(s, str) and s for s, _ in seen)


# ---------------------------------------------------------------- plausibility


@pytest.fixture(scope="module")
def staff(org) -> pl.DataFrame:
    """Assignments covering as_of with job and person details."""
    a = org["assignments"]
    return (a.filter((pl.col("start_date") <= AS_OF) & (pl.col("end_date").is_null() | (pl.col("end_date") >= AS_OF)))
            .join(org["jobs"], on="job_id").join(org["people"], on="person_id"))


def test_dutch_age_structure(staff):
    people = staff.unique("person_id")
    ages = [age(b, AS_OF) for b in people["birth_date"]]
    assert 0.28 <= sum(x >= 50 for x in ages) / len(ages) <= 0.50
    assert sum(x < 25 for x in ages) / len(ages) <= 0.12
    assert min(ages) >= 16 and max(ages) <= 72


def test_care_is_female_and_part_time(staff):
    care = staff.filter(pl.col("job_family") == "verpleging & verzorging")
    other = staff.filter(pl.col("job_family") != "verpleging & verzorging")
    assert 0.72 <= (care["sex"] == "f").mean() <= 0.92
    assert 0.6 <= care["fte"].mean() <= 0.8
    assert other["fte"].mean() > care["fte"].mean()
    assert staff.filter(sex="m")["fte"].mean() > staff.filter(sex="f")["fte"].mean() + 0.05
    contracts = staff["contract"].value_counts().to_dicts()
    share = {c["contract"]: c["count"] / staff.height for c in contracts}
    assert share["permanent"] > 0.7 and 0.05 < share["fixed_term"] < 0.25


def test_exits_by_reason_age_and_aow(org):
    people = {p: b for p, b in org["people"].select("person_id", "birth_date").iter_rows()}
    exits = [(p, s, e, rows) for p, sp in spells_by_hand(org["assignments"]).items() for s, e, rows in sp if e]
    reasons = defaultdict(int)
    near_aow = 0
    voluntary_by_age = {True: [], False: []}  # under 30 / 45–59 at exit -> was it voluntary
    for person, start, end, rows in exits:
        reason = next(r["end_reason"] for r in rows if r["end_reason"])
        reasons[reason] += 1
        if reason == "retirement":
            aow = aow_date(people[person]).date
            assert aow - timedelta(days=5 * 366) <= end <= aow + timedelta(days=3 * 366), person
            near_aow += abs((end - aow).days) <= 365
        if age(people[person], end) < 30 or 45 <= age(people[person], end) < 60:
            voluntary_by_age[age(people[person], end) < 30].append(reason == "voluntary")
    total = sum(reasons.values())
    assert 0.08 <= reasons["retirement"] / total <= 0.35
    assert near_aow / reasons["retirement"] >= 0.55
    assert reasons["voluntary"] > reasons["involuntary"] > reasons["death"] > 0 and reasons["disability"] > 0
    share = {young: sum(v) / len(v) for young, v in voluntary_by_age.items()}
    assert share[True] > share[False]


def test_life_events(org):
    ev = org["life_events"].join(org["people"], on="person_id")
    ages = ev.with_columns(age=(pl.col("start_date") - pl.col("birth_date")).dt.total_days() / 365.25)
    by = {e: ages.filter(event=e)["age"] for e in ("partner", "child", "caregiving", "study", "health_limitation")}
    assert all(len(v) for v in by.values())
    assert 25 <= by["partner"].median() <= 32
    assert 24 <= by["child"].median() <= 38 and by["child"].min() >= 18
    assert by["caregiving"].median() > 45 > by["study"].median()
    assert by["health_limitation"].median() > 45
    assert ev.filter(event="child")["end_date"].null_count() == ev.filter(event="child").height
    care = ev.filter(event="caregiving")
    assert care["end_date"].drop_nulls().len() > 0
    assert (care["end_date"].is_null() | (care["end_date"] > care["start_date"])).all()


def test_absences_lie_in_employment_and_pregnancy_only_for_women(org):
    ab = org["absences"].join(org["people"], on="person_id")
    spells = spells_by_hand(org["assignments"])
    for r in ab.iter_rows(named=True):
        assert any(s <= r["start_date"] <= (e or AS_OF) for s, e, _ in spells[r["person_id"]]), r
        assert r["end_date"] is None or r["end_date"] >= r["start_date"]
    preg = ab.filter("pregnancy")
    assert preg.height > 0 and set(preg["sex"]) == {"f"}
    assert all(18 <= age(b, d) <= 48 for b, d in zip(preg["birth_date"], preg["start_date"], strict=True))
    assert "diagnosis" not in org["absences"].columns
    days = ((ab["end_date"].fill_null(AS_OF) - ab["start_date"]).dt.total_days() + 1)
    assert (days > 42).sum() > 0 and days.median() <= 7  # mostly short, some long
    ages = [age(b, s) for b, s in zip(ab["birth_date"], ab["start_date"], strict=True)]
    mean_days = {old: days.filter(pl.Series([(x >= 50) == old and (x >= 50 or x < 35) for x in ages])).mean()
                 for old in (True, False)}
    assert mean_days[True] > mean_days[False]  # longer absences at 50+ than under 35
    for person, rows in ab.sort("start_date").group_by("person_id"):
        ends = rows["end_date"].fill_null(date.max).to_list()
        assert all(s > e for s, e in zip(rows["start_date"][1:], ends, strict=False)), person


RANGES = {"q1": (0, 10), "q2_physical": (1, 5), "q2_mental": (1, 5), "q4": (1, 6), "q7_1": (0, 4),
          "q7_2": (0, 4), "q7_3": (0, 4)}


def wai_total(items: dict[str, float], demand: str) -> float:
    """Tuomi et al. (1998) scoring, domain-facts §2.2, written out independently of any module."""
    phys, ment = items["q2_physical"], items["q2_mental"]
    q2 = {"physical": 1.5 * phys + 0.5 * ment, "mental": 0.5 * phys + 1.5 * ment}.get(demand, phys + ment)
    d = items["q3_diseases"]
    q3 = 7 if d == 0 else max(1, 6 - d)
    s = items["q5_sick_days"]
    q5 = 5 if s == 0 else 4 if s <= 9 else 3 if s <= 24 else 2 if s <= 99 else 1
    m = items["q7_1"] + items["q7_2"] + items["q7_3"]
    q7 = 1 if m <= 3 else 2 if m <= 6 else 3 if m <= 9 else 4
    return items["q1"] + q2 + q3 + items["q4"] + q5 + items["q6"] + q7


def test_survey_items_follow_the_scoring_contract(org):
    s = org["surveys"]
    wai = s.filter(instrument="wai")
    assert set(wai["item"]) == set(RANGES) | {"q3_diseases", "q5_sick_days", "q6"}
    for item, (lo, hi) in RANGES.items():
        v = wai.filter(item=item)["value"]
        assert v.min() >= lo and v.max() <= hi and (v == v.round()).all(), item
    assert set(wai.filter(item="q6")["value"]) <= {1.0, 4.0, 7.0}
    assert wai.filter(item="q3_diseases")["value"].min() >= 0
    assert set(s.filter(instrument="was")["item"]) == {"score"}
    uwes = s.filter(instrument="uwes9")
    assert set(uwes["item"]) == {str(i) for i in range(1, 10)}
    assert uwes["value"].min() >= 0 and uwes["value"].max() <= 6
    waves = sorted(set(s["date"]))
    assert len(waves) == 3 and all((b - a).days in (730, 731) for a, b in zip(waves, waves[1:]))
    for wave in waves:
        respondents = s.filter(date=wave)["person_id"].n_unique()
        assert 0.5 <= respondents / headcount(org["assignments"], wave) <= 0.7


def test_wai_bands_and_sick_days_match_absences(org, staff):
    s = org["surveys"].filter(instrument="wai")
    demand = dict(org["assignments"].join(org["jobs"], on="job_id").sort("start_date")
                  .select("person_id", "work_demand").iter_rows())
    absences = defaultdict(list)
    for r in org["absences"].filter(~pl.col("pregnancy")).iter_rows(named=True):
        absences[r["person_id"]].append((r["start_date"], r["end_date"] or AS_OF))
    bands = defaultdict(int)
    rows = s.pivot(on="item", index=["person_id", "date"], values="value")
    for r in rows.iter_rows(named=True):
        lo, hi = r["date"] - timedelta(days=365), r["date"] - timedelta(days=1)
        days = sum(max(0, (min(e, hi) - max(st, lo)).days + 1) for st, e in absences[r["person_id"]])
        assert r["q5_sick_days"] == days, r["person_id"]
        total = wai_total(r, demand[r["person_id"]])
        bands["poor" if total < 28 else "moderate" if total < 37 else "good" if total < 44 else "excellent"] += 1
    n = sum(bands.values())
    assert 0.02 <= bands["poor"] / n <= 0.13
    assert 0.15 <= bands["moderate"] / n <= 0.35
    assert 0.30 <= bands["good"] / n <= 0.52
    assert 0.15 <= bands["excellent"] / n <= 0.35


def test_career_conversations(org, staff):
    c = org["conversations"]
    assert set(c["topic"]) == {"ambition", "desired_fte", "intended_retirement_age", "mobility_wish",
                               "internal_mobility_opt_in", "learning_wish"}
    assert c["date"].min() >= AS_OF - timedelta(days=731) and c["date"].max() <= AS_OF
    value = {t: c.filter(topic=t)["value"] for t in set(c["topic"])}
    assert set(value["ambition"]) <= {"grow_in_role", "other_role", "leadership", "specialist", "other_employer",
                                      "reduce", "stop"}
    assert all(0 < float(v) <= FTE_MAX and v == f"{float(v):g}" for v in value["desired_fte"])
    assert all(v.isdigit() and 58 <= int(v) <= 72 for v in value["intended_retirement_age"])
    assert set(value["mobility_wish"]) <= {"none", "internal", "external"}
    assert set(value["internal_mobility_opt_in"]) <= {"true", "false"}
    talked = set(c["person_id"]) & set(staff["person_id"])
    assert 0.35 <= len(talked) / staff["person_id"].n_unique() <= 0.65


def test_arrangements_follow_their_rules(org):
    ar = org["arrangements"].join(org["people"], on="person_id")
    assert set(ar["code"]) <= {
        "opleidingsbudget", "loopbaan_apk", "mentoring", "reverse_mentoring", "job_rotatie", "interne_detachering",
        "projectrol", "sabbatical", "ouderschapsverlof", "mantelzorgverlof", "flexibele_werktijden",
        "zelfroosteren", "thuiswerken", "vitaliteitsprogramma", "ergonomische_aanpassing",
        "generatiepact_80_90_100", "rvu", "seniorendagen", "vrijstelling_nachtdiensten", "extra_verlof_55plus"}
    assert ar["code"].n_unique() >= 15
    assert (ar["end_date"].is_null() | (ar["end_date"] >= ar["start_date"])).all()
    assert (ar["hours"].drop_nulls() >= 0).all() and (ar["cost_eur"].drop_nulls() >= 0).all()
    spells = spells_by_hand(org["assignments"])
    pact = ar.filter(code="generatiepact_80_90_100")
    assert pact.height > 0
    for r in pact.iter_rows(named=True):
        aow = aow_date(r["birth_date"]).date
        assert date(aow.year - 5, aow.month, min(aow.day, 28)) <= r["start_date"] < aow, r
        start = next(s for s, e, _ in spells[r["person_id"]] if s <= r["start_date"] <= (e or AS_OF))
        assert (r["start_date"] - start).days >= 8 * 365, r
    children = defaultdict(list)
    for p, d in org["life_events"].filter(event="child").select("person_id", "start_date").iter_rows():
        children[p].append(d)
    leave = ar.filter(code="ouderschapsverlof")
    assert leave.height > 0
    assert all(any(d <= r["start_date"] <= d + timedelta(days=8 * 366) for d in children[r["person_id"]])
               for r in leave.iter_rows(named=True))
    for r in ar.filter(code="rvu").iter_rows(named=True):
        aow = aow_date(r["birth_date"]).date
        assert 0 < (aow - r["start_date"]).days <= 3 * 366
    seniors = ar.filter(pl.col("code").is_in(["seniorendagen", "extra_verlof_55plus"]))
    assert all(age(b, d) >= 55 for b, d in zip(seniors["birth_date"], seniors["start_date"], strict=True))
    # development goes to the young more often than to the old
    train = ar.filter(code="opleidingsbudget")
    young = sum(age(b, d) < 35 for b, d in zip(train["birth_date"], train["start_date"], strict=True))
    assert young / train.height > 0.3


def test_skills_framework_and_assessments(org, staff):
    skills, job_skills, person_skills = org["skills"], org["job_skills"], org["person_skills"]
    assert 35 <= skills.height <= 50
    assert set(skills["kind"]) == {"knowledge", "attitude", "skill"}
    per_job = job_skills.group_by("job_id").len()
    assert per_job.height == org["jobs"].height and per_job["len"].min() >= 6 and per_job["len"].max() <= 10
    assert job_skills["level_required"].is_between(1, 4).all()
    assert person_skills["level"].is_between(1, 4).all()
    assert set(person_skills["source"]) == {"self", "manager", "certified"}
    certified = person_skills.filter(source="certified").join(skills, on="skill_id")
    assert set(certified["kind"]) == {"knowledge"} and 0 < certified.height < person_skills.height / 5
    current_job = dict(staff.select("person_id", "job_id").iter_rows())
    used = set(job_skills.select("job_id", "skill_id").iter_rows())
    outside = sum((current_job[p], s) not in used for p, s in person_skills.select("person_id", "skill_id").iter_rows())
    assert 0 < outside < person_skills.height / 2


def test_skill_levels_grow_with_experience(org, staff):
    # Years since the person's first assignment (a rough tenure); the self-assessed level on the job's
    # own skills minus the level the job asks, averaged: longer-serving staff sit higher.
    first = org["assignments"].group_by("person_id").agg(pl.col("start_date").min().alias("first"))
    jobs = staff.select("person_id", "job_id").unique("person_id", keep="first")
    rows = (org["person_skills"].filter(source="self").join(jobs, on="person_id")
            .join(org["job_skills"], on=["job_id", "skill_id"]).join(first, on="person_id")
            .with_columns(years=(pl.lit(AS_OF) - pl.col("first")).dt.total_days() / 365.25,
                          gap=pl.col("level") - pl.col("level_required")))
    new = rows.filter(pl.col("years") < 2).get_column("gap").mean()
    old = rows.filter(pl.col("years") >= 8).get_column("gap").mean()
    assert old - new > 0.3, (new, old)
