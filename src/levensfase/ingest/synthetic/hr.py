"""HR records of the synthetic staff: career conversations, arrangements (regelingen) and skills.

Arrangements are assigned the way a realistic, imperfect organisation does it: development
(opleidingsbudget, mentoring) more for the young, ouderschapsverlof around births, the
generatiepact 80-90-100 only within 5 years of AOW after 8 years' service, RVU in the last 36
months before AOW, and some age-based ontzie days (seniorendagen) left over from an older CAO.
`hours` and `cost_eur` are totals for a bounded arrangement and per year for a running one.
"""

from __future__ import annotations

import warnings

import numpy as np
import polars as pl

from levensfase.ingest.synthetic.careers import RETIREMENT
from levensfase.ingest.synthetic.catalogue import Catalogue
from levensfase.ingest.synthetic.population import NEVER, YEAR, Lives, in_state

ANNUAL_HOURS = 36 * 52
nan = np.nan
LEARNING_WISHES = (
    "Cursus palliatieve zorg", "Training omgaan met onbegrepen gedrag", "Opleiding tot verpleegkundige (hbo)",
    "Leiderschapstraining", "Excel voor gevorderden", "Coachingstraject", "Training gespreksvoering",
    "Scholing wondzorg", "Cursus digitale vaardigheden", "Specialisatie dementiezorg",
)
AMBITIONS = ("grow_in_role", "other_role", "leadership", "specialist", "other_employer", "reduce", "stop")
AMBITION_P = {  # by age band < 35, 35–54, 55+
    0: (0.35, 0.20, 0.12, 0.15, 0.12, 0.05, 0.01),
    1: (0.40, 0.15, 0.08, 0.15, 0.07, 0.13, 0.02),
    2: (0.35, 0.05, 0.02, 0.08, 0.03, 0.32, 0.15),
}


def birthday(birth: np.ndarray, years: int) -> np.ndarray:
    """Exact day of turning `years` (29 February → 28 February), as int days."""
    s = pl.Series(birth).cast(pl.Int32).cast(pl.Date).dt.offset_by(f"{years}y")
    return s.cast(pl.Int32).cast(pl.Int64).to_numpy()


def at_day(seg: pl.DataFrame, person: np.ndarray, day: np.ndarray) -> pl.DataFrame:
    """The main assignment (job, fte, start) of each person on each day, in input order."""
    q = pl.DataFrame({"row": np.arange(person.size), "person": person, "day": day}).sort("day")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hit = q.join_asof(seg.select("person", "start", "job", "fte").sort("start"), left_on="day",
                          right_on="start", by="person", strategy="backward")
    return hit.sort("row")


