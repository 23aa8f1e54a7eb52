"""Recommendations: per employee a ranked, explained list of arrangements (maatwerk).

The rules live in `data/recommendations.toml`: conditions on the life-phase profile, the job and
the latest career-conversation answers → an arrangement and a reason in plain Dutch and English.
Ranking puts development before utilisation, maintenance and sparing (Kooij et al. 2014 bundles),
then rule priority, then code — deterministic. Only arrangements the organisation still offers
(`active`), the person does not already have (a registered arrangement running or planned), the
person is eligible for (`arrangements.check`) and whose budget has room are kept; the rest are
listed as skipped with the reason, so nothing disappears unexplained. No rule may rest on age alone.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from levensfase.model.arrangements.catalog import Catalog
from levensfase.model.arrangements.eligibility import PersonFacts, check
from levensfase.model.conversations import AMBITIONS, MOBILITY_WISHES, STAY_FACTORS
from levensfase.model.datafiles import describe, read_data_file
from levensfase.model.lifephase import AXES
from levensfase.model.schema import WORK_DEMANDS

__all__ = ["AGE_KEYS", "Recommendation", "RecommendationError", "Recommendations", "Rule", "load_rules",
           "parse_rules", "recommend"]

AGE_KEYS = ("min_age", "max_age", "pension_horizon")  # conditions that stand for age
_CHOICES = {**AXES, "ambition": AMBITIONS, "mobility_wish": MOBILITY_WISHES, "stay_factor": STAY_FACTORS,
            "work_demand": WORK_DEMANDS}
_NUMBERS = {"min_fte": (0, 1.2), "max_fte": (0, 1.2), "min_years_in_job": (0, 60), "min_service_years": (0, 60),
            "min_age": (15, 80), "max_age": (15, 80)}
_FLAGS = ("has_learning_wish", "wants_fewer_hours")
_RULE_KEYS = {"id", "arrangement", "priority", "when", "reason_nl", "reason_en", "unless_recommended"}
_FIRST = ("development", "utilisation")  # bundles that may stand in for a later one (development first)


class RecommendationError(ValueError):
    """An unusable rules file; the message names file, rule and field."""


@dataclass(frozen=True)
class Rule:
    id: str
    arrangement: str
    priority: int
    when: tuple[tuple[str, Any], ...]
    reason_nl: str
    reason_en: str
    # Development first: skip this rule's arrangement when one of these (development or utilisation)
    # arrangements is already recommended for the person — it serves the same need.
    unless_recommended: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    code: str
    bundle: str
    rule_id: str
    reason_nl: str
    reason_en: str
    name_nl: str
    name_en: str

    def reason(self, lang: str = "nl") -> str:
        return self.reason_en if lang == "en" else self.reason_nl


@dataclass(frozen=True)
class Recommendations:
    """`items` ranked; `skipped`: (code, rule_id, why_nl, why_en) of matched rules that were filtered out."""

    items: tuple[Recommendation, ...]
    skipped: tuple[tuple[str, str, str, str], ...]

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.items]


def load_rules(path: str | Path | None = None, *, catalog: Catalog | None = None) -> tuple[Rule, ...]:
    try:
        name, text = read_data_file(path, packaged="recommendations.toml")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecommendationError(f"{path}: cannot read ({describe(exc)})") from None
    return parse_rules(text, source=name, catalog=catalog)


def parse_rules(text: str, *, source: str = "recommendations.toml", catalog: Catalog | None = None) -> tuple[Rule, ...]:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RecommendationError(f"{source}: not valid TOML ({exc})") from None
    if raw.get("version") != 1 or not isinstance(raw.get("rules"), list) or not raw["rules"]:
        raise RecommendationError(f"{source}: needs version = 1 and at least one [[rules]] entry")
    rules, seen = [], set()
    for i, body in enumerate(raw["rules"], start=1):
        where = f"{source}: rule {body.get('id', f'#{i}') if isinstance(body, dict) else f'#{i}'}"
        rule = _rule(body, where, catalog)
        if rule.id in seen:
            raise RecommendationError(f"{where}: id is used twice")
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


def _rule(body: Any, where: str, catalog: Catalog | None) -> Rule:
    def fail(field: str, message: str) -> RecommendationError:
        return RecommendationError(f"{where}: {field}: {message}")

    if not isinstance(body, dict):
        raise fail("(rule)", "must be a table")
    unknown = sorted(set(body) - _RULE_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown field (allowed: {', '.join(sorted(_RULE_KEYS))})")
    for key in ("id", "arrangement", "reason_nl", "reason_en"):
        if not isinstance(body.get(key), str) or not body[key].strip():
            raise fail(key, "required text is missing or empty")
    if catalog is not None and body["arrangement"] not in catalog:
        raise fail("arrangement", f"{body['arrangement']!r} is not in the catalog")
    priority = body.get("priority")
    if isinstance(priority, bool) or not isinstance(priority, int) or not 1 <= priority <= 99:
        raise fail("priority", f"must be a whole number from 1 to 99, got {priority!r}")
    when = body.get("when")
    if not isinstance(when, dict) or not when:
        raise fail("when", "needs at least one condition")
    conditions = []
    for key, value in when.items():
        if key in _CHOICES:
            ok = isinstance(value, list) and value and all(v in _CHOICES[key] for v in value)
            if not ok:
                raise fail(f"when.{key}", f"must be a non-empty list of: {', '.join(_CHOICES[key])}")
            value = tuple(value)
        elif key in _NUMBERS:
            low, high = _NUMBERS[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                    or not low <= value <= high:
                raise fail(f"when.{key}", f"must be a number from {low} to {high}, got {value!r}")
        elif key in _FLAGS:
            if value is not True:
                raise fail(f"when.{key}", "can only be true")
        else:
            allowed = sorted([*_CHOICES, *_NUMBERS, *_FLAGS])
            raise fail(f"when.{key}", f"unknown condition (allowed: {', '.join(allowed)})")
        conditions.append((key, value))
    if all(key in AGE_KEYS for key, _ in conditions):
        raise fail("when", "a rule may not rest on age alone: add a condition on life phase, job or conversation")
    for key in ("reason_nl", "reason_en"):
        try:
            body[key].format(**{k: "" for k in _PLACEHOLDERS})
        except (KeyError, IndexError, ValueError) as exc:
            raise fail(key, f"unknown placeholder {exc} (allowed: {', '.join(_PLACEHOLDERS)})") from None
    unless = body.get("unless_recommended", [])
    if not isinstance(unless, list) or not all(isinstance(c, str) and c for c in unless):
        raise fail("unless_recommended", "must be a list of catalog codes")
    if catalog is not None:
        for code in unless:
            if code not in catalog or catalog[code].bundle not in _FIRST:
                raise fail("unless_recommended", f"{code!r} must be a development or utilisation arrangement "
                                                 "in the catalog")
    return Rule(body["id"], body["arrangement"], priority, tuple(conditions), body["reason_nl"].strip(),
                body["reason_en"].strip(), tuple(unless))


_PLACEHOLDERS = ("fte", "years_in_job", "service_years", "desired_fte", "learning_wish")


def _desired(answers: Mapping[str, str]) -> float | None:
    try:
        return float(answers["desired_fte"])
    except (KeyError, ValueError):
        return None


def _holds(key: str, value: Any, facts: PersonFacts, answers: Mapping[str, str]) -> bool:
    if key in AXES:
        return any(s in value for s in facts.state(key))
    if key == "work_demand":
        return any(d in value for d in facts.work_demands)
    if key in ("ambition", "mobility_wish", "stay_factor"):
        return answers.get(key) in value
    desired = _desired(answers)
    return {
        "min_fte": lambda: facts.fte >= value - 1e-9,
        "max_fte": lambda: facts.fte <= value + 1e-9,
        "min_years_in_job": lambda: facts.years_in_job >= value,
        "min_service_years": lambda: facts.service_years >= value,
        "min_age": lambda: facts.age >= value,
        "max_age": lambda: facts.age <= value,
        "has_learning_wish": lambda: bool(answers.get("learning_wish", "").strip()),
        "wants_fewer_hours": lambda: desired is not None and desired < facts.fte - 1e-9,
    }[key]()


def _number(x: float, lang: str) -> str:
    text = f"{x:.1f}" if abs(x * 10 - round(x * 10)) < 1e-9 else f"{x:g}"
    return text.replace(".", ",") if lang == "nl" else text


def _reason(template: str, facts: PersonFacts, answers: Mapping[str, str], lang: str) -> str:
    desired = _desired(answers)
    return template.format(
        fte=_number(facts.fte, lang), years_in_job=facts.years_in_job, service_years=facts.service_years,
        desired_fte=_number(desired, lang) if desired is not None else "?",
        learning_wish=answers.get("learning_wish", "").strip(),
    )


def recommend(facts: PersonFacts, *, answers: Mapping[str, str], catalog: Catalog, rules: tuple[Rule, ...],
              balances: Mapping[str, float] | None = None, limit: int | None = None,
              taken_up: Collection[str] = ()) -> Recommendations:
    """The ranked arrangements for one person on `facts.on`.

    `answers`: topic → latest conversation value. `balances`: remaining budget per funder
    ("plb" in hours, "ikb"/"own_budget"/"training_budget" in euros); an arrangement funded by a
    budget with less left than its cost is skipped. Without `balances` budgets are not checked.
    `taken_up`: codes the person already has (registered and running, or starting later): not
    recommended again.
    """
    matched: dict[str, tuple[tuple[int, int, str, str], Rule]] = {}
    skipped: list[tuple[str, str, str, str]] = []
    for rule in rules:
        if not all(_holds(k, v, facts, answers) for k, v in rule.when):
            continue
        arrangement = catalog[rule.arrangement]
        key = (arrangement.bundle_rank, rule.priority, rule.arrangement, rule.id)
        if rule.arrangement not in matched or key < matched[rule.arrangement][0]:
            matched[rule.arrangement] = (key, rule)
    items = []
    for key, rule in sorted(matched.values(), key=lambda kr: kr[0]):
        arrangement = catalog[rule.arrangement]
        if rule.arrangement in taken_up:
            skipped.append((rule.arrangement, rule.id, "al geregistreerd (loopt of staat gepland)",
                            "already registered (running or planned)"))
            continue
        if not arrangement.active:
            skipped.append((rule.arrangement, rule.id, "niet meer aangeboden (regeling staat uit)",
                            "no longer offered (arrangement switched off)"))
            continue
        verdict = check(arrangement, facts)
        if not verdict.eligible:
            failed = [c for c in verdict.checks if not c.ok]
            skipped.append((rule.arrangement, rule.id, "niet van toepassing: " + "; ".join(c.text_nl for c in failed),
                            "not eligible: " + "; ".join(c.text_en for c in failed)))
            continue
        instead = [r for r in items if r.code in rule.unless_recommended]
        if instead:
            skipped.append((rule.arrangement, rule.id, f"ontwikkeling eerst: {instead[0].name_nl} past hier al",
                            f"development first: {instead[0].name_en} already fits here"))
            continue
        short = _budget_short(arrangement.cost, balances)
        if short:
            skipped.append((rule.arrangement, rule.id, *short))
            continue
        items.append(Recommendation(
            code=rule.arrangement, bundle=arrangement.bundle, rule_id=rule.id,
            reason_nl=_reason(rule.reason_nl, facts, answers, "nl"),
            reason_en=_reason(rule.reason_en, facts, answers, "en"),
            name_nl=arrangement.name_nl, name_en=arrangement.name_en,
        ))
    return Recommendations(tuple(items[:limit] if limit else items), tuple(skipped))


def _budget_short(cost, balances: Mapping[str, float] | None) -> tuple[str, str] | None:
    if balances is None or cost.funded_by == "employer" or cost.funded_by not in balances:
        return None
    left = balances[cost.funded_by]
    need = cost.hours if cost.funded_by == "plb" else cost.eur
    if need <= left + 1e-9:
        return None
    unit_nl, unit_en = ("uur", "hours") if cost.funded_by == "plb" else ("euro", "euros")
    return (f"budget ontoereikend: nodig {need:g} {unit_nl}, over {left:g} {unit_nl}",
            f"budget too small: needs {need:g} {unit_en}, {left:g} {unit_en} left")
