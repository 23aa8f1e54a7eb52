"""The access download as readable tables: Dutch column labels and plain cell text (templates stay dumb)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from levensfase.web.ui.dates import day
from levensfase.web.ui.labels import value_label

FIELD_LABELS = {
    "start_date": _("from"), "end_date": _("to"), "unit_id": _("unit"), "unit__name": _("unit name"),
    "job_id": _("job"), "job__title": _("job title"), "fte": _("FTE"), "contract": _("contract"),
    "end_reason": _("reason for leaving"), "event": _("event"), "pregnancy": _("pregnancy"), "date": _("date"),
    "instrument": _("questionnaire"), "answers": _("answers"), "campaign__name": _("round"),
    "campaign__instrument": _("questionnaire"), "responded_on": _("answered on"), "given_at": _("given on"),
    "withdrawn_at": _("withdrawn on"), "follow_up": _("follow-up by the bedrijfsarts"), "topic": _("topic"),
    "value": _("value"), "code": _("code"), "hours": _("hours"), "cost_eur": _("cost (EUR)"),
    "state": _("state"), "created_at": _("created on"), "items": _("items"), "events": _("history"),
    "skill_id": _("skill"), "skill__name": _("skill name"), "level": _("level"), "source": _("source"),
    "user__username": _("username"), "role": _("role"), "at": _("when"), "role_label": _("viewed by"),
    "health_data": _("including health data"),
}


# Fields holding an exchange code: shown by its label (dashboards' value_label, the one label table).
CODED_FIELDS = ("sex", "contract", "end_reason", "event", "instrument", "state", "action")
# The download keeps ISO dates (machine-readable); the page shows them as every table does.
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(T[\d:.+-]+)?")


def cell(value: Any, *, field: str = "") -> str:
    if field in CODED_FIELDS and isinstance(value, str) and value:
        return value_label(field, value)
    if value is None or value == "":
        return "–"
    if isinstance(value, str) and _ISO.fullmatch(value):
        return day(datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value))
    if isinstance(value, bool):
        return _g("yes") if value else _g("no")
    if isinstance(value, float):
        return number_format(value, decimal_pos=2 if value % 1 else 0, force_grouping=True)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {cell(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(cell(v.get("code") or v.get("action")) if isinstance(v, dict) else cell(v) for v in value)
    return str(value)


def table(rows: list[dict[str, Any]], *, leave_out: tuple[str, ...] = ()) -> dict[str, list]:
    """{"headers": [...], "rows": [[...], ...]} for one section."""
    if not rows:
        return {"headers": [], "rows": []}
    keys = [k for k in rows[0] if k not in leave_out]
    return {"headers": [FIELD_LABELS.get(k, k) for k in keys], "rows": [[cell(r.get(k), field=k) for k in keys] for r in rows]}
