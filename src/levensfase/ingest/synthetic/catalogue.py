"""The fixed frame of the synthetic organisation: unit tree, job catalogue and competency framework.

The catalogues are package data files (`ingest/data/*.csv`) so an adviser can read and edit them;
only the number of teams depends on the requested headcount.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import numpy as np
import polars as pl

ORGANISATION_NAME = "Zorggroep Waalland"  # fictional regional care group (VVT: verpleging, verzorging, thuiszorg)
CARE_FAMILY = "verpleging & verzorging"
MEAN_TEAM_SIZE = 20


def _read(name: str) -> pl.DataFrame:
    source = resources.files("levensfase.ingest").joinpath("data", name)
    return pl.read_csv(source.read_bytes(), comment_prefix="#", infer_schema=False)


@dataclass(frozen=True)
class Catalogue:
    """Units, jobs and skills plus the numpy look-ups the simulation needs."""

    units: pl.DataFrame  # exchange table
    jobs: pl.DataFrame  # exchange table
    skills: pl.DataFrame  # exchange table
    job_skills: pl.DataFrame  # exchange table
    unit_ids: np.ndarray  # team index -> unit_id (teams only)
    team_division: np.ndarray  # team index -> division index
    team_weight: np.ndarray  # relative size of each team
    job_ids: np.ndarray
    job_family: np.ndarray
    job_grade: np.ndarray
    job_weight: np.ndarray  # share of hires
    job_female: np.ndarray
    job_fte_f: np.ndarray
    job_physical: np.ndarray  # bool: work_demand == physical
    job_care: np.ndarray  # bool: family verpleging & verzorging
    job_teams: tuple[np.ndarray, ...]  # per job: team indices where it occurs
    job_team_p: tuple[np.ndarray, ...]  # per job: probability of each of those teams
    promotion_targets: tuple[np.ndarray, ...]  # per job: jobs one grade step up (same family first)

    def job_index(self, job_id: str) -> int:
        return int(np.flatnonzero(self.job_ids == job_id)[0])


def build_catalogue(*, employees: int, rng: np.random.Generator) -> Catalogue:
    """The 3-level tree (organisation → 6 divisions → teams) sized for `employees` people."""
    divisions = _read("synthetic_divisions.csv")
    jobs_raw = _read("synthetic_jobs.csv").with_columns(
        pl.col("grade").cast(pl.Int64),
        pl.col("weight", "female", "fte_f").cast(pl.Float64),
    )
    division_codes = divisions["division"].to_list()
    job_divs = [[division_codes.index(d) for d in s.split(";")] for s in jobs_raw["divisions"].to_list()]
    job_weight = jobs_raw["weight"].to_numpy() / jobs_raw["weight"].sum()

    # Expected headcount per division decides how many teams it gets.
    div_share = np.zeros(len(division_codes))
    for j, divs in enumerate(job_divs):
        div_share[divs] += job_weight[j] / len(divs)
    n_teams_total = max(len(division_codes), round(employees / MEAN_TEAM_SIZE))
    n_teams = np.maximum(1, np.round(div_share * n_teams_total).astype(int))

    width = max(3, len(str(len(division_codes) + 1 + int(n_teams.sum()))))
    root = f"U{1:0{width}d}"
    unit_rows: list[tuple[str, str, str | None]] = [(root, ORGANISATION_NAME, None)]
    unit_rows += [(f"U{d + 2:0{width}d}", name, root) for d, name in enumerate(divisions["name"].to_list())]
    team_ids, team_div = [], []
    next_id = len(division_codes) + 2
    for d, row in enumerate(divisions.iter_rows(named=True)):
        places = row["places"].split(";")
        for t in range(int(n_teams[d])):
            place = places[t % len(places)]
            rounds = t // len(places)
            name = f"{row['team_prefix']} {place}" + (f" {rounds + 1}" if rounds else "")
            unit_id = f"U{next_id:0{width}d}"
            next_id += 1
            unit_rows.append((unit_id, name, f"U{d + 2:0{width}d}"))
            team_ids.append(unit_id)
            team_div.append(d)
    units = pl.DataFrame(unit_rows, schema={"unit_id": pl.String, "name": pl.String, "parent_id": pl.String},
                         orient="row")
    team_div_arr = np.array(team_div)
    team_weight = np.clip(rng.gamma(10.0, 0.1, size=len(team_ids)), 0.45, 1.8)  # sizes ~8–40 around 20

    # A job's people spread evenly over its divisions, then over the teams by team weight, so each
    # division gets the headcount its number of teams was sized for.
    div_weight = np.bincount(team_div_arr, weights=team_weight, minlength=len(division_codes))
    job_teams, job_team_p = [], []
    for divs in job_divs:
        teams = np.flatnonzero(np.isin(team_div_arr, divs))
        job_teams.append(teams)
        job_team_p.append(team_weight[teams] / div_weight[team_div_arr[teams]] / len(divs))

    family = jobs_raw["job_family"].to_numpy()
    grade = jobs_raw["grade"].to_numpy()
    targets = []
    for j in range(len(family)):
        same = np.flatnonzero((family == family[j]) & (grade > grade[j]))
        if same.size:
            step = grade[same].min()
            targets.append(same[grade[same] == step])
        else:
            targets.append(np.array([], dtype=int))

    skills_raw = _read("competencies.csv")
    skills = skills_raw.select("skill_id", "name", "kind", "esco_uri")
    job_skills = _job_skills(jobs_raw, skills_raw, rng)
    return Catalogue(
        units=units,
        jobs=jobs_raw.select("job_id", "title", "job_family", "work_demand", "grade"),
        skills=skills,
        job_skills=job_skills,
        unit_ids=np.array(team_ids),
        team_division=team_div_arr,
        team_weight=team_weight,
        job_ids=jobs_raw["job_id"].to_numpy(),
        job_family=family,
        job_grade=grade,
        job_weight=job_weight,
        job_female=jobs_raw["female"].to_numpy(),
        job_fte_f=jobs_raw["fte_f"].to_numpy(),
        job_physical=(jobs_raw["work_demand"] == "physical").to_numpy(),
        job_care=(jobs_raw["job_family"] == CARE_FAMILY).to_numpy(),
        job_teams=tuple(job_teams),
        job_team_p=tuple(job_team_p),
        promotion_targets=tuple(targets),
    )


def _job_skills(jobs: pl.DataFrame, skills: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Each job uses 6–10 skills: its family's own first, topped up with generic ones.

    The required level follows the grade (FWG 15–30 → 1–2, 35–45 → 2–3, 50+ → 3–4).
    """
    skill_ids = skills["skill_id"].to_numpy()
    fams = [s.split(";") for s in skills["families"].to_list()]
    rows = []
    for job_id, family, grade in jobs.select("job_id", "job_family", "grade").iter_rows():
        own = [i for i, f in enumerate(fams) if family in f]
        generic = [i for i, f in enumerate(fams) if "*" in f]
        k = int(rng.integers(6, 11))
        chosen = list(rng.permutation(own))[: min(len(own), k - 2)]
        chosen += list(rng.permutation(generic))[: k - len(chosen)]
        base = 1 + (grade >= 30) + (grade >= 45) + (grade >= 60)
        for i in sorted(chosen):
            level = base if i in own else base - 1
            level += int(rng.integers(-1, 2)) if rng.random() < 0.25 else 0
            rows.append((job_id, str(skill_ids[i]), int(min(4, max(1, level)))))
    return pl.DataFrame(rows, schema={"job_id": pl.String, "skill_id": pl.String, "level_required": pl.Int64},
                        orient="row")
