"""An independent, deliberately plain re-implementation of DESIGN §4 (dicts and loops, no Polars).

Tests compare the Polars core against it on generated data, so a mistake must be made twice,
in two very different ways, to go unnoticed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

REASONS = ("voluntary", "involuntary", "retirement", "disability", "death", "other")
FAR = date(9999, 12, 31)


def _covers(a: dict, day: date) -> bool:
    return a["start_date"] <= day and (a["end_date"] is None or a["end_date"] >= day)


def spells(assignments: list[dict]) -> list[dict]:
    by_person: dict[str, list[dict]] = defaultdict(list)
    for a in assignments:
        by_person[a["person_id"]].append(a)
    out = []
    for person, rows in by_person.items():
        rows.sort(key=lambda a: (a["start_date"], a["end_date"] or FAR))
        current = None
        for a in rows:
            end = a["end_date"] or FAR
            if current and (current["end"] == FAR or a["start_date"] <= current["end"] + timedelta(days=1)):
                if end >= current["end"]:
                    current["end"], current["reason"] = end, a["end_reason"]
            else:
                current = {"person_id": person, "start": a["start_date"], "end": end, "reason": a["end_reason"]}
                out.append(current)
    return out


def period(assignments: list[dict], jobs: list[dict], start: date, end: date) -> dict:
    grade = {j["job_id"]: j["grade"] for j in jobs}
    hc = [len({a["person_id"] for a in assignments if _covers(a, d)}) for d in (start, end)]
    ft = [sum(a["fte"] for a in assignments if _covers(a, d)) for d in (start, end)]
    all_spells = spells(assignments)
    inflow = sum(start <= s["start"] <= end for s in all_spells)
    leavers = [s for s in all_spells if s["end"] != FAR and start <= s["end"] <= end]
    outflow = {r: sum((s["reason"] or "other") == r for s in leavers) for r in REASONS}
    moves = promotions = 0
    seen = set()
    for a in assignments:
        key = (a["person_id"], a["start_date"], a["unit_id"], a["job_id"])
        if key in seen or not start <= a["start_date"] <= end:
            continue
        seen.add(key)
        before = [b for b in assignments if b["person_id"] == a["person_id"]
                  and b["end_date"] == a["start_date"] - timedelta(days=1)]
        if not before or any((b["unit_id"], b["job_id"]) == (a["unit_id"], a["job_id"]) for b in before):
            continue
        moves += 1
        previous = [grade[b["job_id"]] for b in before if grade[b["job_id"]] is not None]
        if grade[a["job_id"]] is not None and previous and grade[a["job_id"]] > max(previous):
            promotions += 1
    average = (hc[0] + hc[1]) / 2
    rate = (lambda n: None if average == 0 else round(n / average * 100, 2))
    return {
        "from": start.isoformat(), "to": end.isoformat(),
        "headcount_start": hc[0], "headcount_end": hc[1], "average_headcount": average,
        "fte_start": round(ft[0], 2), "fte_end": round(ft[1], 2),
        "inflow": inflow, "outflow": {"total": len(leavers), **outflow},
        "turnover_rate": rate(len(leavers)), "voluntary_turnover_rate": rate(outflow["voluntary"]),
        "internal_mobility": moves, "promotions": promotions,
    }
