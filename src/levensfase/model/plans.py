"""Personal plans (persoonlijk ontwikkel-/maatwerkplan) and their approval workflow.

draft → requested (the employee asks) → approved (their own line manager) → registered (HR admin
records it, after which the arrangements run). A manager may reject a request, HR may reject an
approved plan it cannot register, and the employee may withdraw until it is registered or reopen
a rejected or withdrawn plan as a new draft. Nobody approves, rejects or registers their own plan,
and a manager decides only for people in their own team (the caller tells us `manages_person`,
decided server-side by the access rules). Every transition adds a history entry; a forbidden one
raises `TransitionError` with a message in Dutch and English and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

__all__ = ["ACTIONS", "STATES", "Actor", "HistoryEntry", "Plan", "PlanItem", "TransitionError", "allowed_actions",
           "new_plan", "transition"]

STATES = ("draft", "requested", "approved", "registered", "rejected", "withdrawn")
# action → (states it starts from, state it leads to)
ACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": (("draft",), "requested"),
    "approve": (("requested",), "approved"),
    "reject": (("requested", "approved"), "rejected"),
    "register": (("approved",), "registered"),
    "withdraw": (("draft", "requested", "approved"), "withdrawn"),
    "reopen": (("rejected", "withdrawn"), "draft"),
}
_STATE_NL = {"draft": "concept", "requested": "aangevraagd", "approved": "goedgekeurd", "registered": "geregistreerd",
             "rejected": "afgewezen", "withdrawn": "ingetrokken"}


class TransitionError(ValueError):
    """A transition that is not allowed; `message_nl` / `message_en` are fit to show to the user."""

    def __init__(self, message_en: str, message_nl: str) -> None:
        super().__init__(message_en)
        self.message_en, self.message_nl = message_en, message_nl


@dataclass(frozen=True)
class Actor:
    """Who acts: their role (accounts.Role value), their own person record, and whether the
    access rules say they manage the plan's person (team membership on the day)."""

    role: str
    person_id: str | None
    manages_person: bool = False


@dataclass(frozen=True)
class PlanItem:
    code: str
    start_date: date
    end_date: date | None = None
    hours: float | None = None
    cost_eur: float | None = None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str
    from_state: str | None
    to_state: str
    actor_role: str
    actor_person_id: str | None
    note: str = ""


@dataclass(frozen=True)
class Plan:
    person_id: str
    items: tuple[PlanItem, ...]
    state: str
    history: tuple[HistoryEntry, ...]


def new_plan(*, person_id: str, items: tuple[PlanItem, ...], actor: Actor, at: datetime, note: str = "") -> Plan:
    """A draft, made by the employee or by their manager (for example during a career conversation)."""
    if not items:
        raise TransitionError("a plan needs at least one arrangement", "een plan heeft minstens één regeling nodig")
    if not (_is_self(actor, person_id) or (actor.role == "manager" and actor.manages_person)):
        raise TransitionError("only the employee or their own manager can start a plan",
                              "alleen de medewerker of de eigen leidinggevende kan een plan starten")
    entry = HistoryEntry(at, "create", None, "draft", actor.role, actor.person_id, note)
    return Plan(person_id, tuple(items), "draft", (entry,))


def _is_self(actor: Actor, person_id: str) -> bool:
    return actor.person_id is not None and actor.person_id == person_id


def _permission(plan: Plan, action: str, actor: Actor) -> tuple[str, str] | None:
    """None when allowed, else (English, Dutch) why not."""
    own = _is_self(actor, plan.person_id)
    if action in ("submit", "withdraw", "reopen"):
        return None if own else ("only the employee can do this with their own plan",
                                 "alleen de medewerker zelf kan dit met het eigen plan")
    if own:
        return ("nobody can decide on their own plan", "niemand kan over het eigen plan beslissen")
    if action == "approve" or (action == "reject" and plan.state == "requested"):
        if actor.role != "manager":
            return ("only the employee's line manager can decide on a request",
                    "alleen de leidinggevende van de medewerker kan over een aanvraag beslissen")
        if not actor.manages_person:
            return ("a manager decides only for their own team", "een leidinggevende beslist alleen voor het eigen team")
        return None
    if actor.role != "hr_admin":  # register, or reject an approved plan
        return ("only HR can register an approved plan or reject it", "alleen HR kan een goedgekeurd plan registreren of afwijzen")
    return None


def allowed_actions(plan: Plan, actor: Actor) -> list[str]:
    """The actions this actor may take now (what the screen offers as buttons)."""
    return [a for a, (sources, _) in ACTIONS.items() if plan.state in sources and _permission(plan, a, actor) is None]


def transition(plan: Plan, *, action: str, actor: Actor, at: datetime, note: str = "") -> Plan:
    """The plan after `action` by `actor`, with a history entry; TransitionError when not allowed."""
    if action not in ACTIONS:
        raise TransitionError(f"unknown action {action!r}", f"onbekende handeling {action!r}")
    sources, target = ACTIONS[action]
    if plan.state not in sources:
        raise TransitionError(f"cannot {action} a plan that is {plan.state}",
                              f"een plan dat {_STATE_NL[plan.state]} is kan dat niet")
    why = _permission(plan, action, actor)
    if why:
        raise TransitionError(*why)
    if action == "reject" and not note.strip():
        raise TransitionError("a rejection needs a reason", "een afwijzing heeft een toelichting nodig")
    entry = HistoryEntry(at, action, plan.state, target, actor.role, actor.person_id, note)
    return replace(plan, state=target, history=(*plan.history, entry))