def conversations(rng: np.random.Generator, lives: Lives, seg: pl.DataFrame, spells: tuple[np.ndarray, ...], *,
                  as_of: int) -> pl.DataFrame:
    """Loopbaangesprekken of about half the staff in the last two years, one row per topic."""
    s_person, s_start, s_end, _ = spells
    lo = np.maximum(s_start, as_of - 730)
    hi = np.minimum(s_end, as_of)
    p_talk = np.where(s_end >= as_of, 0.5, 0.25)
    take = (hi >= lo) & (rng.random(s_person.size) < p_talk)
    person, lo, hi = s_person[take], lo[take], hi[take]
    day = lo + (rng.random(person.size) * (hi - lo + 1)).astype(np.int64)
    n = person.size
    cur = at_day(seg, person, day)
    fte = cur["fte"].to_numpy()
    age = (day - lives.birth[person]) / YEAR
    band = np.select([age < 35, age < 55], [0, 1], 2)
    ambition = np.empty(n, dtype=object)
    for b, probs in AMBITION_P.items():
        where = band == b
        ambition[where] = rng.choice(AMBITIONS, size=int(where.sum()), p=probs)
    young_child = ((lives.children[person] <= day[:, None]) & (lives.children[person] > day[:, None] - 4 * YEAR)).any(1)
    delta = np.where(np.isin(ambition, ["reduce", "stop"]), -rng.choice([0.1, 0.2], n),
                     np.where(young_child, -0.1 * (rng.random(n) < 0.3), 0.1 * (rng.random(n) < 0.12)))
    desired = np.clip(np.round((fte + delta) * 10) / 10, 0.1, 1.0)
    aow_age = np.floor((lives.aow[person] - lives.birth[person]) / YEAR).astype(int)
    intended = aow_age - rng.choice([0, 0, 0, 1, 2, 3, 4], n) + (rng.random(n) < 0.08)
    mobility = np.where(ambition == "other_role", "internal",
                        np.where(ambition == "other_employer", "external",
                                 np.where(rng.random(n) < 0.12, "internal", "none")))
    opt_in = np.where((mobility == "internal") | (rng.random(n) < 0.2), "true", "false")
    learning = rng.choice(LEARNING_WISHES, n)
    has_wish = rng.random(n) < np.clip(0.85 - 0.008 * (age - 25), 0.3, 0.9)
    topics = [
        ("ambition", ambition.astype(str), np.ones(n, bool)),
        ("desired_fte", np.array([f"{v:g}" for v in desired]), np.ones(n, bool)),
        ("intended_retirement_age", intended.astype(str), age >= 45),
        ("mobility_wish", mobility, np.ones(n, bool)),
        ("internal_mobility_opt_in", opt_in, np.ones(n, bool)),
        ("learning_wish", learning, has_wish),
    ]
    return pl.concat([pl.DataFrame({"person": person[m], "day": day[m], "order": np.full(int(m.sum()), i),
                                    "topic": t, "value": v[m]})
                      for i, (t, v, m) in enumerate(topics)])


def _rows(person, code, start, end, hours, cost) -> pl.DataFrame:
    n = len(person)
    return pl.DataFrame({"person": np.asarray(person, dtype=np.int64), "code": np.full(n, code),
                         "start": np.asarray(start, dtype=np.int64), "end": np.asarray(end, dtype=np.int64),
                         "hours": np.asarray(hours, dtype=float), "cost": np.asarray(cost, dtype=float)})


