"""Naming a highest or lowest group only when the numbers allow it (DESIGN §6a).

A group is named when it has at least MIN_N people (or events) and its 95% interval does not
overlap the interval of the other published groups taken together; otherwise the sentence says the
groups do not differ clearly. Suppressed groups take no part: their numbers are not published.
These are the functions dashboard takeaways call as well (`highest_group_finding`,
`lowest_group_finding`), so a page and the report say the same thing about the same table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.numbers import percent
from levensfase.analytics.findings.stats import MIN_N, separated, wilson

__all__ = ["Group", "groups_from_rows", "highest_group_finding", "lowest_group_finding"]


@dataclass(frozen=True)
class Group:
    """One published group: `count` of `n` (a share count/n), shown as count/n × `scale`.

    `interval` overrides the Wilson interval (e.g. Greenwood for a Kaplan–Meier survival, on the
    same scale as the value); `value` overrides count/n × scale (e.g. the survival itself).
    """

    key: str
    label_nl: str
    label_en: str
    count: float
    n: int
    scale: float = 1.0
    value: float | None = None
    interval: tuple[float, float] | None = None

    @property
    def shown(self) -> float:
        return self.value if self.value is not None else self.count / self.n * self.scale

    @property
    def band(self) -> tuple[float, float] | None:
        if self.interval is not None:
            return self.interval
        w = wilson(self.count, self.n)
        return None if w is None else (w[0] * self.scale, w[1] * self.scale)

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl


def groups_from_rows(rows: Iterable[Mapping[str, Any]], *, count: str, n: str, labels: Mapping[str, tuple[str, str]]
                     | None = None, key: str = "value", scale: float = 1.0) -> list[Group]:
    """Groups from published table rows (dicts); suppressed rows and rows without n are left out."""
    labels = labels or {}
    out = []
    for row in rows:
        if row.get("suppressed") or row.get(count) is None or not row.get(n):
            continue
        name = str(row[key])
        nl, en = labels.get(name, (name, name))
        out.append(Group(key=name, label_nl=nl, label_en=en, count=row[count], n=int(row[n]), scale=scale))
    return out


def _rest(groups: Sequence[Group], top: Group) -> Group | None:
    others = [g for g in groups if g.key != top.key]
    if not others:
        return None
    if any(g.value is not None or g.interval is not None for g in others):
        # No pooled count: compare with the nearest other group (the strictest test).
        return min(others, key=lambda g: abs(g.shown - top.shown))
    count, n = sum(g.count for g in others), sum(g.n for g in others)
    return Group(key="rest", label_nl="de rest", label_en="the rest", count=count, n=n, scale=top.scale) if n else None


def _extreme(groups: Sequence[Group], *, which: str, section: str, measure: tuple[str, str], fmt, min_n: int,
             unit: tuple[str, str]) -> Finding:
    big = [g for g in groups if g.n >= min_n]
    m_nl, m_en = measure
    if not big:
        return Finding(section=section, kind="no_clear_difference",
                       text_nl=f"{m_nl}: geen groep heeft minstens {min_n} {unit[0]}; er is geen hoogste of laagste "
                               "groep aan te wijzen.",
                       text_en=f"{m_en}: no group has at least {min_n} {unit[1]}; no highest or lowest group can be "
                               "named.", numbers={"min_n": min_n, "groups": len(groups)})
    pick = max if which == "highest" else min
    top = pick(big, key=lambda g: (g.shown, g.key))
    rest = _rest(groups, top)
    rest_value = None if rest is None else rest.shown
    numbers = {"group": top.key, "value": round(top.shown, 4), "n": top.n,
               "rest_value": None if rest_value is None else round(rest_value, 4), "min_n": min_n}
    band = top.band
    if rest is not None and separated(band, rest.band) and (top.shown > rest.shown) == (which == "highest"):
        word_nl, word_en = ("het hoogst", "highest") if which == "highest" else ("het laagst", "lowest")
        between_nl = f"95%-interval {fmt(band[0], 'nl')}–{fmt(band[1], 'nl')}" if band else ""
        between_en = f"95% interval {fmt(band[0], 'en')}–{fmt(band[1], 'en')}" if band else ""
        return Finding(
            section=section, kind=which, n=top.n, interval=band, numbers=numbers,
            text_nl=f"{m_nl} is {word_nl} bij {top.label('nl')}: {fmt(top.shown, 'nl')} ({between_nl}; "
                    f"{top.n} {unit[0]}), tegen {fmt(rest_value, 'nl')} bij {rest.label('nl')}.",
            text_en=f"{m_en} is {word_en} in {top.label('en')}: {fmt(top.shown, 'en')} ({between_en}; "
                    f"{top.n} {unit[1]}), against {fmt(rest_value, 'en')} in {rest.label('en')}.")
    return Finding(
        section=section, kind="no_clear_difference", n=top.n, interval=band, numbers=numbers,
        text_nl=f"{m_nl}: de groepen verschillen niet duidelijk (de uitersten, zoals {top.label('nl')} met "
                f"{fmt(top.shown, 'nl')}, liggen binnen de toevalsmarge).",
        text_en=f"{m_en}: the groups do not differ clearly (the extremes, such as {top.label('en')} at "
                f"{fmt(top.shown, 'en')}, lie within the margin of chance).")


def highest_group_finding(groups: Sequence[Group], *, section: str, measure: tuple[str, str], fmt=percent,
                          min_n: int = MIN_N, unit: tuple[str, str] = ("personen", "people")) -> Finding:
    """The group with the highest value, named only when it has ≥ min_n and separates from the rest."""
    return _extreme(groups, which="highest", section=section, measure=measure, fmt=fmt, min_n=min_n, unit=unit)


def lowest_group_finding(groups: Sequence[Group], *, section: str, measure: tuple[str, str], fmt=percent,
                         min_n: int = MIN_N, unit: tuple[str, str] = ("personen", "people")) -> Finding:
    """The group with the lowest value, named only when it has ≥ min_n and separates from the rest."""
    return _extreme(groups, which="lowest", section=section, measure=measure, fmt=fmt, min_n=min_n, unit=unit)