def arrangements(rng: np.random.Generator, cat: Catalogue, lives: Lives, seg: pl.DataFrame,
                 spells: tuple[np.ndarray, ...], *, bounds: list[int]) -> pl.DataFrame:
    s_person, s_start, s_end, s_reason = spells
    t0, as_of = bounds[0], bounds[-1]

    out = []
    # Yearly chances per spell-year: development and vitality offers. The offer day is drawn over
    # the whole year and taken up only while the person is employed on it, so the chance per day
    # depends on what is known that day and never on when the spell will end (drawing inside the
    # employed part squeezed a leaver's yearly chance into their last months: uptake "knew" the exit).
    for k in range(len(bounds) - 1):
        lo = np.maximum(s_start, bounds[k] + 1)
        hi = np.minimum(s_end, bounds[k + 1])
        ok = hi >= lo
        p, lo, hi, sst = s_person[ok], lo[ok], hi[ok], s_start[ok]
        n = p.size
        year_lo = bounds[k] + 1
        day = year_lo + (rng.random(n) * (bounds[k + 1] - year_lo + 1)).astype(np.int64)
        employed = (day >= lo) & (day <= hi)
        day = np.clip(day, lo, hi)  # only for the covariates of rows that are dropped anyway
        age = (day - lives.birth[p]) / YEAR
        tenure = (day - sst) / YEAR
        ill = in_state(lives.health_start[p], lives.health_end[p], day)
        offers = {
            # A course of 8-80 h at € 10-25 an hour (mean ≈ € 770): the size of a CAO training budget
            # (CAO Woondiensten € 900 a year; AWVN: € 706 on average), not several years of it.
            "opleidingsbudget": (np.select([age < 30, age < 40, age < 50, age < 55], [0.40, 0.30, 0.22, 0.15], 0.08),
                                 (1, 90), (8, 80), (10, 25)),
            "loopbaan_apk": (0.03 + 0.04 * ((age >= 40) & (age < 58)), (1, 30), (6, 6), (125, 250)),
            "vitaliteitsprogramma": (0.04 + 0.06 * ill + 0.03 * (age >= 45), (90, 180), (12, 12), (30, 40)),
            "projectrol": (np.full(n, 0.02), (90, 365), (40, 200), (0, 0)),
            "job_rotatie": (0.01 + 0.01 * (age < 45), (90, 180), (nan, nan), (0, 0)),
            "interne_detachering": (np.full(n, 0.006), (180, 365), (nan, nan), (0, 0)),
            "reverse_mentoring": (0.015 * ((age >= 50) | (age < 30)), (180, 180), (10, 10), (0, 0)),
            "sabbatical": (0.01 * ((tenure > 5) & (age >= 35) & (age < 55)), (90, 180), (nan, nan), (0, 0)),
        }
        for code, (prob, (d_lo, d_hi), (h_lo, h_hi), (c_lo, c_hi)) in offers.items():
            got = (rng.random(n) < prob) & employed
            m = int(got.sum())
            start = day[got]
            end = np.minimum(start + rng.integers(d_lo, d_hi + 1, m), s_end[ok][got])
            hours = np.round(rng.uniform(h_lo, h_hi, m) * 2) / 2 if not np.isnan(h_lo) else np.full(m, nan)
            if code == "sabbatical":
                hours = np.round((end - start + 1) / 7 * 36, 1)
            cost = np.round(np.nan_to_num(hours, nan=0.0) * rng.uniform(c_lo, c_hi, m), 2)
            out.append(_rows(p[got], code, start, end, hours, cost))

    # Mentoring for starters in their first weeks.
    new = np.flatnonzero((s_start > t0) & (rng.random(s_person.size) < 0.35))
    start = s_start[new] + rng.integers(0, 31, new.size)
    keep = start <= np.minimum(s_end[new], as_of)
    out.append(_rows(s_person[new][keep], "mentoring", start[keep], np.minimum(start[keep] + 180, s_end[new][keep]),
                     np.full(int(keep.sum()), 20.0), np.zeros(int(keep.sum()))))

    out.append(_ouderschapsverlof(rng, lives, seg, spells, as_of=as_of, t0=t0))
    out.append(_life_phase(rng, cat, lives, seg, spells, t0=t0, as_of=as_of))
    arr = pl.concat(out).with_columns(
        end=pl.when(pl.col("end") >= as_of).then(NEVER).otherwise(pl.col("end")))
    return arr.filter(pl.col("start") <= as_of).sort("person", "code", "start").unique(
        ["person", "code", "start"], keep="first", maintain_order=True)


def _ouderschapsverlof(rng, lives, seg, spells, *, as_of: int, t0: int) -> pl.DataFrame:
    s_person, s_start, s_end, _ = spells
    parts = []
    female = lives.sex[s_person] == "f"
    for c in range(lives.children.shape[1]):
        b = lives.children[s_person, c]
        start = b + rng.integers(60, 300, s_person.size)
        ok = (b > t0) & (start >= s_start) & (start <= np.minimum(s_end, as_of)) \
            & (rng.random(s_person.size) < np.where(female, 0.55, 0.35))
        p, start = s_person[ok], start[ok]
        end = np.minimum(start + rng.integers(120, 366, p.size), s_end[ok])
        fte = at_day(seg, p, start)["fte"].to_numpy()
        hours = np.round(26 * 36 * fte * rng.uniform(0.3, 1.0, p.size))
        parts.append(_rows(p, "ouderschapsverlof", start, end, hours, np.round(hours * 12.0, 2)))
    return pl.concat(parts)


def _life_phase(rng, cat: Catalogue, lives: Lives, seg: pl.DataFrame, spells, *, t0: int, as_of: int) -> pl.DataFrame:
    """Arrangements tied to a life situation or the pension horizon, running from a start date."""
    s_person, s_start, s_end, s_reason = spells
    n = s_person.size
    first = np.maximum(s_start, t0 + 1)
    last = np.minimum(s_end, as_of)
    out = []

    def running(code, eligible_from, prob, hours_per_fte=nan, cost=nan, delay=365):
        start = eligible_from + rng.integers(0, delay + 1, n)
        ok = (start <= last) & (start >= first) & (rng.random(n) < prob)
        p, st = s_person[ok], start[ok]
        cur = at_day(seg, p, st)
        fte = cur["fte"].to_numpy()
        hours = np.round(hours_per_fte * fte, 1) if not np.isnan(hours_per_fte) else np.full(p.size, nan)
        c = cost(fte) if callable(cost) else np.full(p.size, cost)
        out.append(_rows(p, code, st, s_end[ok], hours, c))
        return ok, cur

    first_job = at_day(seg, s_person, first)["job"].to_numpy()
    care, physical = cat.job_care[first_job], cat.job_physical[first_job]
    mental = ~physical & ~care
    running("flexibele_werktijden", first, np.where(care, 0.1, 0.25))
    running("zelfroosteren", first, np.where(care, 0.35, 0.0))
    running("thuiswerken", np.maximum(first, 18337), np.where(mental, 0.6, 0.02), delay=60)  # from March 2020
    running("seniorendagen", np.maximum(first, birthday(lives.birth[s_person], 57)), 0.5, 16.0)
    running("extra_verlof_55plus", np.maximum(first, birthday(lives.birth[s_person], 55)), 0.3, 24.0)
    running("vrijstelling_nachtdiensten", np.maximum(first, birthday(lives.birth[s_person], 57)),
            np.where(care & physical, 0.3, 0.0), delay=180)
    # Generatiepact: from 5 years before AOW, after 8 years of (continuous) service.
    aow = lives.aow[s_person]
    window = np.maximum(first, np.maximum(birthday(aow, -5), birthday(s_start, 8)))
    running("generatiepact_80_90_100", window, np.where(aow > window, 0.4, 0.0), 0.2 * ANNUAL_HOURS,
            cost=lambda fte: np.round(0.1 * fte * 42_000 + 0.2 * fte * 42_000 * 0.2, 2), delay=240)

    # Mantelzorgverlof during a caregiving episode; ergonomic adaptation after a health limitation.
    for code, ev_start, ev_end, prob, cost in (
        ("mantelzorgverlof", lives.care_start[s_person], lives.care_end[s_person], 0.3, 30.0),
        ("ergonomische_aanpassing", lives.health_start[s_person], lives.health_end[s_person],
         np.where(physical, 0.35, 0.1), nan),
    ):
        start = np.maximum(ev_start, first) + rng.integers(0, 91, n)
        ok = (start < ev_end) & (start <= last) & (rng.random(n) < prob)
        p, st = s_person[ok], start[ok]
        if code == "mantelzorgverlof":
            end = np.minimum(st + rng.integers(14, 181, p.size), s_end[ok])
            hours = np.round(rng.uniform(20, 140, p.size))
            c = np.round(hours * cost, 2)
        else:
            end, hours, c = st, np.full(p.size, nan), np.round(rng.uniform(300, 2500, p.size), 2)
        out.append(_rows(p, code, st, end, hours, c))

    # RVU (regeling vervroegd uittreden): paid from leaving until AOW, at most 36 months.
    gap = aow - s_end
    ok = (s_reason == RETIREMENT) & (gap > 30) & (gap <= 3 * 365) & (rng.random(n) < 0.6)
    months = np.round(gap[ok] / 30.44)
    out.append(_rows(s_person[ok], "rvu", s_end[ok], aow[ok] - 1, np.full(int(ok.sum()), nan),
                     np.round(months * 2_000.0, 2)))
    return pl.concat(out)


def person_skills(rng: np.random.Generator, cat: Catalogue, seg: pl.DataFrame, spells: tuple[np.ndarray, ...], *,
                  as_of: int) -> pl.DataFrame:
    """Self and manager assessments of current staff: the job's skills plus a few it does not use,
    and for about a fifth of the knowledge a job asks a certificate (a diploma or test) too."""
    s_start = spells[1]
    now = seg.filter((pl.col("start") <= as_of) & (pl.col("end") >= as_of)).sort("person", "start").unique(
        "person", keep="last", maintain_order=True)
    spell_start = s_start[now["spell"].to_numpy()]
    n = now.height
    tenure = np.minimum((as_of - spell_start) / YEAR, 10)
    self_day = np.maximum(as_of - rng.integers(0, 300, n), now["start"].to_numpy())
    mgr_day = np.minimum(self_day + rng.integers(0, 61, n), as_of)
    base = pl.DataFrame({"person": now["person"], "job": cat.job_ids[now["job"].to_numpy()], "tenure": tenure,
                         "start": now["start"],
                         "self_day": self_day, "mgr_day": mgr_day,
                         "does_self": rng.random(n) < 0.75, "does_mgr": rng.random(n) < 0.5})
    used = base.join(cat.job_skills.rename({"job_id": "job"}), on="job", how="inner").select(
        "person", "skill_id", "level_required", "tenure", "start", "self_day", "mgr_day", "does_self", "does_mgr")
    skill_ids = cat.skills["skill_id"].to_numpy()
    picks = rng.integers(0, skill_ids.size, (n, 2))
    extra = pl.concat([base.with_columns(skill_id=pl.Series(skill_ids[picks[:, 0]])),
                       base.with_columns(skill_id=pl.Series(skill_ids[picks[:, 1]])).filter(pl.Series(rng.random(n) < 0.5))])
    extra = extra.unique(["person", "skill_id"], keep="first", maintain_order=True).join(used.select("person", "skill_id"), on=["person", "skill_id"], how="anti")
    extra = extra.with_columns(level_required=pl.lit(None, dtype=pl.Int64)).select(used.columns)
    rows = pl.concat([used, extra]).sort("person", "skill_id")
    m = rows.height
    req = rows["level_required"].to_numpy()
    t = rows["tenure"].to_numpy()
    has_req = ~rows["level_required"].is_null().to_numpy()
    own = np.where(has_req, np.nan_to_num(req.astype(float)) + rng.normal(-0.4 + 0.08 * t, 0.7, m),
                   1 + rng.binomial(3, 0.3 + 0.03 * t, m))
    self_level = np.clip(np.round(own), 1, 4).astype(np.int64)
    mgr_level = np.clip(np.round(self_level + rng.normal(-0.15, 0.6, m)), 1, 4).astype(np.int64)
    rows = rows.with_columns(self_level=self_level, mgr_level=mgr_level)
    self_rows = rows.filter("does_self").select("person", "skill_id", level="self_level", source=pl.lit("self"),
                                                day="self_day")
    mgr_rows = rows.filter("does_mgr").select("person", "skill_id", level="mgr_level", source=pl.lit("manager"),
                                              day="mgr_day")
    # Drawn after everything above, so the self and manager levels do not change with this step.
    knowledge = rows.join(cat.skills.select("skill_id", "kind"), on="skill_id", how="left")["kind"].to_numpy()
    certified = has_req & (knowledge == "knowledge") & (rng.random(m) < 0.2)
    cert_level = np.clip(np.round(own + rng.normal(0.0, 0.3, m)), 1, 4).astype(np.int64)
    cert_day = np.maximum(rows["self_day"].to_numpy() - rng.integers(30, 720, m), rows["start"].to_numpy())
    rows = rows.with_columns(cert_level=cert_level, cert_day=cert_day)
    cert_rows = rows.filter(pl.Series(certified)).select("person", "skill_id", level="cert_level",
                                                         source=pl.lit("certified"), day="cert_day")
    return pl.concat([self_rows, mgr_rows, cert_rows])
